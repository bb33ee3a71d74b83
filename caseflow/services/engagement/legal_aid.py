"""Legal aid (trợ giúp pháp lý): when it was given on a case and to whom, and how many cases per unit.

Recording it changes no status and no version; it is an audit event on the case. On a denunciation the
recipient may be the denouncer, so the event never carries the name and pages mask it like the identity.
"""

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from caseflow.errors import InvalidInput, NotFound, PermissionDenied
from caseflow.extensions import begin_write, db
from caseflow.i18n import N_
from caseflow.models import Case, CaseKind, Role, Unit, User
from caseflow.services.cases.audit import append_event
from caseflow.services.cases.identity import MASK, masks_identity, may_see_identity
from caseflow.services.cases.locking import lock_case
from caseflow.services.cases.scope import can_view, scope_filter
from caseflow.services.reports import require_reader
from caseflow.services.reports.queries import legal_aid_between
from caseflow.timeutil import local_date

RECORD_ROLES = (Role.LEADER, Role.RECEPTION, Role.HANDLER)
MAX_GIVEN_TO = 200
MAX_NOTE = 1000
NOT_YOURS = N_("Legal aid is recorded by the reception desk, a leader, or the case's handler.")


def may_record_legal_aid(user: User, case: Case) -> bool:
    """Leaders and reception over the case; a handler on the cases assigned to them."""
    if not can_view(user, case):
        return False
    if user.has_role(Role.LEADER, Role.RECEPTION):
        return True
    return user.has_role(Role.HANDLER) and case.assignee_id == user.id


def record_legal_aid(
    case_id: int,
    actor: User,
    now: datetime,
    given_to: str,
    given_on: date | None,
    note: str = "",
    request_id: str = "",
) -> Case:
    """Record that legal aid was given on `given_on` to `given_to`; a second record corrects the first.

    :raises NotFound: outside the actor's scope. :raises PermissionDenied: not allowed to record it.
    :raises InvalidInput: missing recipient or date, a future date, text too long.
    """
    begin_write()
    case = db.session.get(Case, case_id)
    if case is None or not can_view(actor, case):
        raise NotFound(N_("No such case."))
    if not may_record_legal_aid(actor, case):
        raise PermissionDenied(NOT_YOURS)
    given_to, note = _valid(given_to, given_on, note, today=local_date(now))
    case = lock_case(case.id)
    before = {
        "legal_aid": case.legal_aid,
        "legal_aid_to": case.legal_aid_to,
        "legal_aid_on": case.legal_aid_on,
    }
    case.legal_aid, case.legal_aid_to, case.legal_aid_on = True, given_to, given_on
    changes = {name: [old, getattr(case, name)] for name, old in before.items() if old != getattr(case, name)}
    if case.kind == CaseKind.DENUNCIATION and "legal_aid_to" in changes:
        changes["legal_aid_to"] = [MASK if changes["legal_aid_to"][0] else None, MASK]
    append_event(
        case,
        action="legal_aid_recorded",
        now=now,
        actor=actor,
        changes=changes,
        reason=note,
        request_id=request_id,
    )
    db.session.flush()
    return case


def _valid(given_to: str, given_on: date | None, note: str, *, today: date) -> tuple[str, str]:
    """A recipient, a date not in the future, short texts."""
    given_to, note, errors = (given_to or "").strip(), (note or "").strip(), {}
    if not given_to:
        errors["given_to"] = [N_("Say to whom legal aid was given.")]
    elif len(given_to) > MAX_GIVEN_TO:
        errors["given_to"] = [N_("At most 200 characters.")]
    if given_on is None:
        errors["given_on"] = [N_("Give the date legal aid was given.")]
    elif given_on > today:
        errors["given_on"] = [N_("The date cannot be in the future.")]
    if len(note) > MAX_NOTE:
        errors["note"] = [N_("At most 1000 characters.")]
    if errors:
        raise InvalidInput(N_("Some fields are missing or invalid."), errors=errors)
    return given_to, note


def legal_aid_recipient(user: User, case: Case) -> str | None:
    """To whom legal aid was given, as `user` may see it (masked on a denunciation without access)."""
    if not case.legal_aid_to:
        return None
    if masks_identity(case) and not may_see_identity(user, case):
        return MASK
    return case.legal_aid_to


@dataclass(frozen=True)
class LegalAidRow:
    """How many cases of one unit had legal aid in the period."""

    unit_id: int
    code: str
    name: str
    cases: int


def legal_aid_summary(user: User, date_from: date, date_to: date) -> list[LegalAidRow]:
    """Cases with legal aid given from `date_from` to `date_to` (inclusive), per unit of the user's scope.

    :raises PermissionDenied: the user does not read reports.
    """
    require_reader(user)
    statement = (
        sa.select(Unit.id, Unit.code, Unit.name, Unit.path, sa.func.count(Case.id))
        .select_from(Case)
        .join(Unit, Unit.id == Case.unit_id)
        .where(legal_aid_between(date_from, date_to))
        .group_by(Unit.id, Unit.code, Unit.name, Unit.path)
        .order_by(Unit.path)
    )
    rows = db.session.execute(scope_filter(user, statement))
    return [LegalAidRow(unit_id, code, name, count) for unit_id, code, name, _path, count in rows]
