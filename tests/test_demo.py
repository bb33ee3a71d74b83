"""caseflow demo: a realistic Hà Nội demo made only through the services, idempotent and resumable."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from caseflow import demo as demo_service
from caseflow.demo import DEMO_MARKER, DEMO_PASSWORD, USERS, Step, Story, build_plan, timeline
from caseflow.models import (
    Case,
    CaseEvent,
    CaseKind,
    CaseStatus,
    Channel,
    Counter,
    Party,
    PartyRole,
    ReceptionSession,
    Unit,
)
from caseflow.services.accounts import users
from caseflow.timeutil import now_utc

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def row_counts(db) -> dict[str, int]:
    """Rows in every table."""
    return {
        table.name: db.session.scalar(sa.select(sa.func.count()).select_from(table))
        for table in db.metadata.sorted_tables
    }


def scalars(db, statement) -> list:
    """All results of a select."""
    return list(db.session.scalars(statement))


def test_demo_loads_every_status_and_kind_and_is_idempotent(runner, db):
    started = now_utc()
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "Demo loaded" in result.output
    for spec in USERS:
        assert spec.username in result.output
    assert DEMO_PASSWORD in result.output

    cases = scalars(db, sa.select(Case))
    assert 180 <= len(cases) <= 220
    assert {c.status for c in cases} == set(CaseStatus)
    assert {c.kind for c in cases} == {*CaseKind, None}
    assert {
        Channel.IN_PERSON,
        Channel.POST,
        Channel.ONLINE,
        Channel.FORWARDED,
        Channel.PRESS,
        Channel.EMAIL,
    } <= {c.channel for c in cases}
    assert any(c.is_overdue for c in cases)
    assert any(c.is_suspended for c in cases)
    assert any(c.is_remote_area for c in cases)
    assert all(c.forwarded_by for c in cases if c.channel == Channel.FORWARDED)
    assert all(c.channel == Channel.FORWARDED for c in cases if c.status == CaseStatus.RETURNED)

    check_level_two_complaint(db)
    check_anonymous_denunciation(db)
    check_group_letter(db)
    check_reception_sessions(db)
    check_clocks_and_events(db, started)
    check_logins(db)

    verify = runner.invoke(args=["audit", "verify"])
    assert verify.exit_code == 0, verify.output

    before = row_counts(db)
    again = runner.invoke(args=["demo"])
    assert again.exit_code == 0, again.output
    assert "already loaded" in again.output
    assert "lanhdao" in again.output
    assert row_counts(db) == before


def check_level_two_complaint(db) -> None:
    """A level-2 complaint at the city, linked to a decided or closed level-1 complaint below it."""
    level_two = scalars(db, sa.select(Case).where(Case.level == 2))
    assert level_two
    for case in level_two:
        parent = case.parent_case
        assert parent is not None and parent.level == 1 and parent.kind == CaseKind.COMPLAINT
        assert parent.status in (CaseStatus.DECIDED, CaseStatus.CLOSED)
        assert case.unit.code == "HN" and parent.unit.parent_id == case.unit_id
    assert any(c.status == CaseStatus.CLOSED and c.dialogue_held for c in level_two)


def check_anonymous_denunciation(db) -> None:
    """An anonymous denunciation has no petitioner."""
    anonymous = scalars(db, sa.select(Case).where(Case.is_anonymous.is_(True)))
    assert any(c.kind == CaseKind.DENUNCIATION for c in anonymous)
    assert all(c.petitioner is None for c in anonymous)


def check_group_letter(db) -> None:
    """A group letter with co-petitioners and two to five representatives."""
    group = scalars(db, sa.select(Case).where(Case.signatories >= 10))
    assert group
    roles = [p.role for p in group[0].parties]
    assert 2 <= roles.count(PartyRole.REPRESENTATIVE) <= 5
    assert roles.count(PartyRole.CO_PETITIONER) >= 5


def check_reception_sessions(db) -> None:
    """Reception sessions, some with letters created from them, one a group with representatives."""
    sessions = scalars(db, sa.select(ReceptionSession))
    assert len(sessions) >= 10
    assert any(s.is_group and s.representatives for s in sessions)
    linked = scalars(db, sa.select(Case).where(Case.reception_session_id.is_not(None)))
    assert len(linked) >= 5
    for case in linked:
        assert db.session.get(ReceptionSession, case.reception_session_id).unit_id == case.unit_id


def check_clocks_and_events(db, started) -> None:
    """Events lie in the past, in order per case; received dates span about five months."""
    latest = db.session.scalar(
        sa.select(sa.func.max(CaseEvent.created_dt)).where(CaseEvent.action != "clock_overdue")
    )
    assert latest <= now_utc()
    received = db.session.execute(
        sa.select(sa.func.min(Case.received_on), sa.func.max(Case.received_on))
    ).one()
    assert received[1] - received[0] >= timedelta(days=120)
    assert received[0] >= (started - timedelta(days=160)).date()
    previous = {}
    for case_id, seq, created in db.session.execute(
        sa.select(CaseEvent.case_id, CaseEvent.seq, CaseEvent.created_dt).order_by(
            CaseEvent.case_id, CaseEvent.seq
        )
    ):
        assert created >= previous.get(case_id, created), (case_id, seq)
        previous[case_id] = created
    names = scalars(db, sa.select(Party.full_name).where(Party.role == PartyRole.PETITIONER))
    assert all(len(name.split()) >= 3 for name in names)
    ids = scalars(db, sa.select(Party.id_number).where(Party.id_number.is_not(None)))
    assert ids and all(len(i) == 12 and i.isdigit() for i in ids)


def check_logins(db) -> None:
    """One user per role at least, each able to log in with the demo password."""
    roles = set()
    for spec in USERS:
        user = users.user_by_username(spec.username)
        assert users.check_password(user, DEMO_PASSWORD)
        roles |= {r.value for r in user.roles}
    assert roles == {"reception", "officer", "leader", "handler", "inspector", "admin"}
    assert db.session.scalar(sa.select(Unit.is_remote_area).where(Unit.code == "HN-XBV"))


def test_plan_is_the_same_every_time():
    today = now_utc().date()
    first, second = build_plan(today), build_plan(today)
    assert [(s.label, s.unit, s.days_ago, len(s.steps)) for s in first] == [
        (s.label, s.unit, s.days_ago, len(s.steps)) for s in second
    ]
    assert [s.steps[0].params for s in first] == [s.steps[0].params for s in second]
    assert [s.days_ago for s in first] == sorted((s.days_ago for s in first), reverse=True)


@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 11, 22, 16, 50, tzinfo=UTC),  # Sunday 23:50 in Hà Nội
        datetime(2026, 11, 23, 0, 0, tzinfo=UTC),  # Monday 07:00
        datetime(2026, 11, 25, 3, 0, tzinfo=UTC),  # Wednesday 10:00
    ],
)
def test_timeline_is_ordered_in_office_hours_and_never_in_the_future(db, now):
    for days_ago in (0.01, 0.5, 3, 40, 148):
        for steps, office_hours in ((12, True), (30, False)):
            story = Story("t", "HN", days_ago, [Step("intake", "reception", {}, 0.05)])
            story.steps += [Step("classify", "officer", {}, 3.0) for _ in range(steps)]
            times = timeline(story, now)
            assert times == sorted(times) and len(set(times)) == len(times)
            assert times[-1] < now
            assert times[0] >= now - timedelta(days=days_ago + 5)
            local = [t.astimezone(HANOI) for t in times]
            assert not office_hours or all(8 <= t.hour < 17 and t.weekday() < 5 for t in local), local


# The stories' letters; issues raised at the demo's public dialogues add petition cases of their own.
PLANNED_CASES = sa.select(sa.func.count()).select_from(Case).where(Case.channel != Channel.DIALOGUE)


def test_an_interrupted_demo_resumes_where_it_stopped(runner, db, monkeypatch):
    full = build_plan(now_utc().date())
    monkeypatch.setattr(demo_service, "build_plan", lambda today: full[:4])
    assert runner.invoke(args=["demo"]).exit_code == 0
    first = db.session.scalar(PLANNED_CASES)

    monkeypatch.setattr(demo_service, "build_plan", lambda today: full[:9])
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(sa.select(Counter.value).where(Counter.name == DEMO_MARKER)) == 9
    expected = sum(1 for s in full[:9] for step in s.steps if step.action in ("intake", "appeal"))
    assert first < db.session.scalar(PLANNED_CASES) == expected


def test_a_refused_step_names_the_story_and_keeps_what_was_loaded(runner, db, monkeypatch):
    good = next(s for s in build_plan(now_utc().date()) if s.label == "complaint→classified")
    bad = Story(
        "broken", "HN-TT", 2.0, [*good.steps[:1], Step("classify", "officer", {"kind": "nonsense"}, 1.0)]
    )
    monkeypatch.setattr(demo_service, "build_plan", lambda today: [good, bad])
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 1
    assert "story 2 (broken), step 2 classify" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Case)) == 1
    assert db.session.scalar(sa.select(Counter.value).where(Counter.name == DEMO_MARKER)) == 1
