"""Concurrent writers from separate connections: one wins, the other is told the case changed."""

import threading
from datetime import UTC, datetime

import sqlalchemy as sa

from caseflow.errors import StaleCase
from caseflow.extensions import begin_write, db
from caseflow.jobs.sweep import sweep
from caseflow.models import CaseEvent, CaseStatus, User
from caseflow.services.cases.actions import perform_action


def run_together(app, *jobs):
    """Run each job in its own thread with its own app context and connection, started at the same moment."""
    barrier, outcomes = threading.Barrier(len(jobs)), [None] * len(jobs)

    def run(index, job):
        with app.app_context():
            try:
                outcomes[index] = job(barrier)
            except Exception as error:  # noqa: BLE001 - the outcome is what the test inspects
                db.session.rollback()
                outcomes[index] = error
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def decide_job(case_id, version, username, action, params, now):
    """A leader who opened the case at `version` submits `action`."""

    def job(barrier):
        user_id = db.session.scalar(sa.select(User.id).where(User.username == username))
        db.session.commit()
        barrier.wait()
        begin_write()
        result = perform_action(
            case_id,
            action,
            actor=db.session.get(User, user_id),
            now=now,
            params=params,
            expected_version=version,
        )
        db.session.commit()
        return result.case.status

    return job


def test_two_conflicting_actions_one_wins_one_is_stale(app, world):
    case = world.new_case_at("complaint", CaseStatus.PENDING_ACCEPTANCE)
    case_id, version = case.id, case.version
    db.session.commit()
    outcomes = run_together(
        app,
        decide_job(case_id, version, "leader", "accept", {}, world.now),
        decide_job(case_id, version, "leader", "reject", {"reason": "Hết thời hiệu"}, world.now),
    )
    winners = [o for o in outcomes if isinstance(o, CaseStatus)]
    assert len(winners) == 1 and sum(isinstance(o, StaleCase) for o in outcomes) == 1, outcomes
    db.session.expire_all()
    events = db.session.scalars(
        sa.select(CaseEvent.action).where(CaseEvent.case_id == case_id).order_by(CaseEvent.seq)
    ).all()
    assert len(events) == version + 1
    assert events[-1] == {"accepted": "accept", "not_accepted": "reject"}[winners[0].value]
    assert db.session.get(type(case), case_id).status == winners[0]


def test_two_sweeps_at_once_mark_each_clock_once(app, world):
    for day in range(1, 13):
        world.intake(now=datetime(2026, 11, day, 2, tzinfo=UTC), received_on=f"2026-11-{day:02d}")
    db.session.commit()

    def sweeper(barrier):
        barrier.wait()
        return sweep(now=world.now, batch=3).overdue

    outcomes = run_together(app, sweeper, sweeper)
    assert all(isinstance(o, int) for o in outcomes), outcomes
    assert sum(outcomes) == 12
    db.session.expire_all()
    per_case = db.session.execute(
        sa.select(CaseEvent.case_id, sa.func.count())
        .where(CaseEvent.action == "clock_overdue")
        .group_by(CaseEvent.case_id)
    ).all()
    assert len(per_case) == 12 and {count for _case, count in per_case} == {1}
