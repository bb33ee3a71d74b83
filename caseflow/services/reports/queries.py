"""The SQL aggregates behind the forms: one GROUP BY statement per form and per source table.

The reception form adds public dialogues and heads' reception days; the resolution forms add case dialogues,
legal aid and satisfaction ratings (what each counts: docs/reports.md and docs/engagement.md).

Every statement covers the chosen unit's subtree (`units.path` prefix) and groups by unit; the service adds
the units' figures up into the report's rows (the unit's own, and each child with its subtree). Times are
compared as UTC instants (the period's local midnights), dates as dates.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from caseflow.models import (
    DIALOGUE_AUDIENCES,
    RESOLUTION_RESULTS,
    Case,
    CaseEvent,
    CaseKind,
    Deadline,
    Decision,
    Dialogue,
    PublicDialogue,
    ReceptionDay,
    ReceptionSession,
    SatisfactionRating,
    SessionKind,
    Unit,
)
from caseflow.models.event import STAGE_EXIT_SQL
from caseflow.services.cases.scope import subtree_unit_ids
from caseflow.services.reports.periods import Period
from caseflow.timeutil import agency_timezone

PROCESSING_STAGE = ("received", "classified", "pending_acceptance")
RESOLUTION_STAGE = ("accepted", "verifying", "reported", "dialogue_scheduled")
SCHEDULED_DAY_STATES = ("planned", "held", "missed")  # a cancelled day is off the schedule
PROCESSING_EXITS = ("accepted", "guided", "forwarded", "returned", "filed", "not_accepted", "withdrawn",
                    "terminated")  # fmt: skip
# STAGE_EXIT_SQL is the predicate of the partial index ix_case_events_stage_exit, written literally so that
# SQLite and PostgreSQL both see that the statements' condition implies it.


@dataclass(frozen=True)
class Window:
    """A period as the statements need it: its dates, and the UTC instants starting it and following it."""

    start: object
    end: object
    first: datetime
    after: datetime

    @classmethod
    def of(cls, period: Period, timezone: str) -> "Window":
        """The window of `period` in the agency's time zone."""
        first, after = period.instants(timezone)
        return cls(period.start, period.end, first, after)


def stage_exits(stage: tuple[str, ...], name: str) -> sa.Subquery:
    """Each case's one event leaving `stage` (the workflows never re-enter a stage): status and time."""
    return (
        sa.select(CaseEvent.case_id, CaseEvent.to_status, CaseEvent.created_dt)
        .where(sa.text(STAGE_EXIT_SQL), CaseEvent.from_status.in_(stage))
        .subquery(name)
    )


class Summed(NamedTuple):
    """A column summing `value` over the cases meeting `condition` (its case list: those with a value)."""

    condition: sa.ColumnElement
    value: sa.ColumnElement


def aggregate(code: str, column) -> sa.ColumnElement:
    """The aggregate of one column of a form: a count of cases, or a sum of a value (Summed)."""
    if isinstance(column, Summed):
        return sum_if(column.condition, column.value).label(code)
    return count_if(column).label(code)


def listed(column) -> sa.ColumnElement:
    """The condition of a figure's case list: the cases counted, or those adding a value to the sum."""
    if isinstance(column, Summed):
        return sa.and_(column.condition, column.value > 0)
    return column


def count_if(condition) -> sa.ColumnElement:
    """SUM(CASE WHEN condition THEN 1 ELSE 0 END)."""
    return sa.func.sum(sa.case((condition, 1), else_=0))


def sum_if(condition, value) -> sa.ColumnElement:
    """SUM(CASE WHEN condition THEN value ELSE 0 END)."""
    return sa.func.sum(sa.case((condition, value), else_=0))


def run(statement: sa.Select, session) -> dict[int, dict[str, int]]:
    """Execute a statement grouped by unit: {unit_id: {column: value}} with NULL sums as 0."""
    result = session.execute(statement).mappings()
    return {row["unit_id"]: {k: int(v or 0) for k, v in row.items() if k != "unit_id"} for row in result}


def in_subtree(column, unit: Unit):
    """`column` (a unit id) names `unit` or a unit below it."""
    return column.in_(subtree_unit_ids(unit))


def processing(unit: Unit, window: Window, session) -> dict[int, dict[str, int]]:
    """The letter-processing form (see docs/reports.md for what each column counts)."""
    base, columns = processing_cells(unit, window)
    counted = [sa.func.count().label("total")] + [count_if(c).label(code) for code, c in columns.items()]
    return run(base.with_only_columns(Case.unit_id, *counted).group_by(Case.unit_id), session)


def processing_cells(unit: Unit, window: Window) -> tuple[sa.Select, dict]:
    """The processing form's cases (a SELECT of Case.id) and the condition of each counted column."""
    done_exit = stage_exits(PROCESSING_STAGE, "processing_exit")
    done = sa.and_(done_exit.c.created_dt.is_not(None), done_exit.c.created_dt < window.after)
    outcome = {status: sa.and_(done, done_exit.c.to_status == status) for status in PROCESSING_EXITS}
    columns = {
        "carried_over": Case.received_on < window.start,
        "received": Case.received_on >= window.start,
        **{f"{kind.value}s": Case.kind == kind for kind in CaseKind},
        "unclassified": Case.kind.is_(None),
        "eligible": Case.is_eligible == sa.true(),
        "ineligible": Case.is_eligible == sa.false(),
        "within_competence": Case.is_within_competence == sa.true(),
        "processed": done,
        **outcome,
        "pending": sa.not_(done),
    }
    base = (
        sa.select(Case.id)
        .select_from(Case)
        .outerjoin(done_exit, done_exit.c.case_id == Case.id)
        .where(
            in_subtree(Case.unit_id, unit),
            Case.received_on <= window.end,
            sa.or_(
                Case.received_on >= window.start,
                done_exit.c.created_dt.is_(None),
                done_exit.c.created_dt >= window.first,
            ),
        )
    )
    return base, columns


def resolution(
    unit: Unit, kind: CaseKind, outcomes: tuple[str, ...], window: Window, session, age_days: int = 90
) -> dict:
    """The complaint or denunciation resolution form (matters accepted, and what became of them).

    `prolonged_resolved`: resolved in the period and, when decided, late on the resolution clock or open
    longer than `age_days` (CASEFLOW_PROLONGED_AGE_DAYS): the prolonged list's reasons at resolution time.
    """
    base, columns = resolution_cells(unit, kind, outcomes, window, session, age_days)
    counted = [sa.func.count().label("accepted")] + [aggregate(code, c) for code, c in columns.items()]
    return run(base.with_only_columns(Case.unit_id, *counted).group_by(Case.unit_id), session)


def resolution_cells(
    unit: Unit, kind: CaseKind, outcomes: tuple[str, ...], window: Window, session, age_days: int = 90
) -> tuple[sa.Select, dict]:
    """The resolution form's cases (a SELECT of Case.id) and the condition of each counted column."""
    accepted = stage_exits(PROCESSING_STAGE, "acceptance")
    ended = stage_exits(RESOLUTION_STAGE, "resolution")
    done = sa.and_(ended.c.created_dt.is_not(None), ended.c.created_dt < window.after)
    resolved = sa.and_(done, ended.c.to_status == "decided")
    late = sa.and_(resolved, Case.id.in_(late_cases()))
    too_long = Case.received_on < local_day(ended.c.created_dt, session, minus_days=age_days)
    results = decision_results()
    columns = {
        "carried_over": accepted.c.created_dt < window.first,
        "newly_accepted": accepted.c.created_dt >= window.first,
        "resolved": resolved,
        **{outcome: sa.and_(resolved, Case.outcome == outcome) for outcome in outcomes},
        "withdrawn": sa.and_(done, ended.c.to_status == "withdrawn"),
        "terminated": sa.and_(done, ended.c.to_status == "terminated"),
        "in_progress": sa.not_(done),
        "late": late,
        "prolonged_resolved": sa.and_(resolved, sa.or_(Case.id.in_(late_cases()), too_long)),
        **{name: Summed(resolved, sa.func.coalesce(results.c[name], 0)) for name in RESOLUTION_RESULTS},
    }
    base = (
        sa.select(Case.id)
        .select_from(Case)
        .join(accepted, accepted.c.case_id == Case.id)
        .outerjoin(ended, ended.c.case_id == Case.id)
        .outerjoin(results, results.c.case_id == Case.id)
        .where(
            in_subtree(Case.unit_id, unit),
            Case.kind == kind,
            accepted.c.to_status == "accepted",
            accepted.c.created_dt < window.after,
            sa.or_(
                accepted.c.created_dt >= window.first,
                ended.c.created_dt.is_(None),
                ended.c.created_dt >= window.first,
            ),
        )
    )
    return base, columns


def decision_results() -> sa.Subquery:
    """Each case's resolution results, added up over its decisions or conclusions (one per case)."""
    d = Decision
    return (
        sa.select(d.case_id, *[sa.func.sum(getattr(d, name)).label(name) for name in RESOLUTION_RESULTS])
        .where(d.kind.in_(("decision", "conclusion")))
        .group_by(d.case_id)
        .subquery("results")
    )


def late_cases() -> sa.Select:
    """Ids of cases whose resolution clock (the one started on acceptance) was met late."""
    return sa.select(Deadline.case_id).where(
        Deadline.start_event == "accepted", Deadline.is_late == sa.true()
    )


def dialogues(unit: Unit, window: Window, session, kind: CaseKind | None = None) -> dict:
    """Dialogues held in the period (of cases of `kind`, or all), and the people present at them."""
    statement = (
        sa.select(
            Case.unit_id,
            sa.func.count(Dialogue.id).label("dialogues"),
            sa.func.sum(sa.func.json_array_length(Dialogue.present)).label("dialogue_participants"),
        )
        .join(Case, Case.id == Dialogue.case_id)
        .where(
            in_subtree(Case.unit_id, unit), Dialogue.held_dt >= window.first, Dialogue.held_dt < window.after
        )
        .group_by(Case.unit_id)
    )
    if kind is not None:
        statement = statement.where(Case.kind == kind)
    return run(statement, session)


def reception(unit: Unit, window: Window, session) -> dict[int, dict[str, int]]:
    """The reception form: sessions of the book in the period, by row."""
    s = ReceptionSession
    statement = (
        sa.select(
            s.unit_id,
            sa.func.count().label("sessions"),
            sa.func.sum(s.people_count).label("people"),
            count_if(s.is_group == sa.true()).label("delegations"),
            count_if(s.is_repeat == sa.false()).label("matters_new"),
            count_if(s.is_repeat == sa.true()).label("matters_old"),
            count_if(s.kind == SessionKind.REGULAR).label("regular"),
            count_if(s.kind.in_((SessionKind.PERIODIC_HEAD, SessionKind.AD_HOC))).label("by_heads"),
            count_if(s.kind == SessionKind.ONLINE).label("online"),
        )
        .where(in_subtree(s.unit_id, unit), s.received_on >= window.start, s.received_on <= window.end)
        .group_by(s.unit_id)
    )
    return run(statement, session)


def local_day(moment, session, *, minus_days: int = 0) -> sa.ColumnElement:
    """The agency's calendar date of a UTC instant column, `minus_days` earlier (as a date, comparable).

    PostgreSQL converts with the zone's rules; SQLite (naive UTC text) shifts by the zone's current offset,
    exact for a zone without daylight saving time such as Asia/Ho_Chi_Minh.
    """
    zone = agency_timezone()
    if session.get_bind().dialect.name == "postgresql":
        return sa.cast(sa.func.timezone(zone, moment), sa.Date) - minus_days
    offset = int(datetime.now(ZoneInfo(zone)).utcoffset().total_seconds() // 60)
    return sa.func.date(moment, f"{offset:+d} minutes", f"-{minus_days} days")


def public_dialogues(unit: Unit, window: Window, session) -> dict[int, dict[str, int]]:
    """Public dialogues (hội nghị đối thoại) held in the period by units of the subtree, and participants;
    both also per audience (citizens, students, businesses, households of a land clearance, other)."""
    d = PublicDialogue
    statement = (
        sa.select(
            d.unit_id,
            sa.func.count().label("dialogues"),
            sa.func.sum(d.participants).label("dialogue_participants"),
            *[count_if(d.audience == a).label(f"dialogues_{a}") for a in DIALOGUE_AUDIENCES],
            *[sum_if(d.audience == a, d.participants).label(f"participants_{a}") for a in DIALOGUE_AUDIENCES],
        )
        .where(in_subtree(d.unit_id, unit), d.held_on >= window.start, d.held_on <= window.end)
        .group_by(d.unit_id)
    )
    return run(statement, session)


def reception_days(unit: Unit, window: Window, session) -> dict[int, dict[str, int]]:
    """Heads' reception days falling in the period: on the schedule (not cancelled), and held."""
    r = ReceptionDay
    statement = (
        sa.select(
            r.unit_id,
            count_if(r.state.in_(SCHEDULED_DAY_STATES)).label("reception_days_scheduled"),
            count_if(r.state == "held").label("reception_days_held"),
        )
        .where(in_subtree(r.unit_id, unit), r.day >= window.start, r.day <= window.end)
        .group_by(r.unit_id)
    )
    return run(statement, session)


def legal_aid_between(date_from: date, date_to: date) -> sa.ColumnElement:
    """Cases with legal aid given from `date_from` to `date_to` (inclusive); shared with legal_aid_summary."""
    return sa.and_(Case.legal_aid == sa.true(), Case.legal_aid_on.between(date_from, date_to))


def legal_aid(unit: Unit, kind: CaseKind | None, window: Window, session) -> dict[int, dict[str, int]]:
    """Cases of `kind` (of every kind, classified or not, when None) of the subtree with legal aid given in
    the period."""
    statement = (
        sa.select(Case.unit_id, sa.func.count().label("legal_aid"))
        .where(in_subtree(Case.unit_id, unit), legal_aid_between(window.start, window.end))
        .group_by(Case.unit_id)
    )
    if kind is not None:
        statement = statement.where(Case.kind == kind)
    return run(statement, session)


def rated_between(first: datetime, after: datetime) -> sa.ColumnElement:
    """Ratings given from instant `first` up to `after`; shared with satisfaction_summary."""
    return sa.and_(SatisfactionRating.created_dt >= first, SatisfactionRating.created_dt < after)


def ratings(unit: Unit, kind: CaseKind, window: Window, session) -> dict[int, dict[str, int]]:
    """Satisfaction ratings given in the period on cases of `kind` of the subtree: how many, points in all."""
    statement = (
        sa.select(
            Case.unit_id,
            sa.func.count().label("ratings"),
            sa.func.sum(SatisfactionRating.score).label("rating_points"),
        )
        .select_from(SatisfactionRating)
        .join(Case, Case.id == SatisfactionRating.case_id)
        .where(in_subtree(Case.unit_id, unit), Case.kind == kind, rated_between(window.first, window.after))
        .group_by(Case.unit_id)
    )
    return run(statement, session)
