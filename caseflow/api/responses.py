"""App-wide answers the API adds: 429 with Retry-After, 401 with WWW-Authenticate."""

from flask import Flask, current_app, render_template, request

from caseflow.errors import problem_response, wants_json
from caseflow.transaction import rollback
from caseflow.web.ratelimit import RateLimited


def register_responses(app: Flask) -> None:
    """Install the handlers and hooks."""
    app.register_error_handler(RateLimited, rate_limited)
    app.after_request(challenge)


def rate_limited(error: RateLimited):
    """429 as a problem document or a page, with Retry-After."""
    rollback()
    if wants_json():
        response = problem_response(error.to_problem())
    else:
        response = current_app.response_class(render_template("error.html", error=error), status=429)
    response.headers["Retry-After"] = str(error.retry_after)
    return response


def challenge(response):
    """A 401 from the API names the scheme it wants."""
    if response.status_code == 401 and request.path.startswith("/api/"):
        response.headers.setdefault("WWW-Authenticate", 'Bearer realm="caseflow"')
    return response
