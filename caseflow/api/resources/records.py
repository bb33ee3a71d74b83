"""Records on a case besides its actions: legal aid given, a rating given at the desk, a revealed identity.

POST /cases/{id}/legal-aid, POST /cases/{id}/rating, POST /cases/{id}/identity; each through the same service
as the case page, with the same roles, and an audit event on the case.
"""

from marshmallow import Schema, fields, validate

from caseflow.api import bodies
from caseflow.api.auth import api_user, require_user
from caseflow.api.core import API_PREFIX, CASE_ID, IDEMPOTENCY_KEY, ApiBlueprint
from caseflow.api.resources.cases import visible_case
from caseflow.api.schemas import CaseSchema, RatingFieldsSchema
from caseflow.api.writes import json_body, request_id, write_once
from caseflow.models import User
from caseflow.services.cases.identity import reveal_identity
from caseflow.services.engagement import legal_aid, ratings
from caseflow.timeutil import now_utc
from caseflow.validation import BoundedDate

IDEMPOTENCY = [IDEMPOTENCY_KEY]

blp = ApiBlueprint(
    "api_records", __name__, url_prefix=f"{API_PREFIX}/cases", description="Legal aid, desk ratings, identity"
)
blp.before_request(require_user)


class LegalAidArgs(Schema):
    """To whom and on which day legal aid was given, and a note; a second record corrects the first."""

    given_to = fields.Str(required=True, validate=validate.Length(min=1, max=legal_aid.MAX_GIVEN_TO))
    given_on = BoundedDate(required=True)
    note = fields.Str(load_default="", validate=validate.Length(max=legal_aid.MAX_NOTE))


class DeskRatingArgs(Schema):
    """The score (1 to 5) the citizen gave in person, and a comment."""

    score = fields.Int(required=True, validate=validate.Range(min=1, max=5), strict=True)
    comment = fields.Str(load_default="", validate=validate.Length(max=ratings.MAX_COMMENT))


class DeskRatingSchema(RatingFieldsSchema):
    """The rating recorded."""

    case_id = fields.Int(required=True)


class RevealedPartySchema(Schema):
    """A protected party's identifying fields."""

    id = fields.Int(required=True)
    role = fields.Str(required=True)
    full_name = fields.Str(allow_none=True, required=True)
    address = fields.Str(allow_none=True, required=True)
    id_number = fields.Str(allow_none=True, required=True)
    phone = fields.Str(allow_none=True, required=True)
    email = fields.Str(allow_none=True, required=True)


class IdentitySchema(Schema):
    """The protected parties of the case, for a permitted viewer (the read is an audit event)."""

    case_id = fields.Int(required=True)
    parties = fields.List(fields.Nested(RevealedPartySchema), required=True)


@blp.route(f"{CASE_ID}/legal-aid", methods=["POST"])
@blp.arguments(LegalAidArgs)
@blp.response(200, CaseSchema)
@blp.doc(parameters=IDEMPOTENCY)
@blp.problems(401, 403, 404, 413, 415)
def record_legal_aid(args, case_id: int):
    """Record legal aid given on any kind of case (leaders, reception, its handler); 200 with the case."""
    user, payload = api_user(), json_body()
    return write_once(user, lambda: _legal_aid(user, case_id, args), payload)


def _legal_aid(user: User, case_id: int, args: dict):
    """Record through the service."""
    case = legal_aid.record_legal_aid(
        case_id, user, now_utc(), args["given_to"], args["given_on"], args["note"], request_id=request_id()
    )
    return 200, bodies.case_body(case, user), {}


@blp.route(f"{CASE_ID}/rating", methods=["POST"])
@blp.arguments(DeskRatingArgs)
@blp.response(201, DeskRatingSchema)
@blp.doc(parameters=IDEMPOTENCY)
@blp.problems(401, 403, 404, 409, 413, 415)
def desk_rating(args, case_id: int):
    """Record the rating a citizen gave at the desk on a finished case (reception, leaders); once per case."""
    user, payload = api_user(), json_body()
    return write_once(user, lambda: _rating(user, case_id, args), payload)


def _rating(user: User, case_id: int, args: dict):
    """Record through the service."""
    rating = ratings.record_desk_rating(
        case_id, user, score=args["score"], comment=args["comment"], now=now_utc(), request_id=request_id()
    )
    body = {"case_id": case_id, "score": rating.score, "comment": rating.comment, "source": rating.source,
            "created_at": rating.created_dt}  # fmt: skip
    return 201, DeskRatingSchema().dump(body), {}


@blp.route(f"{CASE_ID}/identity", methods=["POST"])
@blp.response(200, IdentitySchema)
@blp.problems(401, 403, 404)
def identity(case_id: int):
    """Reveal a denouncer's identity to a permitted viewer; the read is recorded in the case's audit trail."""
    user = api_user()
    return write_once(user, lambda: _reveal(user, case_id), {})


def _reveal(user: User, case_id: int):
    """Reveal through the service; 200 with the protected parties."""
    parties = reveal_identity(visible_case(case_id), viewer=user, now=now_utc(), request_id=request_id())
    return 200, IdentitySchema().dump({"case_id": case_id, "parties": parties}), {}
