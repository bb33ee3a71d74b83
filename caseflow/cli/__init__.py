"""The `caseflow` command: a Flask CLI group with the commands of product.md §8."""

from flask import Flask
from flask.cli import FlaskGroup


def register_cli(app: Flask) -> None:
    """Attach caseflow's commands to the app's CLI."""
    from caseflow.cli import (
        admin,
        audit,
        backup,
        demo,
        export,
        i18n,
        notify,
        report,
        rules,
        serve,
        sweep,
        workflows,
    )

    for module in (admin, audit, backup, demo, export, i18n, notify, report, rules, serve, sweep, workflows):
        for command in module.COMMANDS:
            app.cli.add_command(command)


def _create_app() -> Flask:
    """The app the console script runs against."""
    from caseflow import create_app

    return create_app()


main = FlaskGroup(
    name="caseflow",
    create_app=_create_app,
    add_default_commands=True,
    help="caseflow: complaints, denunciations and petitions, from intake to decision.",
)
