"""POST requests: a GeoReport form becomes a letter received online, through the intake service."""

from datetime import datetime

from flask import g
from flask_babel import gettext

from caseflow.errors import InvalidInput
from caseflow.i18n import N_
from caseflow.models import CaseField, User
from caseflow.open311.mapping import SERVICES
from caseflow.services.cases.intake import create_case

MAX_DESCRIPTION = 4000
SUBJECT_LENGTH = 120
NOTICE = N_(
    "Your letter is received as %(code)s. Track it on the agency's website with this code and PIN %(pin)s."
)


def create_request(form, *, actor: User, now: datetime) -> dict:
    """Validate the GeoReport fields, record the letter, and answer with its id and PIN."""
    _check(form)
    intake = create_case(
        intake_data(form),
        actor=actor,
        now=now,
        request_id=g.get("request_id", ""),
        actor_label=f"open311:{actor.username}",
    )
    code = intake.case.tracking_code
    return {
        "service_request_id": code,
        "token": code,
        "service_notice": gettext(NOTICE, code=code, pin=intake.pin),
        "account_id": None,
        "pin": intake.pin,
    }


def _check(form) -> None:
    """Service code, a location and a description are required (GeoReport v2)."""
    errors = {}
    if form.get("service_code") not in SERVICES:
        errors["service_code"] = [f"Choose one of {', '.join(SERVICES)}."]
    has_point = form.get("lat") and form.get("long")
    if not (has_point or form.get("address_string") or form.get("address_id")):
        errors["address_string"] = ["Give address_string, address_id, or lat and long."]
    description = form.get("description", "")
    if not description.strip() or len(description) > MAX_DESCRIPTION:
        errors["description"] = [f"Describe the matter in 1 to {MAX_DESCRIPTION} characters."]
    field = form.get("attribute[field]")
    if field and field not in {f.value for f in CaseField}:
        errors["attribute[field]"] = ["Unknown field."]
    if errors:
        raise InvalidInput("The request cannot be accepted.", errors=errors)


def intake_data(form) -> dict:
    """The intake service's input for a GeoReport request."""
    description = form["description"].strip()
    subject = (form.get("attribute[subject]") or description[:SUBJECT_LENGTH]).strip()
    name = " ".join(part for part in (form.get("last_name", ""), form.get("first_name", "")) if part).strip()
    data = {"channel": "online", "subject": subject, "content": description, "is_anonymous": not name}
    if name:
        data["petitioner"] = {
            "full_name": name,
            "address": form.get("address_string", "")[:300],
            "phone": form.get("phone") or None,
            "email": form.get("email") or None,
        }
    return data
