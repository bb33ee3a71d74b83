"""The reception book: sessions at the desk, from which letters are created."""

from datetime import datetime

from caseflow.errors import PermissionDenied
from caseflow.extensions import begin_write, db
from caseflow.models import CaseKind, ReceptionSession, Role, SessionKind, User
from caseflow.services.cases.schemas import ReceptionSessionArgs
from caseflow.timeutil import local_date
from caseflow.validation import load_args


def record_session(data: dict, *, actor: User, now: datetime) -> ReceptionSession:
    """Write one entry of the reception book in the actor's unit."""
    begin_write()
    if not actor.has_role(Role.RECEPTION, Role.OFFICER, Role.LEADER):
        raise PermissionDenied("Only reception officers, officers and leaders record reception sessions.")
    args = load_args(ReceptionSessionArgs, data)
    session = ReceptionSession(
        **{k: v for k, v in args.items() if k not in ("kind", "matter_kind", "received_on")},
        kind=SessionKind(args["kind"]),
        matter_kind=CaseKind(args["matter_kind"]) if args["matter_kind"] else None,
        received_on=args["received_on"] or local_date(now),
        unit_id=actor.unit_id,
        host_id=actor.id,
        is_group=args["people_count"] >= 5,
        created_by_id=actor.id,
        created_dt=now,
    )
    session.host_name = session.host_name or actor.full_name
    db.session.add(session)
    db.session.flush()
    return session


def session_matter_kind(case) -> str | None:
    """The kind of matter noted at the reception session the letter came from (None when not said)."""
    if case.reception_session_id is None:
        return None
    session = db.session.get(ReceptionSession, case.reception_session_id)
    return session.matter_kind.value if session and session.matter_kind else None
