"""Safe writes: JSON bodies, If-Match versions, Idempotency-Key replays, one commit per request."""

import json
import re
from collections.abc import Callable

from flask import Response, current_app, g, request
from werkzeug.exceptions import BadRequest, UnsupportedMediaType

from caseflow.errors import CaseflowError, InvalidInput
from caseflow.models import User
from caseflow.timeutil import now_utc
from caseflow.transaction import commit
from caseflow.web.idempotency import Replay, claim, complete, fingerprint

VERSION_TAG = re.compile(r'^\s*(?:W/)?"?([0-9]{1,9})"?\s*$')
IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,200}$")
# What a write hands back: status, JSON-ready body, extra headers.
Outcome = tuple[int, dict, dict]


class PreconditionRequired(CaseflowError):
    """A write that needs the version the caller saw came without If-Match."""

    status_code, code, title = 428, "precondition_required", "If-Match required"


class BadPrecondition(CaseflowError):
    """If-Match is not a case version."""

    status_code, code, title = 400, "bad_precondition", "Malformed If-Match"


def etag(version: int) -> str:
    """The strong ETag of a case version."""
    return f'"{version}"'


def expected_version() -> int:
    """The version named by If-Match; 428 when missing, 400 when not a version."""
    raw = request.headers.get("If-Match")
    if raw is None:
        raise PreconditionRequired('Send If-Match with the case version you saw, e.g. If-Match: "3".')
    match = VERSION_TAG.match(raw)
    if match is None:
        raise BadPrecondition('If-Match must be the case version from the ETag, e.g. "3".')
    return int(match.group(1))


def json_body() -> dict:
    """The request's JSON object (an empty body is {}); 415 for other types, 400 for broken JSON."""
    if not request.get_data(cache=True):
        return {}
    if not request.is_json:
        raise UnsupportedMediaType("Send the body as application/json.")
    try:
        body = json.loads(request.get_data(cache=True))
    except ValueError as error:
        raise BadRequest("The body is not valid JSON.") from error
    if not isinstance(body, dict):
        raise InvalidInput("The body must be a JSON object.", errors={"_schema": ["Send a JSON object."]})
    return body


def json_response(status: int, body: dict | list, headers: dict | None = None) -> Response:
    """A JSON response from a ready body."""
    text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False, default=str)
    return current_app.response_class(text, status=status, headers=headers or {}, mimetype="application/json")


def write_once(user: User, work: Callable[[], Outcome], payload) -> Response:
    """Run `work` and commit; with an Idempotency-Key, at most once per key, replaying the first answer."""
    key = request.headers.get("Idempotency-Key")
    if key is None:
        status, body, headers = work()
        text = json.dumps(body, ensure_ascii=False, default=str)
        commit()
        return json_response(status, text, headers)
    if not IDEMPOTENCY_KEY.match(key):
        raise BadRequest("Idempotency-Key must be 1 to 200 visible ASCII characters.")
    digest = fingerprint(
        request.method, request.path, {"body": payload, "if_match": request.headers.get("If-Match")}
    )
    claimed = claim(
        f"user:{user.id}",
        f"api:{key}",
        method=request.method,
        path=request.path,
        digest=digest,
        now=now_utc(),
    )
    if isinstance(claimed, Replay):
        return json_response(
            claimed.status_code, claimed.body, {**claimed.headers, "Idempotent-Replayed": "true"}
        )
    status, body, headers = work()
    text = json.dumps(body, ensure_ascii=False, default=str)
    complete(claimed, status_code=status, body=text, headers=headers)
    commit()
    return json_response(status, text, headers)


def request_id() -> str:
    """This request's id (set for every request by the app)."""
    return g.get("request_id", "")
