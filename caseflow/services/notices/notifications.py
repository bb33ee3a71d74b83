"""Queue notifications in the outbox table; each is queued once per dedupe key.

Who hears of what (docs/architecture.md, "Notifications"):

- a new letter (intake, an appeal) → the unit's processing officers;
- a classified letter (its processing outcome to decide) → the unit's other officers;
- a proposal, a report, a dialogue held → the unit's leaders (a decision is needed);
- an accepted case waiting for a handler → the unit's other leaders;
- an assignment → the new handler, and the previous one when the case is reassigned;
- a decision or answer → the handler; a case under an open inspection decided or ended → its inspector;
- a clock due soon or overdue → the handler and the leaders, and the officers while the letter is unprocessed;
- an urge, an inspection opened or closed → the handler and the unit's leaders.

The actor never hears of their own action.
"""

from collections.abc import Callable, Iterable
from datetime import datetime

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.i18n import N_
from caseflow.models import Case, CaseStatus, Inspection, Notification, Role, User, UserRole
from caseflow.sql import insert_ignoring
from caseflow.workflows import ActionSpec

# Subjects are stored as English text built from these templates; pages and e-mails translate them back.
SUBJECTS = {
    "new_letter": N_("New letter {code} awaits classification"),
    "to_process": N_("Case {code} was classified and awaits the processing decision"),
    "decision_needed": N_("Case {code} awaits your decision"),
    "to_assign": N_("Case {code} was accepted and awaits a handler"),
    "assigned": N_("Case {code} was assigned to you"),
    "reassigned": N_("Case {code} was reassigned to another handler"),
    "decided": N_("Case {code} was decided"),
    "answered": N_("Case {code} was answered"),
    "inspected_progress": N_("Case {code} under your inspection: {action}"),
    "overdue": N_("Case {code} is overdue ({rule}, due {due})"),
    "due_soon": N_("Case {code} is due on {due} ({rule})"),
    "urged": N_("The inspector urges the handling of case {code}"),
    "inspection_opened": N_("An inspection was opened on case {code}"),
    "inspection_closed": N_("The inspection of case {code} was closed"),
    "reception_minimum": N_("{head} has {count} reception day(s) in {month}, below the minimum of {minimum}"),
    "corrective_action": N_("A corrective action for your unit is due on {due} (inspection round: {round})"),
    "corrective_due_soon": N_("A corrective action of your unit is due on {due} (inspection round: {round})"),
    "corrective_overdue": N_("A corrective action of your unit was due on {due} (inspection round: {round})"),
}
UNPROCESSED = frozenset({CaseStatus.RECEIVED, CaseStatus.CLASSIFIED})
# The statements every action runs are built once (docs/architecture.md, "The action path").
OPEN_NOTICES = sa.select(Notification.id, Notification.user_id).where(
    Notification.case_id == sa.bindparam("case_id"),
    Notification.kind == sa.bindparam("kind"),
    Notification.read_dt.is_(None),
    Notification.user_id.in_(sa.bindparam("user_ids", expanding=True)),
)
REFRESH_NOTICES = (
    sa.update(Notification)
    .where(Notification.id.in_(sa.bindparam("ids", expanding=True)))
    .values(subject=sa.bindparam("b_subject"), body=sa.bindparam("b_body"), created_dt=sa.bindparam("b_now"))
    .execution_options(synchronize_session=False)
)
CLEAR_FOR_ACTOR = (
    sa.update(Notification)
    .where(
        Notification.case_id == sa.bindparam("b_case_id"),
        Notification.user_id == sa.bindparam("b_actor_id"),
        Notification.read_dt.is_(None),
    )
    .values(read_dt=sa.bindparam("b_now"))
    .execution_options(synchronize_session=False)
)
UNIT_MEMBERS = (
    sa.select(User.id)
    .join(UserRole)
    .where(
        User.unit_id == sa.bindparam("unit_id"),
        UserRole.role == sa.bindparam("role"),
        User.is_active_user.is_(True),
    )
    .order_by(User.id)
)


def queue(
    user_ids: list[int],
    *,
    kind: str,
    subject: str,
    case: Case | None,
    key: str,
    now: datetime,
    body: str = "",
) -> None:
    """Queue one message per user; a repeated key (a retried sweep, a double submit) adds nothing.

    A person keeps one open notice per case and kind: when one is still unread it is brought up to date
    (subject, body, time) instead of a second one being added.
    """
    user_ids = list(dict.fromkeys(user_ids))
    if case is not None and user_ids:
        user_ids = _refresh_open(user_ids, kind=kind, subject=subject, case=case, now=now, body=body)
    rows = [
        {
            "user_id": user_id,
            "case_id": case.id if case else None,
            "kind": kind,
            "subject": subject,
            "body": body,
            "dedupe_key": f"{key}:u{user_id}",
            "created_dt": now,
            "email_state": "pending",
            "email_attempts": 0,
        }
        for user_id in user_ids
    ]
    if not rows:
        return
    db.session.execute(insert_ignoring(Notification, ("dedupe_key",)), rows)


def _refresh_open(
    user_ids: list[int], *, kind: str, subject: str, case: Case, now: datetime, body: str
) -> list[int]:
    """Bring the listed people's unread notices of this kind on this case up to date; the others, to add."""
    open_rows = db.session.execute(
        OPEN_NOTICES, {"case_id": case.id, "kind": kind, "user_ids": user_ids}
    ).all()
    if not open_rows:
        return user_ids
    ids = [row.id for row in open_rows]
    db.session.execute(REFRESH_NOTICES, {"ids": ids, "b_subject": subject, "b_body": body, "b_now": now})
    have = {row.user_id for row in open_rows}
    return [user_id for user_id in user_ids if user_id not in have]


def clear_for_actor(case: Case, actor_id: int, now: datetime) -> None:
    """The actor has acted on the case: their unread notices of it are read."""
    db.session.execute(CLEAR_FOR_ACTOR, {"b_case_id": case.id, "b_actor_id": actor_id, "b_now": now})


def subject_for(name: str, case: Case, **params) -> str:
    """The stored (English) subject `name` about `case`."""
    return SUBJECTS[name].format(code=case.tracking_code, **params)


def unit_members(case: Case, role: Role) -> list[int]:
    """The ids of the active users of the case's unit who hold `role`."""
    return list(db.session.scalars(UNIT_MEMBERS, {"unit_id": case.unit_id, "role": role}))


def unit_leaders(case: Case) -> list[int]:
    """The ids of the active leaders of the case's unit."""
    return unit_members(case, Role.LEADER)


def unit_officers(case: Case) -> list[int]:
    """The ids of the active processing officers of the case's unit."""
    return unit_members(case, Role.OFFICER)


def assignee(case: Case) -> list[int]:
    """The id of the case's handler, if it has one."""
    return [case.assignee_id] if case.assignee_id else []


def people_responsible(case: Case) -> list[int]:
    """The ids of the assignee (if any) and the unit's leaders."""
    return assignee(case) + unit_leaders(case)


def clock_watchers(case: Case) -> list[int]:
    """Who hears of a clock due soon or overdue: the people responsible, and officers before processing."""
    officers = unit_officers(case) if case.status in UNPROCESSED else []
    return people_responsible(case) + officers


def inspector_of(case: Case) -> list[int]:
    """The id of the inspector whose inspection of the case is open, if any."""
    statement = sa.select(Inspection.inspector_id).where(
        Inspection.case_id == case.id, Inspection.closed_dt.is_(None)
    )
    return list(db.session.scalars(statement))


def unread_count(user: User) -> int:
    """How many notifications the user has not read."""
    return db.session.scalar(unread_statement(user))


def unread_statement(user: User) -> sa.Select:
    """The count of the user's unread notifications (also ridden as a subquery on the queue counts)."""
    return sa.select(sa.func.count()).where(Notification.user_id == user.id, Notification.read_dt.is_(None))


# the notice an action row names (ActionSpec.notice) → (kind, subject, recipients)
ACTION_NOTICES: dict[str, tuple[str, str, Callable[[Case], list[int]]]] = {
    "to_process": ("decision_needed", "to_process", unit_officers),
    "decision_needed": ("decision_needed", "decision_needed", unit_leaders),
    "to_assign": ("decision_needed", "to_assign", unit_leaders),
    "assigned": ("assigned", "assigned", assignee),
    "decided": ("decided", "decided", assignee),
    "answered": ("decided", "answered", assignee),
}


def notify_for_action(
    case: Case,
    spec: ActionSpec,
    *,
    event_seq: int,
    now: datetime,
    actor_id: int | None = None,
    changes: dict | None = None,
) -> None:
    """The notices an action causes: assignments, decisions needed and made, the inspector's follow-up.

    Acting on the case answers the actor's own notices of it, so those are marked read first.
    """
    key = f"case{case.id}:e{event_seq}"
    if actor_id is not None:
        clear_for_actor(case, actor_id, now)
    if spec.notice:
        kind, subject, recipients = ACTION_NOTICES[spec.notice]
        _queue_except(actor_id, recipients(case), kind, subject_for(subject, case), case, key, now)
    if "assignee_id" in (changes or {}):
        _notify_previous_assignee(case, changes or {}, actor_id, key, now)
    if spec.watched_by_inspector:
        subject = subject_for("inspected_progress", case, action=spec.name)
        _queue_except(actor_id, inspector_of(case), "inspected_progress", subject, case, f"{key}:i", now)


def notify_new_letter(case: Case, *, event_seq: int, now: datetime, actor_id: int | None = None) -> None:
    """A letter was recorded (or an appeal opened): the unit's officers must classify it."""
    key = f"case{case.id}:e{event_seq}"
    _queue_except(
        actor_id, unit_officers(case), "new_letter", subject_for("new_letter", case), case, key, now
    )


def notify_inspection(
    case: Case,
    kind: str,
    *,
    event_seq: int,
    now: datetime,
    body: str = "",
    recipients: list[int] | None = None,
) -> None:
    """An urge, or an inspection opened or closed: the handler and the unit's leaders hear of it."""
    people = people_responsible(case) if recipients is None else recipients
    key = f"case{case.id}:e{event_seq}"
    queue(people, kind=kind, subject=subject_for(kind, case), case=case, key=key, now=now, body=body)


def _notify_previous_assignee(
    case: Case, changes: dict, actor_id: int | None, key: str, now: datetime
) -> None:
    """On a reassignment, tell the handler who no longer has the case."""
    old, new = (changes.get("assignee_id") or [None, None])[:2]
    if old and old != new:
        subject = subject_for("reassigned", case)
        _queue_except(actor_id, [old], "reassigned", subject, case, f"{key}:prev", now)


def _queue_except(
    actor_id: int | None,
    user_ids: Iterable[int],
    kind: str,
    subject: str,
    case: Case,
    key: str,
    now: datetime,
) -> None:
    """Queue for everyone listed but the actor."""
    recipients = [user_id for user_id in user_ids if user_id != actor_id]
    queue(recipients, kind=kind, subject=subject, case=case, key=key, now=now)
