"""The Api object, API blueprints and problem documents for every error they raise."""

import http

import flask_smorest
from flask import current_app, request
from flask_smorest.utils import prepare_response
from marshmallow import Schema, fields
from werkzeug.exceptions import BadRequest, HTTPException, RequestEntityTooLarge

from caseflow.errors import InvalidInput, problem_response
from caseflow.extensions import csrf
from caseflow.models import RESOLUTION_RESULTS
from caseflow.transaction import rollback

API_PREFIX = "/api/v1"
CASE_ID = "/<int(max=2147483647):case_id>"  # ids beyond the database's integers are simply unknown
PROBLEM_TYPE = "application/problem+json"
DEFAULT_MAX_BODY = 256 * 1024
INVALID_INPUT = "Some fields are missing or invalid."
MAX_INT = 2**31 - 1
MAX_SAFE_INT = 2**53 - 1  # the largest integer every JSON reader keeps exact
# Amounts (VND, m²) that outgrow 32 bits: bounded by their own schema, checked here only against MAX_SAFE_INT.
WIDE_NUMBERS = frozenset(RESOLUTION_RESULTS)


class ProblemSchema(Schema):
    """An RFC 7807 problem document; `errors` maps each invalid field to its messages."""

    type = fields.Str(required=True)
    title = fields.Str(required=True)
    status = fields.Int(required=True)
    detail = fields.Str(required=True)
    code = fields.Str()
    errors = fields.Dict(keys=fields.Str(), values=fields.Raw())


class CaseflowApi(flask_smorest.Api):
    """flask-smorest's Api whose documented errors are problem documents and whose handlers are ours."""

    ERROR_SCHEMA = ProblemSchema

    def _init_spec(self, *args, **kwargs):
        """flask-smorest's spec, with the NUL rule on every free-text property."""
        super()._init_spec(*args, **kwargs)
        self.ma_plugin.converter.add_attribute_function(enforced_bounds)

    def _register_error_handlers(self):
        """Errors are rendered by the API blueprints and the app's own handlers, never app-wide here."""

    def _register_responses(self):
        """Every documented error is application/problem+json."""
        for status in http.HTTPStatus:
            response = {"description": status.phrase}
            if status >= 400:
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, PROBLEM_TYPE)
            self.spec.components.response(status.name, response, lazy=True)
        default = {"description": "An error, as an RFC 7807 problem document", "schema": self.ERROR_SCHEMA}
        prepare_response(default, self.spec, PROBLEM_TYPE)
        self.spec.components.response(self.DEFAULT_ERROR_RESPONSE_NAME, default, lazy=True)


class ApiBlueprint(flask_smorest.Blueprint):
    """A blueprint of the API: CSRF-exempt (bearer tokens), size-limited bodies, problem documents."""

    def __init__(self, name: str, import_name: str, **kwargs):
        super().__init__(name, import_name, **kwargs)
        self.before_request(limit_body)
        self.before_request(refuse_nul)
        self.before_request(refuse_huge_numbers)
        self.register_error_handler(HTTPException, http_problem)
        csrf.exempt(self)

    def problems(self, *codes: int):
        """Document the error answers a view may give."""

        def decorator(view):
            for code in codes:
                view = self.alt_response(
                    code,
                    schema=ProblemSchema,
                    content_type=PROBLEM_TYPE,
                    description=http.HTTPStatus(code).phrase,
                )(view)
            return view

        return decorator


IDEMPOTENCY_KEY = {
    "in": "header",
    "name": "Idempotency-Key",
    "description": "Makes the POST safe to repeat: a replay returns the first answer.",
    "schema": {"type": "string", "pattern": r"^[\x21-\x7e]{1,200}$"},
}
NO_NUL = "^[^\\u0000]*$"  # the server refuses NUL in any text (400): the document says so


def enforced_bounds(converter, field, ret: dict, **_kwargs) -> dict:
    """What the server enforces on every value: no NUL in free text, integers within 32 bits."""
    types = ret.get("type") if isinstance(ret.get("type"), list) else [ret.get("type")]
    if "string" in types and not {"pattern", "enum", "format"} & ret.keys():
        return {"pattern": NO_NUL}
    if "integer" in types:
        return {"minimum": ret.get("minimum", -MAX_INT), "maximum": ret.get("maximum", MAX_INT)}
    return {}


def limit_body() -> None:
    """Refuse bodies over the API limit before reading them."""
    limit = current_app.config.get("CASEFLOW_API_MAX_BODY", DEFAULT_MAX_BODY)
    request.max_content_length = limit
    if request.content_length is not None and request.content_length > limit:
        raise RequestEntityTooLarge(f"The body is larger than {limit} bytes.")


def refuse_nul() -> None:
    """NUL characters are never valid text (PostgreSQL cannot even store them): 400 before any work."""
    texts = [request.path, *request.args.values(), *request.form.values()]
    raw = request.get_data(cache=True) if request.content_length else b""
    if any("\x00" in text for text in texts) or b"\x00" in raw or b"\\u0000" in raw:
        raise BadRequest("Text must not contain NUL characters.")


def refuse_huge_numbers() -> None:
    """No number in our bodies exceeds a 32-bit integer (ids are int4 on PostgreSQL): 422 naming the field.

    Amounts named in WIDE_NUMBERS may reach MAX_SAFE_INT; their schemas set the real bounds."""
    body = request.get_json(silent=True) if request.is_json and request.content_length else None
    huge = sorted(set(_huge_numbers(body, "")))
    if huge:
        raise InvalidInput(INVALID_INPUT, errors={path: ["The number is out of range."] for path in huge})


def _huge_numbers(value, path: str):
    """Paths of the integers in a JSON value beyond ±(2³¹ − 1)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _huge_numbers(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _huge_numbers(item, f"{path}.{index}")
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > _limit(path):
        yield path or "_schema"


def _limit(path: str) -> int:
    """The largest magnitude an integer at `path` may have before its schema judges it."""
    return MAX_SAFE_INT if path.rpartition(".")[2] in WIDE_NUMBERS else MAX_INT


def http_problem(error: HTTPException):
    """A werkzeug or webargs error as a problem document, with per-field errors for invalid input."""
    rollback()
    data = getattr(error, "data", None) or {}
    messages = data.get("errors") or data.get("messages")
    if messages and error.code in (400, 422):
        body = {
            "type": "https://caseflow.example/problems/invalid_input",
            "title": "Invalid input",
            "status": error.code,
            "detail": data.get("message") or INVALID_INPUT,
            "code": "invalid_input",
            "errors": flatten_errors(messages),
        }
    else:
        body = {
            "type": "about:blank",
            "title": error.name,
            "status": error.code,
            "detail": data.get("message") or error.description or error.name,
        }
    response = problem_response(body)
    response.headers.update(data.get("headers") or {})
    allowed = dict(error.get_headers()).get("Allow")
    if allowed:
        response.headers["Allow"] = allowed
    return response


def flatten_errors(messages: dict) -> dict:
    """webargs nests errors by location ({"json": {...}}); clients want them by field."""
    flat: dict = {}
    for location, errors in messages.items():
        if isinstance(errors, dict):
            flat.update(errors)
        else:
            flat[location] = errors
    return flat
