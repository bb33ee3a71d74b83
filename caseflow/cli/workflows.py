"""caseflow workflows draw KIND: the Mermaid diagram of a workflow."""

import click

from caseflow.workflows import DRAWABLE
from caseflow.workflows.diagram import mermaid


@click.group("workflows")
def workflows_group():
    """Workflow definitions."""


@workflows_group.command("draw")
@click.argument("kind", type=click.Choice(sorted(DRAWABLE)))
def draw(kind):
    """Print the Mermaid state diagram of KIND."""
    click.echo(mermaid(DRAWABLE[kind]), nl=False)


COMMANDS = (workflows_group,)
