"""Action rows shared by every kind: intake and processing, acceptance, assignment, suspension and exits."""

from caseflow.models import OPEN_STATUSES, CaseStatus, Role
from caseflow.workflows import guards as g
from caseflow.workflows import params as p
from caseflow.workflows.base import ActionSpec

S = CaseStatus
OFFICER, LEADER, HANDLER, RECEPTION = Role.OFFICER, Role.LEADER, Role.HANDLER, Role.RECEPTION
RESOLVING = (S.ACCEPTED, S.VERIFYING, S.REPORTED, S.DIALOGUE_SCHEDULED)


def action(name, sources, dest, roles, params, *guards) -> ActionSpec:
    """One row of the action table."""
    return ActionSpec(
        name=name,
        sources=tuple(sources),
        dest=dest,
        roles=frozenset(roles),
        params=params,
        guards=tuple(guards),
    )


CLASSIFY = action("classify", (S.RECEIVED, S.CLASSIFIED), S.CLASSIFIED, {OFFICER}, p.ClassifyArgs)
FILE = action("file", (S.RECEIVED, S.CLASSIFIED), S.FILED, {OFFICER}, p.FileArgs)
WITHOUT_DIALOGUE = tuple(s for s in OPEN_STATUSES if s != S.DIALOGUE_SCHEDULED)

PROCESSING_ACTIONS = (
    CLASSIFY,
    action(
        "propose_acceptance",
        (S.CLASSIFIED,),
        S.PENDING_ACCEPTANCE,
        {OFFICER},
        p.NoteArgs,
        g.eligible_and_competent,
    ),
    action(
        "guide",
        (S.CLASSIFIED,),
        S.GUIDED,
        {OFFICER},
        p.GuideArgs,
        g.not_within_competence,
        g.not_guided_before,
    ),
    action(
        "forward",
        (S.CLASSIFIED,),
        S.FORWARDED,
        {OFFICER},
        p.ForwardArgs,
        g.not_within_competence,
        g.not_forwarded_before,
    ),
    action(
        "return_to_forwarder",
        (S.CLASSIFIED,),
        S.RETURNED,
        {OFFICER},
        p.ReasonArgs,
        g.came_forwarded,
        g.not_within_competence,
    ),
    FILE,
    action("accept", (S.PENDING_ACCEPTANCE,), S.ACCEPTED, {LEADER}, p.AcceptArgs),
    action("reject", (S.PENDING_ACCEPTANCE,), S.NOT_ACCEPTED, {LEADER}, p.ReasonArgs),
    action(
        "assign",
        (S.ACCEPTED, S.VERIFYING, S.REPORTED),
        S.VERIFYING,
        {LEADER},
        p.AssignArgs,
        g.assignee_is_handler_in_scope,
    ),
    action("submit_report", (S.VERIFYING,), S.REPORTED, {HANDLER}, p.ReportArgs, g.handler_is_assignee),
)


def exit_actions(open_states: tuple[CaseStatus, ...]) -> tuple[ActionSpec, ...]:
    """suspend, resume, withdraw and terminate from the open states a workflow has."""
    return (
        action("suspend", open_states, None, {LEADER}, p.ReasonArgs),
        action("resume", open_states, None, {LEADER}, p.NoteArgs),
        action(
            "withdraw",
            [s for s in open_states if s != S.DECIDED],
            S.WITHDRAWN,
            {OFFICER, LEADER},
            p.NoteArgs,
            g.may_withdraw,
        ),
        action("terminate", open_states, S.TERMINATED, {LEADER}, p.ReasonArgs),
    )


def close_action() -> ActionSpec:
    """close: the decision was sent (and published where required)."""
    return action("close", (S.DECIDED,), S.CLOSED, {LEADER, OFFICER}, p.CloseArgs, g.decision_sent)


def extend_action(open_states: tuple[CaseStatus, ...]) -> ActionSpec:
    """extend: a longer limit for a complex case, within the rule's caps."""
    return action(
        "extend",
        [s for s in RESOLVING if s in open_states],
        None,
        {LEADER},
        p.ExtendArgs,
        g.extension_allowed,
    )
