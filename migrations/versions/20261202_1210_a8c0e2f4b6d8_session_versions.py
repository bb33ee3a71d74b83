"""Session versions: logout, a password reset, a role change or deactivation end every session and API token.

Revision ID: a8c0e2f4b6d8
Revises: f1a3b5c7d9e2
Create Date: 2026-12-02 12:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a8c0e2f4b6d8'
down_revision = 'f1a3b5c7d9e2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users') as batch:
        batch.add_column(sa.Column('session_version', sa.Integer(), nullable=False, server_default='0'))
    with op.batch_alter_table('api_tokens') as batch:
        batch.add_column(sa.Column('session_version', sa.Integer(), nullable=False, server_default='0'))


def downgrade():
    with op.batch_alter_table('api_tokens') as batch:
        batch.drop_column('session_version')
    with op.batch_alter_table('users') as batch:
        batch.drop_column('session_version')
