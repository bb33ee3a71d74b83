"""Queue notifications in the outbox table; each is queued once per dedupe key."""

from collections.abc import Callable
from datetime import datetime

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import Case, Notification, Role, User, UserRole
from caseflow.services.sql import insert_or_ignore


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
    """Queue one message per user; a repeated key (a retried sweep, a double submit) adds nothing."""
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
        for user_id in dict.fromkeys(user_ids)
    ]
    if not rows:
        return
    db.session.execute(insert_or_ignore(Notification, rows, ["dedupe_key"]))


def unit_leaders(case: Case) -> list[int]:
    """The ids of the active leaders of the case's unit."""
    statement = (
        sa.select(User.id)
        .join(UserRole)
        .where(User.unit_id == case.unit_id, UserRole.role == Role.LEADER, User.is_active_user.is_(True))
    )
    return list(db.session.scalars(statement))


def people_responsible(case: Case) -> list[int]:
    """The ids of the assignee (if any) and the unit's leaders."""
    return assignee(case) + unit_leaders(case)


def unread_count(user: User) -> int:
    """How many notifications the user has not read."""
    statement = sa.select(sa.func.count()).where(
        Notification.user_id == user.id, Notification.read_dt.is_(None)
    )
    return db.session.scalar(statement)


def assignee(case: Case) -> list[int]:
    """The id of the case's handler, if it has one."""
    return [case.assignee_id] if case.assignee_id else []


ACTION_NOTICES: dict[str, tuple[str, str, Callable[[Case], list[int]]]] = {
    "assign": ("assigned", "Case {code} was assigned to you", assignee),
    "propose_acceptance": ("decision_needed", "Case {code} awaits your decision", unit_leaders),
    "submit_report": ("decision_needed", "Case {code} awaits your decision", unit_leaders),
    "record_dialogue": ("decision_needed", "Case {code} awaits your decision", unit_leaders),
    "decide": ("decided", "Case {code} was decided", assignee),
    "answer": ("decided", "Case {code} was answered", assignee),
}


def notify_for_action(case: Case, action: str, *, event_seq: int, now: datetime) -> None:
    """The notifications an action causes: assignments, decisions needed, decisions made."""
    if action not in ACTION_NOTICES:
        return
    kind, subject, recipients = ACTION_NOTICES[action]
    queue(
        recipients(case),
        kind=kind,
        subject=subject.format(code=case.tracking_code),
        case=case,
        key=f"case{case.id}:e{event_seq}",
        now=now,
    )
