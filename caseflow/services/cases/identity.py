"""The denouncer's identity: who may see it, masked views for everyone else, and an audit event per read."""

from datetime import datetime

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



def protected_sessions(sessions: list[ReceptionSession], viewer: User) -> set[int]:
    """Ids of sessions whose citizen is a denouncer the viewer may not identify (leaders may)."""
    if Role.LEADER in viewer.roles or not sessions:
        return set()
    ids = [s.id for s in sessions]
    linked = sa.select(Case.reception_session_id).where(
        Case.reception_session_id.in_(ids), Case.kind == CaseKind.DENUNCIATION
    )
    denunciations = set(db.session.scalars(linked))
    return {s.id for s in sessions if s.matter_kind == CaseKind.DENUNCIATION or s.id in denunciations}
