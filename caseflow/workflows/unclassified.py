"""A letter not yet classified: classified, filed, withdrawn or terminated (not suspended); its sender may
waive the protection a possible denouncer has."""

from caseflow.workflows import guards as g
from caseflow.workflows import params as p
from caseflow.workflows.base import WorkflowDefinition
from caseflow.workflows.common import CLASSIFY, FILE, LEADER, OFFICER, S, action, record_waiver_action

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
        record_waiver_action((S.RECEIVED,)),
    ),
)
