"""Each action's form, built from its marshmallow parameter schema, and the parsing of what was typed."""

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext
from marshmallow import fields, validate
from werkzeug.datastructures import MultiDict

from caseflow.errors import InvalidInput
from caseflow.i18n import N_, translate
from caseflow.labels import label
from caseflow.models import Case, CaseStatus, User
from caseflow.services.cases.actions import LATE_ROLES
from caseflow.services.cases.candidates import assignable_handlers
from caseflow.services.reception.sessions import session_matter_kind
from caseflow.workflows import get_workflow

LONG_TEXT = {"reason", "guidance", "findings", "minutes", "summary", "answer", "note", "measures", "agreed",
             "disputed"}
FIELD_LABELS = {
    "kind": N_("Kind"),
    "field": N_("Field"),
    "level": N_("Level (complaints)"),
    "eligible": N_("Eligible for processing"),
    "within_competence": N_("Within this agency's competence"),
    "signatories": N_("Number of signatories"),
    "several_places": N_("Verification in several places"),
    "reason": N_("Reason"),
    "note": N_("Note"),
    "guidance": N_("Guidance given"),
    "to_agency": N_("Competent agency"),
    "complexity": N_("Complexity"),
    "is_remote_area": N_("Remote or disadvantaged area"),
    "must_continue": N_("Must continue although withdrawn"),
    "assignee": N_("Handler"),
    "findings": N_("Findings"),
    "matches_request": N_("Findings match the request"),
    "at": N_("Date and time"),
    "place": N_("Place"),
    "invitees": N_("Invitees (one per line)"),
    "minutes": N_("Minutes"),
    "present": N_("Present (one per line)"),
    "absent": N_("Absent (one per line)"),
    "agreed": N_("Points agreed"),
    "disputed": N_("Points still disputed"),
    "outcome": N_("Outcome"),
    "number": N_("Document number"),
    "signed_on": N_("Signed on"),
    "summary": N_("Summary"),
    "answer": N_("Answer"),
    "sent_on": N_("Sent on"),
    "recipients": N_("Recipients (one per line)"),
    "published_on": N_("Published on"),
    "measures": N_("Measures taken"),
    "state_money_vnd": N_("Money to be recovered for the State (VND)"),
    "state_land_m2": N_("Land to be recovered for the State (m²)"),
    "citizens_money_vnd": N_("Money to be returned to organisations and individuals (VND)"),
    "citizens_land_m2": N_("Land to be returned to organisations and individuals (m²)"),
    "people_disciplined": N_("People recommended for disciplinary or administrative measures"),
    "cases_referred": N_("Cases referred to the investigating authority"),
    "received_on": N_("Received on"),
    "recipient": N_("Received by"),
    "days": N_("Days added"),
    "criterion": N_("Complexity criterion"),
    "party": N_("Who the recipient is"),
    "method": N_("How it was delivered"),
    "agreed_on": N_("Agreed on"),
    "learned_on": N_("Learned of the decision or act on (complaints)"),
    "obstacle_days": N_("Days of illness, disaster or other obstacle (not counted)"),
    "consent": N_("How the denouncer agreed (written statement, minutes)"),
}
YES, NO = "yes", "no"
EFFECTIVE_ON = "effective_on"


@dataclass
class FormField:
    """One input of an action form, ready for the template."""

    name: str
    widget: str
    label: str
    required: bool
    value: object = None
    choices: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def build_form(case: Case, action: str, actor: User, values: MultiDict | None = None,
               errors: dict | None = None) -> list[FormField]:
    """The inputs of `action` on `case`, filled with what the user typed and the errors of their last try."""
    schema = get_workflow(case.kind).action(action).params()
    values, errors = values or MultiDict(), errors or {}
    inputs = [_field(name, spec, case, actor, values, errors) for name, spec in schema.fields.items()]
    if actor.has_role(*LATE_ROLES):  # recording after the fact: the date it actually happened
        messages = [translate(str(m)) for m in _flatten(errors.get(EFFECTIVE_ON, []))]
        label_text = gettext(N_("Date it actually happened (recorded late; empty: today)"))
        typed = values.get(EFFECTIVE_ON)
        inputs.append(FormField(EFFECTIVE_ON, "date", label_text, False, typed, [], messages))
    return inputs


def parse_effective_on(form: MultiDict) -> date | None:
    """The date an action recorded late actually happened, from its form (None when empty).

    :raises InvalidInput: not a date
    """
    raw = (form.get(EFFECTIVE_ON) or "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError as error:
        message = N_("Enter a valid date.")
        raise InvalidInput(message, errors={EFFECTIVE_ON: [message]}) from error


def _field(name, spec, case, actor, values: MultiDict, errors: dict) -> FormField:
    """One FormField from one marshmallow field."""
    widget, choices = _widget(name, spec, case, actor)
    value = values.getlist(name) if widget == "lines" else values.get(name)
    if widget == "lines":
        value = "\n".join(value)
    elif value is None and not values:
        value = _default(spec)
        if name == "kind" and case.status == CaseStatus.RECEIVED:
            value = session_matter_kind(case) or value  # the kind noted at the reception session
    messages = errors.get(name, [])
    messages = [messages] if isinstance(messages, str) else _flatten(messages)
    return FormField(name, widget, gettext(FIELD_LABELS.get(name, name)), spec.required, value, choices,
                     [translate(m) for m in messages])


def _widget(name, spec, case, actor) -> tuple[str, list]:
    """The input kind and its choices."""
    if isinstance(spec, fields.Boolean):
        return ("yesno" if spec.required else "checkbox"), []
    if name == "assignee":
        handlers = assignable_handlers(case, actor)
        return "select", [(str(u.id), f"{u.full_name} · {u.unit.name}") for u in handlers]
    if isinstance(spec, fields.Integer):
        choices = _one_of(spec)
        return ("select", [(str(c), str(c)) for c in choices]) if choices else ("number", [])
    if isinstance(spec, fields.AwareDateTime):
        return "datetime", []
    if isinstance(spec, fields.Date):
        return "date", []
    if isinstance(spec, fields.List):
        return "lines", []
    choices = _one_of(spec)
    if choices:
        return "select", [(c, label(c)) for c in choices]
    return ("textarea" if name in LONG_TEXT else "text"), []


def _one_of(spec) -> list:
    """The allowed values of a field validated by OneOf, if any."""
    validators = spec.validators if isinstance(spec.validators, list | tuple) else [spec.validators]
    for validator in validators:
        if isinstance(validator, validate.OneOf):
            return list(validator.choices)
    return []


def _default(spec) -> object:
    """The schema's default, shown in a fresh form."""
    default = spec.load_default
    if callable(default) or default is None or str(default) == "<marshmallow.missing>":
        return None
    return default


def _flatten(messages) -> list[str]:
    """Marshmallow nests messages for list items; show them all."""
    if isinstance(messages, dict):
        return [m for value in messages.values() for m in _flatten(value)]
    if isinstance(messages, list):
        return [m for value in messages for m in _flatten(value)]
    return [str(messages)]


def parse_form(case: Case, action: str, form: MultiDict) -> dict:
    """The parameters the user typed, shaped for the action's schema (which then validates them)."""
    schema = get_workflow(case.kind).action(action).params()
    params = {}
    for name, spec in schema.fields.items():
        value = _parse_value(spec, form, name)
        if value is not None:
            params[name] = value
    return params


def _parse_value(spec, form: MultiDict, name: str):
    """One field's value, or None to let the schema apply its default (or say it is missing)."""
    if isinstance(spec, fields.Boolean):
        if spec.required:
            return {YES: True, NO: False}.get(form.get(name, ""))
        return name in form
    if isinstance(spec, fields.List):
        lines = [line.strip() for raw in form.getlist(name) for line in raw.splitlines()]
        return [line for line in lines if line]
    raw = (form.get(name) or "").strip()
    if not raw:
        return None
    if isinstance(spec, fields.Integer):
        return int(raw) if raw.lstrip("-").isdigit() else raw
    if isinstance(spec, fields.AwareDateTime):
        return _local_datetime(raw)
    return raw


def _local_datetime(raw: str) -> str:
    """A datetime-local input read in the agency's zone, as ISO 8601 with its offset."""
    try:
        naive = datetime.fromisoformat(raw)
    except ValueError:
        return raw
    zone = ZoneInfo(current_app.config["CASEFLOW_TIMEZONE"])
    return (naive if naive.tzinfo else naive.replace(tzinfo=zone)).isoformat()
