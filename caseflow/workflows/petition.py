"""Petitions and feedback (kiến nghị, phản ánh): answered by the agency."""

from caseflow.models import CaseKind
from caseflow.workflows import guards as g
from caseflow.workflows import params as p
from caseflow.workflows.base import WorkflowDefinition
from caseflow.workflows.common import (
    HANDLER,
    LEADER,
    PROCESSING_ACTIONS,
    WITHOUT_DIALOGUE,
    S,
    action,
    close_action,
    exit_actions,
)

PETITION = WorkflowDefinition(
    kind=CaseKind.PETITION,
    title="Petition or feedback (kiến nghị, phản ánh)",
    actions=PROCESSING_ACTIONS
    + (
        action(
            "answer",
            (S.VERIFYING, S.REPORTED),
            S.DECIDED,
            {HANDLER, LEADER},
            p.AnswerArgs,
            g.handler_is_assignee,
            effect="answer",
            notice="answered",
            watched=True,
        ),
        close_action(),
    )
    + exit_actions(WITHOUT_DIALOGUE),
)
