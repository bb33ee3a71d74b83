"""Keep the word index (`case_words`) in step with each case's search text, and look candidates up in it."""

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import Case, CaseWord
from caseflow.models.words import WORD_LENGTH
from caseflow.text import words

_WORDS = CaseWord.__table__
DROP_WORDS = sa.delete(_WORDS).where(_WORDS.c.case_id == sa.bindparam("b_case_id"))
ADD_WORDS = sa.insert(_WORDS)


def index_terms(text: str | None) -> set[str]:
    """The index entries of a text: its significant folded words, cut to the column's length."""
    return {word[:WORD_LENGTH] for word in words(text)}


def index_words(case: Case) -> None:
    """Replace the case's entries with the words of its current search text (the case must have an id)."""
    connection = db.session.connection()
    connection.execute(DROP_WORDS, {"b_case_id": case.id})
    rows = [{"word": word, "case_id": case.id} for word in sorted(index_terms(case.search_text))]
    if rows:
        connection.execute(ADD_WORDS, rows)


def has_all_words(terms: list[str]) -> sa.ColumnElement[bool]:
    """A condition on Case.id: the case's search text has every one of `terms` as a word (by the index).

    The rarest word drives (its entries are read newest first); the others are probed per case through
    the (word, case_id) key, so common words cost nothing beyond the rare word's few entries.
    """
    wanted = rarest_first({term[:WORD_LENGTH] for term in terms})
    driver, *others = wanted
    condition = Case.id.in_(sa.select(_WORDS.c.case_id).where(_WORDS.c.word == driver))
    for term in others:
        probe = sa.select(_WORDS.c.case_id).where(_WORDS.c.word == term, _WORDS.c.case_id == Case.id)
        condition = sa.and_(condition, probe.exists())
    return condition


def rarest_first(terms: set[str], bound: int = 200) -> list[str]:
    """`terms` ordered by how many cases have them (each count read only up to `bound`), rarest first."""
    ordered = sorted(terms)
    counts = [
        sa.select(sa.func.count())
        .select_from(sa.select(_WORDS.c.case_id).where(_WORDS.c.word == term).limit(bound + 1).subquery())
        .scalar_subquery()
        for term in ordered
    ]
    found = db.session.connection().execute(sa.select(*counts)).one()
    return [term for _count, term in sorted(zip(found, ordered, strict=True))]
