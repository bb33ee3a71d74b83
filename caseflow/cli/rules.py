"""caseflow rules doc: the legal-rules page generated from the rule files."""

import click
from flask import current_app
from flask.cli import with_appcontext

from caseflow.deadlines.legal_doc import legal_rules_markdown
from caseflow.deadlines.rules import RuleBook


@click.group("rules")
def rules_group():
    """Deadline rules."""


@rules_group.command("doc")
@with_appcontext
def doc():
    """Print docs/legal-rules.md as the rule files make it (redirect it into the file)."""
    book = RuleBook.load(current_app.config["CASEFLOW_RULES_DIR"])
    click.echo(legal_rules_markdown(book), nl=False)


COMMANDS = (rules_group,)
