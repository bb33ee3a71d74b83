"""Denunciations (tố cáo): Luật Tố cáo 2018, NĐ 31/2019; the denouncer's identity is protected."""

from caseflow.models import CaseKind
from caseflow.workflows import guards as g
from caseflow.workflows import params as p
from caseflow.workflows.base import WorkflowDefinition
from caseflow.workflows.common import (
    LEADER,
    PROCESSING_ACTIONS,
    WITHOUT_DIALOGUE,
    S,
    action,
    close_action,
    exit_actions,
    extend_action,
    record_delivery_action,
    record_waiver_action,
)

DENUNCIATION = WorkflowDefinition(
    kind=CaseKind.DENUNCIATION,
    title="Denunciation (tố cáo)",
    actions=PROCESSING_ACTIONS
    + (
        action(
            "decide",
            (S.REPORTED,),
            S.DECIDED,
            {LEADER},
            p.DenunciationDecideArgs,
            effect="decide",
            notice="decided",
            watched=True,
        ),
        close_action(),
        record_delivery_action(),
        extend_action(WITHOUT_DIALOGUE),
        record_waiver_action((*WITHOUT_DIALOGUE, S.CLOSED)),
        action(
            "review_redenunciation",
            (S.DECIDED, S.CLOSED),
            None,
            {LEADER},
            p.ReviewRedenunciationArgs,
            g.superior_reviews_after_conclusion,
            effect="review_redenunciation",
            watched=True,
        ),
        action(
            "request_report",
            (S.ACCEPTED, S.VERIFYING, S.REPORTED),
            None,
            {LEADER},
            p.RequestReportArgs,
            g.superior_and_overdue,
            effect="request_report",
            watched=True,
        ),
    )
    + exit_actions(WITHOUT_DIALOGUE),
)
