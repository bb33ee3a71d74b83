"""Liveness and readiness: /healthz answers when the app and its database respond."""

import sqlalchemy as sa
from flask import Blueprint, jsonify

from caseflow.extensions import db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """200 with the database dialect when the database answers, 503 otherwise."""
    try:
        db.session.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError as error:
        return jsonify(status="error", detail=str(error.__class__.__name__)), 503
    return jsonify(status="ok", database=db.engine.dialect.name)
