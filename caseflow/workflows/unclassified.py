"""A letter not yet classified: it can be classified, filed, withdrawn or terminated (not suspended)."""

from caseflow.workflows import guards as g
from caseflow.workflows import params as p
from caseflow.workflows.base import WorkflowDefinition
from caseflow.workflows.common import CLASSIFY, FILE, LEADER, OFFICER, S, action

UNCLASSIFIED = WorkflowDefinition(
    kind=None,
    title="Unclassified letter",
    actions=(
        CLASSIFY,
        FILE,
        action(
            "withdraw",
            (S.RECEIVED,),
            S.WITHDRAWN,
            {OFFICER, LEADER},
            p.NoteArgs,
            g.may_withdraw,
            watched=True,
        ),
        action("terminate", (S.RECEIVED,), S.TERMINATED, {LEADER}, p.ReasonArgs, watched=True),
    ),
)
