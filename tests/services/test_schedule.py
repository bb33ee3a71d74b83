"""Heads' reception schedules on the real calendar: days off, publication, held days, the minimum."""

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from caseflow.errors import InvalidInput, NotFound, PermissionDenied
from caseflow.extensions import db
from caseflow.jobs.sweep import sweep
from caseflow.models import Notification, SessionKind
from caseflow.services.cases.deadlines import working_calendar
from caseflow.services.engagement import schedule as svc
from caseflow.services.engagement.reception_minimums import minimum_for, shortfalls, warn_below_minimum
from caseflow.services.reception.sessions import record_session


def make(world, *, days=(10, 20), kind="agency_head", valid_from=date(2027, 1, 1), **extra):
    """A schedule for the world's leader, committed."""
    data = {
        "head": world.users["leader"].id,
        "head_kind": kind,
        "days_of_month": list(days),
        "place": "Phòng tiếp công dân Sở TNMT",
        "valid_from": valid_from.isoformat(),
        **extra,
    }
    schedule = svc.create_schedule(data, actor=world.users["reception"], now=world.now)
    db.session.commit()
    return schedule


def warnings(user):
    """The minimum warnings in the user's inbox."""
    statement = sa.select(Notification.subject).where(
        Notification.user_id == user.id, Notification.kind == "reception_minimum"
    )
    return list(db.session.scalars(statement))


def test_a_day_off_moves_to_the_next_working_day_within_the_month(world):
    assert svc.scheduled_date(2027, 1, 1) == date(2027, 1, 4)  # New Year's Day (Fri) → Monday
    assert svc.scheduled_date(2027, 1, 10) == date(2027, 1, 11)  # Sunday → Monday
    assert svc.scheduled_date(2027, 2, 31) == date(2027, 2, 26)  # 28 Feb is a Sunday; March is next month
    april_end = svc.scheduled_date(2027, 4, 31)  # 30 April is a holiday; 1 May too: back into April
    assert april_end.month == 4 and working_calendar().is_working_day(april_end)
    assert april_end == date(2027, 4, 29)


def test_a_schedule_plans_its_days_for_the_coming_months(world):
    schedule = make(world, days=(1, 10, 20))
    days = [d.day for d in svc.days_of(schedule)]
    assert days[:3] == [date(2027, 1, 4), date(2027, 1, 11), date(2027, 1, 20)]
    assert days[-1] <= date(2027, 4, 30) and len(days) == 12
    assert svc.generate_days(schedule, until=date(2027, 4, 30), now=world.now) == []


@pytest.mark.parametrize(
    ("field", "data"),
    [
        ("days_of_month", {"days_of_month": [0]}),
        ("days_of_month", {"days_of_month": [10, 10]}),
        ("valid_to", {"valid_to": "2026-12-01"}),
        ("head_kind", {"head_kind": "king"}),
        ("place", {"place": ""}),
    ],
)
def test_bad_schedules_are_refused_next_to_the_field(world, field, data):
    with pytest.raises(InvalidInput) as refused:
        make(world, **data)
    assert field in refused.value.errors


def test_the_head_must_be_an_official_of_the_unit(world):
    with pytest.raises(InvalidInput) as refused:
        make(world, head=world.users["stranger"].id)
    assert "head" in refused.value.errors


def test_only_leaders_and_reception_manage_schedules(world):
    with pytest.raises(PermissionDenied):
        svc.create_schedule({}, actor=world.users["handler"], now=world.now)


def test_out_of_scope_schedules_are_not_found(world):
    schedule = make(world)
    assert svc.get_schedule(schedule.id, world.users["inspector"]) == schedule
    with pytest.raises(NotFound):
        svc.get_schedule(schedule.id, world.users["stranger"])


def test_the_public_sees_only_days_published_five_working_days_ahead(world):
    schedule = make(world, days=(1, 10, 20))
    assert svc.public_days(date(2027, 1, 4)) == []
    svc.publish_days(schedule, actor=world.users["reception"], now=world.now)  # Monday 4 January
    db.session.commit()
    shown = [d.day for d in svc.public_days(date(2027, 1, 4))]
    assert date(2027, 1, 4) not in shown  # published the same day: too late
    assert shown[:2] == [date(2027, 1, 11), date(2027, 1, 20)]  # 11 Jan: exactly 5 working days ahead
    assert svc.publication_deadline(date(2027, 1, 11)) == date(2027, 1, 4)


def test_a_held_day_lists_the_sessions_linked_to_it(world):
    schedule = make(world, days=(4,))
    day = svc.days_of(schedule)[0]
    assert day.day == date(2027, 1, 4)
    session = record_session(
        {"citizen_name": "Trần Thị Lan", "content": "Hỏi về bồi thường", "people_count": 1},
        actor=world.users["reception"],
        now=world.now,
    )
    svc.link_session(session, day, actor=world.users["reception"], now=world.now)
    db.session.commit()
    assert day.state == "held" and session.kind == SessionKind.PERIODIC_HEAD
    assert svc.sessions_of(day) == [session]
    with pytest.raises(InvalidInput):
        svc.mark_day(day, {"state": "missed"}, actor=world.users["leader"], now=world.now)


def test_a_session_of_another_date_cannot_be_linked(world):
    later = svc.days_of(make(world, days=(20,)))[0]
    session = record_session(
        {"citizen_name": "Trần Thị Lan", "content": "Hỏi về bồi thường", "people_count": 1},
        actor=world.users["reception"],
        now=world.now,
    )
    with pytest.raises(InvalidInput) as refused:
        svc.link_session(session, later, actor=world.users["reception"], now=world.now)
    assert "session" in refused.value.errors


def test_a_future_day_cannot_be_held_yet_but_may_be_cancelled(world):
    day = svc.days_of(make(world, days=(20,)))[0]
    with pytest.raises(InvalidInput) as refused:
        svc.mark_day(day, {"state": "held"}, actor=world.users["leader"], now=world.now)
    assert "state" in refused.value.errors
    svc.mark_day(
        day, {"state": "cancelled", "note": "Họp đột xuất"}, actor=world.users["leader"], now=world.now
    )
    assert day.state == "cancelled" and day.note == "Họp đột xuất"


def test_the_minimum_is_effective_dated(db):
    assert minimum_for("agency_head", date(2026, 8, 1)).days_per_month == 1
    assert minimum_for("commune_chair", date(2026, 6, 15)).days_per_month == 1
    assert minimum_for("commune_chair", date(2026, 7, 1)).days_per_month == 2


def test_a_head_with_no_reception_day_in_a_month_warns_the_inspectors_over_the_unit(world):
    schedule = make(world, days=(20,))
    day = svc.days_of(schedule)[0]
    svc.mark_day(day, {"state": "cancelled"}, actor=world.users["leader"], now=world.now)
    warn_below_minimum(date(2027, 1, 4), now=world.now)
    warn_below_minimum(date(2027, 1, 31), now=world.now)  # the same head and month: once
    db.session.commit()
    assert warnings(world.users["inspector"]) == [
        "Cán bộ leader has 0 reception day(s) in 01/2027, below the minimum of 1"
    ]
    assert warnings(world.users["stranger"]) == []
    assert shortfalls(date(2027, 2, 1)) == []


def test_a_commune_chair_with_one_day_is_short_in_august_2026_but_not_in_june(world):
    make(world, days=(10,), kind="commune_chair", valid_from=date(2026, 6, 1), valid_to="2026-08-31")
    assert [s.count for s in shortfalls(date(2026, 8, 1))] == [1]
    assert shortfalls(date(2026, 6, 1)) == []
    warn_below_minimum(date(2026, 6, 1), now=world.now)
    assert warnings(world.users["inspector"]) == []
    warn_below_minimum(date(2026, 8, 1), now=world.now)
    assert len(warnings(world.users["inspector"])) == 1


def test_the_sweep_checks_the_minimum_of_the_month(world):
    day = svc.days_of(make(world, days=(20,)))[0]
    svc.mark_day(day, {"state": "cancelled"}, actor=world.users["leader"], now=world.now)
    db.session.commit()
    sweep(now=datetime(2027, 1, 15, 3, 0, tzinfo=UTC))
    sweep(now=datetime(2027, 1, 16, 3, 0, tzinfo=UTC))
    assert len(warnings(world.users["inspector"])) == 1


def planned_days(schedule) -> list[date]:
    """The schedule's days as the database has them now."""
    db.session.rollback()
    return [d.day for d in svc.days_of(schedule)]


def test_the_sweep_keeps_a_schedule_planned_three_months_ahead_once(world):
    schedule = make(world, days=(10, 20))
    assert planned_days(schedule)[-1] <= date(2027, 4, 30)
    published = svc.publish_days(schedule, actor=world.users["reception"], now=world.now)
    db.session.commit()
    june = datetime(2027, 6, 15, 3, 0, tzinfo=UTC)
    assert sweep(now=june).reception_days == 10  # May to September, two a month
    days = planned_days(schedule)
    assert days[-1] == date(2027, 9, 20) and len(days) == len(set(days)) == 18
    assert sweep(now=june).reception_days == 0  # idempotent
    db.session.rollback()
    rolled = [d for d in svc.days_of(schedule) if d.day > date(2027, 4, 30)]
    assert all(d.published_dt is None and d.state == "planned" for d in rolled)  # publishing is still a step
    assert len([d for d in svc.days_of(schedule) if d.published_dt]) == len(published)


def test_a_schedule_started_long_ago_is_back_filled_twelve_months_at_most_100_days_a_step(world):
    every_week = (1, 5, 9, 13, 17, 21, 25, 28)
    schedule = make(world, days=every_week, valid_from=date(2024, 3, 1))
    first = planned_days(schedule)
    assert len(first) == 100 and first[0] >= date(2026, 1, 1)  # one request: 100 days, from 12 months back
    result = sweep(now=world.now)
    days = planned_days(schedule)
    assert result.reception_days == len(days) - 100 > 0
    assert days[0] >= date(2026, 1, 1) and days[-1] <= date(2027, 4, 30) and len(days) == len(set(days))
    later = datetime(2028, 6, 1, 3, 0, tzinfo=UTC)  # 14 months on: more than 100 days to plan, in two steps
    assert sweep(now=later).reception_days > 100
    assert planned_days(schedule)[-1] > date(2028, 9, 20)
    assert sweep(now=later).reception_days == 0


def test_an_ended_schedule_is_not_rolled_forward(world):
    schedule = make(world, days=(10,), valid_from=date(2026, 1, 1), valid_to=date(2027, 2, 28))
    before = planned_days(schedule)
    assert before[-1] <= date(2027, 2, 28)
    assert sweep(now=datetime(2027, 6, 15, 3, 0, tzinfo=UTC)).reception_days == 0
    assert svc.schedules_to_roll(date(2029, 1, 1)) == []
