"""Legal aid on a case: recorded by the desk, a leader or the handler; an audit event; counted per unit."""

from datetime import date

import pytest
import sqlalchemy as sa

from caseflow.errors import InvalidInput, NotFound, PermissionDenied
from caseflow.extensions import db
from caseflow.models import CaseEvent, CaseStatus
from caseflow.services.cases.identity import MASK
from caseflow.services.engagement import legal_aid

TODAY = date(2027, 1, 4)


def record(world, case, who="reception", **overrides):
    args = {"given_to": "Bà Lê Thị Hoa", "given_on": TODAY, "note": "Trung tâm TGPL tư vấn"} | overrides
    result = legal_aid.record_legal_aid(case.id, world.users[who], world.now, **args)
    db.session.commit()
    return result


def test_recording_sets_the_case_fields_and_an_event_without_a_version_bump(world):
    case = world.new_case_at("complaint", CaseStatus.VERIFYING)
    version, status = case.version, case.status
    record(world, case)
    assert (case.legal_aid, case.legal_aid_to, case.legal_aid_on) == (True, "Bà Lê Thị Hoa", TODAY)
    assert (case.version, case.status) == (version, status)
    event = db.session.scalars(
        sa.select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq.desc())
    ).first()
    assert event.action == "legal_aid_recorded" and event.changes["legal_aid_to"] == [None, "Bà Lê Thị Hoa"]


def test_handler_records_only_on_their_own_case(world):
    case = world.new_case_at("complaint", CaseStatus.VERIFYING)
    record(world, case, "handler")
    with pytest.raises(PermissionDenied):
        record(world, case, "handler2")


@pytest.mark.parametrize("who", ["officer", "inspector"])
def test_other_roles_may_not_record(world, who):
    case = world.new_case_at("complaint", CaseStatus.ACCEPTED)
    with pytest.raises(PermissionDenied):
        record(world, case, who)


def test_out_of_scope_is_not_found(world):
    case = world.new_case_at("complaint", CaseStatus.ACCEPTED)
    with pytest.raises(NotFound):
        record(world, case, "stranger")


def test_invalid_input_is_refused(world):
    case = world.new_case_at("complaint", CaseStatus.ACCEPTED)
    with pytest.raises(InvalidInput) as invalid:
        record(world, case, given_to=" ", given_on=date(2027, 2, 1))
    assert set(invalid.value.errors) == {"given_to", "given_on"}


def test_denouncer_recipient_stays_out_of_events_and_is_masked_for_handlers(world):
    case = world.new_case_at("denunciation", CaseStatus.VERIFYING)
    record(world, case, given_to="Canary Recipient Zz9")
    events = db.session.scalars(sa.select(CaseEvent).where(CaseEvent.case_id == case.id)).all()
    assert "Canary Recipient Zz9" not in str([(e.changes, e.params, e.reason) for e in events])
    assert legal_aid.legal_aid_recipient(world.users["handler"], case) == MASK
    assert legal_aid.legal_aid_recipient(world.users["leader"], case) == "Canary Recipient Zz9"


def test_summary_counts_per_unit_in_scope_and_period(world):
    for _ in range(2):
        record(world, world.new_case_at("complaint", CaseStatus.ACCEPTED))
    record(world, world.new_case_at("petition", CaseStatus.ACCEPTED), given_on=date(2026, 12, 1))
    rows = legal_aid.legal_aid_summary(world.users["leader"], date(2027, 1, 1), date(2027, 1, 31))
    assert [(r.code, r.cases) for r in rows] == [("HN-TNMT", 2)]
    assert legal_aid.legal_aid_summary(world.users["stranger"], date(2026, 1, 1), TODAY) == []
    with pytest.raises(PermissionDenied):
        legal_aid.legal_aid_summary(world.users["handler"], TODAY, TODAY)
