"""Queues: who sees what, counts, search with or without diacritics, orders and keyset paging, badges."""

from datetime import UTC, date, datetime, timedelta

import pytest

from caseflow.errors import InvalidInput
from caseflow.extensions import db
from caseflow.jobs.sweep import sweep
from caseflow.lists import QUEUES
from caseflow.models import CaseStatus
from caseflow.services.cases.casefile import current_actor
from caseflow.services.cases.queues import (
    SORT_COLUMNS,
    SORTS,
    due_badge,
    list_queue,
    queue_counts,
    queue_statement,
)
from caseflow.timeutil import local_date


def test_each_queue_holds_what_its_name_says(world):
    accepted = world.new_case_at("complaint", CaseStatus.ACCEPTED)
    verifying = world.new_case_at("complaint", CaseStatus.VERIFYING)
    pending = world.new_case_at("petition", CaseStatus.PENDING_ACCEPTANCE)
    fresh = world.intake()
    ids = lambda user, queue: {c.id for c in list_queue(world.users[user], queue, now=world.now).cases}  # noqa: E731
    assert ids("handler", "mine") == {verifying.id}
    assert ids("leader", "unassigned") == {accepted.id}
    assert ids("leader", "decide") == {pending.id}
    assert ids("officer", "decide") == {fresh.id}
    assert ids("handler", "decide") == {verifying.id}
    assert ids("leader", "unit") == {accepted.id, verifying.id, pending.id, fresh.id}
    counts = queue_counts(world.users["leader"], now=world.now)
    assert set(counts) == set(QUEUES)
    assert (counts["unit"], counts["unassigned"], counts["decide"]) == (4, 1, 1)


def test_other_units_see_nothing(world):
    world.new_case_at("complaint", CaseStatus.ACCEPTED)
    stranger = world.users["stranger"]
    assert list_queue(stranger, None, now=world.now).cases == []
    assert sum(queue_counts(stranger, now=world.now).values()) == 0
    assert list_queue(world.users["inspector"], None, now=world.now).cases  # the city inspector sees below


def test_overdue_and_due_soon(world):
    old = world.intake(now=datetime(2026, 12, 1, 2, tzinfo=UTC), received_on="2026-12-01")
    soon = world.intake(now=datetime(2026, 12, 22, 2, tzinfo=UTC), received_on="2026-12-22")
    sweep(now=world.now)
    leader = world.users["leader"]
    assert [c.id for c in list_queue(leader, "overdue", now=world.now).cases] == [old.id]
    assert soon.due_on == date(2027, 1, 6)
    assert soon.id in [c.id for c in list_queue(leader, "due_soon", now=world.now).cases]


def test_search_with_and_without_diacritics_and_by_code(world):
    case = world.intake(subject="Khiếu nại về bồi thường giải phóng mặt bằng đường Vành đai 4")
    officer = world.users["officer"]
    for query in ("Nguyen Van Duc", "001088012345"):  # unclassified: the sender may be a denouncer
        assert list_queue(officer, None, now=world.now, query=query).cases == [], query
    world.bring_to(case, CaseStatus.CLASSIFIED)
    for query in (
        "bồi thường",
        "boi thuong",
        "VANH DAI",
        "Nguyen Van Duc",
        case.tracking_code,
        "001088012345",
    ):
        assert [c.id for c in list_queue(officer, None, now=world.now, query=query).cases] == [case.id], query
    assert list_queue(officer, None, now=world.now, query="100%_").cases == []


def test_keyset_pages_cover_every_case_once_in_due_order(world):
    created = [
        world.intake(received_on=f"2026-12-{day:02d}", now=datetime(2026, 12, 31, 2, tzinfo=UTC))
        for day in (10, 3, 21, 3, 15, 7, 28)
    ]
    seen, cursor = [], None
    while True:
        page = list_queue(world.users["officer"], "unit", now=world.now, limit=3, cursor=cursor)
        seen.extend(page.cases)
        cursor = page.next_cursor
        if not cursor:
            break
    assert sorted(c.id for c in seen) == sorted(c.id for c in created)
    assert [c.due_on for c in seen] == sorted(c.due_on for c in seen)


def test_unit_queue_uses_the_partial_index(world):
    statement = queue_statement(world.users["officer"], "unit", now=world.now).limit(51)
    compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
    prefix = "EXPLAIN QUERY PLAN " if db.engine.dialect.name == "sqlite" else "EXPLAIN "
    with db.engine.connect() as connection:
        if db.engine.dialect.name == "postgresql":
            connection.exec_driver_sql("SET enable_seqscan = off")
        plan = " ".join(str(row) for row in connection.exec_driver_sql(prefix + str(compiled)))
    assert "ix_cases_open_unit_due" in plan


@pytest.mark.parametrize("sort", SORTS)
def test_every_order_pages_through_every_case_once_in_that_order(world, sort):
    created = [
        world.intake(received_on=f"2026-12-{day:02d}", now=datetime(2026, 12, 31, 2, tzinfo=UTC))
        for day in (10, 3, 21, 3, 15)
    ]
    seen, cursor = [], None
    while True:
        page = list_queue(world.users["officer"], "unit", now=world.now, limit=2, cursor=cursor, sort=sort)
        seen.extend(page.cases)
        cursor = page.next_cursor
        if not cursor:
            break
    assert sorted(c.id for c in seen) == sorted(c.id for c in created)
    column = SORT_COLUMNS[sort.lstrip("-")].key
    keys = [(getattr(c, column), c.id) for c in seen]
    assert keys == sorted(keys, reverse=sort.startswith("-"))


def test_an_unknown_order_or_another_orders_cursor_is_refused(world):
    world.intake()
    world.intake()
    officer = world.users["officer"]
    with pytest.raises(InvalidInput):
        list_queue(officer, "unit", now=world.now, sort="subject")
    cursor = list_queue(officer, "unit", now=world.now, limit=1, sort="code").next_cursor
    with pytest.raises(InvalidInput):
        list_queue(officer, "unit", now=world.now, cursor=cursor, sort="-received")


def test_the_total_counts_what_the_filters_keep(world):
    world.intake()
    world.intake(channel="email")
    classified = world.new_case_at("complaint", CaseStatus.CLASSIFIED)
    officer = world.users["officer"]
    assert list_queue(officer, "unit", now=world.now, limit=1).total == 3
    assert list_queue(officer, "unit", now=world.now, filters={"status": "classified"}).total == 1
    assert list_queue(officer, None, now=world.now, filters={"channel": "email"}).total == 1
    assert list_queue(officer, "unit", now=world.now, query="no such words").total == 0
    assert classified.status == CaseStatus.CLASSIFIED


def test_due_badges_count_days_in_the_agency_zone(world):
    case = world.intake()
    today = local_date(world.now)
    case.due_on = today + timedelta(days=3)
    assert due_badge(case, today) == ("left", 3)
    case.due_on = today
    assert due_badge(case, today) == ("today", 0)
    case.due_on = today - timedelta(days=2)
    assert due_badge(case, today) == ("over", 2)
    late_evening = datetime(2027, 1, 4, 16, 30, tzinfo=UTC)  # 23:30 in Hà Nội, still the 4th
    assert due_badge(case, local_date(late_evening)) == ("over", 2)
    case.due_on = None
    assert due_badge(case, today) is None
    db.session.rollback()


def test_whose_turn_follows_the_status(world):
    fresh = world.intake()
    accepted = world.new_case_at("complaint", CaseStatus.ACCEPTED)
    verifying = world.new_case_at("complaint", CaseStatus.VERIFYING)
    assert current_actor(fresh) == ("officer", "")
    assert current_actor(accepted) == ("leader", "")
    assert current_actor(verifying) == ("handler", world.users["handler"].full_name)
