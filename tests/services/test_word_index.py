"""The word index: duplicate candidates found by index, in step with the search text, filled for old cases."""

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from caseflow import create_app
from caseflow.extensions import db
from caseflow.models import Case, CaseWord
from caseflow.services.cases import matching
from caseflow.services.cases.word_index import index_terms
from caseflow.text import fold
from tests.conftest import app_settings
from tests.factories import World


def indexed(case_id: int) -> set[str]:
    """The words the index holds for the case."""
    return set(db.session.scalars(sa.select(CaseWord.word).where(CaseWord.case_id == case_id)))


def test_a_new_case_is_indexed_by_the_words_of_its_search_text(world):
    case = world.intake()
    assert indexed(case.id) == index_terms(case.search_text)
    assert {"thu", "hoi"} <= indexed(case.id) and "duc" not in indexed(case.id)  # unclassified: sender masked
    world.act(case, "classify", kind="complaint")
    assert "duc" in indexed(case.id) and indexed(case.id) == index_terms(case.search_text)


def test_classified_as_a_denunciation_the_denouncers_name_leaves_the_index(world):
    case = world.intake("denunciation")
    world.act(case, "classify", kind="denunciation")
    assert "duc" not in fold(case.search_text).split() and "duc" not in indexed(case.id)
    assert indexed(case.id) == index_terms(case.search_text)


@pytest.mark.standalone  # reads SQLite's EXPLAIN QUERY PLAN: the SQLite pass only
def test_candidates_sharing_words_are_read_by_index_not_by_scanning_the_cases(world):
    world.intake()
    statements = []

    def record(_conn, _cursor, statement, parameters, *_args):
        statements.append((statement, parameters))

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        matching._cases_sharing_words(world.users["reception"], "Khiếu nại thu hồi đất nông nghiệp", None)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)
    sql, parameters = statements[-1]
    rows = db.session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", parameters)
    plan = " | ".join(row[3] for row in rows)
    assert "case_words USING COVERING INDEX" in plan and "SCAN cases" not in plan, plan


@pytest.mark.standalone  # a SQLite database of its own: one database kind is enough for the backfill
def test_the_migration_indexes_the_cases_already_recorded(tmp_path):
    app = create_app(app_settings(f"sqlite:///{tmp_path / 'backfill.db'}"))
    with app.app_context():
        upgrade()
        world = World.build()
        cases = [world.intake(), world.intake(subject="Phản ánh tiếng ồn quán karaoke")]
        expected = {case.id: index_terms(case.search_text) for case in cases}
        downgrade(revision="d4f6b8c0e2a3")
        upgrade()
        assert {case_id: indexed(case_id) for case_id in expected} == expected
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Case)) == 2
        db.session.remove()
        db.engine.dispose()
