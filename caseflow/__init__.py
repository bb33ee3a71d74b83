"""caseflow: workflow and case management for citizens' complaints, denunciations and petitions."""

from flask import Flask


def create_app(config: dict | None = None) -> Flask:
    """Build the application: config layers, extensions, blueprints, error handlers, CLI."""
    from caseflow.api import init_api
    from caseflow.cli import register_cli
    from caseflow.config import load_config
    from caseflow.errors import register_error_handlers
    from caseflow.extensions import init_extensions
    from caseflow.logs import configure_logging
    from caseflow.views import register_blueprints
    from caseflow.web.cookies import init_cookies
    from caseflow.web.metrics import init_metrics
    from caseflow.web.proxy import trust_proxies
    from caseflow.web.ratelimit import init_limits

    app = Flask(__name__, instance_relative_config=True)
    load_config(app, config)
    configure_logging(app)
    init_extensions(app)
    init_limits(app)
    init_cookies(app)
    register_blueprints(app)
    register_error_handlers(app)
    init_api(app)
    register_cli(app)
    trust_proxies(app)
    init_metrics(app)
    return app
