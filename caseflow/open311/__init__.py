"""Open311 GeoReport v2 under /open311/v2, in JSON and XML (anchors.md §3c)."""

from flask import Flask


def init_open311(app: Flask) -> None:
    """Register the GeoReport blueprint (its POST authenticates with api_key, so it is CSRF-exempt)."""
    from caseflow.extensions import csrf
    from caseflow.open311.views import bp

    csrf.exempt(bp)
    app.register_blueprint(bp)
