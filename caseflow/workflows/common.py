"""Action rows shared by every kind: intake and processing, acceptance, assignment, suspension and exits."""

from caseflow.models import OPEN_STATUSES, CaseStatus, Role
from caseflow.workflows import guards as g
from caseflow.workflows import params as p
from caseflow.workflows.base import ActionSpec

S = CaseStatus
OFFICER, LEADER, HANDLER, RECEPTION = Role.OFFICER, Role.LEADER, Role.HANDLER, Role.RECEPTION
RESOLVING = (S.ACCEPTED, S.VERIFYING, S.REPORTED, S.DIALOGUE_SCHEDULED)


def action(
    name, sources, dest, roles, params, *guards, effect=None, notice=None, watched=False
) -> ActionSpec:
    """One row of the action table (`watched`: the inspector of an open inspection hears of it)."""
    return ActionSpec(
        name=name,
        sources=tuple(sources),
        dest=dest,
        roles=frozenset(roles),
        params=params,
        guards=tuple(guards),
        effect=effect,
        notice=notice,
        watched_by_inspector=watched,
    )


CLASSIFY = action(
    "classify",
    (S.RECEIVED, S.CLASSIFIED),
    S.CLASSIFIED,
    {OFFICER},
    p.ClassifyArgs,
    effect="classify",
    notice="to_process",
)
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
        notice="decision_needed",
    ),
    action(
        "guide",
        (S.CLASSIFIED,),
        S.GUIDED,
        {OFFICER},
        p.GuideArgs,
        g.not_within_competence,
        g.not_guided_before,
        effect="guide",
    ),
    action(
        "forward",
        (S.CLASSIFIED,),
        S.FORWARDED,
        {OFFICER},
        p.ForwardArgs,
        g.not_within_competence,
        g.not_forwarded_before,
        effect="forward",
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
    action(
        "accept",
        (S.PENDING_ACCEPTANCE,),
        S.ACCEPTED,
        {LEADER},
        p.AcceptArgs,
        g.within_limitation,
        effect="accept",
        notice="to_assign",
    ),
    action("reject", (S.PENDING_ACCEPTANCE,), S.NOT_ACCEPTED, {LEADER}, p.ReasonArgs, watched=True),
    action(
        "assign",
        (S.ACCEPTED, S.VERIFYING, S.REPORTED),
        S.VERIFYING,
        {LEADER},
        p.AssignArgs,
        g.assignee_is_handler_in_scope,
        effect="assign",
        notice="assigned",
    ),
    action(
        "submit_report",
        (S.VERIFYING,),
        S.REPORTED,
        {HANDLER},
        p.ReportArgs,
        g.handler_is_assignee,
        effect="submit_report",
        notice="decision_needed",
    ),
)


def exit_actions(open_states: tuple[CaseStatus, ...]) -> tuple[ActionSpec, ...]:
    """suspend and resume while resolving (never after the decision); withdraw and terminate while open."""
    resolving = [s for s in RESOLVING if s in open_states]
    return (
        action("suspend", resolving, None, {LEADER}, p.ReasonArgs, g.suspension_allowed, effect="suspend"),
        action("resume", resolving, None, {LEADER}, p.NoteArgs, effect="resume"),
        action(
            "withdraw",
            [s for s in open_states if s != S.DECIDED],
            S.WITHDRAWN,
            {OFFICER, LEADER},
            p.NoteArgs,
            g.may_withdraw,
            watched=True,
        ),
        action("terminate", open_states, S.TERMINATED, {LEADER}, p.ReasonArgs, watched=True),
    )


def close_action() -> ActionSpec:
    """close: the decision was sent (and published where required)."""
    return action(
        "close",
        (S.DECIDED,),
        S.CLOSED,
        {LEADER, OFFICER},
        p.CloseArgs,
        g.decision_sent,
        effect="close",
        watched=True,
    )


def record_delivery_action() -> ActionSpec:
    """record_delivery: who received the decision or conclusion, when and how (clocks run from receipt)."""
    return action(
        "record_delivery",
        (S.DECIDED, S.CLOSED),
        None,
        {RECEPTION, OFFICER, LEADER},
        p.RecordDeliveryArgs,
        g.delivery_after_decision,
        effect="record_delivery",
    )


def record_waiver_action(sources: tuple[CaseStatus, ...]) -> ActionSpec:
    """record_waiver: the denouncer agreed to disclosure (Luật TC 2018 Art 47(2)); the masking is lifted."""
    return action(
        "record_waiver",
        sources,
        None,
        {OFFICER, LEADER},
        p.WaiverArgs,
        g.waiver_allowed,
        effect="record_waiver",
        watched=True,
    )


def extend_action(open_states: tuple[CaseStatus, ...]) -> ActionSpec:
    """extend: a longer limit for a complex case, within the rule's caps."""
    return action(
        "extend",
        [s for s in RESOLVING if s in open_states],
        None,
        {LEADER},
        p.ExtendArgs,
        g.extension_allowed,
        effect="extend",
    )
