"""Prolonged cases and inspections: each reason, scope, urging, one open inspection per case, roles."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from caseflow.errors import ConflictError, InvalidInput, NotFound, PermissionDenied
from caseflow.extensions import db
from caseflow.models import CaseEvent, CaseStatus, Notification
from caseflow.services.cases.audit import verify_chains
from caseflow.services.oversight import inspection as service
from caseflow.timeutil import local_date


def person(n: int) -> dict:
    """A petitioner of their own (nobody else writes as them)."""
    return {"full_name": f"Trần Thị Mai {n}", "address": f"Số {n} phố Huế", "id_number": f"0010900{n:05d}"}


def letter(world, n: int, *, days_ago: int = 0, **overrides):
    """A letter from petitioner `n`, received `days_ago` days before the world's now."""
    received_on = local_date(world.now) - timedelta(days=days_ago)
    overrides.setdefault("subject", f"Đề nghị giải quyết việc cấp giấy chứng nhận thửa đất số {n}")
    overrides.setdefault("content", f"Hộ gia đình số {n} chưa được cấp giấy chứng nhận quyền sử dụng đất")
    return world.intake(petitioner=person(n), received_on=received_on.isoformat(), **overrides)


def listed(world, user="inspector", **kwargs) -> dict:
    """{tracking code: reasons} of the prolonged cases the user sees now."""
    page = service.prolonged_cases(world.users[user], kwargs.pop("now", world.now), **kwargs)
    return {row.case.tracking_code: row.reasons for row in page.rows}


def test_a_case_overdue_on_its_resolution_clock_is_listed(world):
    case = world.new_case_at("complaint", CaseStatus.ACCEPTED, petitioner=person(1))
    assert case.tracking_code not in listed(world)
    later = world.now + timedelta(days=40)
    assert listed(world, now=later)[case.tracking_code] == ["overdue"]


def test_an_overdue_processing_clock_alone_does_not_list_a_case(world):
    case = letter(world, 2)
    assert case.tracking_code not in listed(world, now=world.now + timedelta(days=40))


def test_a_case_open_longer_than_the_age_limit_is_listed_with_its_age(world):
    old, young = letter(world, 3, days_ago=120), letter(world, 4, days_ago=20)
    page = service.prolonged_cases(world.users["inspector"], world.now)
    rows = {row.case.tracking_code: row for row in page.rows}
    assert rows[old.tracking_code].reasons == ["too_long"]
    assert rows[old.tracking_code].age_days == 120
    assert young.tracking_code not in rows
    assert young.tracking_code in listed(world, max_age_days=10)


def test_repeated_letters_on_the_same_matter_are_listed(world):
    cases = [letter(world, 5) for _ in range(3)]
    other_matter = letter(
        world, 5, subject="Phản ánh tiếng ồn quán karaoke", content="Quán hát karaoke đêm khuya"
    )
    page = service.prolonged_cases(world.users["inspector"], world.now)
    rows = {row.case.tracking_code: row for row in page.rows}
    assert {c.tracking_code for c in cases} <= set(rows)
    assert rows[cases[0].tracking_code].reasons == ["repeated"]
    assert rows[cases[0].tracking_code].letters == 3
    assert other_matter.tracking_code not in rows
    assert cases[0].tracking_code not in listed(world, repeat_threshold=4)


def test_repeated_letters_count_closed_ones_too(world):
    filed = letter(world, 6)
    world.act(filed, "file")
    cases = [letter(world, 6) for _ in range(2)]
    codes = listed(world)
    assert filed.tracking_code not in codes
    assert all(codes[c.tracking_code] == ["repeated"] for c in cases)


def test_group_letters_open_after_thirty_days_are_listed(world):
    group = letter(world, 7, days_ago=31, signatories=12)
    fresh_group = letter(world, 8, days_ago=10, signatories=12)
    single = letter(world, 9, days_ago=31)
    codes = listed(world)
    assert codes[group.tracking_code] == ["group"]
    assert fresh_group.tracking_code not in codes and single.tracking_code not in codes


def test_a_case_can_be_listed_for_two_reasons_and_is_counted_under_each(world):
    both = letter(world, 10, days_ago=100, signatories=6)
    only_old = letter(world, 11, days_ago=100)
    page = service.prolonged_cases(world.users["inspector"], world.now)
    rows = {row.case.tracking_code: row for row in page.rows}
    assert rows[both.tracking_code].reasons == ["too_long", "group"]
    assert rows[only_old.tracking_code].reasons == ["too_long"]
    assert page.counts == {"overdue": 0, "too_long": 2, "repeated": 0, "group": 1}
    assert page.total == 2
    assert [(u.code, u.total) for u in page.units] == [("HN-TNMT", 2)]


def test_filters_by_reason_and_unit(world):
    both = letter(world, 12, days_ago=100, signatories=6)
    only_old = letter(world, 13, days_ago=100)
    assert set(listed(world, reason="group")) == {both.tracking_code}
    assert set(listed(world, reason="too_long")) == {both.tracking_code, only_old.tracking_code}
    assert listed(world, unit_id=both.unit_id + 1000) == {}
    with pytest.raises(InvalidInput):
        listed(world, reason="bogus")


def test_closed_cases_and_other_subtrees_are_not_listed(world):
    closed = letter(world, 14, days_ago=100)
    world.act(closed, "withdraw")
    mine = letter(world, 15, days_ago=100)
    assert closed.tracking_code not in listed(world)
    assert listed(world, user="stranger") == {}
    assert mine.tracking_code in listed(world)


def test_keyset_pages_walk_every_listed_case_once(world):
    codes = {letter(world, 20 + n, days_ago=100 + n).tracking_code for n in range(5)}
    seen, cursor = [], None
    while True:
        page = service.prolonged_cases(world.users["inspector"], world.now, limit=2, cursor=cursor)
        seen += [row.case.tracking_code for row in page.rows]
        if not (cursor := page.next_cursor):
            break
    assert sorted(seen) == sorted(codes)


def test_only_inspectors_see_prolonged_cases(world):
    with pytest.raises(PermissionDenied):
        service.prolonged_cases(world.users["leader"], world.now)


def open_on(world, case, **kwargs):
    """Open an inspection with ordinary values and commit."""
    values = {
        "findings": "Chậm giải quyết",
        "recommendation": "Giải quyết ngay",
        "due_on": local_date(world.now),
    }
    found = service.open_inspection(case.id, world.users["inspector"], world.now, **{**values, **kwargs})
    db.session.commit()
    return found


def events(case) -> list[CaseEvent]:
    """The case's audit events in order."""
    return list(
        db.session.scalars(sa.select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq))
    )


def test_opening_an_inspection_records_reasons_and_an_event_without_a_new_version(world):
    case = letter(world, 30, days_ago=100)
    version, status = case.version, case.status
    found = open_on(world, case)
    assert found.reasons == ["too_long"] and found.closed_dt is None
    last = events(case)[-1]
    assert last.action == "inspection_opened"
    assert last.changes["findings"] == [None, "Chậm giải quyết"]
    assert last.params["inspection_id"] == found.id
    db.session.refresh(case)
    assert (case.version, case.status) == (version, status)
    assert verify_chains().broken is None


def test_one_open_inspection_per_case(world):
    case = letter(world, 31)
    first = open_on(world, case)
    with pytest.raises(ConflictError):
        open_on(world, case)
    db.session.rollback()
    service.close_inspection(first.id, world.users["inspector"], world.now, "Đã khắc phục")
    db.session.commit()
    assert open_on(world, case).id != first.id


def test_opening_validates_the_fields(world):
    case = letter(world, 32)
    with pytest.raises(InvalidInput) as error:
        open_on(world, case, findings="  ", due_on=local_date(world.now) - timedelta(days=1))
    assert set(error.value.errors) == {"findings", "due_on"}


def test_urging_notifies_leaders_and_assignee_writes_an_event_and_counts(world):
    case = world.new_case_at("complaint", CaseStatus.VERIFYING, petitioner=person(33))
    found = open_on(world, case)
    service.urge(
        inspector=world.users["inspector"], now=world.now, message="Đề nghị báo cáo", inspection_id=found.id
    )
    db.session.commit()
    notices = db.session.scalars(sa.select(Notification).where(Notification.kind == "urged")).all()
    assert {n.user_id for n in notices} == {world.users["leader"].id, world.users["handler"].id}
    assert all(n.body == "Đề nghị báo cáo" and n.case_id == case.id for n in notices)
    last = events(case)[-1]
    assert (last.action, last.reason, last.changes) == ("urged", "Đề nghị báo cáo", {"urge_count": [0, 1]})
    db.session.refresh(found)
    assert found.urge_count == 1 and found.last_urged_dt == world.now
    assert verify_chains().broken is None


def test_urging_a_case_without_inspection_still_notifies_and_records(world):
    case = letter(world, 34, days_ago=100)
    assert (
        service.urge(inspector=world.users["inspector"], now=world.now, message="Khẩn", case_id=case.id)
        is None
    )
    db.session.commit()
    assert events(case)[-1].action == "urged"
    assert db.session.scalar(sa.select(sa.func.count()).where(Notification.kind == "urged")) == 1


def test_urging_needs_a_message_and_an_open_inspection(world):
    case = letter(world, 35)
    found = open_on(world, case)
    with pytest.raises(InvalidInput):
        service.urge(inspector=world.users["inspector"], now=world.now, message=" ", inspection_id=found.id)
    db.session.rollback()
    service.close_inspection(found.id, world.users["inspector"], world.now, "Xong")
    db.session.commit()
    with pytest.raises(ConflictError):
        service.urge(inspector=world.users["inspector"], now=world.now, message="Nữa", inspection_id=found.id)


def test_closing_records_the_result_and_an_event(world):
    case = letter(world, 36)
    found = open_on(world, case)
    service.close_inspection(found.id, world.users["inspector"], world.now, "Đơn vị đã giải quyết xong")
    db.session.commit()
    assert found.closed_dt == world.now and found.result == "Đơn vị đã giải quyết xong"
    assert events(case)[-1].action == "inspection_closed"
    with pytest.raises(ConflictError):
        service.close_inspection(found.id, world.users["inspector"], world.now, "Lần hai")
    db.session.rollback()
    with pytest.raises(InvalidInput):
        service.close_inspection(open_on(world, case).id, world.users["inspector"], world.now, "")


def test_roles_and_scope_of_inspection_actions(world):
    case = letter(world, 37)
    with pytest.raises(PermissionDenied):
        service.open_inspection(case.id, world.users["leader"], world.now, "x", "", None)
    with pytest.raises(NotFound):
        service.open_inspection(case.id, world.users["stranger"], world.now, "x", "", None)
    with pytest.raises(NotFound):
        service.open_inspection(999999, world.users["inspector"], world.now, "x", "", None)
    db.session.rollback()
    found = open_on(world, case)
    with pytest.raises(NotFound):
        service.close_inspection(found.id, world.users["stranger"], world.now, "x")
    with pytest.raises(NotFound):
        service.urge(inspector=world.users["stranger"], now=world.now, message="x", inspection_id=found.id)
    with pytest.raises(PermissionDenied):
        service.urge(inspector=world.users["handler"], now=world.now, message="x", case_id=case.id)
    with pytest.raises(NotFound):
        service.get_inspection(found.id, world.users["stranger"])


def test_open_inspections_are_listed_in_scope(world):
    found = open_on(world, letter(world, 38))
    assert [i.id for i, _case in service.inspections(world.users["inspector"])] == [found.id]
    assert service.inspections(world.users["stranger"]) == []
    assert service.inspections(world.users["inspector"], is_open=False) == []
