"""Input schemas of the intake and reception services (shape only; the services enforce the rules)."""

from marshmallow import Schema, fields, validate, validates_schema
from marshmallow import ValidationError as SchemaError

from caseflow.models import CaseKind, Channel, SessionKind
from caseflow.validation import BoundedDate

_name = validate.Length(min=1, max=200)


def max_representatives(signatories: int) -> int:
    """Group letters: 5–10 signatories elect 1–2 representatives, more elect up to 5."""
    if signatories < 5:
        return 1
    return 2 if signatories <= 10 else 5


class PartyArgs(Schema):
    """A person or body named in a letter."""

    full_name = fields.Str(required=True, validate=_name)
    address = fields.Str(load_default="", validate=validate.Length(max=300))
    id_number = fields.Str(
        load_default=None, allow_none=True, validate=validate.Regexp(r"^[0-9A-Za-z]{6,20}$")
    )
    phone = fields.Str(load_default=None, allow_none=True, validate=validate.Regexp(r"^[0-9+ .()-]{6,20}$"))
    email = fields.Email(load_default=None, allow_none=True)
    is_organisation = fields.Bool(load_default=False)
    position = fields.Str(load_default=None, allow_none=True, validate=validate.Length(max=200))


class IntakeArgs(Schema):
    """A new letter: how it came, what it says, who sent it and about whom."""

    channel = fields.Str(required=True, validate=validate.OneOf([c.value for c in Channel]))
    subject = fields.Str(required=True, validate=validate.Length(min=3, max=300))
    content = fields.Str(required=True, validate=validate.Length(min=3, max=20000))
    received_on = BoundedDate(load_default=None, allow_none=True)
    unit = fields.Int(load_default=None, allow_none=True, validate=validate.Range(min=1, max=2**31 - 1))
    is_anonymous = fields.Bool(load_default=False)
    is_remote_area = fields.Bool(load_default=False)
    legal_aid = fields.Bool(load_default=False)
    signatories = fields.Int(load_default=1, validate=validate.Range(min=1, max=100000))
    forwarded_by = fields.Str(load_default=None, allow_none=True, validate=validate.Length(max=200))
    reception_session_id = fields.Int(
        load_default=None, allow_none=True, validate=validate.Range(min=1, max=2**31 - 1)
    )
    petitioner = fields.Nested(PartyArgs, load_default=None, allow_none=True)
    co_petitioners = fields.List(
        fields.Nested(PartyArgs), load_default=list, validate=validate.Length(max=200)
    )
    representatives = fields.List(
        fields.Nested(PartyArgs), load_default=list, validate=validate.Length(max=5)
    )
    respondents = fields.List(fields.Nested(PartyArgs), load_default=list, validate=validate.Length(max=50))

    @validates_schema
    def _consistent(self, data, **_):
        if data["is_anonymous"] and data.get("petitioner"):
            raise SchemaError("An anonymous letter has no petitioner.", "petitioner")
        if not data["is_anonymous"] and not data.get("petitioner"):
            raise SchemaError("Give the petitioner, or mark the letter anonymous.", "petitioner")
        if data["channel"] == Channel.FORWARDED and not data.get("forwarded_by"):
            raise SchemaError("Say which body forwarded the letter.", "forwarded_by")
        if len(data["representatives"]) > max_representatives(data["signatories"]):
            raise SchemaError(
                f"A letter with {data['signatories']} signatories may have at most "
                f"{max_representatives(data['signatories'])} representative(s).",
                "representatives",
            )


class ReceptionSessionArgs(Schema):
    """One entry of the reception book."""

    received_on = BoundedDate(load_default=None, allow_none=True)
    kind = fields.Str(
        load_default=SessionKind.REGULAR.value, validate=validate.OneOf([k.value for k in SessionKind])
    )
    host_name = fields.Str(load_default="", validate=validate.Length(max=200))
    citizen_name = fields.Str(required=True, validate=_name)
    citizen_address = fields.Str(load_default="", validate=validate.Length(max=300))
    citizen_id_number = fields.Str(
        load_default=None, allow_none=True, validate=validate.Regexp(r"^[0-9A-Za-z]{6,20}$")
    )
    people_count = fields.Int(load_default=1, validate=validate.Range(min=1, max=10000))
    representatives = fields.List(
        fields.Str(validate=_name), load_default=list, validate=validate.Length(max=5)
    )
    content = fields.Str(required=True, validate=validate.Length(min=3, max=20000))
    matter_kind = fields.Str(
        load_default=None, allow_none=True, validate=validate.OneOf([k.value for k in CaseKind])
    )
    is_repeat = fields.Bool(load_default=False)
    prior_resolution = fields.Str(load_default="", validate=validate.Length(max=300))
    handling = fields.Str(
        load_default="accepted", validate=validate.OneOf(["accepted", "guided", "forwarded"])
    )
    handling_note = fields.Str(load_default="", validate=validate.Length(max=300))
    note = fields.Str(load_default="", validate=validate.Length(max=300))

    @validates_schema
    def _group(self, data, **_):
        if data["people_count"] >= 5 and not data["representatives"]:
            raise SchemaError(
                "A group of five or more chooses representatives; name at least one.", "representatives"
            )
