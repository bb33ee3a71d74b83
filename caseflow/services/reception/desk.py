"""What the reception desk reads: the day's sessions, the book of a period, likely duplicates of a letter."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from caseflow.errors import NotFound, PermissionDenied
from caseflow.extensions import db
from caseflow.models import Attachment, Case, CaseEvent, CaseStatus, ReceptionSession, Role, User
from caseflow.services.cases.identity import protected_sessions
from caseflow.services.cases.matching import Duplicate, PersonKey, find_duplicates
from caseflow.services.cases.schemas import IntakeArgs
from caseflow.services.cases.scope import can_view, subtree_unit_ids
from caseflow.validation import load_args

DESK_ROLES = (Role.RECEPTION, Role.OFFICER, Role.LEADER)
BOOK_ROLES = (Role.RECEPTION, Role.LEADER, Role.INSPECTOR, Role.OFFICER)


@dataclass
class BookEntry:
    """One row of the book: the session, the cases opened from it, and whether the visitor is shown."""

    session: ReceptionSession
    cases: list["CaseRef"]
    shows_visitor: bool


@dataclass
class Book:
    """The book of a period with its totals."""

    start: date
    end: date
    entries: list[BookEntry] = field(default_factory=list)

    @property
    def people(self) -> int:
        """Citizens received in the period."""
        return sum(entry.session.people_count for entry in self.entries)

    @property
    def groups(self) -> int:
        """Delegations (đoàn đông người) received in the period."""
        return sum(1 for entry in self.entries if entry.session.is_group)


def require_role(user: User, roles: tuple[Role, ...], message: str) -> None:
    """Refuse users holding none of `roles`."""
    if not user.has_role(*roles):
        raise PermissionDenied(message)


def sessions_on(user: User, day: date) -> list[ReceptionSession]:
    """The sessions recorded in the user's own unit on `day`, latest first."""
    require_role(user, DESK_ROLES, "The reception desk is for reception officers, officers and leaders.")
    statement = (
        sa.select(ReceptionSession)
        .where(ReceptionSession.unit_id == user.unit_id, ReceptionSession.received_on == day)
        .order_by(ReceptionSession.id.desc())
    )
    return list(db.session.scalars(statement))


def session_for_intake(session_id: int, user: User) -> ReceptionSession:
    """A session of the user's own unit, from which a letter is being written; NotFound otherwise."""
    session = db.session.get(ReceptionSession, session_id)
    if session is None or session.unit_id != user.unit_id:
        raise NotFound("No such reception session in this unit.")
    return session


def likely_duplicates(data: dict, *, viewer: User) -> list[Duplicate]:
    """Check a letter as intake would; list the visible cases it probably repeats (InvalidInput if bad)."""
    args = load_args(IntakeArgs, data)
    petitioner = args.get("petitioner")
    person = (
        PersonKey.of(petitioner["full_name"], petitioner["address"], petitioner.get("id_number"))
        if petitioner
        else None
    )
    return find_duplicates(viewer=viewer, person=person, subject=args["subject"], content=args["content"])


def reception_book(user: User, start: date, end: date) -> Book:
    """The Sổ tiếp công dân of the user's unit and the units below it, oldest first, in two statements."""
    require_role(user, BOOK_ROLES, "The reception book is for reception officers, leaders and inspectors.")
    in_period = sa.and_(
        ReceptionSession.unit_id.in_(subtree_unit_ids(user.unit)),
        ReceptionSession.received_on >= start,
        ReceptionSession.received_on <= end,
    )
    sessions = db.session.scalars(
        sa.select(ReceptionSession)
        .where(in_period)
        .options(joinedload(ReceptionSession.unit))
        .order_by(ReceptionSession.received_on, ReceptionSession.id)
    ).all()
    codes = case_codes(sa.select(ReceptionSession.id).where(in_period))
    masked = protected_sessions(list(sessions), user)
    entries = [BookEntry(s, codes.get(s.id, []), s.id not in masked) for s in sessions]
    return Book(start, end, entries)


class CaseRef(NamedTuple):
    """A case opened from a session, as the book names it."""

    id: int
    tracking_code: str
    status: CaseStatus


def case_codes(session_ids) -> dict[int, list[CaseRef]]:
    """Cases opened from the sessions (a list of ids or a subquery), by session, in one statement."""
    rows = db.session.execute(
        sa.select(Case.reception_session_id, Case.id, Case.tracking_code, Case.status)
        .where(Case.reception_session_id.in_(session_ids))
        .order_by(Case.id)
    )
    codes: dict[int, list[CaseRef]] = defaultdict(list)
    for session_id, case_id, code, status in rows:
        codes[session_id].append(CaseRef(case_id, code, status))
    return codes


@dataclass
class Receipt:
    """What the giấy biên nhận shows: the case, its documents and who received it."""

    case: Case
    attachments: list[Attachment]
    received_by: User | None


def receipt_of(case_id: int, user: User) -> Receipt:
    """The receipt of a case the user may see; NotFound otherwise."""
    case = db.session.scalars(
        sa.select(Case)
        .where(Case.id == case_id)
        .options(selectinload(Case.parties), selectinload(Case.deadlines))
    ).first()
    if case is None or not can_view(user, case):
        raise NotFound("No such case.")
    attachments = db.session.scalars(
        sa.select(Attachment).where(Attachment.case_id == case.id).order_by(Attachment.id)
    ).all()
    receiver = db.session.scalars(
        sa.select(User)
        .join(CaseEvent, CaseEvent.actor_user_id == User.id)
        .where(CaseEvent.case_id == case.id, CaseEvent.action == "intake")
    ).first()
    return Receipt(case, list(attachments), receiver)
