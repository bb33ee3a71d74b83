"""Citizen tracking without login: POST /public/track/{tracking_code} with {"pin"}; the older GET …?pin=."""

from flask import request

from caseflow.api import bodies
from caseflow.api.core import API_PREFIX, ApiBlueprint
from caseflow.api.schemas import TrackArgs, TrackBody, TrackingSchema
from caseflow.api.writes import json_response
from caseflow.errors import NotFound
from caseflow.i18n import DEFAULT_LANGUAGE, LANGUAGES
from caseflow.services.reception.tracking import track
from caseflow.web.ratelimit import check_rate

UNKNOWN = "No case has this tracking code and PIN."

blp = ApiBlueprint(
    "api_public", __name__, url_prefix=f"{API_PREFIX}/public", description="For citizens, without login"
)


@blp.route("/track/<string:tracking_code>", methods=["POST"])
@blp.doc(security=[])
@blp.arguments(TrackBody)
@blp.response(200, TrackingSchema)
@blp.problems(404, 422, 429)
def track_case_post(args, tracking_code: str):
    """Stage, responsible unit, legal due date and next step, in plain Vietnamese (lang=en for English).

    The PIN travels in the body, so no URL (and no log line) ever holds it. No name, address or ID number is
    ever shown; a wrong PIN answers exactly like an unknown code.
    """
    return _track(args, tracking_code)


@blp.route("/track/<string:tracking_code>", methods=["GET"])
@blp.doc(security=[], deprecated=True)
@blp.arguments(TrackArgs, location="query")
@blp.response(200, TrackingSchema)
@blp.problems(404, 429)
def track_case(args, tracking_code: str):
    """The older form with ?pin= in the URL, kept for clients already written; prefer POST."""
    return _track(args, tracking_code)


def _track(args: dict, tracking_code: str):
    """The tracking answer, or 404 for an unknown code or a wrong PIN alike."""
    check_rate("track", request.remote_addr or "")
    view = track(tracking_code, args["pin"])
    if view is None:
        raise NotFound(UNKNOWN)
    return json_response(200, bodies.tracking_body(view, _language(args.get("lang"))))


def _language(asked: str | None) -> str:
    """lang=, else the best Accept-Language, else Vietnamese."""
    if asked in LANGUAGES:
        return asked
    return request.accept_languages.best_match(list(LANGUAGES)) or DEFAULT_LANGUAGE
