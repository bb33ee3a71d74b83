"""The REST API under /api/v1 (flask-smorest, OpenAPI 3), its reference page, and Open311 GeoReport v2."""

import importlib

from flask import Flask

from caseflow.api.core import API_PREFIX, CaseflowApi

OWN_SETTINGS = ("API_MAX_BODY", "RATE_LIMITS")
RESOURCES = ("auth", "users", "cases", "actions", "records", "reception", "public", "reports", "register",
             "engagement", "rounds", "inspections", "documents", "notifications", "queues")  # fmt: skip
SETTINGS = {
    "API_TITLE": "caseflow API",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": API_PREFIX,
    "OPENAPI_JSON_PATH": "openapi.json",
    "API_SPEC_OPTIONS": {
        "info": {
            "description": "Cases, actions, the reception book and citizen tracking of caseflow. "
            "Errors are RFC 7807 problem documents. See docs/api.md for a worked example."
        },
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
    },
}


def init_api(app: Flask) -> CaseflowApi:
    """Register the API blueprints, the reference page, Open311 and the rate-limit answer."""
    from caseflow.api.reference import bp as reference_bp
    from caseflow.api.responses import register_responses
    from caseflow.open311 import init_open311

    for key, value in SETTINGS.items():
        app.config.setdefault(key, value)
    for key in OWN_SETTINGS:  # CASEFLOW_X from the environment arrives as X
        if key in app.config:
            app.config.setdefault(f"CASEFLOW_{key}", app.config.pop(key))
    api = CaseflowApi(app)
    for name in RESOURCES:
        module = importlib.import_module(f"caseflow.api.resources.{name}")
        for blueprint in (module.blp, getattr(module, "me_blp", None)):
            if blueprint is not None:
                api.register_blueprint(blueprint)
    app.register_blueprint(reference_bp)
    register_responses(app)
    init_open311(app)
    app.extensions["caseflow.api"] = api
    return api
