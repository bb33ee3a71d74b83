"""caseflow serve: the production WSGI server (gunicorn)."""

import click
from flask import current_app
from gunicorn.app.base import BaseApplication

from caseflow.config import MAX_URL_LENGTH
from caseflow.logs import ACCESS_FORMAT, AccessLogger, settings_config
from caseflow.web.metrics import reset_directory


class _Gunicorn(BaseApplication):
    """gunicorn serving caseflow's app factory."""

    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        """Pass our options to gunicorn."""
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        """Each worker builds its own app."""
        from caseflow import create_app

        return create_app()


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64))
def serve(host, port, workers):
    """Serve caseflow with gunicorn."""
    click.secho(f"caseflow on http://{host}:{port} ({workers} workers)", fg="green")
    reset_directory(current_app)
    _Gunicorn(gunicorn_options(host, port, workers)).run()


def gunicorn_options(host: str, port: int, workers: int) -> dict:
    """gunicorn's settings: logs as the app's, and its refusals of oversized requests as problem documents."""
    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        "timeout": 60,
        "graceful_timeout": 30,
        "accesslog": "-",
        "access_log_format": ACCESS_FORMAT,
        "logger_class": AccessLogger,
        "logconfig_dict": settings_config(current_app.config),
        "control_socket_disable": True,  # one socket per user's home would clash between nodes on one host
        "limit_request_line": MAX_URL_LENGTH,
        "worker_class": "caseflow.web.gunicorn_worker.ProblemWorker",
    }


COMMANDS = (serve,)
