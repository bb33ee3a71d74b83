"""Build the API's bodies from models (then dumped through the schemas in caseflow.api.schemas)."""

from flask_babel import force_locale, gettext

from caseflow.api import schemas
from caseflow.models import IDENTITY_FIELDS, Case, CaseEvent, PartyRole, ReceptionSession, Unit, User
from caseflow.services.cases.actions import allowed_actions
from caseflow.services.cases.deadlines import explain_clock
from caseflow.services.cases.identity import MASK, content_view, party_view
from caseflow.services.cases.matching import Duplicate
from caseflow.services.engagement.legal_aid import legal_aid_recipient
from caseflow.services.reception.tracking import Tracking

_case_schema = schemas.CaseSchema()
_created_schema = schemas.CaseCreatedSchema()
_summary_schema = schemas.CaseSummarySchema()
_event_schema = schemas.EventSchema()
_session_schema = schemas.ReceptionSessionSchema()
_user_schema = schemas.UserSchema()
_tracking_schema = schemas.TrackingSchema()


def unit_ref(unit: Unit) -> dict:
    """A unit's id, code and name."""
    return {"id": unit.id, "code": unit.code, "name": unit.name}


def user_ref(user: User | None) -> dict | None:
    """A user's id, username and full name."""
    if user is None:
        return None
    return {"id": user.id, "username": user.username, "full_name": user.full_name}


def user_body(user: User) -> dict:
    """A user with roles and unit."""
    return _user_schema.dump(
        {**user_ref(user), "roles": sorted(r.value for r in user.roles), "unit": unit_ref(user.unit)}
    )


def _summary_fields(case: Case) -> dict:
    """The fields a list shows."""
    return {
        "id": case.id,
        "tracking_code": case.tracking_code,
        "kind": case.kind,
        "level": case.level,
        "field": case.field,
        "channel": case.channel,
        "status": case.status,
        "version": case.version,
        "unit": unit_ref(case.unit),
        "assignee": user_ref(case.assignee),
        "received_on": case.received_on,
        "subject": case.subject,
        "complexity": case.complexity,
        "is_suspended": case.is_suspended,
        "is_overdue": case.is_overdue,
        "due_on": case.due_on,
        "updated_at": case.updated_dt,
    }


def case_summary(case: Case) -> dict:
    """A case in a list."""
    return _summary_schema.dump(_summary_fields(case))


def _case_fields(case: Case, viewer: User, *, as_recorded: bool = False) -> dict:
    """Every field of the case body; parties as party_view masks them (`as_recorded`: as the recording
    officer typed them, in the answer to their own intake)."""
    view = _as_typed if as_recorded else party_view
    parties = {role: [view(case, p) for p in case.parties if p.role == role] for role in PartyRole}
    petitioners = parties[PartyRole.PETITIONER]
    return {
        **_summary_fields(case),
        "content": case.content if as_recorded else content_view(case),
        "petitioner": petitioners[0] if petitioners else None,
        "co_petitioners": petitioners[1:] + parties[PartyRole.CO_PETITIONER],
        "representatives": parties[PartyRole.REPRESENTATIVE],
        "respondents": parties[PartyRole.RESPONDENT],
        "is_anonymous": case.is_anonymous,
        "is_remote_area": case.is_remote_area,
        "legal_aid": case.legal_aid,
        "legal_aid_on": case.legal_aid_on,
        "legal_aid_to": legal_aid_recipient(viewer, case),
        "signatories": case.signatories,
        "forwarded_by": case.forwarded_by,
        "parent_case_id": case.parent_case_id,
        "reception_session_id": case.reception_session_id,
        "received_at": case.received_dt,
        "closed_at": case.closed_dt,
        "deadlines": [deadline_fields(clock) for clock in case.deadlines],
        "allowed_actions": allowed_actions(case, viewer),
    }


def _as_typed(case: Case, party) -> dict:
    """A party unmasked, for the officer who has just recorded it."""
    return {**party_view(case, party), **{name: getattr(party, name) for name in IDENTITY_FIELDS},
            "is_protected": False}  # fmt: skip


def deadline_fields(clock) -> dict:
    """A clock with its explanation."""
    return {
        "id": clock.id,
        "rule": clock.rule_id,
        "rule_version": clock.rule_version,
        "due_on": clock.due_on,
        "state": clock.state,
        "is_obligation": clock.is_obligation,
        "is_late": clock.is_late,
        "explanation": explain_clock(clock),
    }


def case_body(case: Case, viewer: User) -> dict:
    """The case as `viewer` may see it."""
    return _case_schema.dump(_case_fields(case, viewer))


def created_body(case: Case, viewer: User, pin: str, duplicates: list[Duplicate]) -> dict:
    """The answer to intake: the case, its PIN (only now) and likely duplicates."""
    found = [
        {
            "id": d.case.id,
            "tracking_code": d.case.tracking_code,
            "status": d.case.status,
            "subject": d.case.subject,
            "score": d.score,
            "reasons": list(d.reasons),
        }
        for d in duplicates
    ]
    fields = _case_fields(case, viewer, as_recorded=True)
    return _created_schema.dump({**fields, "pin": pin, "duplicates": found})


def event_body(event: CaseEvent) -> dict:
    """One audit event."""
    return _event_schema.dump(
        {
            "seq": event.seq,
            "at": event.created_dt,
            "actor": event.actor,
            "action": event.action,
            "from_status": event.from_status,
            "to_status": event.to_status,
            "changes": event.changes or {},
            "params": event.params or {},
            "reason": event.reason,
            "request_id": event.request_id,
            "prev_hash": event.prev_hash,
            "hash": event.hash,
        }
    )


def session_body(session: ReceptionSession, *, protected: bool) -> dict:
    """A reception-book entry; the citizen's identity masked when `protected`."""
    fields = {
        name: getattr(session, name)
        for name in _session_schema.fields
        if name not in ("unit", "is_protected", "created_at")
    }
    fields.update(unit=unit_ref(session.unit), is_protected=protected, created_at=session.created_dt)
    if protected:
        fields.update(citizen_name=MASK, citizen_address=MASK, citizen_id_number=MASK)
        fields["representatives"] = [MASK for _ in session.representatives or []]
    return _session_schema.dump(fields)


def tracking_body(view: Tracking, language: str) -> dict:
    """The citizen's view in `language` (vi or en)."""
    with force_locale(language):
        body = {
            "tracking_code": view.tracking_code,
            "language": language,
            "status": view.status,
            "kind": view.kind,
            "kind_title": gettext(view.kind_title),
            "stage": gettext(view.stage),
            "next_step": gettext(view.next_step),
            "unit": view.unit,
            "received_on": view.received_on,
            "updated_on": view.updated_on,
            "is_open": view.is_open,
            "is_suspended": view.is_suspended,
            "due": _due_body(view, language),
            "decision": {"kind": gettext(view.decision.kind), "number": view.decision.number,
                         "signed_on": view.decision.signed_on} if view.decision else None,
            "appeal": {"started": view.appeal.started, "ends_on": view.appeal.ends_on}
            if view.appeal else None,
        }  # fmt: skip
    return _tracking_schema.dump(body)


def _due_body(view: Tracking, language: str) -> dict | None:
    """The due date with its explanation in the chosen language."""
    if view.due is None:
        return None
    due = view.due
    vietnamese = language == "vi"
    return {
        "due_on": due.due_on,
        "rule": due.title_vi if vietnamese else due.title,
        "explanation": due.text_vi if vietnamese else due.text,
        "is_overdue": due.is_overdue,
    }
