"""The action path's own writes: the case row by Core, checked by version, and a fixed statement budget."""

import pytest
import sqlalchemy as sa

from caseflow.errors import StaleCase
from caseflow.extensions import begin_write, db
from caseflow.models import Case, CaseStatus
from caseflow.services.cases.audit import verify_chains
from caseflow.services.cases.hot_writes import write_case
from caseflow.services.cases.locking import lock_case
from tests.views.helpers import count_statements

# SQL statements per action on the happy path (BEGIN and COMMIT not counted): lock and load, the event, the
# actor's notices read, the recipients, the open notices, the new notices, the case row, the clocks or the
# record. A change here is a change to what every action costs: update it knowingly. classify also reads the
# parties and rewrites the word index (the sender's name joins the search text once the letter is not masked);
# accept reads the parties and looks for a terminated complaint on the same matter (the 30-day bar, R20).
STATEMENTS_PER_ACTION = {
    "classify": 9,
    "propose_acceptance": 8,
    "accept": 9,
    "assign": 6,
    "submit_report": 8,
}


def _row(case_id: int) -> dict:
    """The case's row as stored (read on the connection: no autoflush of the session's changes)."""
    statement = sa.select(Case.__table__).where(Case.id == case_id)
    return dict(db.session.connection().execute(statement).one()._mapping)


def test_each_action_keeps_its_statement_budget(world):
    case = world.intake()
    counts = {}
    for action in STATEMENTS_PER_ACTION:
        with count_statements() as statements:
            world.act(case, action)
        counts[action] = len(statements)
    assert counts == STATEMENTS_PER_ACTION


def test_an_action_stores_what_the_case_says_and_keeps_the_chain(world):
    case = world.new_case_at("complaint", CaseStatus.ACCEPTED)
    result = world.act(case, "assign")
    db.session.expire_all()
    row = _row(case.id)
    assert row["status"] == "verifying" and row["assignee_id"] == world.users["handler"].id
    assert row["version"] == 5 and row["last_event_seq"] == 5 and row["last_event_hash"] == result.event.hash
    assert verify_chains().broken is None


def test_a_row_changed_since_it_was_loaded_is_refused_and_left_alone(world):
    case = world.new_case_at("complaint", CaseStatus.CLASSIFIED)
    begin_write()
    loaded = lock_case(case.id)
    db.session.connection().execute(  # another writer got there first
        sa.update(Case.__table__).where(Case.id == case.id).values(version=Case.__table__.c.version + 1)
    )
    loaded.status, loaded.version = CaseStatus.PENDING_ACCEPTANCE, loaded.version + 1
    with pytest.raises(StaleCase):
        write_case(loaded)
    assert _row(case.id)["status"] == "classified"
    db.session.rollback()


def test_a_case_whose_version_did_not_move_is_left_to_the_flush(world):
    case = world.intake()
    begin_write()
    loaded = lock_case(case.id)
    loaded.subject = "Đơn đã sửa tiêu đề"
    assert write_case(loaded) is False
    db.session.flush()
    assert _row(case.id)["subject"] == "Đơn đã sửa tiêu đề"
    db.session.rollback()
