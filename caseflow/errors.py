"""The caseflow error hierarchy and its rendering as RFC 7807 problem documents or HTML pages."""

import sqlalchemy as sa
from flask import Flask, Response, jsonify, make_response, render_template, request
from werkzeug.exceptions import HTTPException

from caseflow.transaction import rollback


class CaseflowError(Exception):
    """Base of every error a user can be shown; carries an HTTP status and a stable code."""

    status_code = 400
    code = "caseflow_error"
    title = "Bad request"

    def __init__(self, detail: str = "", *, errors: dict | None = None):
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        self.errors = errors or {}

    def to_problem(self) -> dict:
        """The RFC 7807 body for this error."""
        body = {
            "type": f"https://caseflow.example/problems/{self.code}",
            "title": self.title,
            "status": self.status_code,
            "detail": self.detail,
            "code": self.code,
        }
        if self.errors:
            body["errors"] = self.errors
        return body


class NotFound(CaseflowError):
    """The object does not exist, or the caller may not know that it does."""

    status_code, code, title = 404, "not_found", "Not found"


class PermissionDenied(CaseflowError):
    """The caller's role or unit does not allow this."""

    status_code, code, title = 403, "permission_denied", "Permission denied"


class TransitionNotAllowed(CaseflowError):
    """The action cannot be taken from the case's current status."""

    status_code, code, title = 409, "transition_not_allowed", "Action not allowed in this status"


class StaleCase(CaseflowError):
    """The case changed since the caller loaded it."""

    status_code, code, title = (
        409,
        "stale_case",
        "This case changed since you opened it; reload and try again",
    )


class GuardFailed(CaseflowError):
    """The action's legal condition is not met; the detail says why."""

    status_code, code, title = 422, "guard_failed", "The conditions for this action are not met"


class InvalidInput(CaseflowError):
    """The parameters are missing or malformed; `errors` maps each field to its messages."""

    status_code, code, title = 422, "invalid_input", "Invalid input"


class ConflictError(CaseflowError):
    """The request conflicts with existing data (a duplicate code, a used name)."""

    status_code, code, title = 409, "conflict", "Conflict"


def wants_json() -> bool:
    """True for API paths and clients that prefer JSON over HTML."""
    if request.path.startswith(("/api/", "/open311/")):
        return True
    best = request.accept_mimetypes.best_match(["application/json", "application/problem+json", "text/html"])
    return best in ("application/json", "application/problem+json")


def problem_response(body: dict) -> Response:
    """A problem+json response."""
    response = jsonify(body)
    response.status_code = body["status"]
    response.mimetype = "application/problem+json"
    return response


def register_error_handlers(app: Flask) -> None:
    """Render every error as a problem document for API clients and as a page for people."""

    @app.errorhandler(CaseflowError)
    def _caseflow_error(error: CaseflowError):
        rollback()
        if wants_json():
            return problem_response(error.to_problem())
        return render_template("error.html", error=error), error.status_code

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        response = plain_error(error.code, error.name, error.description)
        allowed = dict(error.get_headers()).get("Allow")
        if allowed:  # a 405 names the methods the resource takes (RFC 9110)
            response = make_response(response)
            response.headers["Allow"] = allowed
        return response

    @app.errorhandler(sa.exc.DataError)
    def _out_of_range(error: sa.exc.DataError):
        """A value the database cannot hold (a 40-digit id, say) is bad input, not a crash."""
        return plain_error(400, "Bad request", "A value in the request is out of range.")

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        """A crash: log it, save nothing, and answer with a calm page that names the request."""
        app.logger.exception("unhandled error")
        detail = "Something went wrong on our side; nothing was saved. Please try again."
        return plain_error(500, "Internal server error", detail)


def plain_error(status: int, title: str, detail: str):
    """Roll back, then answer a problem document to API clients and the error page to people."""
    rollback()
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    if wants_json():
        return problem_response(body)
    return render_template("error.html", error=body_as_error(body)), status


def body_as_error(body: dict) -> CaseflowError:
    """Wrap a plain problem body so the error page can show it."""
    error = CaseflowError(body["detail"])
    error.status_code, error.title = body["status"], body["title"]
    return error
