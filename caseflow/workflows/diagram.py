"""Mermaid diagrams of workflow definitions, drawn by `transitions` itself."""

from transitions.extensions import GraphMachine

from caseflow.workflows.base import WorkflowDefinition


def mermaid(definition: WorkflowDefinition) -> str:
    """The Mermaid source of a workflow, with guards shown on the edges and roles in the labels."""
    transitions = [
        {**t, "label": f"{t['trigger']} ({'/'.join(sorted(r.value for r in spec.roles))})"}
        for t, spec in zip(definition.transitions(), definition.actions, strict=True)
    ]
    machine = GraphMachine(
        states=definition.states,
        transitions=transitions,
        initial=definition.initial.value,
        auto_transitions=False,
        graph_engine="mermaid",
        show_conditions=True,
        title=definition.title,
    )
    return machine.get_graph().draw(None)
