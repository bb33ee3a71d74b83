"""The parameters each action takes, validated before any guard runs (unknown fields are refused)."""

from marshmallow import Schema, fields, validate, validates_schema
from marshmallow import ValidationError as SchemaError

from caseflow.deadlines.rules import COMPLEXITY_CRITERIA
from caseflow.models import (
    COMPLAINT_OUTCOMES,
    DENUNCIATION_OUTCOMES,
    RESOLUTION_RESULTS,
    CaseField,
    CaseKind,
    Complexity,
    FilingReason,
)
from caseflow.validation import BoundedDate

_text = {"validate": validate.Length(min=1, max=5000)}
_short = {"validate": validate.Length(min=1, max=300)}


def _one_of(values) -> validate.OneOf:
    """A choice among enum values or plain strings."""
    return validate.OneOf([getattr(v, "value", v) for v in values])


class ClassifyArgs(Schema):
    """classify: what the letter is, whether it can be processed here."""

    kind = fields.Str(required=True, validate=_one_of(CaseKind))
    field = fields.Str(required=True, validate=_one_of(CaseField))
    level = fields.Int(load_default=None, validate=validate.OneOf([1, 2]), allow_none=True)
    eligible = fields.Bool(required=True)
    within_competence = fields.Bool(required=True)
    signatories = fields.Int(load_default=None, validate=validate.Range(min=1, max=100000), allow_none=True)
    several_places = fields.Bool(load_default=False)
    learned_on = BoundedDate(load_default=None, allow_none=True)
    obstacle_days = fields.Int(load_default=0, validate=validate.Range(min=0, max=3650))
    reason = fields.Str(load_default="", validate=validate.Length(max=5000))

    @validates_schema
    def _level_only_for_complaints(self, data, **_):
        if data.get("level") and data["kind"] != CaseKind.COMPLAINT:
            raise SchemaError("Only complaints have a level.", "level")


class NoteArgs(Schema):
    """An optional note."""

    note = fields.Str(load_default="", validate=validate.Length(max=5000))


class ReasonArgs(Schema):
    """A required reason."""

    reason = fields.Str(required=True, **_text)


class GuideArgs(Schema):
    """guide: the guidance given and where to."""

    guidance = fields.Str(required=True, **_text)
    to_agency = fields.Str(load_default="", validate=validate.Length(max=200))


class ForwardArgs(Schema):
    """forward: the competent agency."""

    to_agency = fields.Str(required=True, validate=validate.Length(min=1, max=200))
    note = fields.Str(load_default="", validate=validate.Length(max=5000))


class FileArgs(Schema):
    """file: the legal ground for filing."""

    reason = fields.Str(required=True, validate=_one_of(FilingReason))
    note = fields.Str(load_default="", validate=validate.Length(max=5000))


class AcceptArgs(Schema):
    """accept (thụ lý): complexity and remote-area flag decide the resolution limit."""

    complexity = fields.Str(load_default=Complexity.NORMAL.value, validate=_one_of(Complexity))
    is_remote_area = fields.Bool(load_default=False)
    must_continue = fields.Bool(load_default=False)
    note = fields.Str(load_default="", validate=validate.Length(max=5000))


class AssignArgs(Schema):
    """assign: the handler who verifies."""

    assignee = fields.Int(required=True, validate=validate.Range(min=1, max=2**31 - 1))
    note = fields.Str(load_default="", validate=validate.Length(max=5000))


class ReportArgs(Schema):
    """submit_report: what verification found."""

    findings = fields.Str(required=True, **_text)
    matches_request = fields.Bool(required=True)


class ScheduleDialogueArgs(Schema):
    """schedule_dialogue: when, where, who is invited."""

    at = fields.AwareDateTime(required=True)
    place = fields.Str(required=True, **_short)
    invitees = fields.List(fields.Str(validate=validate.Length(min=1, max=200)), load_default=list)


class RecordDialogueArgs(Schema):
    """record_dialogue: the minutes."""

    minutes = fields.Str(required=True, **_text)
    present = fields.List(fields.Str(validate=validate.Length(max=200)), load_default=list)
    absent = fields.List(fields.Str(validate=validate.Length(max=200)), load_default=list)
    agreed = fields.Str(load_default="", validate=validate.Length(max=5000))
    disputed = fields.Str(load_default="", validate=validate.Length(max=5000))


RESULT_LIMITS = {  # the largest value each result accepts (VND and m² as whole numbers)
    "state_money_vnd": 10**15,
    "state_land_m2": 10**12,
    "citizens_money_vnd": 10**15,
    "citizens_land_m2": 10**12,
    "people_disciplined": 100000,
    "cases_referred": 100000,
}


def _result(name: str) -> fields.Int:
    """An optional resolution result: a non-negative whole number."""
    return fields.Int(load_default=None, allow_none=True, strict=True,
                      validate=validate.Range(min=0, max=RESULT_LIMITS[name]))


def _decide_args(outcomes: tuple[str, ...], doc: str) -> type[Schema]:
    """decide: the outcome, number, date and summary of a decision or conclusion, and its results."""
    return Schema.from_dict(
        {
            "outcome": fields.Str(required=True, validate=validate.OneOf(outcomes)),
            "number": fields.Str(required=True, validate=validate.Length(min=1, max=64)),
            "signed_on": BoundedDate(required=True),
            "summary": fields.Str(required=True, **_text),
            **{name: _result(name) for name in RESOLUTION_RESULTS},
        },
        name=doc,
    )


ComplaintDecideArgs = _decide_args(COMPLAINT_OUTCOMES, "ComplaintDecideArgs")
DenunciationDecideArgs = _decide_args(DENUNCIATION_OUTCOMES, "DenunciationDecideArgs")


class AnswerArgs(Schema):
    """answer: the reply to a petition."""

    answer = fields.Str(required=True, **_text)
    number = fields.Str(load_default="", validate=validate.Length(max=64))
    signed_on = BoundedDate(load_default=None, allow_none=True)


class CloseArgs(Schema):
    """close: when the decision was sent, to whom, and (where required) published and handled."""

    sent_on = BoundedDate(required=True)
    recipients = fields.List(
        fields.Str(validate=validate.Length(min=1, max=200)), required=True, validate=validate.Length(min=1)
    )
    published_on = BoundedDate(load_default=None, allow_none=True)
    measures = fields.Str(load_default="", validate=validate.Length(max=5000))


DELIVERY_PARTIES = ("petitioner", "respondent", "other")
REVIEW_OUTCOMES = ("keep_conclusion", "re_resolve")  # Luật TC Art 37(2)
DELIVERY_METHODS = ("in_person", "post", "email")


class RecordDeliveryArgs(Schema):
    """record_delivery: who received the decision or conclusion, on what date, and how."""

    recipient = fields.Str(required=True, validate=validate.Length(min=1, max=200))
    party = fields.Str(load_default="petitioner", validate=validate.OneOf(DELIVERY_PARTIES))
    received_on = BoundedDate(required=True)
    method = fields.Str(required=True, validate=validate.OneOf(DELIVERY_METHODS))


class ReviewRedenunciationArgs(Schema):
    """review_redenunciation: when the re-denunciation was received, the superior's outcome and why."""

    received_on = BoundedDate(required=True)
    outcome = fields.Str(required=True, validate=validate.OneOf(REVIEW_OUTCOMES))
    reason = fields.Str(required=True, **_text)


class RequestReportArgs(Schema):
    """request_report: what the superior asks the resolver to report on (Luật TC Art 38(3))."""

    reason = fields.Str(required=True, **_text)


class WaiverArgs(Schema):
    """record_waiver: when and how the denouncer agreed to disclose their identity (Luật TC Art 47(2))."""

    agreed_on = BoundedDate(required=True)
    consent = fields.Str(required=True, **_text)


class ExtendArgs(Schema):
    """extend: how many days (up to the legal maximum), how complex and by which criterion, and why."""

    days = fields.Int(required=True, validate=validate.Range(min=1, max=90))
    complexity = fields.Str(
        required=True, validate=_one_of([Complexity.COMPLEX, Complexity.ESPECIALLY_COMPLEX])
    )
    criterion = fields.Str(required=True, validate=validate.OneOf(COMPLEXITY_CRITERIA))
    reason = fields.Str(required=True, **_text)


class AppealArgs(Schema):
    """appeal: the second complaint against a first-time decision."""

    received_on = BoundedDate(required=True)
    subject = fields.Str(load_default="", validate=validate.Length(max=300))
    content = fields.Str(load_default="", validate=validate.Length(max=20000))
