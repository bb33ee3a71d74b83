"""The denouncer's identity: who may see it, masked views for everyone else, and an audit event per read.

A denunciation's denouncer is protected (Luật TC 2018 Art 47); so is the sender of a letter not yet classified
whose intake kind is unset or a denunciation, because it may be one. A waiver recorded on the case (the
denouncer agreed to disclosure, Art 47(2)) lifts the protection.
"""

import re
from datetime import date, datetime

import sqlalchemy as sa

from caseflow.errors import NotFound, PermissionDenied
from caseflow.extensions import begin_write, db
from caseflow.models import (
    IDENTITY_FIELDS,
    Case,
    CaseEvent,
    CaseKind,
    IdentityGrant,
    Party,
    PartyRole,
    ReceptionSession,
    Role,
    User,
)
from caseflow.services.cases.audit import append_event
from caseflow.services.cases.locking import lock_case
from caseflow.services.cases.scope import can_view
from caseflow.timeutil import local_date

PROTECTED_ROLES = (PartyRole.PETITIONER, PartyRole.CO_PETITIONER, PartyRole.REPRESENTATIVE)
MASK = "(protected)"
MIN_SECRET = 3  # shorter values are not searched for in free text


def masks(kind, intake: CaseKind | None, waived_on: date | None) -> bool:
    """The rule on plain values (for bulk readers such as exports): see `masks_identity`."""
    if waived_on is not None:
        return False
    if kind is not None:
        return CaseKind(kind) == CaseKind.DENUNCIATION
    return intake is None or CaseKind(intake) == CaseKind.DENUNCIATION


def masks_identity_clause() -> sa.ColumnElement[bool]:
    """`masks_identity` as a SQL condition on cases (for searches and bulk reads)."""
    other_kind = sa.select(ReceptionSession.id).where(
        ReceptionSession.matter_kind.is_not(None), ReceptionSession.matter_kind != CaseKind.DENUNCIATION
    )
    unclassified = sa.and_(
        Case.kind.is_(None),
        sa.or_(Case.reception_session_id.is_(None), Case.reception_session_id.not_in(other_kind)),
    )
    may_be = sa.or_(Case.kind == CaseKind.DENUNCIATION, unclassified)
    return sa.and_(Case.identity_waived_on.is_(None), may_be)


def may_be_denunciation(case: Case) -> bool:
    """A denunciation, or an unclassified letter whose intake kind is unset or a denunciation."""
    return masks(case.kind, intake_kind(case) if case.kind is None else None, None)


def intake_kind(case: Case) -> CaseKind | None:
    """The kind the letter was brought in as: its reception session's matter kind, else unset."""
    if case.reception_session_id is None:
        return None
    session = db.session.get(ReceptionSession, case.reception_session_id)
    return session.matter_kind if session else None


def masks_identity(case: Case) -> bool:
    """True while the case's sender side is protected: it may be a denunciation and no waiver is recorded."""
    return masks(case.kind, intake_kind(case) if case.kind is None else None, case.identity_waived_on)


def is_protected(case: Case, party: Party) -> bool:
    """True for the denouncer side of a case that masks its sender's identity."""
    return party.role in PROTECTED_ROLES and masks_identity(case)


def may_see_identity(user: User, case: Case) -> bool:
    """Leaders over the case's unit, users granted access on this case, and, while the letter is unclassified,
    the officers of its unit who process letters."""
    if not can_view(user, case):
        return False
    if not masks_identity(case) or Role.LEADER in user.roles:
        return True
    if case.kind is None and Role.OFFICER in user.roles and user.unit_id == case.unit_id:
        return True
    grant = sa.select(IdentityGrant.id).where(
        IdentityGrant.case_id == case.id, IdentityGrant.user_id == user.id
    )
    return db.session.scalar(grant) is not None


def may_see_on_document(user: User, case: Case, document_kind: str) -> bool:
    """Whoever may see the identity; on its receipt, also the officer who recorded an unclassified letter."""
    if may_see_identity(user, case):
        return True
    return document_kind == "receipt" and case.kind is None and recorded_by(case) == user.id


def recorded_by(case: Case) -> int | None:
    """The id of the user who recorded the letter (the actor of its intake event)."""
    statement = sa.select(CaseEvent.actor_user_id).where(CaseEvent.case_id == case.id, CaseEvent.seq == 1)
    return db.session.scalar(statement)


def party_view(case: Case, party: Party) -> dict:
    """A party as everyone may see it: a denouncer's identifying fields are masked."""
    view = {
        "id": party.id,
        "role": party.role.value,
        "is_organisation": party.is_organisation,
        "position": party.position,
    }
    if is_protected(case, party):
        return {**view, **dict.fromkeys(IDENTITY_FIELDS, MASK), "is_protected": True}
    return {**view, **{name: getattr(party, name) for name in IDENTITY_FIELDS}, "is_protected": False}


def identity_secrets(case: Case) -> list[str]:
    """The protected parties' identifying strings as recorded, longest first (a name before its parts)."""
    values = {
        str(getattr(p, name)).strip()
        for p in case.parties
        if is_protected(case, p)
        for name in IDENTITY_FIELDS
        if getattr(p, name) and len(str(getattr(p, name)).strip()) >= MIN_SECRET
    }
    return sorted(values, key=len, reverse=True)


def redact_text(case: Case, text: str | None, mask: str = MASK) -> str:
    """Free text with the protected parties' identifiers replaced by `mask` (case-insensitive)."""
    text = text or ""
    for secret in identity_secrets(case):
        text = re.sub(re.escape(secret), mask, text, flags=re.IGNORECASE)
    return text


def content_view(case: Case) -> str:
    """The letter's content as shown on pages, the API and search: the denouncer's identifiers redacted."""
    return redact_text(case, case.content) if masks_identity(case) else case.content


def reveal_identity(case: Case, *, viewer: User, now: datetime, request_id: str = "") -> list[dict]:
    """The denouncer's identity for a permitted viewer; the read itself becomes an audit event."""
    begin_write()
    if not may_see_identity(viewer, case):
        raise PermissionDenied("You may not see the denouncer's identity on this case.")
    lock_case(case.id)
    protected = [p for p in case.parties if is_protected(case, p)]
    append_event(
        case,
        action="identity_viewed",
        now=now,
        actor=viewer,
        request_id=request_id,
        params={"parties": [p.id for p in protected]},
    )
    db.session.flush()
    return [
        {"id": p.id, "role": p.role.value, **{name: getattr(p, name) for name in IDENTITY_FIELDS}}
        for p in protected
    ]


def grant_identity(
    case: Case, *, grantee: User, granted_by: User, now: datetime, reason: str, request_id: str = ""
) -> IdentityGrant:
    """A leader lets one more user see the denouncer's identity on this case."""
    begin_write()
    if Role.LEADER not in granted_by.roles or not can_view(granted_by, case):
        raise PermissionDenied("Only a leader over this case may grant access to the denouncer's identity.")
    if not can_view(grantee, case):
        raise NotFound("That user cannot see this case.")
    lock_case(case.id)
    grant = IdentityGrant(
        case_id=case.id, user_id=grantee.id, granted_by_id=granted_by.id, granted_dt=now, reason=reason
    )
    db.session.add(grant)
    append_event(
        case,
        action="identity_granted",
        now=now,
        actor=granted_by,
        reason=reason,
        request_id=request_id,
        params={"grantee": grantee.username},
    )
    db.session.flush()
    return grant


# Reception sessions: the visitor of a session that is (or became) a denunciation is the denouncer.


def protected_sessions(sessions: list[ReceptionSession], viewer: User) -> set[int]:
    """Ids of the sessions whose visitor the viewer may not identify.

    A session is a denouncer's when it was recorded as a denunciation, or a denunciation was opened from it,
    or a letter opened from it is unclassified and was brought in as a denunciation or as nothing yet;
    a waiver recorded on the letter lifts it.
    Its visitor is seen by leaders over its unit and by users granted access on that denunciation; everyone
    else, the officer who recorded it included, sees it masked (they see what they typed only on the form
    and on the printed receipt).
    """
    denouncers = _denouncer_sessions(sessions)
    if not denouncers:
        return set()
    granted = _granted_sessions(denouncers, viewer)
    return {
        s.id
        for s in sessions
        if s.id in denouncers and s.id not in granted and not _leads_unit(viewer, s)
    }


def may_prefill_visitor(viewer: User, session: ReceptionSession, *, today: date) -> bool:
    """A letter form written from a session is filled with its visitor for those who may see it, and for
    the officer who recorded the visit on the day they recorded it."""
    if session.id not in protected_sessions([session], viewer):
        return True
    return session.created_by_id == viewer.id and local_date(session.created_dt) == today


def _denouncer_sessions(sessions: list[ReceptionSession]) -> set[int]:
    """The sessions whose visitor may be a denouncer: recorded as a denunciation or linked to a letter that
    masks its sender (see `masks_identity`), unless a waiver was recorded on a letter from it."""
    if not sessions:
        return set()
    linked = sa.select(Case.reception_session_id, Case.kind, Case.identity_waived_on).where(
        Case.reception_session_id.in_([s.id for s in sessions]),
        sa.or_(Case.kind == CaseKind.DENUNCIATION, Case.kind.is_(None)),
    )
    rows = db.session.execute(linked).all()
    waived = {sid for sid, _kind, on in rows if on is not None}
    opened = {sid for sid, kind, on in rows if on is None and kind == CaseKind.DENUNCIATION}
    unclassified = {sid for sid, kind, on in rows if on is None and kind is None}
    return {
        s.id
        for s in sessions
        if s.id not in waived
        and (
            s.matter_kind == CaseKind.DENUNCIATION
            or s.id in opened
            or (s.id in unclassified and s.matter_kind in (None, CaseKind.DENUNCIATION))
        )
    }


def _granted_sessions(session_ids: set[int], viewer: User) -> set[int]:
    """Sessions whose denunciation the viewer was granted access to."""
    statement = (
        sa.select(Case.reception_session_id)
        .join(IdentityGrant, IdentityGrant.case_id == Case.id)
        .where(Case.reception_session_id.in_(session_ids), IdentityGrant.user_id == viewer.id)
    )
    return set(db.session.scalars(statement))


def _leads_unit(viewer: User, session: ReceptionSession) -> bool:
    """A leader whose unit is the session's or above it."""
    return Role.LEADER in viewer.roles and viewer.is_active and session.unit.path.startswith(viewer.unit.path)
