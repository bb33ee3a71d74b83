"""The sweep's rules: which clocks are overdue or due soon, their events and warnings (jobs.sweep commits)."""

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa

from caseflow.extensions import begin_write, db
from caseflow.models import Case, ClockState, Deadline
from caseflow.services.cases import deadlines
from caseflow.services.cases.audit import SYSTEM_SWEEP, append_event
from caseflow.services.notices.notifications import clock_watchers, queue, subject_for


@dataclass
class SweepResult:
    """What one sweep did."""

    cases: int = 0
    overdue: int = 0
    due_soon: int = 0
    skipped_locked: int = 0
    reception_days: int = 0
    errors: list[str] = field(default_factory=list)


def cases_with_overdue_clocks(today) -> list[int]:
    """Ids of cases with a running obligation clock whose due date has passed."""
    statement = (
        sa.select(Deadline.case_id)
        .where(
            Deadline.state == ClockState.RUNNING, Deadline.due_on < today, Deadline.is_obligation.is_(True)
        )
        .distinct()
        .order_by(Deadline.case_id)
    )
    return list(db.session.scalars(statement))


def sweep_batch(case_ids: list[int], today, now: datetime, result: SweepResult) -> None:
    """Lock the batch's cases (skipping any another writer holds) and mark their overdue clocks."""
    begin_write()
    statement = (
        sa.select(Case)
        .where(Case.id.in_(case_ids))
        .order_by(Case.id)
        .with_for_update(of=Case, skip_locked=True)
        .execution_options(populate_existing=True)
    )
    locked = list(db.session.scalars(statement))
    result.skipped_locked += len(case_ids) - len(locked)
    for case in locked:
        marked = _mark_overdue(case, today, now)
        if marked:
            result.cases += 1
            result.overdue += len(marked)


def _mark_overdue(case: Case, today, now: datetime) -> list[Deadline]:
    """Re-check under the lock, mark the clocks, write one event per clock and warn the people responsible."""
    db.session.refresh(case, attribute_names=["deadlines"])
    marked = [
        c for c in case.deadlines if c.state == ClockState.RUNNING and c.is_obligation and c.due_on < today
    ]
    for clock in marked:
        clock.state, clock.overdue_dt = ClockState.OVERDUE, now
        deadlines.refresh_case_due(case)
        append_event(
            case,
            action="clock_overdue",
            now=now,
            actor_label=SYSTEM_SWEEP,
            changes={f"deadline:{clock.rule_id}": ["running", "overdue"]},
            params={"rule": clock.rule_id, "due_on": clock.due_on},
        )
        queue(
            clock_watchers(case),
            kind="overdue",
            case=case,
            now=now,
            key=f"overdue:d{clock.id}",
            subject=subject_for("overdue", case, rule=clock.rule_id, due=clock.due_on.isoformat()),
        )
        db.session.flush()
    return marked


def warn_due_soon(today, now: datetime) -> int:
    """Queue one 'due soon' warning per running clock entering the warning window."""
    begin_write()
    limit = deadlines.due_soon_limit(today)
    statement = sa.select(Deadline).where(
        Deadline.state == ClockState.RUNNING,
        Deadline.is_obligation.is_(True),
        Deadline.due_on >= today,
        Deadline.due_on <= limit,
    )
    count = 0
    for clock in db.session.scalars(statement):
        queue(
            clock_watchers(clock.case),
            kind="due_soon",
            case=clock.case,
            now=now,
            key=f"due_soon:d{clock.id}",
            subject=subject_for("due_soon", clock.case, rule=clock.rule_id, due=clock.due_on.isoformat()),
        )
        count += 1
    return count
