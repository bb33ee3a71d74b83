"""Running the demo plan through the services: each story's steps at their times, in office hours."""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from caseflow.demo.people import Cast
from caseflow.demo.stories import Ref, Step, Story
from caseflow.errors import CaseflowError
from caseflow.extensions import db
from caseflow.jobs.sweep import sweep
from caseflow.models import Case, Counter, Unit, User
from caseflow.services.accounts import users
from caseflow.services.cases import actions, intake
from caseflow.services.cases.deadlines import working_calendar
from caseflow.services.cases.matching import child_case
from caseflow.services.reception import sessions
from caseflow.timeutil import agency_timezone, local_date
from caseflow.transaction import commit, rollback

DEMO_MARKER = "demo:v1"


class DemoFailed(CaseflowError):
    """A service refused a step of the demo plan; the detail names the story and the step."""

    status_code, code, title = 500, "demo_failed", "The demo could not be loaded"


def holds_other_data() -> bool:
    """True when the database has units, users or cases but no demo marker: an agency's real data."""
    if db.session.scalar(sa.select(Counter.value).where(Counter.name == DEMO_MARKER)) is not None:
        return False
    return any(
        db.session.scalar(sa.select(sa.literal(1)).select_from(model).limit(1)) is not None
        for model in (Unit, User, Case)
    )


def marker_value() -> int:
    """How many stories of the plan are loaded (creating the marker at 0)."""
    value = db.session.scalar(sa.select(Counter.value).where(Counter.name == DEMO_MARKER))
    if value is None:
        db.session.add(Counter(name=DEMO_MARKER, value=0))
        db.session.flush()
        return 0
    return value


def run_plan(
    plan: list[Story], done: int, *, now: datetime, progress: Callable[[int, int], None] | None
) -> None:
    """Run the stories after the first `done`, each committed with the marker; then sweep the clocks."""
    cast = Cast()
    for index in range(done, len(plan)):
        run_story(plan[index], index, cast, now)
        db.session.execute(sa.update(Counter).where(Counter.name == DEMO_MARKER).values(value=index + 1))
        commit()
        if progress:
            progress(index + 1, len(plan))
    if done < len(plan):
        sweep(now=now)


def run_story(story: Story, index: int, cast: Cast, now: datetime) -> None:
    """Run each step of a story at its time; a refusal names the story and the step."""
    times = timeline(story, now)
    state: dict = {"session": None, "main": None, "appeal": None}
    for position, (step, at) in enumerate(zip(story.steps, times, strict=True)):
        following = times[position + 1] if position + 1 < len(times) else None
        try:
            _run_step(step, at, following, story, state, cast)
        except CaseflowError as error:
            rollback()
            detail = f"story {index + 1} ({story.label}), step {position + 1} {step.action}: {error.detail}"
            raise DemoFailed(detail, errors=error.errors) from error


def _run_step(step: Step, at: datetime, following: datetime | None, story: Story, state: dict, cast: Cast):
    """One service call."""
    if step.action == "session":
        actor = cast.for_role(step.role, story.unit)
        state["session"] = sessions.record_session(
            _resolve(step.params, at, following, state, story), actor=actor, now=at
        )
        return
    if step.action == "intake":
        actor = cast.for_role(step.role, story.unit)
        data = _resolve(step.params, at, following, state, story)
        state["main"] = intake.create_case(data, actor=actor, now=at).case
        return
    case = state[step.target]
    actor = cast.for_role(step.role, step.unit or case.unit.code)
    params = _resolve(step.params, at, following, state, story, case=case, cast=cast)
    result = actions.perform_action(
        case.id, step.action, actor=actor, now=at, params=params, expected_version=case.version
    )
    state[step.target] = result.case
    if step.action == "appeal":
        state["appeal"] = child_case(result.case)


def _resolve(
    params: dict,
    at: datetime,
    following: datetime | None,
    state: dict,
    story: Story,
    *,
    case: Case | None = None,
    cast: Cast | None = None,
) -> dict:
    """Replace the Refs of a step's parameters by their values at run time."""
    values = {
        Ref.TODAY: lambda: _day(at),
        Ref.UNIT: lambda: users.unit_by_code(story.unit).id,
        Ref.SESSION: lambda: state["session"].id,
        Ref.HANDLER: lambda: cast.for_role("handler", case.unit.code).id,
        Ref.MEETING: lambda: _meeting(at, following),
    }
    return {key: values[value]() if isinstance(value, Ref) else value for key, value in params.items()}


def _day(at: datetime) -> date:
    """The date written on a paper at `at` (never after the UTC date, which the guards compare with)."""
    return min(local_date(at), at.date())


def _meeting(at: datetime, following: datetime | None) -> datetime:
    """When a dialogue meets: 9:00 six days after it is scheduled (invitations go 5 days ahead), or a week."""
    day = local_date(at) + timedelta(days=6 if following is not None else 7)
    return datetime.combine(day, time(9, 0), tzinfo=ZoneInfo(agency_timezone()))


def timeline(story: Story, now: datetime) -> list[datetime]:
    """When each step happens: from `days_ago` on, gaps squeezed to end before now, in office hours."""
    limit = _last_office_moment(now)
    latest_start = limit - timedelta(minutes=2 * (len(story.steps) + 1))
    start = min(_office_hours(now - timedelta(days=story.days_ago), limit), latest_start)
    span = sum(step.gap for step in story.steps)
    room = max((limit - start).total_seconds() / 86400 - 0.5, 0.01)
    factor = min(1.0, room / span) if span else 1.0
    times, at = [], start
    for position, step in enumerate(story.steps):
        cap = limit - timedelta(minutes=2 * (len(story.steps) - 1 - position))
        moved = _office_hours(at + timedelta(days=step.gap * factor), cap)
        at = max(min(moved, cap), (times[-1] if times else start) + timedelta(minutes=2))
        times.append(at)
    return times


def _last_office_moment(now: datetime) -> datetime:
    """Half an hour ago if that is in office hours, else 16:45 on the last working day before now."""
    zone, calendar = ZoneInfo(agency_timezone()), working_calendar()
    moment = (now - timedelta(minutes=30)).astimezone(zone)
    if calendar.is_working_day(moment.date()) and 8 <= moment.hour < 17:
        return moment.astimezone(now.tzinfo)
    day = moment.date()
    if moment.hour < 17 or not calendar.is_working_day(day):
        day = _previous_working_day(day, calendar)
    return datetime.combine(day, time(16, 45), tzinfo=zone).astimezone(now.tzinfo)


def _previous_working_day(day: date, calendar) -> date:
    """The last working day strictly before `day`."""
    day -= timedelta(days=1)
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day


def _office_hours(moment: datetime, limit: datetime) -> datetime:
    """The moment moved into working hours (8:00-17:00 on a working day), unless that passes `limit`."""
    zone = ZoneInfo(agency_timezone())
    local = moment.astimezone(zone)
    calendar = working_calendar()
    day = local.date()
    if local.hour >= 17 or not calendar.is_working_day(day):
        day = calendar.next_working_day(day)
        local = datetime.combine(day, time(8 + local.minute % 4, local.second), tzinfo=zone)
    elif local.hour < 8:
        local = local.replace(hour=8 + local.minute % 4)
    moved = local.astimezone(moment.tzinfo)
    return moved if moved <= limit else moment
