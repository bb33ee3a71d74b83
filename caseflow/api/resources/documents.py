"""Documents on a case: official documents issued (numbered) and files attached.

POST /cases/{id}/documents issues an official document as the case page does (the same number again unless
`again`); POST /cases/{id}/attachments adds files sent as base64 in JSON (within the API's body limit, so
small scans; larger files go through the case page). Both through the same services, roles and audit trail.
"""

import base64
import binascii

from marshmallow import Schema, ValidationError, fields, validate

from caseflow.api.auth import api_user, require_user
from caseflow.api.core import API_PREFIX, CASE_ID, IDEMPOTENCY_KEY, ApiBlueprint
from caseflow.api.resources.cases import visible_case
from caseflow.api.writes import json_body, request_id, write_once
from caseflow.errors import InvalidInput, PermissionDenied
from caseflow.i18n import N_
from caseflow.models import Attachment, IssuedDocument, User
from caseflow.services.cases.attachments import DOC_TYPES, UPLOAD_ROLES, Upload, add_attachment
from caseflow.services.documents import issuing
from caseflow.timeutil import now_utc
from caseflow.validation import BoundedDate

IDEMPOTENCY = [IDEMPOTENCY_KEY]
MAX_FILES = 10

blp = ApiBlueprint(
    "api_documents", __name__, url_prefix=f"{API_PREFIX}/cases", description="Documents issued and attached"
)
blp.before_request(require_user)


def _base64(text: str) -> None:
    """Refuse text that is not base64."""
    try:
        base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as error:
        raise ValidationError(N_("Not valid base64.")) from error


class DocumentIssueArgs(Schema):
    """The kind of document, to whom, and whether to issue it again with a new number."""

    kind = fields.Str(required=True, validate=validate.OneOf(list(issuing.KINDS)))
    addressee = fields.Str(load_default="citizen", validate=validate.OneOf(list(issuing.ADDRESSEES)))
    again = fields.Bool(load_default=False)


class IssuedSchema(Schema):
    """A numbered official document; print it on the case page."""

    id = fields.Int(required=True)
    case_id = fields.Int(required=True)
    kind = fields.Str(required=True)
    number = fields.Str(required=True)
    issued_on = BoundedDate(required=True)
    addressee = fields.Str(required=True)


class AttachedFileArgs(Schema):
    """One file: its name and its bytes in base64."""

    filename = fields.Str(required=True, validate=validate.Length(min=1, max=255))
    content_base64 = fields.Str(required=True, validate=[validate.Length(min=1), _base64])


class AttachmentArgs(Schema):
    """Files of one document type, confidential or not."""

    doc_type = fields.Str(required=True, validate=validate.OneOf(list(DOC_TYPES)))
    is_confidential = fields.Bool(load_default=False)
    files = fields.List(
        fields.Nested(AttachedFileArgs), required=True, validate=validate.Length(min=1, max=MAX_FILES)
    )


class AttachmentSchema(Schema):
    """A stored file (its bytes are read on the case page)."""

    id = fields.Int(required=True)
    doc_type = fields.Str(required=True)
    filename = fields.Str(required=True)
    content_type = fields.Str(required=True)
    size = fields.Int(required=True)
    sha256 = fields.Str(required=True)
    is_confidential = fields.Bool(required=True)


class AttachmentListSchema(Schema):
    """The files stored by this request."""

    items = fields.List(fields.Nested(AttachmentSchema), required=True)


@blp.route(f"{CASE_ID}/documents", methods=["POST"])
@blp.arguments(DocumentIssueArgs)
@blp.response(201, IssuedSchema)
@blp.doc(parameters=IDEMPOTENCY)
@blp.problems(401, 403, 404, 409, 413, 415)
def issue(args, case_id: int):
    """Number and date an official document the case's state calls for (409 otherwise)."""
    user, payload = api_user(), json_body()
    return write_once(user, lambda: _issue(user, case_id, args), payload)


def _issue(user: User, case_id: int, args: dict):
    """Issue through the service."""
    document: IssuedDocument = issuing.issue_document(
        case_id, args["kind"], addressee=args["addressee"], actor=user, now=now_utc(), again=args["again"],
        request_id=request_id(),
    )  # fmt: skip
    names = ("id", "case_id", "kind", "number", "issued_on", "addressee")
    return 201, IssuedSchema().dump({name: getattr(document, name) for name in names}), {}


@blp.route(f"{CASE_ID}/attachments", methods=["POST"])
@blp.arguments(AttachmentArgs)
@blp.response(201, AttachmentListSchema)
@blp.doc(parameters=IDEMPOTENCY)
@blp.problems(401, 403, 404, 413, 415)
def attach(args, case_id: int):
    """Attach files to a case (reception, officers, leaders, handlers); every file checked, all or none."""
    user, payload = api_user(), json_body()
    return write_once(user, lambda: _attach(user, case_id, args), payload)


def _attach(user: User, case_id: int, args: dict):
    """Store through the service, every file or none."""
    case = visible_case(case_id)
    if not user.has_role(*UPLOAD_ROLES):
        raise PermissionDenied(N_("Your role does not allow adding documents to a case."))
    stored: list[Attachment] = []
    for number, item in enumerate(args["files"]):
        upload = Upload(item["filename"], base64.b64decode(item["content_base64"]))
        try:
            stored.append(add_attachment(
                case, upload, args["doc_type"], actor=user, now=now_utc(),
                is_confidential=args["is_confidential"], request_id=request_id(),
            ))  # fmt: skip
        except InvalidInput as refusal:
            raise InvalidInput(refusal.detail, errors={f"files.{number}": _flat(refusal.errors)}) from refusal
    names = ("id", "doc_type", "filename", "content_type", "size", "sha256", "is_confidential")
    items = [{name: getattr(item, name) for name in names} for item in stored]
    return 201, AttachmentListSchema().dump({"items": items}), {}


def _flat(errors: dict) -> list[str]:
    """Every message of a refusal, in one list."""
    return [str(message) for messages in errors.values() for message in messages]
