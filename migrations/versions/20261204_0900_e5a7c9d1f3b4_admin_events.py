"""Admin events: administrators' changes in one hash chain, checked by `caseflow audit verify`.

Revision ID: e5a7c9d1f3b4
Revises: a1c3e5f7b9d1
Create Date: 2026-12-04 09:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e5a7c9d1f3b4'
down_revision = 'a1c3e5f7b9d1'
branch_labels = None
depends_on = None

APPEND_ONLY = """
CREATE FUNCTION admin_events_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'admin_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER admin_events_no_update_delete BEFORE UPDATE OR DELETE ON admin_events
    FOR EACH ROW EXECUTE FUNCTION admin_events_append_only();
"""


def upgrade():
    op.create_table('admin_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('created_dt', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('actor_user_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=48), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('request_id', sa.String(length=64), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['actor_user_id'], ['users.id'], name=op.f('fk_admin_events_actor_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_admin_events')),
    sa.UniqueConstraint('seq', name=op.f('uq_admin_events_seq'))
    )
    with op.batch_alter_table('admin_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_admin_events_actor_user_id'), ['actor_user_id'], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(APPEND_ONLY)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS admin_events_no_update_delete ON admin_events")
        op.execute("DROP FUNCTION IF EXISTS admin_events_append_only()")
    with op.batch_alter_table('admin_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_admin_events_actor_user_id'))
    op.drop_table('admin_events')
