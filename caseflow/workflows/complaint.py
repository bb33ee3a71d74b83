"""Complaints (khiếu nại), levels 1 and 2: Luật Khiếu nại 2011, NĐ 124/2020.

`appeal` is open from the resolving statuses too: once the first-time period ends without a decision the
complainant may lodge a second complaint (Luật KN Art 33(1)); the guard judges the dates.
"""

from caseflow.models import CaseKind
from caseflow.workflows import guards as g
from caseflow.workflows import params as p
from caseflow.workflows.base import WorkflowDefinition
from caseflow.workflows.common import (
    HANDLER,
    LEADER,
    OFFICER,
    OPEN_STATUSES,
    PROCESSING_ACTIONS,
    RECEPTION,
    RESOLVING,
    S,
    action,
    close_action,
    exit_actions,
    extend_action,
    record_delivery_action,
)

COMPLAINT = WorkflowDefinition(
    kind=CaseKind.COMPLAINT,
    title="Complaint (khiếu nại)",
    actions=PROCESSING_ACTIONS
    + (
        action(
            "schedule_dialogue",
            (S.REPORTED,),
            S.DIALOGUE_SCHEDULED,
            {HANDLER, LEADER},
            p.ScheduleDialogueArgs,
            g.handler_is_assignee,
            g.dialogue_far_enough_ahead,
            effect="schedule_dialogue",
        ),
        action(
            "record_dialogue",
            (S.DIALOGUE_SCHEDULED,),
            S.REPORTED,
            {HANDLER, LEADER},
            p.RecordDialogueArgs,
            g.handler_is_assignee,
            g.dialogue_not_before_scheduled,
            effect="record_dialogue",
            notice="decision_needed",
        ),
        action(
            "decide",
            (S.REPORTED,),
            S.DECIDED,
            {LEADER},
            p.ComplaintDecideArgs,
            g.complaint_ready_for_decision,
            effect="decide",
            notice="decided",
            watched=True,
        ),
        close_action(),
        record_delivery_action(),
        extend_action(OPEN_STATUSES),
        action(
            "appeal",
            (*RESOLVING, S.DECIDED, S.CLOSED),
            None,
            {RECEPTION, OFFICER},
            p.AppealArgs,
            g.level_one,
            g.within_appeal_window,
            g.no_open_appeal,
            effect="appeal",
        ),
    )
    + exit_actions(OPEN_STATUSES),
)
