"""The action service: the only way a case's status changes."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm.exc import StaleDataError

from caseflow.errors import GuardFailed, NotFound, PermissionDenied, StaleCase, TransitionNotAllowed
from caseflow.extensions import begin_write, db
from caseflow.i18n import N_
from caseflow.models import Case, CaseEvent, User
from caseflow.services.cases.audit import append_event
from caseflow.services.cases.effects import apply_effects, diff, snapshot
from caseflow.services.cases.locking import lock_case
from caseflow.services.cases.lookups import LOOKUPS
from caseflow.services.cases.scope import can_view
from caseflow.services.notices.notifications import notify_for_action
from caseflow.validation import load_args
from caseflow.workflows import ALL_ACTIONS, ActionContext, ActionSpec, TransitionRefused, get_workflow


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
) -> ActionResult:
    """Check scope, role, version, status, parameters and guards; then transition, clocks, audit, notify.

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
    context = ActionContext(
        case=case, actor=actor, params=load_args(spec.params, params), now=now, spec=spec, lookups=LOOKUPS
    )
    return _transition(context, request_id, actor_label)


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


def _transition(context: ActionContext, request_id: str, actor_label: str) -> ActionResult:
    """Fire the shared machine, apply effects and clocks, write the event, queue notifications."""
    case, spec = context.case, context.spec
    before = snapshot(case)
    with db.session.no_autoflush:
        _fire(context)
        apply_effects(context)
        _bump(case, context.now)
        event = append_event(
            case,
            action=spec.name,
            now=context.now,
            actor=context.actor,
            actor_label=actor_label,
            from_status=before["status"].value,
            to_status=case.status.value,
            changes=diff(before, case),
            params=context.params,
            request_id=request_id,
            reason=str(context.params.get("reason") or context.params.get("note") or ""),
        )
        notify_for_action(
            case, spec, event_seq=event.seq, now=context.now, actor_id=context.actor.id,
            changes=event.changes,
        )
    _flush()
    return ActionResult(case, event)


def _fire(context: ActionContext) -> None:
    """Run the shared machine; a refused transition or guard becomes the matching error."""
    try:
        fired = get_workflow(context.case.kind).fire(context)
    except TransitionRefused as error:
        raise TransitionNotAllowed(str(error)) from error
    if not fired:
        raise GuardFailed(context.refusal or N_("The conditions for this action are not met."))


def _bump(case: Case, now: datetime) -> None:
    """One change, one new version; keep the open flag and closing time in step with the status."""
    case.version += 1
    case.updated_dt = now
    if case.status.is_terminal and case.closed_dt is None:
        case.closed_dt = now


def _flush() -> None:
    """Write now, turning a lost optimistic-lock race into StaleCase."""
    try:
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
