"""Official documents: which may be issued when and by whom, numbered per unit, series and year, audited."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from caseflow.errors import InvalidInput, NotFound, PermissionDenied, TransitionNotAllowed
from caseflow.extensions import begin_write, db
from caseflow.i18n import N_
from caseflow.models import Case, CaseEvent, CaseStatus, IssuedDocument, Role, User
from caseflow.services.cases import deadlines
from caseflow.services.cases.audit import append_event
from caseflow.services.cases.locking import lock_visible_case
from caseflow.services.cases.records import latest_decision, latest_dialogue
from caseflow.services.cases.scope import can_view
from caseflow.sql import next_counter_value
from caseflow.timeutil import local_date

R = Role
ADDRESSEES = {
    "citizen": N_("the citizen"),
    "respondent": N_("the complained-against or denounced"),
    "agency": N_("the competent agency"),
    "public": N_("publication"),
    "forwarder": N_("the body that forwarded the letter"),
    "superior": N_("the superior body"),
}
REDACTED_ADDRESSEES = frozenset({"respondent", "public", "forwarder", "superior"})
CaseCheck = Callable[[Case], str | None]


def _always(case: Case) -> str | None:
    """A receipt can be issued for any letter."""
    return None


def _after(action: str, refusal: str) -> CaseCheck:
    """Available once the case's trail holds `action`."""

    def check(case: Case) -> str | None:
        return None if last_event(case, action) else refusal

    return check


def _in_status(status: CaseStatus, refusal: str) -> CaseCheck:
    """Available while the case is in `status` (a terminal status reached by the matching action)."""
    return lambda case: None if case.status == status else refusal


def _dialogue_held(case: Case) -> str | None:
    """Available once a dialogue's minutes are recorded."""
    dialogue = latest_dialogue(case)
    return None if dialogue and dialogue.held_dt else N_("No dialogue has been held on this case.")


def _decision_of(kind: str, refusal: str) -> CaseCheck:
    """Available once a decision of that kind (decision, conclusion, answer) is recorded."""

    def check(case: Case) -> str | None:
        decision = latest_decision(case)
        return None if decision and decision.kind == kind else refusal

    return check


@dataclass(frozen=True)
class DocumentKind:
    """One kind of official document: its number symbol, who issues it, to whom, and when it makes sense."""

    code: str
    series: str
    label: str
    addressees: tuple[str, ...]
    roles: frozenset[Role]
    check: CaseCheck


_DESK = frozenset({R.RECEPTION, R.OFFICER, R.LEADER})
_PROCESSING = frozenset({R.OFFICER, R.LEADER})
_RESOLVING = frozenset({R.HANDLER, R.OFFICER, R.LEADER})
_SENDING = ("citizen", "respondent", "public", "forwarder")
KINDS: dict[str, DocumentKind] = {
    kind.code: kind
    for kind in (
        DocumentKind("receipt", "BN", N_("Receipt"), ("citizen",), _DESK, _always),
        DocumentKind(
            "acceptance",
            "TB",
            N_("Acceptance notice"),
            ("citizen", "respondent", "forwarder"),
            _PROCESSING,
            _after("accept", N_("The case has not been accepted.")),
        ),
        DocumentKind(
            "non_acceptance",
            "TB",
            N_("Non-acceptance notice"),
            ("citizen", "forwarder"),
            _PROCESSING,
            _in_status(CaseStatus.NOT_ACCEPTED, N_("The case was not refused acceptance.")),
        ),
        DocumentKind(
            "forwarding",
            "PC",
            N_("Forwarding slip"),
            ("agency",),
            _PROCESSING,
            _in_status(CaseStatus.FORWARDED, N_("The letter has not been forwarded.")),
        ),
        DocumentKind(
            "guidance",
            "HD",
            N_("Guidance slip"),
            ("citizen",),
            _PROCESSING,
            _in_status(CaseStatus.GUIDED, N_("The citizen has not been guided to another body.")),
        ),
        DocumentKind(
            "suspension",
            "QĐ",
            N_("Suspension decision"),
            ("citizen", "respondent"),
            _PROCESSING,
            _after("suspend", N_("The resolution has not been suspended.")),
        ),
        DocumentKind(
            "continuation",
            "QĐ",
            N_("Continuation decision"),
            ("citizen", "respondent"),
            _PROCESSING,
            _after("resume", N_("The resolution has not been resumed after a suspension.")),
        ),
        DocumentKind(
            "progress_report",
            "BC",
            N_("Report on an overdue denunciation"),
            ("superior",),
            _PROCESSING,
            _after("request_report", N_("No superior has requested a report on this case.")),
        ),
        DocumentKind(
            "dialogue_minutes",
            "BB",
            N_("Dialogue minutes"),
            ("citizen", "respondent"),
            _RESOLVING,
            _dialogue_held,
        ),
        DocumentKind(
            "decision",
            "QĐ",
            N_("Complaint decision"),
            _SENDING,
            _PROCESSING,
            _decision_of("decision", N_("No complaint decision is recorded.")),
        ),
        DocumentKind(
            "conclusion",
            "KL",
            N_("Denunciation conclusion"),
            _SENDING,
            _PROCESSING,
            _decision_of("conclusion", N_("No denunciation conclusion is recorded.")),
        ),
        DocumentKind(
            "answer",
            "TL",
            N_("Answer to a petition"),
            ("citizen", "public", "forwarder"),
            _RESOLVING,
            _decision_of("answer", N_("No answer is recorded.")),
        ),
    )
}
SIGNED_KINDS = frozenset({"decision", "conclusion", "answer"})


@dataclass(frozen=True)
class Issuable:
    """A kind the user may issue on the case now, and to whom."""

    kind: DocumentKind
    addressees: tuple[str, ...]


def last_event(case: Case, action: str) -> CaseEvent | None:
    """The case's latest event of `action`."""
    statement = (
        sa.select(CaseEvent)
        .where(CaseEvent.case_id == case.id, CaseEvent.action == action)
        .order_by(CaseEvent.seq.desc())
        .limit(1)
    )
    return db.session.scalars(statement).first()


def refusal(case: Case, kind: DocumentKind, user: User) -> str | None:
    """Why `user` may not issue `kind` on `case` now, or None."""
    if not user.roles & kind.roles:
        return N_("Your role does not allow issuing this document.")
    return kind.check(case)


def issuable(case: Case, user: User) -> list[Issuable]:
    """The kinds `user` may issue on `case` now."""
    if not can_view(user, case):
        return []
    return [Issuable(kind, kind.addressees) for kind in KINDS.values() if refusal(case, kind, user) is None]


def issued_documents(case: Case) -> list[IssuedDocument]:
    """The documents issued on the case, oldest first."""
    statement = sa.select(IssuedDocument).where(IssuedDocument.case_id == case.id).order_by(IssuedDocument.id)
    return list(db.session.scalars(statement))


def issue_document(
    case_id: int,
    kind: str,
    *,
    addressee: str,
    actor: User,
    now: datetime,
    again: bool = False,
    request_id: str = "",
) -> IssuedDocument:
    """Number and date a document; the same kind and addressee again returns the first unless `again`.

    :raises NotFound: unknown case or a case outside the actor's scope (404)
    :raises PermissionDenied: the actor's roles do not issue this kind (403)
    :raises TransitionNotAllowed: the case's state does not call for this document (409)
    :raises InvalidInput: unknown kind or addressee (422)
    """
    begin_write()
    case = lock_visible_case(case_id, actor)
    spec = _spec(kind, addressee)
    if not actor.roles & spec.roles:
        raise PermissionDenied(N_("Your role does not allow issuing this document."))
    reason = spec.check(case) or _addressee_refusal(case, addressee)
    if reason:
        raise TransitionNotAllowed(reason)
    existing = _existing(case, kind, addressee)
    if existing and (not again or _keeps_signed_number(case, kind)):
        return existing
    return _issue(case, spec, addressee, actor, now, request_id)


def _addressee_refusal(case: Case, addressee: str) -> str | None:
    """A result goes back to the forwarding body only when the letter came forwarded."""
    if addressee == "forwarder" and not case.forwarded_by:
        return N_("The letter was not forwarded by another body.")
    return None


def _spec(kind: str, addressee: str) -> DocumentKind:
    """The kind's row, checking the addressee is one it is written for."""
    spec = KINDS.get(kind)
    if spec is None:
        raise InvalidInput(
            N_("Unknown kind of document."), errors={"kind": [N_("Unknown kind of document.")]}
        )
    if addressee not in spec.addressees:
        message = N_("This document is not addressed to that party.")
        raise InvalidInput(message, errors={"addressee": [message]})
    return spec


def _existing(case: Case, kind: str, addressee: str) -> IssuedDocument | None:
    """The latest document of that kind and addressee already issued on the case."""
    statement = (
        sa.select(IssuedDocument)
        .where(
            IssuedDocument.case_id == case.id,
            IssuedDocument.kind == kind,
            IssuedDocument.addressee == addressee,
        )
        .order_by(IssuedDocument.id.desc())
        .limit(1)
    )
    return db.session.scalars(statement).first()


def _keeps_signed_number(case: Case, kind: str) -> bool:
    """A decision signed under its own number is one document: issuing it again reprints it."""
    decision = latest_decision(case) if kind in SIGNED_KINDS else None
    return bool(decision and decision.number)


def _issue(
    case: Case, spec: DocumentKind, addressee: str, actor: User, now: datetime, request_id: str
) -> IssuedDocument:
    """Take the next number, add the row and the `document_issued` event (the version does not move)."""
    issued_on = local_date(now)
    seq = next_number(case.unit_id, spec.series, issued_on.year)
    document = IssuedDocument(
        case_id=case.id,
        unit_id=case.unit_id,
        kind=spec.code,
        year=issued_on.year,
        seq=seq,
        number=_number(case, spec, seq),
        issued_on=issued_on,
        addressee=addressee,
        created_by_id=actor.id,
        created_dt=now,
    )
    db.session.add(document)
    db.session.flush()
    deadlines.meet_by_document(case, spec.code, addressee, now=now)
    append_event(
        case,
        action="document_issued",
        now=now,
        actor=actor,
        request_id=request_id,
        params={
            "document": document.id,
            "kind": spec.code,
            "number": document.number,
            "addressee": addressee,
        },
    )
    db.session.flush()
    return document


def next_number(unit_id: int, series: str, year: int) -> int:
    """The next number of a unit's series in a year, from a counter incremented under the write lock."""
    return next_counter_value(f"doc:{unit_id}:{series}:{year}")


def _number(case: Case, spec: DocumentKind, seq: int) -> str:
    """ "12/TB-TNMT": the sequence, the series and the unit's short code; a signed decision keeps its own."""
    decision = latest_decision(case) if spec.code in SIGNED_KINDS else None
    if decision and decision.number:
        return decision.number
    return f"{seq}/{spec.series}-{unit_symbol(case.unit.code)}"


def unit_symbol(code: str) -> str:
    """The unit's short symbol in document numbers: the last part of its code (HN-TNMT → TNMT)."""
    return code.rsplit("-", 1)[-1].upper()


def document_for(document_id: int, viewer: User) -> tuple[IssuedDocument, Case]:
    """An issued document and its case, if the viewer may see the case (404 otherwise)."""
    document = db.session.get(IssuedDocument, document_id)
    case = db.session.get(Case, document.case_id) if document else None
    if case is None or not can_view(viewer, case):
        raise NotFound(N_("No such document."))
    return document, case


def record_identity_read(case: Case, document: IssuedDocument, *, viewer: User, now: datetime, request_id=""):
    """A document showing a denouncer's identity was opened: an `identity_viewed` event, as on the page."""
    begin_write()
    case = lock_visible_case(case.id, viewer)
    append_event(
        case,
        action="identity_viewed",
        now=now,
        actor=viewer,
        request_id=request_id,
        params={"document": document.id, "number": document.number},
    )
    db.session.flush()
