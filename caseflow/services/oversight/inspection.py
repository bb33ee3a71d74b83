"""Inspections of cases: open one, urge the unit, close it; each step an audit event on the case."""

import logging
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from caseflow.errors import ConflictError, InvalidInput, NotFound
from caseflow.extensions import db
from caseflow.i18n import N_
from caseflow.models import Case, CaseEvent, Inspection, User
from caseflow.services.cases.audit import append_event
from caseflow.services.cases.locking import lock_visible_case
from caseflow.services.cases.queues import LIST_OPTIONS
from caseflow.services.cases.scope import can_view, scope_filter
from caseflow.services.notices.notifications import notify_inspection, people_responsible
from caseflow.services.oversight.prolonged import (
    REASONS,
    ProlongedPage,
    ProlongedRow,
    case_reasons,
    prolonged_cases,
    require_inspector,
)
from caseflow.timeutil import local_date

__all__ = [
    "REASONS",
    "ProlongedPage",
    "ProlongedRow",
    "close_inspection",
    "get_inspection",
    "inspections",
    "open_inspection",
    "prolonged_cases",
    "recent_events",
    "urge",
]

logger = logging.getLogger(__name__)
MAX_TEXT = 5000
NO_CASE = N_("No such case.")
NO_INSPECTION = N_("No such inspection.")
ALREADY_OPEN = N_("This case already has an open inspection; continue that one.")
ALREADY_CLOSED = N_("This inspection is already closed.")
REQUIRED = N_("This field is required.")
TOO_LONG = N_("This text is too long.")
DUE_IN_PAST = N_("The due date cannot be in the past.")


def open_inspection(
    case_id: int,
    inspector: User,
    now: datetime,
    findings: str,
    recommendation: str,
    due_on: date | None,
    *,
    request_id: str = "",
) -> Inspection:
    """Open an inspection on a case in the inspector's scope; records why the case is listed today.

    :raises PermissionDenied: not an inspector (403)
    :raises NotFound: unknown case or outside the inspector's subtree (404)
    :raises InvalidInput: missing findings, texts too long, due date in the past (422)
    :raises ConflictError: the case already has an open inspection (409)
    """
    require_inspector(inspector)
    case = lock_visible_case(case_id, inspector)
    findings, recommendation = (findings or "").strip(), (recommendation or "").strip()
    _check_opening(findings, recommendation, due_on, local_date(now))
    if _open_inspection_of(case.id) is not None:
        raise ConflictError(ALREADY_OPEN)
    inspection = Inspection(
        case_id=case.id,
        inspector_id=inspector.id,
        opened_dt=now,
        findings=findings,
        recommendation=recommendation,
        due_on=due_on,
        reasons=case_reasons(inspector, case, now),
        urge_count=0,
        result="",
    )
    db.session.add(inspection)
    db.session.flush()
    changes = {
        "findings": [None, findings],
        "recommendation": [None, recommendation],
        "due_on": [None, due_on],
    }
    params = {"inspection_id": inspection.id, "reasons": inspection.reasons}
    event = _event(case, "inspection_opened", inspector, now, changes, params, request_id=request_id)
    notify_inspection(case, "inspection_opened", event_seq=event.seq, now=now, body=recommendation)
    return inspection


def urge(
    *,
    inspector: User,
    now: datetime,
    message: str,
    inspection_id: int | None = None,
    case_id: int | None = None,
    request_id: str = "",
) -> Inspection | None:
    """Urge the unit on a case (by its inspection or the case itself): notify its leaders and the assignee.

    With an open inspection its urge count grows; returns that inspection, or None without one.

    :raises PermissionDenied: not an inspector (403)
    :raises NotFound: unknown inspection or case, or outside the inspector's subtree (404)
    :raises ConflictError: the inspection is closed (409)
    :raises InvalidInput: no message, or too long (422)
    """
    require_inspector(inspector)
    if inspection_id:
        inspection, case = _inspection_for_write(inspection_id, inspector)
    else:
        case = lock_visible_case(case_id, inspector)
        inspection = _open_inspection_of(case.id)
    message = checked_text("message", message, required=True)
    changes, params = {}, {"message": message, "inspection_id": inspection.id if inspection else None}
    if inspection is not None:
        changes["urge_count"] = [inspection.urge_count, inspection.urge_count + 1]
        inspection.urge_count += 1
        inspection.last_urged_dt = now
    recipients = people_responsible(case)
    params["recipients"] = recipients
    event = _event(case, "urged", inspector, now, changes, params, reason=message, request_id=request_id)
    notify_inspection(case, "urged", event_seq=event.seq, now=now, body=message, recipients=recipients)
    db.session.flush()
    return inspection


def close_inspection(
    inspection_id: int, inspector: User, now: datetime, result: str, *, request_id: str = ""
) -> Inspection:
    """Close an open inspection with its result.

    :raises PermissionDenied: not an inspector (403)
    :raises NotFound: unknown inspection, or its case is outside the inspector's subtree (404)
    :raises ConflictError: already closed (409)
    :raises InvalidInput: no result, or too long (422)
    """
    require_inspector(inspector)
    inspection, case = _inspection_for_write(inspection_id, inspector)
    result = checked_text("result", result, required=True)
    inspection.closed_dt, inspection.result = now, result
    changes = {"closed_dt": [None, now], "result": ["", result]}
    params = {"inspection_id": inspection.id, "urge_count": inspection.urge_count}
    event = _event(case, "inspection_closed", inspector, now, changes, params, request_id=request_id)
    notify_inspection(case, "inspection_closed", event_seq=event.seq, now=now, body=result)
    return inspection


def get_inspection(inspection_id: int, user: User) -> Inspection:
    """An inspection an inspector may see, with its case; NotFound otherwise."""
    require_inspector(user)
    statement = (
        sa.select(Inspection).options(joinedload(Inspection.inspector)).where(Inspection.id == inspection_id)
    )
    inspection = db.session.scalar(statement)
    case = db.session.get(Case, inspection.case_id) if inspection else None
    if case is None or not can_view(user, case):
        raise NotFound(NO_INSPECTION)
    return inspection


def inspections(user: User, *, is_open: bool = True, limit: int = 100) -> list[tuple[Inspection, Case]]:
    """Inspections in the user's subtree, open ones by due date, closed ones newest first (one statement)."""
    require_inspector(user)
    statement = scope_filter(
        user,
        sa.select(Inspection, Case)
        .join(Case, Case.id == Inspection.case_id)
        .options(joinedload(Inspection.inspector), *LIST_OPTIONS),
    )
    if is_open:
        statement = statement.where(Inspection.closed_dt.is_(None)).order_by(
            Inspection.due_on.asc().nulls_last(), Inspection.id
        )
    else:
        statement = statement.where(Inspection.closed_dt.is_not(None)).order_by(Inspection.closed_dt.desc())
    return [(row[0], row[1]) for row in db.session.execute(statement.limit(limit))]


def recent_events(case: Case, *, limit: int = 30) -> list[CaseEvent]:
    """The case's latest audit events, newest first (the full trail is on the case page)."""
    statement = (
        sa.select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq.desc()).limit(limit)
    )
    return list(db.session.scalars(statement))


def case_for_inspector(case_id: int, user: User) -> Case:
    """A case in the inspector's subtree; NotFound otherwise."""
    require_inspector(user)
    case = db.session.get(Case, case_id)
    if case is None or not can_view(user, case):
        raise NotFound(NO_CASE)
    return case


def open_inspection_id(case: Case) -> int | None:
    """The id of the case's open inspection, if any."""
    inspection = _open_inspection_of(case.id)
    return inspection.id if inspection else None


def _inspection_for_write(inspection_id: int, user: User) -> tuple[Inspection, Case]:
    """An open inspection the user may act on, and its case, locked."""
    inspection = db.session.get(Inspection, inspection_id)
    if inspection is None:
        raise NotFound(NO_INSPECTION)
    case = lock_visible_case(inspection.case_id, user)
    db.session.refresh(inspection)
    if inspection.closed_dt is not None:
        raise ConflictError(ALREADY_CLOSED)
    return inspection, case


def _open_inspection_of(case_id: int) -> Inspection | None:
    """The case's open inspection (the case row is locked by the caller)."""
    statement = sa.select(Inspection).where(Inspection.case_id == case_id, Inspection.closed_dt.is_(None))
    return db.session.scalars(statement.order_by(Inspection.id)).first()


def _check_opening(findings: str, recommendation: str, due_on: date | None, today: date) -> None:
    """Findings are required, texts bounded, the due date (if any) not in the past."""
    errors = {}
    if not findings:
        errors["findings"] = [REQUIRED]
    for name, text in (("findings", findings), ("recommendation", recommendation)):
        if len(text) > MAX_TEXT:
            errors[name] = [TOO_LONG]
    if due_on is not None and due_on < today:
        errors["due_on"] = [DUE_IN_PAST]
    if errors:
        raise InvalidInput(N_("The inspection cannot be opened."), errors=errors)


def checked_text(name: str, text: str | None, *, required: bool) -> str:
    """A stripped text, required and bounded, or InvalidInput naming the field."""
    text = (text or "").strip()
    if required and not text:
        raise InvalidInput(REQUIRED, errors={name: [REQUIRED]})
    if len(text) > MAX_TEXT:
        raise InvalidInput(TOO_LONG, errors={name: [TOO_LONG]})
    return text


def _event(case, action, actor, now, changes, params, *, reason="", request_id="") -> CaseEvent:
    """Append the audit event (no new case version: the status and the case's fields do not change)."""
    event = append_event(
        case,
        action=action,
        now=now,
        actor=actor,
        changes=changes,
        params=params,
        reason=reason,
        request_id=request_id,
    )
    db.session.flush()
    logger.info("case %s: %s by %s", case.tracking_code, action, actor.username)
    return event
