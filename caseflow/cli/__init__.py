"""The `caseflow` command: a Flask CLI group with the commands of product.md §8."""

import importlib
import sys
from importlib.metadata import PackageNotFoundError, version

import click
from flask import Flask
from flask.cli import FlaskGroup

from caseflow.cli.errors import explain

# Flask's options (--app, --debug, --env-file) serve developers of Flask apps, not caseflow's operators.
FLASK_DEVELOPER_OPTIONS = frozenset({"app", "debug", "env_file"})


# Commands that read the pages or the API (the others run on an app without them, and start faster).
WEB_COMMANDS = ("openapi", "limiter")
# Which module of caseflow.cli holds each command, so that one command loads only its own module.
COMMAND_MODULES = {
    "unit": "admin",
    "user": "admin",
    "token": "admin",
    "audit": "audit",
    "backup": "backup",
    "restore": "backup",
    "demo": "demo",
    "export": "export",
    "import": "imports",
    "translations": "i18n",
    "notify": "notify",
    "report": "report",
    "rules": "rules",
    "serve": "serve",
    "sweep": "sweep",
    "workflows": "workflows",
}
_invoked: str | None = None  # the command the console script was asked for, if known


def register_cli(app: Flask) -> None:
    """Attach caseflow's commands to the app's CLI (only the invoked one's module when that is known)."""
    wanted = COMMAND_MODULES.get(_invoked or "")
    for name in [wanted] if wanted else sorted(set(COMMAND_MODULES.values())):
        for command in importlib.import_module(f"caseflow.cli.{name}").COMMANDS:
            app.cli.add_command(command)


def caseflow_version() -> str:
    """The installed caseflow's version."""
    try:
        return version("caseflow")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "unknown"


def _create_app() -> Flask:
    """The app the console script runs against; a setting that cannot work stops with one line."""
    from caseflow import create_app

    try:
        return create_app(web=_invoked is None or _invoked in WEB_COMMANDS)
    except Exception as error:  # a known start-up failure is one line; others keep their traceback
        message = explain(error)
        if message is None:
            raise
        click.secho(f"Error: {message}", fg="red", err=True)
        sys.exit(2)


class CaseflowGroup(FlaskGroup):
    """Flask's CLI group without Flask's development commands and options, with caseflow's version."""

    def __init__(self, **extra):
        super().__init__(
            create_app=_create_app,
            add_default_commands=False,  # no `run` (development server), `shell` or `routes`
            add_version_option=False,
            load_dotenv=False,  # never change directory to a .env found higher up
            set_debug_flag=False,
            **extra,
        )
        self.params = [p for p in self.params if p.name not in FLASK_DEVELOPER_OPTIONS]
        click.version_option(
            caseflow_version(), "--version", prog_name="caseflow", message="%(prog)s %(version)s"
        )(self)


    def _load_plugin_commands(self) -> None:
        """Libraries' commands, with Flask-Limiter's debugging group hidden from --help."""
        super()._load_plugin_commands()
        if "limiter" in self.commands:
            self.commands["limiter"].hidden = True


cli = CaseflowGroup(
    name="caseflow", help="caseflow: complaints, denunciations and petitions, from intake to decision."
)


def main(args: list[str] | None = None) -> None:
    """The console script: run the command; a database, file or setting problem is one line with its fix."""
    global _invoked
    words = [word for word in (sys.argv[1:] if args is None else args) if not word.startswith("-")]
    _invoked = words[0] if words else "--help"
    try:
        cli.main(args=args, prog_name="caseflow")
    except Exception as error:  # anything unforeseen keeps its traceback (re-raised)
        message = explain(error)
        if message is None:
            raise
        click.secho(f"Error: {message}", fg="red", err=True)
        sys.exit(1)
