"""Inspection rounds (đợt kiểm tra): plan over units and a period, sample cases, findings, corrective actions.

A round is planned by an inspector over units of their subtree; it is `planned`, then `in_progress`, then
`closed`. Only its inspector changes it; every inspector whose subtree holds the round's unit may read it.
A round cannot be closed while corrective actions are open, unless forced with a reason (kept in the summary).
"""

import logging
from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from caseflow.errors import ConflictError, InvalidInput, NotFound, PermissionDenied
from caseflow.extensions import begin_write, db
from caseflow.i18n import N_
from caseflow.models import (
    Case,
    CorrectiveAction,
    InspectionRound,
    Role,
    RoundCase,
    RoundUnit,
    Unit,
    User,
    UserRole,
)
from caseflow.services.cases.audit import append_event
from caseflow.services.cases.deadlines import due_soon_limit
from caseflow.services.cases.locking import lock_case
from caseflow.services.cases.queues import LIST_OPTIONS
from caseflow.services.cases.scope import subtree_unit_ids
from caseflow.services.notices.notifications import SUBJECTS, queue
from caseflow.services.oversight.inspection import checked_text
from caseflow.services.oversight.prolonged import (
    REASONS,
    Settings,
    reason_conditions,
    repeated_letters,
    require_inspector,
)
from caseflow.timeutil import local_date

logger = logging.getLogger(__name__)

SAMPLE_PER_UNIT = 10
MAX_PER_UNIT = 50
MAX_TEXT = 5000
MAX_TITLE = 300
OTHER = "sample"
SAMPLE_REASONS = {**REASONS, OTHER: N_("Sampled among the other cases")}
PLANNED, IN_PROGRESS, CLOSED, CANCELLED = "planned", "in_progress", "closed", "cancelled"
STATES = {
    PLANNED: N_("Planned"),
    IN_PROGRESS: N_("In progress"),
    CLOSED: N_("Closed"),
    CANCELLED: N_("Cancelled"),
}

NO_ROUND = N_("No such inspection round.")
NOT_OWNER = N_("Only the inspector who planned the round may change it.")
WRONG_STATE = {
    PLANNED: N_("This round has not started yet."),
    IN_PROGRESS: N_("This round is already in progress."),
    CLOSED: N_("This round is closed."),
    CANCELLED: N_("This round was cancelled."),
}
ENDED = (CLOSED, CANCELLED)
# Kept in the summary in Vietnamese, as the forced-closing note is.
CANCELLED_NOTE = "Hủy đợt kiểm tra trước khi tiến hành. Lý do: {reason}"
REQUIRED = N_("This field is required.")
TOO_LONG = N_("This text is too long.")
OUTSIDE = N_("Choose units of your own subtree.")
NOT_IN_ROUND = N_("Choose a unit covered by this round.")
CASE_NOT_IN_ROUND = N_("Choose a case sampled in this round, of the unit chosen.")
PERIOD_ORDER = N_("The end of the period cannot be before its start.")
SIZE_RANGE = N_("Choose between 1 and 50 cases per unit.")
DUE_IN_PAST = N_("The due date cannot be in the past.")
NO_ACTION = N_("No such corrective action.")
ALREADY_DONE = N_("This corrective action is already done.")
DONE_IN_FUTURE = N_("The date done cannot be in the future.")
OPEN_ACTIONS = N_(
    "Corrective actions are still open; follow them up, or close the round anyway with a reason."
)
# The round summary is the agency's record, kept in Vietnamese whatever the inspector's page language.
FORCED_NOTE = "Kết thúc đợt kiểm tra khi còn {n} kiến nghị khắc phục chưa thực hiện xong. Lý do: {reason}"


@dataclass
class RoundView:
    """A round with its units, sampled cases and corrective actions, as the round page and report show it."""

    round: InspectionRound
    unit: Unit
    units: list[tuple[RoundUnit, Unit]]
    cases: list[tuple[RoundCase, Case]]
    actions: list[tuple[CorrectiveAction, str | None]]
    today: date
    unit_names: dict[int, str] = field(default_factory=dict)

    def reasons(self, round_case: RoundCase) -> list[str]:
        """The reason codes a case was sampled for."""
        return round_case.reason.split(",")

    def is_overdue(self, action: CorrectiveAction) -> bool:
        """Open past its due date."""
        return action.done_on is None and action.due_on < self.today

    @property
    def open_actions(self) -> int:
        """How many corrective actions are not done."""
        return sum(1 for action, _ in self.actions if action.done_on is None)

    @property
    def overdue_actions(self) -> int:
        """How many corrective actions are open past their due date."""
        return sum(1 for action, _ in self.actions if self.is_overdue(action))


# --- reading


def plannable_units(user: User) -> list[Unit]:
    """The units a round of this inspector may cover: their unit and every unit below it."""
    require_inspector(user)
    statement = sa.select(Unit).where(Unit.id.in_(subtree_unit_ids(user.unit))).order_by(Unit.path)
    return list(db.session.scalars(statement))


def list_rounds(user: User, now: datetime, *, limit: int = 200) -> list[tuple[InspectionRound, int, int]]:
    """Rounds the inspector may read, open first, with open and overdue corrective actions (one query)."""
    require_inspector(user)
    today = local_date(now)
    open_count = _action_count(CorrectiveAction.done_on.is_(None))
    overdue = _action_count(CorrectiveAction.done_on.is_(None), CorrectiveAction.due_on < today)
    statement = (
        _readable(user, sa.select(InspectionRound, open_count, overdue))
        .options(joinedload(InspectionRound.inspector))
        .order_by(InspectionRound.state.in_(ENDED), InspectionRound.created_dt.desc(), InspectionRound.id)
        .limit(limit)
    )
    return [(row[0], row[1], row[2]) for row in db.session.execute(statement)]


def get_round(round_id: int, user: User) -> InspectionRound:
    """A round the inspector may read; NotFound otherwise (403 for other roles)."""
    require_inspector(user)
    statement = _readable(user, sa.select(InspectionRound)).where(InspectionRound.id == round_id)
    found = db.session.scalar(statement.options(joinedload(InspectionRound.inspector)))
    if found is None:
        raise NotFound(NO_ROUND)
    return found


def round_view(round_id: int, user: User, now: datetime) -> RoundView:
    """The round and everything in it, in a constant number of statements (five)."""
    found = get_round(round_id, user)
    units = db.session.execute(
        sa.select(RoundUnit, Unit).join(Unit, Unit.id == RoundUnit.unit_id)
        .where(RoundUnit.round_id == found.id).order_by(Unit.path)
    ).all()  # fmt: skip
    cases = db.session.execute(
        sa.select(RoundCase, Case).join(Case, Case.id == RoundCase.case_id)
        .where(RoundCase.round_id == found.id).options(*_case_options())
        .order_by(Case.unit_id, RoundCase.id)
    ).all()  # fmt: skip
    actions = db.session.execute(
        sa.select(CorrectiveAction, Case.tracking_code).outerjoin(Case, Case.id == CorrectiveAction.case_id)
        .where(CorrectiveAction.round_id == found.id)
        .order_by(CorrectiveAction.due_on, CorrectiveAction.id)
    ).all()  # fmt: skip
    view = RoundView(found, db.session.get(Unit, found.unit_id), [tuple(u) for u in units],
                     [tuple(c) for c in cases], [tuple(a) for a in actions], local_date(now))  # fmt: skip
    view.unit_names = {unit.id: unit.name for _, unit in view.units}
    return view


# --- planning


def plan_round(
    inspector: User,
    now: datetime,
    *,
    title: str,
    unit_ids: list[int],
    period_from: date | None,
    period_to: date | None,
    per_unit: int = SAMPLE_PER_UNIT,
    request_id: str = "",
) -> InspectionRound:
    """Plan a round over units of the inspector's subtree and sample their cases received in the period.

    :raises PermissionDenied: not an inspector (403)
    :raises InvalidInput: missing title, units or period, units outside the subtree, a bad size (422)
    """
    require_inspector(inspector)
    begin_write()
    title = (title or "").strip()
    unit_ids = sorted({int(u) for u in unit_ids or []})
    _check_plan(inspector, title, unit_ids, period_from, period_to, per_unit)
    planned = InspectionRound(
        inspector_id=inspector.id, unit_id=inspector.unit_id, title=title, period_from=period_from,
        period_to=period_to, state=PLANNED, summary="", created_dt=now,
    )  # fmt: skip
    db.session.add(planned)
    db.session.flush()
    db.session.add_all(RoundUnit(round_id=planned.id, unit_id=u, findings="") for u in unit_ids)
    for case_id, reasons in sample_cases(inspector, now, unit_ids, period_from, period_to, per_unit):
        _add_sampled(planned, case_id, reasons, inspector, now, request_id)
    db.session.flush()
    logger.info("round %s planned by %s over units %s", planned.id, inspector.username, unit_ids)
    return planned


def sample_cases(
    inspector: User, now: datetime, unit_ids: list[int], period_from: date, period_to: date, per_unit: int
) -> list[tuple[int, list[str]]]:
    """Up to `per_unit` cases of each unit received in the period: overdue first, then prolonged, then others.

    Within each group the oldest letter comes first (then the lowest id), so a sample is reproducible.
    Returns (case id, reason codes) by unit; one statement besides prolonged's repeated-letter lookup.
    """
    settings = Settings.resolve(None, None, None)
    conditions = reason_conditions(
        local_date(now), settings, repeated_letters(inspector, settings.repeat_threshold)
    )
    is_open = Case.is_open == sa.true()
    flags = [sa.case((sa.and_(is_open, c), 1), else_=0).label(name) for name, c in conditions.items()]
    priority = sa.case(
        (sa.and_(is_open, conditions["overdue"]), 0),
        (sa.and_(is_open, sa.or_(*conditions.values())), 1),
        else_=2,
    )
    rank = sa.func.row_number().over(
        partition_by=Case.unit_id, order_by=(priority, Case.received_on, Case.id)
    )
    inner = (
        sa.select(Case.id, Case.unit_id, rank.label("rank"), *flags)
        .where(Case.unit_id.in_(unit_ids), Case.received_on.between(period_from, period_to))
        .subquery()
    )
    rows = db.session.execute(
        sa.select(inner).where(inner.c.rank <= per_unit).order_by(inner.c.unit_id, inner.c.rank)
    )
    return [(row.id, [n for n in conditions if getattr(row, n)] or [OTHER]) for row in rows]


def _check_plan(inspector, title, unit_ids, period_from, period_to, per_unit) -> None:
    """Title, units of the subtree, an ordered period and a sample size between 1 and 50."""
    errors = {}
    if not title:
        errors["title"] = [REQUIRED]
    elif len(title) > MAX_TITLE:
        errors["title"] = [TOO_LONG]
    allowed = {unit.id for unit in plannable_units(inspector)}
    if not unit_ids:
        errors["units"] = [REQUIRED]
    elif not set(unit_ids) <= allowed:
        errors["units"] = [OUTSIDE]
    for name, value in (("period_from", period_from), ("period_to", period_to)):
        if value is None:
            errors[name] = [REQUIRED]
    if period_from and period_to and period_to < period_from:
        errors["period_to"] = [PERIOD_ORDER]
    if not isinstance(per_unit, int) or not 1 <= per_unit <= MAX_PER_UNIT:
        errors["per_unit"] = [SIZE_RANGE]
    if errors:
        raise InvalidInput(N_("The round cannot be planned."), errors=errors)


def _add_sampled(planned, case_id, reasons, inspector, now, request_id) -> None:
    """Record a sampled case and say so in its audit trail."""
    db.session.add(RoundCase(round_id=planned.id, case_id=case_id, reason=",".join(reasons), findings=""))
    case = lock_case(case_id)
    params = {"round_id": planned.id, "round": planned.title, "reasons": reasons}
    append_event(case, action="round_sampled", now=now, actor=inspector, params=params, request_id=request_id)


def resample_round(
    round_id: int, inspector: User, now: datetime, *, per_unit: int | None = None, request_id: str = ""
) -> InspectionRound:
    """Sample a planned round's cases again (cases received since, a new size, 10 per unit by default); the
    cases' audit trails say so.

    Cases sampled again keep their row (with their reasons brought up to date); cases no longer sampled leave
    the round with a `round_unsampled` event; newly sampled cases get their `round_sampled` event.

    :raises ConflictError: the round is not planned (409). :raises InvalidInput: a bad size (422)
    """
    found = _round_for_write(round_id, inspector, PLANNED)
    size = SAMPLE_PER_UNIT if per_unit is None else per_unit
    if not isinstance(size, int) or not 1 <= size <= MAX_PER_UNIT:
        raise InvalidInput(SIZE_RANGE, errors={"per_unit": [SIZE_RANGE]})
    unit_ids = list(db.session.scalars(sa.select(RoundUnit.unit_id).where(RoundUnit.round_id == found.id)))
    fresh = dict(sample_cases(inspector, now, unit_ids, found.period_from, found.period_to, size))
    sampled = db.session.scalars(sa.select(RoundCase).where(RoundCase.round_id == found.id))
    rows = {row.case_id: row for row in sampled}
    params = {"round_id": found.id, "round": found.title}
    for case_id, row in rows.items():
        if case_id in fresh:
            row.reason = ",".join(fresh[case_id])
            continue
        db.session.delete(row)
        append_event(lock_case(case_id), action="round_unsampled", now=now, actor=inspector, params=params,
                     request_id=request_id)  # fmt: skip
    for case_id, reasons in fresh.items():
        if case_id not in rows:
            _add_sampled(found, case_id, reasons, inspector, now, request_id)
    db.session.flush()
    return found


def cancel_round(round_id: int, inspector: User, now: datetime, reason: str) -> InspectionRound:
    """Cancel a planned round with a reason (kept in its summary); its sampled cases stay listed in it.

    :raises ConflictError: the round is not planned (409). :raises InvalidInput: no reason (422)
    """
    found = _round_for_write(round_id, inspector, PLANNED)
    reason = _text("reason", reason, required=True)
    found.state, found.summary, found.closed_dt = CANCELLED, CANCELLED_NOTE.format(reason=reason), now
    db.session.flush()
    logger.info("round %s cancelled by %s", found.id, inspector.username)
    return found


# --- conducting


def start_round(round_id: int, inspector: User, now: datetime) -> InspectionRound:
    """Start a planned round.

    :raises NotFound: unknown or unreadable round (404)
    :raises PermissionDenied: not its inspector (403)
    :raises ConflictError: not planned (409)
    """
    found = _round_for_write(round_id, inspector, PLANNED)
    found.state = IN_PROGRESS
    db.session.flush()
    return found


def record_unit_findings(round_id: int, unit_id: int, inspector: User, findings: str) -> RoundUnit:
    """Record (replace) the findings about one unit of a round in progress.

    :raises InvalidInput: the unit is not covered by the round, or the text is too long (422)
    """
    found = _round_for_write(round_id, inspector, IN_PROGRESS)
    row = db.session.scalar(
        sa.select(RoundUnit).where(RoundUnit.round_id == found.id, RoundUnit.unit_id == unit_id)
    )
    if row is None:
        raise InvalidInput(NOT_IN_ROUND, errors={"unit": [NOT_IN_ROUND]})
    row.findings = _text("findings", findings, required=False)
    db.session.flush()
    return row


def record_case_findings(
    round_id: int, case_id: int, inspector: User, now: datetime, findings: str, *, request_id: str = ""
) -> RoundCase:
    """Record (replace) the findings on one sampled case; the case's audit trail says so.

    :raises NotFound: the case is not sampled in the round (404)
    :raises InvalidInput: findings missing or too long (422)
    """
    found = _round_for_write(round_id, inspector, IN_PROGRESS)
    row = db.session.scalar(
        sa.select(RoundCase).where(RoundCase.round_id == found.id, RoundCase.case_id == case_id)
    )
    if row is None:
        raise NotFound(N_("No such case in this round."))
    text = _text("findings", findings, required=True)
    case = lock_case(case_id)
    changes = {"findings": [row.findings or None, text]}
    params = {"round_id": found.id, "round": found.title}
    append_event(case, action="round_finding", now=now, actor=inspector, changes=changes, params=params,
                 request_id=request_id)  # fmt: skip
    row.findings = text
    db.session.flush()
    return row


def close_round(
    round_id: int,
    inspector: User,
    now: datetime,
    summary: str,
    *,
    force: bool = False,
    force_reason: str = "",
) -> InspectionRound:
    """Close a round in progress with its summary.

    Refused while corrective actions are open, unless `force` with a reason, which the summary keeps.

    :raises ConflictError: open corrective actions and not forced (409), or not in progress (409)
    :raises InvalidInput: no summary, or forced without a reason (422)
    """
    found = _round_for_write(round_id, inspector, IN_PROGRESS)
    summary = _text("summary", summary, required=True)
    still_open = db.session.scalar(
        sa.select(sa.func.count()).where(
            CorrectiveAction.round_id == found.id, CorrectiveAction.done_on.is_(None)
        )
    )
    if still_open and not force:
        raise ConflictError(OPEN_ACTIONS, errors={"force": [OPEN_ACTIONS]})
    if still_open:
        reason = _text("force_reason", force_reason, required=True)
        summary = f"{summary}\n\n{FORCED_NOTE.format(n=still_open, reason=reason)}"
    found.state, found.summary, found.closed_dt = CLOSED, summary, now
    db.session.flush()
    logger.info("round %s closed by %s (%s actions open)", found.id, inspector.username, still_open)
    return found


# --- corrective actions (kiến nghị khắc phục)


def add_corrective_action(
    round_id: int,
    inspector: User,
    now: datetime,
    *,
    unit_id: int | None,
    action: str,
    due_on: date | None,
    case_id: int | None = None,
) -> CorrectiveAction:
    """Add what a unit must put right by a due date (optionally on a sampled case); its leaders hear of it.

    :raises InvalidInput: unit not in the round, case not sampled for that unit, no text, due date past (422)
    """
    found = _round_for_write(round_id, inspector, IN_PROGRESS)
    text = _text("action", action, required=True)
    _check_action_target(found, unit_id, case_id, due_on, local_date(now))
    added = CorrectiveAction(
        round_id=found.id, unit_id=unit_id, case_id=case_id, action=text, due_on=due_on, done_on=None,
        done_note="", created_dt=now,
    )  # fmt: skip
    db.session.add(added)
    db.session.flush()
    _notify(added, found, "corrective_action", now, _unit_leaders([unit_id]).get(unit_id, []))
    return added


def complete_action(
    action_id: int, inspector: User, now: datetime, *, done_on: date | None, note: str
) -> CorrectiveAction:
    """Mark a corrective action done on a date with a note (what the unit did).

    :raises NotFound: unknown action or unreadable round (404)
    :raises ConflictError: already done, or the round not in progress (409)
    :raises InvalidInput: no note or date, a date in the future (422)
    """
    existing = db.session.get(CorrectiveAction, action_id)
    if existing is None:
        raise NotFound(NO_ACTION)
    _round_for_write(existing.round_id, inspector, IN_PROGRESS)
    db.session.refresh(existing)
    if existing.done_on is not None:
        raise ConflictError(ALREADY_DONE)
    note = _text("note", note, required=True)
    if done_on is None:
        raise InvalidInput(REQUIRED, errors={"done_on": [REQUIRED]})
    if done_on > local_date(now):
        raise InvalidInput(DONE_IN_FUTURE, errors={"done_on": [DONE_IN_FUTURE]})
    existing.done_on, existing.done_note = done_on, note
    db.session.flush()
    return existing


def warn_corrective_actions(now: datetime) -> int:
    """The sweep's part: warn of open corrective actions of rounds in progress that are due soon or overdue.

    The unit's leaders hear of both; the round's inspector also of an overdue one. Each warning is queued once
    (dedupe key per action and kind), so running the sweep again adds nothing. Returns how many were due.
    """
    begin_write()
    today = local_date(now)
    statement = (
        sa.select(CorrectiveAction, InspectionRound)
        .join(InspectionRound, InspectionRound.id == CorrectiveAction.round_id)
        .where(InspectionRound.state == IN_PROGRESS, CorrectiveAction.done_on.is_(None),
               CorrectiveAction.due_on <= due_soon_limit(today))
        .order_by(CorrectiveAction.id)
    )  # fmt: skip
    rows = db.session.execute(statement).all()
    leaders = _unit_leaders([action.unit_id for action, _ in rows])
    for action, found in rows:
        people = leaders.get(action.unit_id, [])
        if action.due_on < today:
            _notify(action, found, "corrective_overdue", now, [*people, found.inspector_id])
        else:
            _notify(action, found, "corrective_due_soon", now, people)
    return len(rows)


def _check_action_target(found, unit_id, case_id, due_on, today) -> None:
    """The unit is covered by the round; the case (if any) sampled for that unit; the due date not past."""
    errors = {}
    units = set(db.session.scalars(sa.select(RoundUnit.unit_id).where(RoundUnit.round_id == found.id)))
    if unit_id not in units:
        errors["unit"] = [NOT_IN_ROUND]
    if case_id is not None:
        statement = (
            sa.select(Case.unit_id)
            .join(RoundCase, RoundCase.case_id == Case.id)
            .where(RoundCase.round_id == found.id, Case.id == case_id)
        )
        if db.session.scalar(statement) != unit_id:
            errors["case"] = [CASE_NOT_IN_ROUND]
    if due_on is None:
        errors["due_on"] = [REQUIRED]
    elif due_on < today:
        errors["due_on"] = [DUE_IN_PAST]
    if errors:
        raise InvalidInput(N_("The corrective action cannot be added."), errors=errors)


def _unit_leaders(unit_ids: list[int]) -> dict[int, list[int]]:
    """The active leaders of each unit: {unit id: [user ids]} (one statement)."""
    statement = (
        sa.select(User.unit_id, User.id)
        .join(UserRole)
        .where(User.unit_id.in_(set(unit_ids)), UserRole.role == Role.LEADER, User.is_active_user.is_(True))
        .order_by(User.id)
    )
    found: dict[int, list[int]] = {}
    for unit_id, user_id in db.session.execute(statement):
        found.setdefault(unit_id, []).append(user_id)
    return found


def _notify(
    action: CorrectiveAction, found: InspectionRound, kind: str, now: datetime, people: list[int]
) -> None:
    """Queue one notice about a corrective action, once per action and kind."""
    subject = SUBJECTS[kind].format(due=action.due_on.isoformat(), round=found.title)
    queue(people, kind=kind, subject=subject, case=None, key=f"corrective{action.id}:{kind}", now=now,
          body=action.action)  # fmt: skip


# --- helpers


def _readable(user: User, statement: sa.Select) -> sa.Select:
    """Rounds whose unit lies in the user's subtree."""
    return statement.where(InspectionRound.unit_id.in_(subtree_unit_ids(user.unit)))


def _action_count(*conditions):
    """A correlated count of the round's corrective actions meeting `conditions`."""
    return (
        sa.select(sa.func.count())
        .where(CorrectiveAction.round_id == InspectionRound.id, *conditions)
        .correlate(InspectionRound)
        .scalar_subquery()
    )


def _case_options():
    """Cases on the round page load without their long texts."""
    return LIST_OPTIONS


def _round_for_write(round_id: int, inspector: User, *states: str) -> InspectionRound:
    """The round locked for writing by its own inspector, in one of `states`."""
    require_inspector(inspector)
    begin_write()
    statement = _readable(inspector, sa.select(InspectionRound)).where(InspectionRound.id == round_id)
    found = db.session.scalar(statement.with_for_update().execution_options(populate_existing=True))
    if found is None:
        raise NotFound(NO_ROUND)
    if found.inspector_id != inspector.id:
        raise PermissionDenied(NOT_OWNER)
    if found.state not in states:
        raise ConflictError(WRONG_STATE[found.state])
    return found


def _text(name: str, text: str | None, *, required: bool) -> str:
    """A stripped text, required and bounded, or InvalidInput naming the field (as inspections check it)."""
    return checked_text(name, text, required=required)
