"""A partial index of the audit events that leave the processing or the resolution stage (the reports).

Revision ID: e7a9c1d3f5b6
Revises: d4e6f8a0b2c4
Create Date: 2026-11-24 19:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e7a9c1d3f5b6'
down_revision = 'd4e6f8a0b2c4'
branch_labels = None
depends_on = None

# Literal, as in caseflow.models.event.STAGE_EXIT_SQL at this revision.
STAGE_EXIT_SQL = (
    "to_status IN ('accepted', 'guided', 'forwarded', 'returned', 'filed', 'not_accepted', 'withdrawn', "
    "'terminated', 'decided')"
)


def upgrade():
    op.create_index(
        'ix_case_events_stage_exit',
        'case_events',
        ['case_id', 'from_status', 'to_status', 'created_dt'],
        unique=False,
        sqlite_where=sa.text(STAGE_EXIT_SQL),
        postgresql_where=sa.text(STAGE_EXIT_SQL),
    )


def downgrade():
    op.drop_index(
        'ix_case_events_stage_exit',
        table_name='case_events',
        sqlite_where=sa.text(STAGE_EXIT_SQL),
        postgresql_where=sa.text(STAGE_EXIT_SQL),
    )
