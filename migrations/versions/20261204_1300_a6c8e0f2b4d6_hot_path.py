"""Hot path: the word index of the cases' search text (duplicate candidates by index, not by scanning).

Revision ID: a6c8e0f2b4d6
Revises: d4f6b8c0e2a3
Create Date: 2026-12-04 13:00:00

"""
from alembic import op
import sqlalchemy as sa

from caseflow.text import words  # the one definition of a significant word (pure text, no app needed)


# revision identifiers, used by Alembic.
revision = 'a6c8e0f2b4d6'
down_revision = 'd4f6b8c0e2a3'
branch_labels = None
depends_on = None

WORD_LENGTH = 64
BATCH = 2000


def upgrade():
    case_words = op.create_table('case_words',
    sa.Column('word', sa.String(length=WORD_LENGTH), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_words_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('word', 'case_id', name=op.f('pk_case_words'))
    )
    with op.batch_alter_table('case_words', schema=None) as batch_op:
        batch_op.create_index('ix_case_words_case_id', ['case_id'], unique=False)
    _index_existing_cases(case_words)


def _index_existing_cases(case_words):
    """Index the search text of the cases already recorded, a batch of cases at a time."""
    connection = op.get_bind()
    cases = sa.table('cases', sa.column('id', sa.Integer), sa.column('search_text', sa.Text))
    last = 0
    while True:
        rows = connection.execute(
            sa.select(cases.c.id, cases.c.search_text).where(cases.c.id > last).order_by(cases.c.id).limit(BATCH)
        ).all()
        if not rows:
            return
        entries = [
            {'word': word, 'case_id': case_id}
            for case_id, text in rows
            for word in sorted({w[:WORD_LENGTH] for w in words(text)})
        ]
        if entries:
            connection.execute(case_words.insert(), entries)
        last = rows[-1][0]


def downgrade():
    with op.batch_alter_table('case_words', schema=None) as batch_op:
        batch_op.drop_index('ix_case_words_case_id')
    op.drop_table('case_words')
