"""Blueprints and the per-request plumbing (request id, write intent, security headers)."""

import importlib

from flask import Flask, g, request
from werkzeug.exceptions import BadRequest, RequestURITooLarge
from werkzeug.routing import IntegerConverter

from caseflow.config import MAX_URL_LENGTH
from caseflow.extensions import begin_write, db, end_write, login_manager
from caseflow.logs import request_id_from
from caseflow.models import User

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# One module per section under caseflow/views/, each with a blueprint named `bp`.
BLUEPRINTS = (
    "auth", "cases", "health", "home", "reception", "attachments", "inspector", "admin", "public", "inbox",
    "reports", "documents", "rounds", "queues",
    "engagement", "register",
)


def register_blueprints(app: Flask) -> None:
    """Register every blueprint and the request hooks."""
    from caseflow.views.layout import register_template_helpers

    app.url_map.converters["int"] = Int4Converter
    for name in BLUEPRINTS:
        app.register_blueprint(importlib.import_module(f"caseflow.views.{name}").bp)
    register_template_helpers(app)
    app.before_request(_before_request)
    app.after_request(_security_headers)
    login_manager.user_loader(_load_user)


class Int4Converter(IntegerConverter):
    """Ids in URLs fit the database's integer: a 40-digit id matches no page (404) instead of crashing."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)


def _before_request() -> None:
    """Give the request an id and declare writes early so SQLite begins them IMMEDIATE."""
    g.request_id = request_id_from(request.headers.get("X-Request-ID"))
    if len(request.full_path) > MAX_URL_LENGTH:
        raise RequestURITooLarge(f"The address is longer than {MAX_URL_LENGTH} characters.")
    if any("\x00" in value for value in (request.path, *request.args.values(), *request.form.values())):
        raise BadRequest("Text must not contain NUL characters.")
    if request.method in UNSAFE_METHODS:
        begin_write()
    else:
        end_write()


def _security_headers(response):
    """Headers every page carries."""
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
    response.headers.setdefault("X-Request-ID", g.get("request_id", ""))
    return response


def _load_user(session_id: str):
    """Flask-Login's loader: a session ends at logout, password reset, role change or deactivation."""
    user_id, _, version = session_id.partition(".")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.is_active or user.session_version != int(version):
        return None
    return user
