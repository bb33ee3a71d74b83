"""Inspection rounds: plan and sample, findings, corrective actions and their follow-up, closure, scope."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from caseflow.errors import ConflictError, InvalidInput, NotFound, PermissionDenied
from caseflow.extensions import db
from caseflow.jobs.sweep import sweep
from caseflow.models import CaseEvent, CaseStatus, Notification, RoundCase, Unit
from caseflow.services.cases.audit import verify_chains
from caseflow.services.oversight import rounds
from caseflow.timeutil import local_date

LATER = timedelta(days=40)


def person(n: int) -> dict:
    """A petitioner of their own (nobody else writes as them)."""
    return {"full_name": f"Lê Văn Hùng {n}", "address": f"Số {n} phố Lò Đúc", "id_number": f"0010911{n:05d}"}


def letter(world, n: int, *, days_ago: int = 0, **overrides):
    """A letter from petitioner `n`, received `days_ago` days before the world's now."""
    received_on = local_date(world.now) - timedelta(days=days_ago)
    overrides.setdefault("subject", f"Đề nghị cấp giấy chứng nhận thửa đất số {n}")
    overrides.setdefault("content", f"Hộ gia đình số {n} chờ cấp giấy chứng nhận đã lâu")
    return world.intake(petitioner=person(n), received_on=received_on.isoformat(), **overrides)


def unit_id(code: str) -> int:
    """The id of a unit by its code."""
    return db.session.scalar(sa.select(Unit.id).where(Unit.code == code))


def plan(world, *codes, user="inspector", now=None, per_unit=10, days=(200, -60)):
    """Plan a round over units by code, the period `days` ago (from, to) relative to the world's now."""
    today = local_date(world.now)
    return rounds.plan_round(
        world.users[user],
        now or world.now + LATER,
        title="Kiểm tra việc giải quyết khiếu nại năm 2026",
        unit_ids=[unit_id(code) for code in codes or ("HN-TNMT",)],
        period_from=today - timedelta(days=days[0]),
        period_to=today - timedelta(days=days[1]),
        per_unit=per_unit,
    )


def sampled(planned) -> list[tuple[int, str]]:
    """(case id, reason) of a round's sample, in the order it was drawn."""
    rows = db.session.execute(
        sa.select(RoundCase.case_id, RoundCase.reason)
        .where(RoundCase.round_id == planned.id)
        .order_by(RoundCase.id)
    )
    return [tuple(row) for row in rows]


def notices(kind: str) -> list[tuple[int, str]]:
    """(user id, dedupe key) of queued notifications of a kind."""
    rows = db.session.execute(
        sa.select(Notification.user_id, Notification.dedupe_key).where(Notification.kind == kind)
    )
    return sorted(tuple(row) for row in rows)


def test_sampling_puts_overdue_then_prolonged_cases_first_then_the_oldest(world):
    fresh = [letter(world, n, days_ago=10 - n) for n in range(1, 4)]
    overdue = world.new_case_at("complaint", CaseStatus.ACCEPTED, petitioner=person(7))
    old = letter(world, 8, days_ago=120)
    planned = plan(world, per_unit=4)
    assert sampled(planned) == [
        (overdue.id, "overdue"),
        (old.id, "too_long"),
        (fresh[0].id, "sample"),
        (fresh[1].id, "sample"),
    ]
    assert sampled(plan(world, per_unit=4)) == sampled(planned)


def test_sampling_keeps_to_the_units_and_the_period_and_counts_per_unit(world):
    world.users["city_reception"] = world.user("city_reception", ["reception"], "HN")
    tnmt = [letter(world, n, days_ago=n) for n in range(1, 4)]
    sxd = letter(world, 4, days_ago=5, actor="city_reception", unit=unit_id("HN-SXD"))
    outside_period = letter(world, 5, days_ago=300)
    planned = plan(world, "HN-TNMT", per_unit=2)
    assert [case_id for case_id, _ in sampled(planned)] == [tnmt[2].id, tnmt[1].id]
    both = dict(sampled(plan(world, "HN-TNMT", "HN-SXD", per_unit=10)))
    assert set(both) == {c.id for c in tnmt} | {sxd.id}
    assert outside_period.id not in both


def test_sampling_records_an_event_without_a_new_version(world):
    case = letter(world, 1, days_ago=3)
    version = case.version
    plan(world)
    events = list(db.session.scalars(
        sa.select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq)
    ))  # fmt: skip
    assert events[-1].action == "round_sampled"
    db.session.refresh(case)
    assert case.version == version
    assert verify_chains().broken is None


def test_a_round_from_plan_to_closure(world):
    case = letter(world, 1, days_ago=3)
    inspector, now = world.users["inspector"], world.now + LATER
    planned = plan(world)
    tnmt = unit_id("HN-TNMT")
    with pytest.raises(ConflictError):
        rounds.record_case_findings(planned.id, case.id, inspector, now, "Chậm")
    rounds.start_round(planned.id, inspector, now)
    rounds.record_unit_findings(planned.id, tnmt, inspector, "Sổ theo dõi đơn chưa cập nhật")
    rounds.record_case_findings(planned.id, case.id, inspector, now, "Chưa phân loại đơn đúng hạn")
    action = rounds.add_corrective_action(
        planned.id, inspector, now, unit_id=tnmt, case_id=case.id, action="Phân loại đơn",
        due_on=local_date(now) + timedelta(days=10),
    )  # fmt: skip
    leader = world.users["leader"].id
    assert notices("corrective_action") == [(leader, f"corrective{action.id}:corrective_action:u{leader}")]
    with pytest.raises(ConflictError):
        rounds.close_round(planned.id, inspector, now, "Đơn vị cơ bản thực hiện đúng quy định")
    rounds.complete_action(action.id, inspector, now, done_on=local_date(now), note="Đã phân loại")
    closed = rounds.close_round(planned.id, inspector, now, "Đơn vị cơ bản thực hiện đúng quy định")
    assert closed.state == "closed" and closed.closed_dt == now
    view = rounds.round_view(planned.id, world.users["inspector"], now)
    assert view.cases[0][0].findings == "Chưa phân loại đơn đúng hạn"
    assert view.units[0][0].findings == "Sổ theo dõi đơn chưa cập nhật"
    assert view.open_actions == 0
    in_order = sa.select(CaseEvent.action).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq)
    actions = db.session.scalars(in_order).all()
    assert actions[-2:] == ["round_sampled", "round_finding"]
    assert verify_chains().broken is None


def test_closing_with_open_actions_needs_force_and_a_reason(world):
    inspector, now = world.users["inspector"], world.now + LATER
    planned = plan(world)
    rounds.start_round(planned.id, inspector, now)
    rounds.add_corrective_action(
        planned.id, inspector, now, unit_id=unit_id("HN-TNMT"), action="Rà soát", due_on=local_date(now)
    )
    with pytest.raises(ConflictError) as refused:
        rounds.close_round(planned.id, inspector, now, "Kết luận")
    assert "force" in refused.value.errors
    with pytest.raises(InvalidInput) as invalid:
        rounds.close_round(planned.id, inspector, now, "Kết luận", force=True)
    assert "force_reason" in invalid.value.errors
    closed = rounds.close_round(
        planned.id, inspector, now, "Kết luận", force=True, force_reason="Chuyển thanh tra"
    )
    assert closed.state == "closed"
    assert "Kết luận" in closed.summary and "Chuyển thanh tra" in closed.summary
    with pytest.raises(ConflictError):
        rounds.start_round(planned.id, inspector, now)


def test_corrective_action_validation(world):
    inspector, now = world.users["inspector"], world.now + LATER
    other = letter(world, 9, days_ago=3)
    planned = plan(world, per_unit=1, days=(200, 100))
    rounds.start_round(planned.id, inspector, now)
    with pytest.raises(InvalidInput) as invalid:
        rounds.add_corrective_action(
            planned.id, inspector, now, unit_id=unit_id("HN-SXD"), case_id=other.id, action="x",
            due_on=local_date(now) - timedelta(days=1),
        )  # fmt: skip
    assert set(invalid.value.errors) == {"unit", "case", "due_on"}
    with pytest.raises(InvalidInput) as invalid:
        rounds.add_corrective_action(planned.id, inspector, now, unit_id=None, action=" ", due_on=None)
    assert set(invalid.value.errors) == {"action"}


def test_overdue_and_due_soon_actions_warn_the_leaders_once(world):
    inspector, now = world.users["inspector"], world.now + LATER
    leader = world.users["leader"].id
    planned = plan(world)
    rounds.start_round(planned.id, inspector, now)
    tnmt, today = unit_id("HN-TNMT"), local_date(now)
    late = rounds.add_corrective_action(planned.id, inspector, now, unit_id=tnmt, action="A", due_on=today)
    soon = rounds.add_corrective_action(
        planned.id, inspector, now, unit_id=tnmt, action="B", due_on=today + timedelta(days=3)
    )
    done = rounds.add_corrective_action(planned.id, inspector, now, unit_id=tnmt, action="C", due_on=today)
    rounds.complete_action(done.id, inspector, now, done_on=today, note="Xong")
    db.session.commit()
    assert rounds.warn_corrective_actions(now + timedelta(days=1)) == 2
    assert notices("corrective_overdue") == sorted(
        (user, f"corrective{late.id}:corrective_overdue:u{user}") for user in (leader, inspector.id)
    )
    assert notices("corrective_due_soon") == [(leader, f"corrective{soon.id}:corrective_due_soon:u{leader}")]
    sweep(now=now + timedelta(days=1))
    assert len(notices("corrective_overdue")) == 2 and len(notices("corrective_due_soon")) == 1


def test_planning_is_for_inspectors_within_their_subtree(world):
    with pytest.raises(PermissionDenied):
        plan(world, user="leader")
    with pytest.raises(InvalidInput) as invalid:
        plan(world, "HN-TNMT", "HP")
    assert invalid.value.errors == {"units": [rounds.OUTSIDE]}
    with pytest.raises(InvalidInput) as invalid:
        rounds.plan_round(
            world.users["inspector"], world.now, title="", unit_ids=[], period_from=local_date(world.now),
            period_to=local_date(world.now) - timedelta(days=1), per_unit=0,
        )  # fmt: skip
    assert set(invalid.value.errors) == {"title", "units", "period_to", "per_unit"}


def test_other_inspectors_in_scope_read_but_do_not_change_a_round(world):
    colleague = world.user("inspector2", ["inspector"], "HN")
    below = world.user("inspector3", ["inspector"], "HN-TNMT")
    planned = plan(world)
    now = world.now + LATER
    assert rounds.get_round(planned.id, colleague).id == planned.id
    with pytest.raises(PermissionDenied):
        rounds.start_round(planned.id, colleague, now)
    for outsider in (below, world.users["stranger"]):
        with pytest.raises(NotFound):
            rounds.get_round(planned.id, outsider)
        with pytest.raises(NotFound):
            rounds.start_round(planned.id, outsider, now)
        assert rounds.list_rounds(outsider, now) == []
    with pytest.raises(PermissionDenied):
        rounds.get_round(planned.id, world.users["leader"])
    assert [row[0].id for row in rounds.list_rounds(colleague, now)] == [planned.id]
