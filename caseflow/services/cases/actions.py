"""The action service: the only way a case's status changes."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm.exc import StaleDataError

from caseflow.errors import (
    GuardFailed,
    InvalidInput,
    NotFound,
    PermissionDenied,
    StaleCase,
    TransitionNotAllowed,
)
from caseflow.extensions import begin_write, db
from caseflow.i18n import N_
from caseflow.models import Case, CaseEvent, Role, User
from caseflow.services.cases.audit import append_event
from caseflow.services.cases.effects import apply_effects, diff, snapshot
from caseflow.services.cases.hot_writes import write_case
from caseflow.services.cases.locking import lock_case
from caseflow.services.cases.lookups import LOOKUPS
from caseflow.services.cases.scope import can_view
from caseflow.services.notices.notifications import notify_for_action
from caseflow.timeutil import local_date, local_noon
from caseflow.validation import load_args
from caseflow.workflows import ALL_ACTIONS, ActionContext, ActionSpec, TransitionRefused, get_workflow

LATE_ROLES = (Role.OFFICER, Role.LEADER, Role.ADMIN)  # who may record an action after the fact
RECORDED_LATE = "recorded_late"  # the audit event's params key: the effective date, when and by whom entered
LATE_REFUSED = N_("Only the unit's officers, leaders and administrators record an action after the fact.")
LATE_IN_FUTURE = N_("The date the action happened cannot be in the future.")
LATE_BEFORE_STEP = N_("The date the action happened cannot be before the case's previous step.")


@dataclass
class ActionResult:
    """The case after the action and the audit event that records it."""

    case: Case
    event: CaseEvent


def perform_action(
    case_id: int,
    action: str,
    *,
    actor: User,
    now: datetime,
    params: dict | None = None,
    expected_version: int | None,
    request_id: str = "",
    actor_label: str = "",
    effective_on: date | None = None,
) -> ActionResult:
    """Check scope, role, version, status, parameters and guards; then transition, clocks, audit, notify.

    With `effective_on` before today (an action recorded after the fact), all that depends on the date —
    guards, date checks, rule versions, clocks, the event's time the reports read — uses that date; the
    audit event keeps the real time it was entered and by whom (`params.recorded_late`).

    :raises NotFound: unknown case or action, or a case outside the actor's scope (404)
    :raises PermissionDenied: the actor's roles do not allow the action (403)
    :raises StaleCase: `expected_version` is not the case's version (409)
    :raises TransitionNotAllowed: not allowed from the case's status or while suspended (409)
    :raises InvalidInput: bad parameters (422)
    :raises GuardFailed: a legal condition is not met; the detail says which (422)
    """
    begin_write()
    case = lock_case(case_id)
    if case is None or not can_view(actor, case):
        raise NotFound(N_("No such case."))
    spec = _spec_for(case, action)
    _check_role(spec, actor)
    _check_version(case, expected_version)
    _check_status(case, spec)
    when = effective_instant(case, actor, now, effective_on)
    context = ActionContext(
        case=case, actor=actor, params=load_args(spec.params, params), now=when, spec=spec, lookups=LOOKUPS
    )
    return _transition(context, request_id, actor_label, recorded=now)


def effective_instant(case: Case, actor: User, now: datetime, effective_on: date | None) -> datetime:
    """When the action counts as taken: `now`, or noon of an earlier `effective_on` (after the previous step).

    :raises PermissionDenied: the actor may not record after the fact (403)
    :raises InvalidInput: a date in the future or before the case's previous step (422)
    """
    if effective_on is None or effective_on == local_date(now):
        return now
    if not actor.has_role(*LATE_ROLES):
        raise PermissionDenied(LATE_REFUSED)
    if effective_on > local_date(now):
        raise InvalidInput(LATE_IN_FUTURE, errors={"effective_on": [LATE_IN_FUTURE]})
    last = last_step_time(case)
    if effective_on < max(case.received_on, local_date(last) if last else case.received_on):
        raise InvalidInput(LATE_BEFORE_STEP, errors={"effective_on": [LATE_BEFORE_STEP]})
    instant = local_noon(effective_on)
    return last + timedelta(seconds=1) if last and instant <= last else instant


def last_step_time(case: Case) -> datetime | None:
    """When the case's latest action counts as taken (the time of its last action event), if any."""
    statement = (
        sa.select(CaseEvent.created_dt)
        .where(CaseEvent.case_id == case.id, CaseEvent.action.in_(ALL_ACTIONS))
        .order_by(CaseEvent.seq.desc())
        .limit(1)
    )
    return db.session.scalar(statement)


def _spec_for(case: Case, action: str) -> ActionSpec:
    """The action's row in the case's workflow."""
    if action not in ALL_ACTIONS:
        raise NotFound(f"There is no action named {action!r}.")
    spec = get_workflow(case.kind).action(action)
    if spec is None:
        kind = case.kind.value if case.kind else "unclassified letter"
        raise TransitionNotAllowed(f"The action {action!r} does not exist for a {kind}.")
    return spec


def _check_role(spec: ActionSpec, actor: User) -> None:
    """The actor must hold one of the action's roles."""
    if not actor.roles & spec.roles:
        allowed = ", ".join(sorted(r.value for r in spec.roles))
        raise PermissionDenied(f"Only {allowed} may {spec.name.replace('_', ' ')}.")


def _check_version(case: Case, expected_version: int | None) -> None:
    """Optimistic concurrency: the caller must have seen the current version."""
    if expected_version is not None and expected_version != case.version:
        raise StaleCase(
            f"This case changed since you opened it (version {expected_version}, now "
            f"{case.version}); reload and try again."
        )


def _check_status(case: Case, spec: ActionSpec) -> None:
    """The status must be a source of the action, and a suspended case only resumes."""
    if case.is_suspended and spec.name != "resume":
        raise TransitionNotAllowed(N_("The case is suspended; resume it before any other action."))
    if spec.name == "resume" and not case.is_suspended:
        raise TransitionNotAllowed(N_("The case is not suspended."))
    if case.status not in spec.sources:
        raise TransitionNotAllowed(
            f"Cannot {spec.name.replace('_', ' ')} a case that is {case.status.value}."
        )


def _transition(
    context: ActionContext, request_id: str, actor_label: str, recorded: datetime
) -> ActionResult:
    """Fire the shared machine, apply effects and clocks, write the event, queue notifications."""
    case, spec = context.case, context.spec
    before = snapshot(case)
    params = dict(context.params)
    if context.now != recorded:  # recorded after the fact: both dates and who entered it stay in the trail
        params[RECORDED_LATE] = {
            "effective_on": local_date(context.now), "recorded_at": recorded,
            "entered_by": actor_label or context.actor.actor_label,
        }  # fmt: skip
    with db.session.no_autoflush:
        _fire(context)
        apply_effects(context)
        _bump(case, context.now, recorded)
        event = append_event(
            case,
            action=spec.name,
            now=context.now,
            actor=context.actor,
            actor_label=actor_label,
            from_status=before["status"].value,
            to_status=case.status.value,
            changes=diff(before, case),
            params=params,
            request_id=request_id,
            reason=str(context.params.get("reason") or context.params.get("note") or ""),
        )
        notify_for_action(
            case, spec, event_seq=event.seq, now=recorded, actor_id=context.actor.id,
            changes=event.changes,
        )
    _flush(case)
    return ActionResult(case, event)


def _fire(context: ActionContext) -> None:
    """Run the shared machine; a refused transition or guard becomes the matching error."""
    try:
        fired = get_workflow(context.case.kind).fire(context)
    except TransitionRefused as error:
        raise TransitionNotAllowed(str(error)) from error
    if not fired:
        raise GuardFailed(context.refusal or N_("The conditions for this action are not met."))


def _bump(case: Case, when: datetime, recorded: datetime) -> None:
    """One change, one new version (updated when recorded); the closing time is when it counts as taken."""
    case.version += 1
    case.updated_dt = recorded
    if case.status.is_terminal and case.closed_dt is None:
        case.closed_dt = when


def _flush(case: Case) -> None:
    """Write now (the case row by one Core UPDATE), turning a lost optimistic-lock race into StaleCase."""
    try:
        write_case(case)
        db.session.flush()
    except StaleDataError as error:
        raise StaleCase(N_("This case changed since you opened it; reload and try again.")) from error


def allowed_actions(case: Case, user: User) -> list[str]:
    """The actions `user` may try now on `case` (role, scope, status and suspension; guards run on submit)."""
    if not can_view(user, case):
        return []
    names = []
    for spec in get_workflow(case.kind).actions_from(case.status):
        if user.roles & spec.roles and (spec.name == "resume") == case.is_suspended:
            names.append(spec.name)
    return names
