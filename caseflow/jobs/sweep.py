"""The sweep job: mark overdue clocks batch by batch, then queue the due-soon and oversight warnings."""

from collections.abc import Callable
from datetime import datetime

from caseflow.services.cases.sweep import SweepResult, cases_with_overdue_clocks, sweep_batch, warn_due_soon
from caseflow.services.engagement.reception_minimums import warn_below_minimum
from caseflow.services.engagement.schedule import MAX_DAYS_PER_REQUEST, roll_forward, schedules_to_roll
from caseflow.services.oversight.rounds import warn_corrective_actions
from caseflow.timeutil import local_date
from caseflow.transaction import commit, rollback


def sweep(
    *, now: datetime, batch: int = 500, progress: Callable[[int, int], None] | None = None
) -> SweepResult:
    """Mark every running clock past its due date overdue, committing each batch; plan the heads' reception
    days ahead; idempotent, safe twice."""
    today = local_date(now)
    result = SweepResult()
    case_ids = cases_with_overdue_clocks(today)
    rollback()  # each batch then begins its own write transaction
    for start in range(0, len(case_ids), batch):
        sweep_batch(case_ids[start : start + batch], today, now, result)
        commit()
        if progress:
            progress(min(start + batch, len(case_ids)), len(case_ids))
    result.reception_days = roll_schedules(now)
    result.due_soon = warn_due_soon(today, now)
    warn_below_minimum(today, now=now)  # heads' reception days below the legal minimum this month
    warn_corrective_actions(now)  # inspection rounds: corrective actions due soon or overdue
    commit()
    return result


def roll_schedules(now: datetime) -> int:
    """Keep every running heads' schedule planned 3 months ahead, at most 100 days per committed step;
    how many days were planned (none on a second run)."""
    planned = 0
    for schedule_id in schedules_to_roll(local_date(now)):
        while True:
            added = len(roll_forward(schedule_id, now=now))
            commit()
            planned += added
            if added < MAX_DAYS_PER_REQUEST:
                break
    rollback()
    return planned
