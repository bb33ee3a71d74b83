"""Citizen tracking without login: GET /public/track/{tracking_code}?pin=."""

from flask import request

from caseflow.api import bodies
from caseflow.api.core import API_PREFIX, ApiBlueprint
from caseflow.api.schemas import TrackArgs, TrackingSchema
from caseflow.api.writes import json_response
from caseflow.errors import NotFound
from caseflow.i18n import DEFAULT_LANGUAGE, LANGUAGES
from caseflow.services.reception.tracking import track
from caseflow.web.ratelimit import check_rate

UNKNOWN = "No case has this tracking code and PIN."

blp = ApiBlueprint(
    "api_public", __name__, url_prefix=f"{API_PREFIX}/public", description="For citizens, without login"
)


@blp.route("/track/<string:tracking_code>")
@blp.doc(security=[])
@blp.arguments(TrackArgs, location="query")
@blp.response(200, TrackingSchema)
@blp.problems(404, 429)
def track_case(args, tracking_code: str):
    """Stage, responsible unit, legal due date and next step, in plain Vietnamese (lang=en for English).

    No name, address or ID number is ever shown; a wrong PIN answers exactly like an unknown code.
    """
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
