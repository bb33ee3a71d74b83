"""The denouncer's identity: who may see it, masked views for everyone else, and an audit event per read."""

from datetime import date, datetime

import sqlalchemy as sa

from caseflow.errors import NotFound, PermissionDenied
from caseflow.extensions import begin_write, db
from caseflow.models import (
    IDENTITY_FIELDS,
    Case,
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


def is_protected(case: Case, party: Party) -> bool:
    """True for the denouncer side of a denunciation."""
    return case.kind == CaseKind.DENUNCIATION and party.role in PROTECTED_ROLES


def may_see_identity(user: User, case: Case) -> bool:
    """Leaders over the case's unit, and users granted access on this case."""
    if not can_view(user, case):
        return False
    if case.kind != CaseKind.DENUNCIATION or Role.LEADER in user.roles:
        return True
    grant = sa.select(IdentityGrant.id).where(
        IdentityGrant.case_id == case.id, IdentityGrant.user_id == user.id
    )
    return db.session.scalar(grant) is not None


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

    A session is a denouncer's when it was recorded as a denunciation or a denunciation was opened from it.
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
    """The sessions recorded as denunciations, or from which a denunciation was opened."""
    if not sessions:
        return set()
    linked = sa.select(Case.reception_session_id).where(
        Case.reception_session_id.in_([s.id for s in sessions]), Case.kind == CaseKind.DENUNCIATION
    )
    opened = set(db.session.scalars(linked))
    return {s.id for s in sessions if s.matter_kind == CaseKind.DENUNCIATION or s.id in opened}


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
