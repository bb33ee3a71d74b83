"""Citizens' satisfaction: one rating (1–5, a comment) per finished case, online with the PIN or at the desk.

A case may be rated once its handling has ended with an answer to the citizen: the terminal statuses except
`withdrawn` (the citizen ended it) and `returned` (sent back to the forwarding body, not to the citizen).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from caseflow.errors import ConflictError, GuardFailed, InvalidInput, NotFound, PermissionDenied
from caseflow.extensions import begin_write, db
from caseflow.i18n import N_
from caseflow.models import Case, CaseStatus, Role, SatisfactionRating, Unit, User
from caseflow.services.cases.audit import append_event
from caseflow.services.cases.intake import check_pin, hash_pin
from caseflow.services.cases.locking import lock_case
from caseflow.services.cases.scope import can_view, scope_filter
from caseflow.services.reports import require_reader
from caseflow.services.reports.queries import rated_between
from caseflow.timeutil import agency_timezone

RATEABLE_STATUSES = frozenset(
    {
        CaseStatus.CLOSED,
        CaseStatus.NOT_ACCEPTED,
        CaseStatus.GUIDED,
        CaseStatus.FORWARDED,
        CaseStatus.FILED,
        CaseStatus.TERMINATED,
    }
)
DESK_ROLES = (Role.RECEPTION, Role.LEADER)
ONLINE_ACTOR = "citizen:online"
MAX_COMMENT = 2000
MAX_CODE_LENGTH = 32
UNKNOWN = N_("No case has this tracking code and PIN.")
NOT_FINISHED = N_("The handling can be rated once the case is closed.")
ALREADY_RATED = N_("This case has already been rated; each case is rated once.")
DESK_ONLY = N_("Only the reception desk or a leader of the unit may record a citizen's rating.")


def rating_for(case: Case) -> SatisfactionRating | None:
    """The case's rating, if any."""
    statement = sa.select(SatisfactionRating).where(SatisfactionRating.case_id == case.id)
    return db.session.scalars(statement).first()


def is_rateable(case: Case) -> bool:
    """True once the case's handling has ended with an answer to the citizen."""
    return case.status in RATEABLE_STATUSES


def rate_online(
    tracking_code: str, pin: str, *, score, comment: str, now: datetime, request_id: str = ""
) -> SatisfactionRating:
    """The citizen rates with the code and PIN of the receipt.

    :raises NotFound: unknown code or wrong PIN (the same answer for both).
    :raises GuardFailed: the case is not finished. :raises ConflictError: it was rated already.
    """
    begin_write()
    code = (tracking_code or "").strip().upper()[:MAX_CODE_LENGTH]
    case = db.session.scalars(sa.select(Case).where(Case.tracking_code == code)).first()
    if case is None:
        hash_pin(code, pin or "")  # spend the same time as a wrong PIN
        raise NotFound(UNKNOWN)
    if not check_pin(case, pin):
        raise NotFound(UNKNOWN)
    return record_rating(case, score, comment, source="online", actor=None, now=now, request_id=request_id)


def record_desk_rating(
    case_id: int, actor: User, *, score, comment: str, now: datetime, request_id: str = ""
) -> SatisfactionRating:
    """The desk (reception or a leader of the case's unit) records the rating the citizen gave in person.

    :raises NotFound: the case is outside the actor's scope. :raises PermissionDenied: not a desk role.
    """
    begin_write()
    case = db.session.get(Case, case_id)
    if case is None or not can_view(actor, case):
        raise NotFound(N_("No such case."))
    if not actor.has_role(*DESK_ROLES):
        raise PermissionDenied(DESK_ONLY)
    return record_rating(case, score, comment, source="desk", actor=actor, now=now, request_id=request_id)


def record_rating(
    case: Case, score, comment, *, source: str, actor: User | None, now, request_id
) -> SatisfactionRating:
    """Check, store the rating and append its audit event under the case's lock (callers check who)."""
    score, comment = _valid(score, comment)
    case = lock_case(case.id)
    if not is_rateable(case):
        raise GuardFailed(NOT_FINISHED)
    if rating_for(case) is not None:
        raise ConflictError(ALREADY_RATED)
    rating = SatisfactionRating(
        case_id=case.id,
        score=score,
        comment=comment,
        source=source,
        recorded_by_id=actor.id if actor else None,
        created_dt=now,
    )
    db.session.add(rating)
    append_event(
        case,
        action="rating_recorded",
        now=now,
        actor=actor,
        actor_label="" if actor else ONLINE_ACTOR,
        params={"score": score, "source": source},
        request_id=request_id,
    )
    db.session.flush()
    return rating


def _valid(score, comment) -> tuple[int, str]:
    """A score from 1 to 5 and a comment of at most MAX_COMMENT characters."""
    errors = {}
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 5:
        errors["score"] = [N_("Choose a score from 1 to 5.")]
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT:
        errors["comment"] = [N_("The comment is too long (at most 2000 characters).")]
    if errors:
        raise InvalidInput(N_("Some fields are missing or invalid."), errors=errors)
    return score, comment


@dataclass(frozen=True)
class SatisfactionRow:
    """The ratings of one unit or one handler in a period."""

    key: int | None
    name: str
    ratings: int
    average: float
    satisfied: int

    @property
    def satisfied_share(self) -> float:
        """The share of ratings of 4 or 5."""
        return self.satisfied / self.ratings if self.ratings else 0.0


@dataclass(frozen=True)
class SatisfactionSummary:
    """Averages per unit and per handler, and the overall figures."""

    date_from: date
    date_to: date
    units: list[SatisfactionRow]
    handlers: list[SatisfactionRow]
    ratings: int
    average: float | None


def satisfaction_summary(user: User, date_from: date, date_to: date) -> SatisfactionSummary:
    """Ratings given from `date_from` to `date_to` (local dates, inclusive) on cases the user may see.

    :raises PermissionDenied: the user does not read reports.
    """
    require_reader(user)
    if date_to < date_from:
        raise InvalidInput(N_("The end date is before the start date."), errors={"date_to": ["—"]})
    units = _rows(user, date_from, date_to, Unit.id, Unit.name)
    handlers = _rows(user, date_from, date_to, Case.assignee_id, User.full_name)
    total = sum(r.ratings for r in units)
    average = sum(r.average * r.ratings for r in units) / total if total else None
    return SatisfactionSummary(date_from, date_to, units, handlers, total, average)


def _rows(user: User, date_from: date, date_to: date, key, name) -> list[SatisfactionRow]:
    """One SQL aggregate: count, average and satisfied count grouped by `key`."""
    score = SatisfactionRating.score
    statement = (
        sa.select(
            key,
            name,
            sa.func.count(SatisfactionRating.id),
            sa.func.avg(score),
            sa.func.sum(sa.case((score >= 4, 1), else_=0)),
        )
        .select_from(SatisfactionRating)
        .join(Case, Case.id == SatisfactionRating.case_id)
        .join(Unit, Unit.id == Case.unit_id)
        .outerjoin(User, User.id == Case.assignee_id)
        .where(rated_between(_start(date_from), _start(date_to + timedelta(days=1))))
        .group_by(key, name)
        .order_by(name)
    )
    rows = db.session.execute(scope_filter(user, statement))
    return [SatisfactionRow(k, n or "", int(c), float(a or 0), int(s or 0)) for k, n, c, a, s in rows]


def _start(day: date) -> datetime:
    """The UTC instant a local day begins."""
    return datetime.combine(day, time(0), ZoneInfo(agency_timezone())).astimezone(UTC)
