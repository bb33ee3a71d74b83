"""Letters imported from a unit's register keep their register number, unique per unit.

Revision ID: d4f6b8c0e2a3
Revises: c3e5a7b9d1f2
Create Date: 2026-12-04 12:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd4f6b8c0e2a3'
down_revision = 'c3e5a7b9d1f2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('register_no', sa.String(length=32), nullable=True))
        batch_op.create_unique_constraint('uq_cases_unit_register_no', ['unit_id', 'register_no'])


def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_constraint('uq_cases_unit_register_no', type_='unique')
        batch_op.drop_column('register_no')
