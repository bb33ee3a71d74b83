"""caseflow: workflow and case management for citizens' complaints, denunciations and petitions."""

from flask import Flask


def create_app(config: dict | None = None, *, web: bool = True) -> Flask:
    """Build the application: config layers, extensions, blueprints, error handlers, CLI.

    `web=False` builds what a command-line job needs (settings, database, services, commands) without the
    pages, the API and their OpenAPI document, so `caseflow sweep` starts in a fraction of the time.
    """
    from caseflow.cli import register_cli
    from caseflow.config import load_config
    from caseflow.extensions import init_extensions
    from caseflow.logs import configure_logging

    app = Flask(__name__, instance_relative_config=True)
    load_config(app, config)
    configure_logging(app)
    init_extensions(app)
    register_cli(app)
    if web:
        _add_web(app)
    return app


def _add_web(app: Flask) -> None:
    """The pages, the API, their error handlers, limits, cookies, proxy trust and metrics."""
    from caseflow.api import init_api
    from caseflow.errors import register_error_handlers
    from caseflow.views import register_blueprints
    from caseflow.web.cookies import init_cookies
    from caseflow.web.metrics import init_metrics
    from caseflow.web.proxy import trust_proxies
    from caseflow.web.ratelimit import init_limits

    init_limits(app)
    init_cookies(app)
    register_blueprints(app)
    register_error_handlers(app)
    init_api(app)
    trust_proxies(app)
    init_metrics(app)
