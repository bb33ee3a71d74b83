"""The audit trail is hash-chained per case: any edit or deletion is found and named."""

import pytest
import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import CaseEvent, CaseStatus
from caseflow.services.cases.audit import verify_chains


@pytest.fixture
def two_cases(world):
    return world.new_case_at("complaint", CaseStatus.VERIFYING), world.new_case_at(
        "petition", CaseStatus.ACCEPTED
    )


def tamper(sql: str, **params) -> None:
    """Change the events table behind the application's back (as a superuser could)."""
    db.session.rollback()
    with db.engine.begin() as connection:
        postgres = connection.dialect.name == "postgresql"
        if postgres:
            connection.exec_driver_sql("ALTER TABLE case_events DISABLE TRIGGER case_events_no_update_delete")
        connection.execute(sa.text(sql), params)
        if postgres:
            connection.exec_driver_sql("ALTER TABLE case_events ENABLE TRIGGER case_events_no_update_delete")


def event(case, seq) -> CaseEvent:
    return db.session.scalars(
        sa.select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.seq == seq)
    ).one()


def test_untouched_chains_verify(two_cases):
    result = verify_chains()
    assert result.broken is None and result.cases == 2 and result.events == 5 + 4


def test_an_edited_event_is_named(two_cases):
    target = event(two_cases[0], 3)
    tamper("UPDATE case_events SET reason = 'nothing to see' WHERE id = :id", id=target.id)
    broken = verify_chains().broken
    assert (broken.tracking_code, broken.seq, broken.event_id) == (two_cases[0].tracking_code, 3, target.id)
    assert "edited" in broken.problem


def test_a_deleted_event_is_found(two_cases):
    target = event(two_cases[1], 2)
    tamper("DELETE FROM case_events WHERE id = :id", id=target.id)
    broken = verify_chains().broken
    assert (broken.tracking_code, broken.seq) == (two_cases[1].tracking_code, 2)


def test_deleting_the_last_event_is_found(two_cases):
    target = event(two_cases[1], 4)
    tamper("DELETE FROM case_events WHERE id = :id", id=target.id)
    broken = verify_chains().broken
    assert broken.tracking_code == two_cases[1].tracking_code and "records 4 events" in broken.problem


def test_a_rehashed_forgery_breaks_the_next_link(two_cases):
    target = event(two_cases[0], 2)
    tamper("UPDATE case_events SET hash = :h WHERE id = :id", h="0" * 64, id=target.id)
    assert verify_chains().broken.seq == 2


@pytest.mark.postgres
def test_postgres_refuses_update_and_delete_on_events(two_cases):
    target = event(two_cases[0], 1)
    for sql in (
        "UPDATE case_events SET reason = 'x' WHERE id = :id",
        "DELETE FROM case_events WHERE id = :id",
    ):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"), db.engine.begin() as connection:
            connection.execute(sa.text(sql), {"id": target.id})
    assert verify_chains().broken is None
