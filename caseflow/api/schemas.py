"""What the API sends and the query strings it reads; request bodies reuse the services' own schemas.

Output goes through these schemas' dump, so a field that is not declared here never leaves the server.
"""

from marshmallow import Schema, fields, validate

from caseflow.lists import MAX_LIMIT, QUEUES
from caseflow.models import (
    CaseField,
    CaseKind,
    CaseStatus,
    Channel,
    ClockState,
    Complexity,
    Role,
    SessionKind,
)
from caseflow.services.cases.queues import DEFAULT_SORT, SORTS
from caseflow.validation import BoundedDate


def _values(enum) -> list[str]:
    """The string values of an enum."""
    return [member.value for member in enum]


def _nullable_str(**kwargs) -> fields.Str:
    """A string that may be null."""
    return fields.Str(allow_none=True, **kwargs)


class RatingFieldsSchema(Schema):
    """What a recorded satisfaction rating answers with, wherever it was given."""

    score = fields.Int(required=True)
    comment = fields.Str(required=True)
    source = fields.Str(required=True)
    created_at = fields.DateTime(required=True)


class UnitRefSchema(Schema):
    """A unit."""

    id = fields.Int(required=True)
    code = fields.Str(required=True)
    name = fields.Str(required=True)


class UserRefSchema(Schema):
    """A user as others see them (users are referred to by id everywhere)."""

    id = fields.Int(required=True)
    username = fields.Str(required=True)
    full_name = fields.Str(required=True)


class UserSchema(UserRefSchema):
    """A user with roles and unit."""

    roles = fields.List(fields.Str(validate=validate.OneOf(_values(Role))), required=True)
    unit = fields.Nested(UnitRefSchema, required=True)


class UserListSchema(Schema):
    """Users in the caller's scope."""

    items = fields.List(fields.Nested(UserSchema), required=True)


class PartySchema(Schema):
    """A person or body; a denouncer's identifying fields read "(protected)" to most callers."""

    id = fields.Int(required=True)
    role = fields.Str(required=True)
    full_name = _nullable_str(required=True)
    address = _nullable_str(required=True)
    id_number = _nullable_str(required=True)
    phone = _nullable_str(required=True)
    email = _nullable_str(required=True)
    is_organisation = fields.Bool(required=True)
    position = _nullable_str(required=True)
    is_protected = fields.Bool(required=True)


class DeadlineSchema(Schema):
    """A legal clock with the explanation of its due date (English `text`, Vietnamese `text_vi`)."""

    id = fields.Int(required=True)
    rule = fields.Str(required=True)
    rule_version = fields.Str(required=True)
    due_on = BoundedDate(required=True)
    state = fields.Str(required=True, validate=validate.OneOf(_values(ClockState)))
    is_obligation = fields.Bool(required=True)
    is_late = fields.Bool(allow_none=True, required=True)
    explanation = fields.Dict(required=True)


_SUMMARY_FIELDS = {
    "id": fields.Int(required=True),
    "tracking_code": fields.Str(required=True),
    "kind": _nullable_str(required=True, validate=validate.OneOf(_values(CaseKind))),
    "level": fields.Int(allow_none=True, required=True),
    "field": _nullable_str(required=True, validate=validate.OneOf(_values(CaseField))),
    "channel": fields.Str(required=True, validate=validate.OneOf(_values(Channel))),
    "status": fields.Str(required=True, validate=validate.OneOf(_values(CaseStatus))),
    "version": fields.Int(required=True),
    "unit": fields.Nested(UnitRefSchema, required=True),
    "assignee": fields.Nested(UserRefSchema, allow_none=True, required=True),
    "received_on": BoundedDate(required=True),
    "subject": fields.Str(required=True),
    "complexity": fields.Str(required=True, validate=validate.OneOf(_values(Complexity))),
    "is_suspended": fields.Bool(required=True),
    "is_overdue": fields.Bool(required=True),
    "due_on": BoundedDate(allow_none=True, required=True),
    "updated_at": fields.DateTime(required=True),
}
CaseSummarySchema = Schema.from_dict(_SUMMARY_FIELDS, name="CaseSummarySchema")
CaseSummarySchema.__doc__ = "A case in a list (the long texts and parties are on GET /cases/{id})."


class CaseSchema(CaseSummarySchema):
    """The case with its parties, flags, clocks and the actions the caller may take now."""

    content = fields.Str(required=True)
    petitioner = fields.Nested(PartySchema, allow_none=True, required=True)
    co_petitioners = fields.List(fields.Nested(PartySchema), required=True)
    representatives = fields.List(fields.Nested(PartySchema), required=True)
    respondents = fields.List(fields.Nested(PartySchema), required=True)
    is_anonymous = fields.Bool(required=True)
    is_remote_area = fields.Bool(required=True)
    legal_aid = fields.Bool(required=True)
    legal_aid_on = BoundedDate(allow_none=True, required=True)
    legal_aid_to = _nullable_str(required=True)
    signatories = fields.Int(required=True)
    forwarded_by = _nullable_str(required=True)
    parent_case_id = fields.Int(allow_none=True, required=True)
    reception_session_id = fields.Int(allow_none=True, required=True)
    received_at = fields.DateTime(required=True)
    closed_at = fields.DateTime(allow_none=True, required=True)
    deadlines = fields.List(fields.Nested(DeadlineSchema), required=True)
    allowed_actions = fields.List(fields.Str(), required=True)


class DuplicateSchema(Schema):
    """A visible case that looks like the same letter."""

    id = fields.Int(required=True)
    tracking_code = fields.Str(required=True)
    status = fields.Str(required=True)
    subject = fields.Str(required=True)
    score = fields.Float(required=True)
    reasons = fields.List(fields.Str(), required=True)


class CaseCreatedSchema(CaseSchema):
    """The new case, its PIN (shown only in this answer) and likely duplicates."""

    pin = fields.Str(required=True)
    duplicates = fields.List(fields.Nested(DuplicateSchema), required=True)


class CasePageSchema(Schema):
    """One page of a queue; pass `next_cursor` as `cursor` for the next (null on the last page)."""

    items = fields.List(fields.Nested(CaseSummarySchema), required=True)
    next_cursor = _nullable_str(required=True)


OPAQUE_CURSOR = r"^[A-Za-z0-9_-]{1,100}$"  # base64url, as next_cursor gives it


class CaseListArgs(Schema):
    """Queue, filters, search and paging."""

    queue = fields.Str(
        validate=validate.OneOf(list(QUEUES)),
        metadata={"description": "a work queue; omit it for every case you may see"},
    )
    status = fields.Str(validate=validate.OneOf(_values(CaseStatus)))
    kind = fields.Str(validate=validate.OneOf(_values(CaseKind)))
    field = fields.Str(validate=validate.OneOf(_values(CaseField)))
    channel = fields.Str(validate=validate.OneOf(_values(Channel)))
    received_from = BoundedDate()
    received_to = BoundedDate()
    q = fields.Str(
        validate=validate.Length(max=200), metadata={"description": "tracking code, ID number or text"}
    )
    sort = fields.Str(
        load_default=DEFAULT_SORT,
        validate=validate.OneOf(SORTS),
        metadata={"description": "due date, received date or tracking code; a leading '-' reverses it"},
    )
    limit = fields.Int(load_default=50, validate=validate.Range(min=1, max=MAX_LIMIT))
    cursor = fields.Str(validate=validate.Regexp(OPAQUE_CURSOR))


class PageArgs(Schema):
    """Paging."""

    limit = fields.Int(load_default=100, validate=validate.Range(min=1, max=MAX_LIMIT))
    cursor = fields.Str(validate=validate.Regexp(r"^[0-9]{1,9}$"))


class EventSchema(Schema):
    """One audit event (append-only, hash-chained per case)."""

    seq = fields.Int(required=True)
    at = fields.DateTime(required=True)
    actor = fields.Str(required=True)
    action = fields.Str(required=True)
    from_status = _nullable_str(required=True)
    to_status = _nullable_str(required=True)
    changes = fields.Dict(required=True)
    params = fields.Dict(required=True)
    reason = fields.Str(required=True)
    request_id = fields.Str(required=True)
    prev_hash = fields.Str(required=True)
    hash = fields.Str(required=True)


class EventPageSchema(Schema):
    """A page of the audit trail, oldest first."""

    items = fields.List(fields.Nested(EventSchema), required=True)
    next_cursor = _nullable_str(required=True)


class UsersArgs(Schema):
    """Filter users by role."""

    role = fields.Str(validate=validate.OneOf(_values(Role)))


class TokenArgs(Schema):
    """Credentials for a new token."""

    username = fields.Str(required=True, validate=validate.Length(min=1, max=64))
    password = fields.Str(required=True, validate=validate.Length(min=1, max=256), load_only=True)
    label = fields.Str(load_default="", validate=validate.Length(max=100))


class TokenSchema(Schema):
    """A bearer token, shown once."""

    token = fields.Str(required=True)
    expires_at = fields.DateTime(required=True)


class ReceptionSessionSchema(Schema):
    """One entry of the reception book; a denouncer's name, address and ID read "(protected)"."""

    id = fields.Int(required=True)
    unit = fields.Nested(UnitRefSchema, required=True)
    received_on = BoundedDate(required=True)
    kind = fields.Str(required=True, validate=validate.OneOf(_values(SessionKind)))
    host_id = fields.Int(allow_none=True, required=True)
    host_name = fields.Str(required=True)
    citizen_name = fields.Str(required=True)
    citizen_address = fields.Str(required=True)
    citizen_id_number = _nullable_str(required=True)
    people_count = fields.Int(required=True)
    is_group = fields.Bool(required=True)
    representatives = fields.List(fields.Str(), required=True)
    content = fields.Str(required=True)
    matter_kind = _nullable_str(required=True)
    is_repeat = fields.Bool(required=True)
    prior_resolution = fields.Str(required=True)
    handling = fields.Str(required=True)
    handling_note = fields.Str(required=True)
    result_tracking = fields.Str(required=True)
    note = fields.Str(required=True)
    is_protected = fields.Bool(required=True)
    created_at = fields.DateTime(required=True)


class ReceptionPageSchema(Schema):
    """A page of the reception book, newest first."""

    items = fields.List(fields.Nested(ReceptionSessionSchema), required=True)
    next_cursor = _nullable_str(required=True)


class ReceptionListArgs(PageArgs):
    """Date range and paging."""

    received_from = BoundedDate()
    received_to = BoundedDate()


class TrackArgs(Schema):
    """The PIN from the receipt, and the language of the answer."""

    pin = fields.Str(required=True, validate=validate.Length(min=1, max=32))
    lang = fields.Str(validate=validate.OneOf(["vi", "en"]), metadata={"description": "vi (default) or en"})


class TrackBody(Schema):
    """The PIN from the receipt in the body, never in the URL (POST /public/track/{tracking_code})."""

    pin = fields.Str(required=True, validate=validate.Length(min=1, max=32))
    lang = fields.Str(validate=validate.OneOf(["vi", "en"]), metadata={"description": "vi (default) or en"})


class TrackDueSchema(Schema):
    """The legal due date the citizen waits on."""

    due_on = BoundedDate(required=True)
    rule = fields.Str(required=True)
    explanation = fields.Str(required=True)
    is_overdue = fields.Bool(required=True)


class TrackingSchema(Schema):
    """A case as the citizen sees it: no name, address, ID number or content."""

    tracking_code = fields.Str(required=True)
    language = fields.Str(required=True)
    status = fields.Str(required=True, validate=validate.OneOf(_values(CaseStatus)))
    kind = _nullable_str(required=True)
    kind_title = fields.Str(required=True)
    stage = fields.Str(required=True)
    next_step = fields.Str(required=True)
    unit = fields.Str(required=True)
    received_on = BoundedDate(required=True)
    updated_on = BoundedDate(required=True)
    is_open = fields.Bool(required=True)
    is_suspended = fields.Bool(required=True)
    due = fields.Nested(TrackDueSchema, allow_none=True, required=True)
    decision = fields.Nested(
        "TrackDecisionSchema", allow_none=True, required=True,
        metadata={"description": "the decision, conclusion or answer of a decided or closed case"},
    )
    appeal = fields.Nested(
        "TrackAppealSchema", allow_none=True, required=True,
        metadata={"description": "a decided first-level complaint: the time limit for a second complaint"},
    )


class TrackDecisionSchema(Schema):
    """What was decided: its kind in words, number and date of signature."""

    kind = fields.Str(required=True)
    number = fields.Str(required=True)
    signed_on = BoundedDate(required=True)


class TrackAppealSchema(Schema):
    """The second-complaint window: its last day, or null until the complainant's receipt is recorded."""

    started = fields.Bool(required=True)
    ends_on = BoundedDate(allow_none=True, required=True)


class BulkCaseArgs(Schema):
    """One case to assign, at the version the caller saw."""

    id = fields.Int(required=True, validate=validate.Range(min=1, max=2**31 - 1))
    version = fields.Int(required=True, validate=validate.Range(min=0, max=2**31 - 1))


class BulkAssignArgs(Schema):
    """Assign many cases to one handler (leader)."""

    assignee = fields.Int(required=True, validate=validate.Range(min=1, max=2**31 - 1))
    note = fields.Str(load_default="", validate=validate.Length(max=5000))
    cases = fields.List(fields.Nested(BulkCaseArgs), required=True, validate=validate.Length(min=1, max=200))


class BulkOutcomeSchema(Schema):
    """One case's outcome: assigned (with its new version) or the refusal's problem code and detail."""

    case_id = fields.Int(required=True)
    outcome = fields.Str(
        required=True,
        metadata={"description": "assigned, or a problem code: stale_case, not_found, guard_failed, …"},
    )
    version = fields.Int(metadata={"description": "the case's new version (assigned only)"})
    tracking_code = fields.Str(metadata={"description": "assigned only"})
    status = fields.Int(metadata={"description": "the HTTP status the refusal would have alone"})
    detail = fields.Str(metadata={"description": "why the case was not assigned"})


class BulkAssignSchema(Schema):
    """Each case's outcome, in the order given; those assigned are saved even when others are refused."""

    assigned = fields.Int(required=True)
    refused = fields.Int(required=True)
    results = fields.List(fields.Nested(BulkOutcomeSchema), required=True)


class SavedFilterArguments(Schema):
    """The list arguments a saved filter keeps (as GET /cases takes them)."""

    queue = fields.Str(validate=validate.OneOf([*QUEUES, "all"]))
    q = fields.Str(validate=validate.Length(max=200))
    kind = fields.Str(validate=validate.OneOf(_values(CaseKind)))
    field = fields.Str(validate=validate.OneOf(_values(CaseField)))
    status = fields.Str(validate=validate.OneOf(_values(CaseStatus)))
    channel = fields.Str(validate=validate.OneOf(_values(Channel)))
    received_from = BoundedDate()
    received_to = BoundedDate()
    sort = fields.Str(validate=validate.OneOf(SORTS))


class SavedFilterArgs(Schema):
    """A named filter to save; a name the caller already has is replaced."""

    name = fields.Str(required=True, validate=validate.Length(min=1, max=100))
    arguments = fields.Nested(SavedFilterArguments, required=True)


class SavedFilterSchema(Schema):
    """One saved filter of the caller."""

    id = fields.Int(required=True)
    name = fields.Str(required=True)
    arguments = fields.Dict(keys=fields.Str(), values=fields.Str(), required=True)
    created_at = fields.DateTime(required=True)


class SavedFilterListSchema(Schema):
    """The caller's saved filters by name."""

    items = fields.List(fields.Nested(SavedFilterSchema), required=True)


class NewPinSchema(Schema):
    """A case's new PIN, shown once."""

    tracking_code = fields.Str(required=True)
    pin = fields.Str(required=True, validate=validate.Regexp(r"^[0-9]{8}$"))
