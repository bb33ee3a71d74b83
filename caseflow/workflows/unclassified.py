"""A letter not yet classified: it can be classified, filed, suspended, withdrawn or terminated."""

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
        action("suspend", (S.RECEIVED,), None, {LEADER}, p.ReasonArgs, effect="suspend"),
        action("resume", (S.RECEIVED,), None, {LEADER}, p.NoteArgs, effect="resume"),
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
