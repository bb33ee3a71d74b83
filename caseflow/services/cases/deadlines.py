"""Legal clocks on cases: start, meet, pause, resume, extend, and explain them."""

import time
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from flask import current_app

from caseflow.calendar import OfficialYear, WorkingCalendar, load_official_calendar
from caseflow.deadlines.clock import compute_due, explain
from caseflow.deadlines.counts import Extension, Pause
from caseflow.deadlines.rules import Rule, RuleBook
from caseflow.extensions import db
from caseflow.i18n import N_, phrase
from caseflow.models import (
    CalendarConfirmation,
    CalendarOverride,
    Case,
    ClockState,
    Complexity,
    Counter,
    Deadline,
    RuleOverride,
)
from caseflow.services.cases import matching
from caseflow.sql import next_counter_value
from caseflow.timeutil import local_date

APPEAL_WINDOW = "appeal_window"
L1_RESOLUTION = "resolve_complaint_l1"
ACTIVE_STATES = (ClockState.RUNNING, ClockState.PAUSED, ClockState.OVERDUE)
CONDITIONS = {
    "from_reception": lambda case: case.reception_session_id is not None,
    "not_within_competence": lambda case: case.is_within_competence is False,
    "named_sender": lambda case: not case.is_anonymous,
    "forwarded": lambda case: bool(case.forwarded_by),
}
_CACHE_KEY = "caseflow.deadlines"
# A counter bumped in the transaction of every calendar or rule change: each process compares it with the
# version its cache was loaded at, at most once every CASEFLOW_SETTINGS_CHECK_SECONDS, so that a day off added
# on one node (or worker) applies on every other one within about a second, without a restart.
SETTINGS_VERSION = "settings:deadlines"


def rulebook() -> RuleBook:
    """The rule sets in force here: config/rules/*.toml plus the agency's overrides."""
    cache = _cache()
    if "rules" not in cache:
        book = RuleBook.load(current_app.config["CASEFLOW_RULES_DIR"])
        overrides = db.session.scalars(sa.select(RuleOverride).order_by(RuleOverride.effective_from))
        cache["rules"] = book.with_overrides([_override_mapping(o) for o in overrides])
    return cache["rules"]


def official_years() -> dict[int, OfficialYear]:
    """The Government's yearly announcements shipped in config/calendar/ (one file per year)."""
    cache = _cache()
    if "official" not in cache:
        cache["official"] = load_official_calendar(current_app.config["CASEFLOW_CALENDAR_DIR"])
    return cache["official"]


def working_calendar() -> WorkingCalendar:
    """holidays.VN, the official announcements, then the administrator's extra days off and working days."""
    cache = _cache()
    if "calendar" not in cache:
        rows = list(db.session.scalars(sa.select(CalendarOverride)))
        cache["calendar"] = WorkingCalendar(
            extra_days_off={r.day: r.note for r in rows if not r.is_working},
            extra_working_days={r.day: r.note for r in rows if r.is_working},
            official=official_years(),
            confirmed_years=db.session.scalars(sa.select(CalendarConfirmation.year)).all(),
        )
    return cache["calendar"]


def invalidate_cache() -> None:
    """Forget the loaded rules and calendar (after an administrator changes them)."""
    current_app.extensions.pop(_CACHE_KEY, None)


def settings_changed() -> None:
    """Record in the open transaction that the calendar or the rules changed, for every process to see."""
    next_counter_value(SETTINGS_VERSION)


def _cache() -> dict:
    """The per-process cache of rules and calendar, emptied when the version stamp in the database moved."""
    cache = current_app.extensions.setdefault(_CACHE_KEY, {})
    now = time.monotonic()
    if now - cache.get("checked_at", float("-inf")) >= current_app.config["CASEFLOW_SETTINGS_CHECK_SECONDS"]:
        version = db.session.scalar(sa.select(Counter.value).where(Counter.name == SETTINGS_VERSION)) or 0
        if cache.get("version") != version:
            cache.clear()
            cache["version"] = version
        cache["checked_at"] = now
    return cache


def _override_mapping(row: RuleOverride) -> dict:
    """A rule override row as RuleBook.with_overrides takes it."""
    mapping = {"rule": row.rule_id, "effective_from": row.effective_from, "note": row.note}
    if row.days:
        mapping["days"] = row.days
    if row.day_kind:
        mapping["day_kind"] = row.day_kind
    return mapping


def start_clocks(
    case: Case, start_event: str, *, on: date, now: datetime, options: dict | None = None
) -> list[Deadline]:
    """Start every rule that begins with `start_event` and applies to the case (each rule once per case)."""
    existing = {clock.rule_id for clock in case.deadlines}
    started = []
    for rule in rulebook().rules_starting(start_event, kind=_kind(case), level=case.level, on=on):
        if rule.id in existing or (rule.condition and not CONDITIONS[rule.condition](case)):
            continue
        started.append(_new_clock(case, rule, on, now, options or {}))
    return started


def _kind(case: Case) -> str | None:
    """The case kind as the rules name it."""
    return case.kind.value if case.kind else None


def _new_clock(case: Case, rule: Rule, on: date, now: datetime, options: dict) -> Deadline:
    """A running clock for one rule."""
    days, variant = _days_for(rule, case, options)
    due = compute_due(start_on=on, days=days, day_kind=rule.day_kind, calendar=working_calendar())
    clock = Deadline(
        rule_id=rule.id,
        rule_version=rule.version,
        start_event=rule.start_event,
        start_on=on,
        days=days,
        day_kind=rule.day_kind,
        variant=variant,
        is_obligation=rule.obligation,
        pauses=[],
        extensions=[],
        due_on=due.due_on,
        state=ClockState.RUNNING,
        created_dt=now,
    )
    case.deadlines.append(clock)
    return clock


def _days_for(rule: Rule, case: Case, options: dict) -> tuple[int, str]:
    """The number of days and the variant that apply to this case."""
    return rule.days_for(
        complexity=case.complexity.value,
        remote=case.is_remote_area,
        several_places=bool(options.get("several_places")),
    )


def meet_clocks(case: Case, action: str, *, now: datetime) -> list[Deadline]:
    """Mark met every active clock whose rule stops on `action`."""
    return [_meet(clock, now) for clock in _active(case) if action in rule_of(clock).stop_on]


def document_event(kind: str, addressee: str) -> str:
    """How a rule's `stop_on` names the issue of a document: `document:<kind>:<addressee>`."""
    return f"document:{kind}:{addressee}"


def meet_by_document(case: Case, kind: str, addressee: str, *, now: datetime) -> list[Deadline]:
    """A notice or publication duty is met by issuing its document (kind and addressee) on `now`'s date."""
    met = meet_clocks(case, document_event(kind, addressee), now=now)
    if met:
        refresh_case_due(case)
    return met


def meet_all(case: Case, *, now: datetime) -> list[Deadline]:
    """Stop every active clock (the case reached a terminal status)."""
    return [_meet(clock, now) for clock in _active(case)]


def drop_inapplicable(case: Case, *, now: datetime) -> list[Deadline]:
    """After a re-classification, stop the clocks whose rules no longer apply to the case's kind or level."""
    return [
        _meet(clock, now) for clock in _active(case) if not rule_of(clock).applies_to(_kind(case), case.level)
    ]


def _meet(clock: Deadline, now: datetime) -> Deadline:
    """Stop one clock, noting whether it was met late."""
    clock.met_dt, clock.met_on = now, local_date(now)
    clock.is_late = clock.is_obligation and clock.met_on > clock.due_on
    clock.state = ClockState.MET
    return clock


def _active(case: Case) -> list[Deadline]:
    """The clocks still counting."""
    return [clock for clock in case.deadlines if clock.state in ACTIVE_STATES]


def suspension_refusal(case: Case) -> str | None:
    """Why the case's resolution cannot be suspended (no suspendable clock runs), or None when it can."""
    if any(rule_of(clock).suspendable for clock in _active(case)):
        return None
    resolution = next((c for c in _active(case) if c.start_event == "accepted"), None)
    if resolution is None:
        return N_("Only the resolution of an accepted case can be suspended.")
    since = _suspendable_since(resolution.rule_id)
    if since is None:
        return N_("The rules give no suspension for the resolution of this case.")
    return phrase(
        "This case was accepted on {accepted}; its resolution can be suspended only for cases accepted from "
        "{since}.",
        accepted=resolution.start_on.isoformat(),
        since=since.isoformat(),
    )


def _suspendable_since(rule_id: str) -> date | None:
    """The first date from which a version of the rule lets a suspension pause it."""
    return next((r.effective_from for r in rulebook().history[rule_id] if r.suspendable), None)


def pause_suspendable(case: Case, *, on: date) -> list[Deadline]:
    """Suspension: the resolution clocks (rules marked suspendable) stop counting from `on`; others run on."""
    paused = []
    for clock in _active(case):
        if clock.state != ClockState.PAUSED and rule_of(clock).suspendable:
            clock.pauses = [*clock.pauses, {"start_on": on.isoformat(), "end_on": None}]
            clock.state = ClockState.PAUSED
            paused.append(clock)
    return paused


def resume_paused(case: Case, *, on: date) -> list[Deadline]:
    """Resumption: paused clocks count again from `on`; their due dates move by the paused time."""
    resumed = []
    for clock in _active(case):
        if clock.state == ClockState.PAUSED:
            *closed, last = clock.pauses
            clock.pauses = [*closed, {**last, "end_on": on.isoformat()}]
            clock.state = ClockState.RUNNING
            recompute_due(clock)
            resumed.append(clock)
    return resumed


def recompute_due(clock: Deadline) -> None:
    """Derive the due date again from start, days and pauses."""
    clock.due_on = _counted(clock).due_on


def _counted(clock: Deadline):
    """The clock's due date counted from its start, days and pauses on the working calendar."""
    return compute_due(
        start_on=clock.start_on,
        days=clock.days,
        day_kind=clock.day_kind,
        calendar=working_calendar(),
        pauses=_pauses(clock),
    )


def _pauses(clock: Deadline) -> list[Pause]:
    """The stored pauses as clock Pauses."""
    return [
        Pause(date.fromisoformat(p["start_on"]), date.fromisoformat(p["end_on"]) if p["end_on"] else None)
        for p in clock.pauses
    ]


def _extensions(clock: Deadline) -> list[Extension]:
    """The stored extensions as clock Extensions."""
    return [
        Extension(date.fromisoformat(e["on"]), e["days"], e["reason"], e.get("criterion", ""))
        for e in clock.extensions
    ]


def rule_of(clock: Deadline) -> Rule:
    """The rule version a clock was started under."""
    return rulebook().rule(clock.rule_id, on=clock.start_on)


def extendable_clock(case: Case) -> Deadline | None:
    """The active resolution clock whose rule allows extensions."""
    return next((c for c in _active(case) if rule_of(c).extension is not None), None)


def extension_refusal(case: Case, complexity: Complexity, *, days: int, on: date) -> str | None:
    """Why the case cannot be extended by `days` on `on` for `complexity`, or None when it can."""
    clock = extendable_clock(case)
    if clock is None:
        return N_("No running resolution clock can be extended on this case.")
    if on > clock.due_on:
        return phrase(
            "The time limit ended on {due}; an extension must be granted before it ends.",
            due=clock.due_on.isoformat(),
        )
    refusal = _cap_refusal(case, clock, complexity)
    limit = extension_limit(case, clock)
    if refusal is None and days > limit:
        return phrase("This extension can add at most {limit} days.", limit=limit)
    return refusal


def extension_limit(case: Case, clock: Deadline) -> int:
    """The most days one extension of `clock` may add: up to the complex limit, or the rule's days."""
    rule = rule_of(clock)
    if rule.extension.mode == "to_variant":
        return rule.days_for(complexity="complex", remote=case.is_remote_area)[0] - clock.days
    return rule.extension.days


def _cap_refusal(case: Case, clock: Deadline, complexity: Complexity) -> str | None:
    """Why the rule's caps refuse another extension for `complexity`, or None."""
    policy = rule_of(clock).extension
    if policy.mode == "to_variant":
        if complexity != Complexity.COMPLEX:
            return N_("A complaint can only be extended to the limit for complex cases.")
        if clock.extensions or clock.variant in ("complex", "remote_complex"):
            return N_(
                "This complaint already runs on the limit for complex cases; it can be extended only once."
            )
        return None
    allowed = policy.max_extensions(complexity.value)
    if len(clock.extensions) >= allowed:
        return f"A {complexity.value.replace('_', ' ')} case can be extended at most {allowed} time(s)."
    return None


def extend(
    case: Case, complexity: Complexity, *, days: int, criterion: str, reason: str, on: date
) -> Deadline:
    """Lengthen the resolution clock by `days` (the guard has checked the date, the caps and the maximum)."""
    clock = extendable_clock(case)
    rule = rule_of(clock)
    if rule.extension.mode == "to_variant":
        clock.variant = rule.days_for(complexity=complexity.value, remote=case.is_remote_area)[1]
    extension = {"on": on.isoformat(), "days": days, "reason": reason, "criterion": criterion}
    clock.extensions = [*clock.extensions, extension]
    clock.days += days
    recompute_due(clock)
    return clock


def refresh_case_due(case: Case) -> None:
    """Keep the case's earliest due date and overdue flag in step with its clocks."""
    counting = [
        c for c in case.deadlines if c.is_obligation and c.state in (ClockState.RUNNING, ClockState.OVERDUE)
    ]
    case.due_on = min((c.due_on for c in counting), default=None)
    case.is_overdue = any(c.state == ClockState.OVERDUE for c in counting)


def explain_clock(clock: Deadline) -> dict:
    """Why the clock is due when it is: rule, basis, start, days, pauses, extensions, skipped days."""
    due = _counted(clock)
    return explain(
        rule=rule_of(clock),
        start_on=clock.start_on,
        variant=clock.variant,
        days=clock.days,
        due=due,
        pauses=_pauses(clock),
        extensions=_extensions(clock),
        unconfirmed_years=working_calendar().unconfirmed_years(clock.start_on, due.due_on),
    )


@dataclass(frozen=True)
class AppealWindow:
    """When a second complaint may be lodged: after `opens_after` (if set), up to `ends_on` (if set)."""

    opens_after: date | None
    ends_on: date | None


def appeal_window(case: Case) -> AppealWindow | None:
    """Luật KN Art 33(1): from the complainant's receipt of the decision, or from the end of the L1 period.

    A decided case whose receipt is not recorded yet has no end; an undecided one opens after its
    resolution due date; None when neither applies (no resolution clock).
    """
    receipt = _clock(case, APPEAL_WINDOW)
    if receipt is not None:
        return AppealWindow(opens_after=None, ends_on=receipt.due_on)
    if case.outcome is not None:
        return AppealWindow(opens_after=None, ends_on=None)
    resolution = next((c for c in _active(case) if c.rule_id == L1_RESOLUTION), None)
    if resolution is None:
        return None
    return AppealWindow(opens_after=resolution.due_on, ends_on=_window_after(case, resolution.due_on))


def _clock(case: Case, rule_id: str) -> Deadline | None:
    """The case's clock of that rule, in any state."""
    return next((c for c in case.deadlines if c.rule_id == rule_id), None)


def _window_after(case: Case, start_on: date) -> date:
    """The end of the appeal window counted from `start_on` (the rule version in force that day)."""
    rule = rulebook().rule(APPEAL_WINDOW, start_on)
    days, _variant = rule.days_for(remote=case.is_remote_area)
    due = compute_due(start_on=start_on, days=days, day_kind=rule.day_kind, calendar=working_calendar())
    return due.due_on


def due_soon_limit(today: date) -> date:
    """The last day counted as 'due soon' (configurable working days ahead)."""
    days = current_app.config["CASEFLOW_DUE_SOON_WORKING_DAYS"]
    return working_calendar().add_working_days(today, days)


# R7, Luật Khiếu nại 2011 Art 9: a first complaint is lodged within 90 days ("ngày", counted as calendar days)
# of the day the complainant received or learned of the decision or act; time lost to illness, disaster, war,
# a mission or study far away or another objective obstacle is not counted.
LIMITATION_DAYS = 90


def limitation_end(case: Case) -> date | None:
    """The last day a first complaint may be lodged, when the classifier recorded when the act was learned."""
    if case.learned_on is None:
        return None
    days = LIMITATION_DAYS + (case.obstacle_days or 0)
    due = compute_due(start_on=case.learned_on, days=days, day_kind="calendar", calendar=working_calendar())
    return due.due_on


def limitation_refusal(case: Case) -> str | None:
    """Why a first complaint is time-barred (the computation in words), or None."""
    if case.kind is None or case.kind.value != "complaint" or case.level != 1:
        return None
    end = limitation_end(case)
    if end is None or case.received_on <= end:
        return None
    return phrase(
        "The complaint is time-barred (Luật Khiếu nại Art 9): learned of on {learned}, {days} days plus "
        "{obstacles} days of obstacle ended on {end}, and it was received on {received}.",
        learned=case.learned_on.isoformat(),
        days=LIMITATION_DAYS,
        obstacles=case.obstacle_days or 0,
        end=end.isoformat(),
        received=case.received_on.isoformat(),
    )


# R20, Luật Khiếu nại 2011 Art 11(8): once the resolution was terminated and notified, a complaint on the same
# matter is not accepted when lodged more than 30 days ("ngày", calendar) after the termination.
TERMINATION_BAR_DAYS = 30


def termination_bar_refusal(case: Case) -> str | None:
    """Why a complaint re-lodged after its terminated predecessor is barred (with the dates), or None."""
    if case.kind is None or case.kind.value != "complaint":
        return None
    earlier = matching.earlier_case_on_same_matter(case, status="terminated")
    if earlier is None or earlier.kind != case.kind or earlier.closed_dt is None:
        return None
    terminated_on = local_date(earlier.closed_dt)
    end = compute_due(
        start_on=terminated_on, days=TERMINATION_BAR_DAYS, day_kind="calendar", calendar=working_calendar()
    ).due_on
    if case.received_on <= end:
        return None
    return phrase(
        "The same complaint was terminated on {terminated} (case {code}); it could be lodged again until "
        "{end}, and this one was received on {received} (Luật Khiếu nại Art 11(8)).",
        terminated=terminated_on.isoformat(),
        code=earlier.tracking_code,
        end=end.isoformat(),
        received=case.received_on.isoformat(),
    )


# R12 and R17, Luật Khiếu nại 2011 Art 44: a first-time decision not complained of again, and a second-time
# decision, take legal effect once 30 days (45 in a remote area) from their issue have passed.
LEGAL_EFFECT_DAYS = {False: 30, True: 45}


def legal_effect_on(case: Case, decision) -> date:
    """The last day of the 30 (remote 45) days from the decision's signature; it is in effect after it."""
    days = LEGAL_EFFECT_DAYS[bool(case.is_remote_area)]
    calendar = working_calendar()
    return compute_due(start_on=decision.signed_on, days=days, day_kind="calendar", calendar=calendar).due_on
