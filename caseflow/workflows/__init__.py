"""The registry of workflows, one per kind of case (and one for letters not yet classified)."""

from caseflow.models import CaseKind
from caseflow.workflows.base import ActionContext, ActionSpec, TransitionRefused, WorkflowDefinition
from caseflow.workflows.complaint import COMPLAINT
from caseflow.workflows.denunciation import DENUNCIATION
from caseflow.workflows.petition import PETITION
from caseflow.workflows.unclassified import UNCLASSIFIED

WORKFLOWS: dict[CaseKind | None, WorkflowDefinition] = {
    CaseKind.COMPLAINT: COMPLAINT,
    CaseKind.DENUNCIATION: DENUNCIATION,
    CaseKind.PETITION: PETITION,
    None: UNCLASSIFIED,
}
DRAWABLE = {
    "complaint": COMPLAINT,
    "denunciation": DENUNCIATION,
    "petition": PETITION,
    "unclassified": UNCLASSIFIED,
}
ALL_ACTIONS = sorted({a.name for w in WORKFLOWS.values() for a in w.actions})


def get_workflow(kind: CaseKind | str | None) -> WorkflowDefinition:
    """The workflow of a kind; raises KeyError for an unknown kind."""
    return WORKFLOWS[CaseKind(kind) if kind else None]


__all__ = [
    "ALL_ACTIONS",
    "DRAWABLE",
    "WORKFLOWS",
    "ActionContext",
    "ActionSpec",
    "TransitionRefused",
    "WorkflowDefinition",
    "get_workflow",
]
