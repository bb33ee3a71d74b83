"""Legal duties: the denouncer's recorded waiver of identity protection (Luật TC 2018 Art 47(2)), and the
complaint's limitation facts (Luật KN Art 9: when the complainant learned of the act, obstacle days), and
the calendar years an administrator confirmed without an announcement file.

Revision ID: b2d4f6a8c0e1
Revises: e5a7c9d1f3b4
Create Date: 2026-12-04 10:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b2d4f6a8c0e1'
down_revision = 'e5a7c9d1f3b4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('calendar_confirmations',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('confirmed_by_id', sa.Integer(), nullable=False),
    sa.Column('confirmed_dt', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['confirmed_by_id'], ['users.id'], name=op.f('fk_calendar_confirmations_confirmed_by_id_users')),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_calendar_confirmations'))
    )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('identity_waived_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('learned_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('obstacle_days', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('obstacle_days')
        batch_op.drop_column('learned_on')
        batch_op.drop_column('identity_waived_on')
    op.drop_table('calendar_confirmations')
