"""What a list may ask for, shared by services, pages and the API: the work queues and the page-size limit."""

from caseflow.i18n import N_

QUEUES = {
    "mine": N_("My cases"),
    "unit": N_("My unit's cases"),
    "unassigned": N_("Unassigned"),
    "decide": N_("Awaiting my decision"),
    "due_soon": N_("Due soon"),
    "overdue": N_("Overdue"),
}
MAX_LIMIT = 200
