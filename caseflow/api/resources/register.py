"""The citizen's rating and the public register, without login.

POST /public/track/{tracking_code}/rating and GET /public/decisions.
"""

from flask import g, request
from marshmallow import Schema, fields, validate

from caseflow.api.core import API_PREFIX, ApiBlueprint
from caseflow.api.schemas import OPAQUE_CURSOR, RatingFieldsSchema
from caseflow.api.writes import json_response
from caseflow.services.engagement import ratings, register
from caseflow.timeutil import local_date, now_utc
from caseflow.transaction import commit
from caseflow.validation import BoundedDate
from caseflow.web.ratelimit import check_rate

blp = ApiBlueprint(
    "api_register",
    __name__,
    url_prefix=f"{API_PREFIX}/public",
    description="Citizens' ratings and the public register of decisions, without login",
)


class RatingArgs(Schema):
    """The PIN of the receipt, a score from 1 to 5 and an optional comment."""

    pin = fields.Str(required=True, validate=validate.Length(min=1, max=32), load_only=True)
    score = fields.Int(required=True, validate=validate.Range(min=1, max=5), strict=True)
    comment = fields.Str(load_default="", validate=validate.Length(max=ratings.MAX_COMMENT))


class RatingSchema(RatingFieldsSchema):
    """The rating recorded."""

    tracking_code = fields.Str(required=True)


class DecisionArgs(Schema):
    """Search and paging of the register."""

    q = fields.Str(validate=validate.Length(max=200), metadata={"description": "words, diacritics optional"})
    unit = fields.Str(validate=validate.Length(max=32), metadata={"description": "a unit code (and below)"})
    kind = fields.Str(validate=validate.OneOf(list(register.PUBLISHED_KINDS)))
    year = fields.Int(validate=validate.Range(min=1990, max=2100))
    limit = fields.Int(load_default=20, validate=validate.Range(min=1, max=register.MAX_LIMIT))
    cursor = fields.Str(validate=validate.Regexp(OPAQUE_CURSOR))


class DecisionSchema(Schema):
    """A published decision or conclusion: no party, personal data removed from the summary."""

    id = fields.Int(required=True)
    number = fields.Str(required=True)
    signed_on = BoundedDate(required=True)
    published_on = BoundedDate(required=True)
    unit = fields.Dict(required=True, metadata={"description": "{code, name}"})
    kind = fields.Str(required=True, validate=validate.OneOf(list(register.PUBLISHED_KINDS)))
    case_kind = fields.Str(required=True)
    level = fields.Int(allow_none=True, required=True)
    field = fields.Str(allow_none=True, required=True)
    outcome = fields.Str(allow_none=True, required=True)
    summary = fields.Str(required=True)


class DecisionPageSchema(Schema):
    """One page of the register, newest first; pass `next_cursor` as `cursor` for the next."""

    items = fields.List(fields.Nested(DecisionSchema), required=True)
    next_cursor = fields.Str(allow_none=True, required=True)


@blp.route("/track/<string:tracking_code>/rating", methods=["POST"])
@blp.doc(security=[])
@blp.arguments(RatingArgs)
@blp.response(201, RatingSchema)
@blp.problems(404, 409, 422, 429)
def rate(args, tracking_code: str):
    """Rate the handling of a finished case (once); a wrong PIN answers exactly like an unknown code.

    422 while the case is still being handled (or was withdrawn), 409 when it was rated already.
    """
    check_rate("track", request.remote_addr or "")
    rating = ratings.rate_online(
        tracking_code, args["pin"], score=args["score"], comment=args["comment"], now=now_utc(),
        request_id=g.get("request_id", ""),
    )  # fmt: skip
    body = {
        "tracking_code": tracking_code.strip().upper(),
        "score": rating.score,
        "comment": rating.comment,
        "source": rating.source,
        "created_at": rating.created_dt,
    }
    commit()
    return json_response(201, RatingSchema().dump(body))


@blp.route("/decisions")
@blp.doc(security=[])
@blp.arguments(DecisionArgs, location="query")
@blp.response(200, DecisionPageSchema)
@blp.problems(422)
def decisions(args):
    """The public register: complaint decisions and denunciation conclusions published as the law requires."""
    page = register.published_decisions(
        today=local_date(now_utc()), q=args.get("q", ""), unit_code=args.get("unit"), kind=args.get("kind"),
        year=args.get("year"), limit=args["limit"], cursor=args.get("cursor"),
    )  # fmt: skip
    items = [_entry(entry) for entry in page.items]
    return json_response(200, DecisionPageSchema().dump({"items": items, "next_cursor": page.next_cursor}))


def _entry(entry: register.RegisterEntry) -> dict:
    """An entry as the API sends it."""
    body = {name: getattr(entry, name) for name in DecisionSchema().fields if hasattr(entry, name)}
    return {**body, "unit": {"code": entry.unit_code, "name": entry.unit_name}}
