"""A decision or conclusion records its results: money and land recovered for the State and returned to
citizens, people disciplined, cases referred for investigation.

Revision ID: f5b7d9e1a3c5
Revises: a6c8e0f2b4d6
Create Date: 2026-12-04 14:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f5b7d9e1a3c5'
down_revision = 'a6c8e0f2b4d6'
branch_labels = None
depends_on = None

BIG = ('state_money_vnd', 'state_land_m2', 'citizens_money_vnd', 'citizens_land_m2')
SMALL = ('people_disciplined', 'cases_referred')


def upgrade():
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        for name in BIG:
            batch_op.add_column(sa.Column(name, sa.BigInteger(), nullable=True))
        for name in SMALL:
            batch_op.add_column(sa.Column(name, sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        for name in reversed(BIG + SMALL):
            batch_op.drop_column(name)
