"""The sweep job: mark overdue clocks batch by batch, then queue the due-soon and oversight warnings."""

from collections.abc import Callable
from datetime import datetime

from caseflow.services.cases.sweep import SweepResult, cases_with_overdue_clocks, sweep_batch, warn_due_soon
from caseflow.services.engagement.reception_minimums import warn_below_minimum
from caseflow.services.oversight.rounds import warn_corrective_actions
from caseflow.timeutil import local_date
from caseflow.transaction import commit, rollback


def sweep(
    *, now: datetime, batch: int = 500, progress: Callable[[int, int], None] | None = None
) -> SweepResult:
    """Mark every running clock past its due date overdue, committing each batch; idempotent, safe twice."""
    today = local_date(now)
    result = SweepResult()
    case_ids = cases_with_overdue_clocks(today)
    rollback()  # each batch then begins its own write transaction
    for start in range(0, len(case_ids), batch):
        sweep_batch(case_ids[start : start + batch], today, now, result)
        commit()
        if progress:
            progress(min(start + batch, len(case_ids)), len(case_ids))
    result.due_soon = warn_due_soon(today, now)
    warn_below_minimum(today, now=now)  # heads' reception days below the legal minimum this month
    warn_corrective_actions(now)  # inspection rounds: corrective actions due soon or overdue
    commit()
    return result
