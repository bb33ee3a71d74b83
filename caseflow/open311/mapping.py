"""Our cases in GeoReport terms: services are the kinds (and an unclassified letter), fields an attribute.

A request shows status, stage, unit and dates only: never a name, an address, an ID number or the letter's
text, since the GeoReport feed is public.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import gettext

from caseflow.i18n import N_
from caseflow.labels import label
from caseflow.models import Case, CaseField, CaseKind
from caseflow.services.reception.tracking import KIND_TITLES, expected_datetime, tracking_view
from caseflow.timeutil import agency_timezone

LETTER = "letter"
SERVICES = {
    LETTER: (
        N_("Letter (not sure of its kind)"),
        N_("Any letter; the agency decides whether it is a complaint, a denunciation or a petition."),
    ),
    CaseKind.COMPLAINT.value: (N_("Complaint"), N_("A complaint against an administrative decision or act.")),
    CaseKind.DENUNCIATION.value: (
        N_("Denunciation"),
        N_("A denunciation of a breach of the law; the denouncer's identity is kept confidential."),
    ),
    CaseKind.PETITION.value: (
        N_("Petition or feedback"),
        N_("A proposal, petition or feedback to the agency."),
    ),
}
GROUP = N_("Citizens' letters")
SUBJECT = N_("Subject of the letter")
FIELD = N_("Field")


def services() -> list[dict]:
    """The service list."""
    return [
        {
            "service_code": code,
            "service_name": gettext(name),
            "description": gettext(description),
            "metadata": True,
            "type": "realtime",
            "keywords": code,
            "group": gettext(GROUP),
        }
        for code, (name, description) in SERVICES.items()
    ]


def service_definition(code: str) -> dict:
    """The attributes a request of this service may carry."""
    fields = [{"key": field.value, "name": label(field)} for field in CaseField]
    return {
        "service_code": code,
        "attributes": [
            _attribute("subject", "string", True, 1, gettext(SUBJECT)),
            {**_attribute("field", "singlevaluelist", False, 2, gettext(FIELD)), "values": fields},
        ],
    }


def _attribute(code: str, datatype: str, required: bool, order: int, description: str) -> dict:
    """One attribute of a service definition."""
    return {
        "variable": True,
        "code": code,
        "datatype": datatype,
        "required": required,
        "datatype_description": "",
        "order": order,
        "description": description,
    }


def w3c(moment: datetime | None) -> str | None:
    """A datetime in the agency's zone, W3C format (2027-01-04T10:00:00+07:00)."""
    if moment is None:
        return None
    return moment.astimezone(ZoneInfo(agency_timezone())).isoformat(timespec="seconds")


def request_view(case: Case) -> dict:
    """One case as a GeoReport request (no personal data, no free text)."""
    view = tracking_view(case)
    code = case.kind.value if case.kind else LETTER
    return {
        "service_request_id": case.tracking_code,
        "status": "open" if case.is_open else "closed",
        "status_notes": gettext(view.stage),
        "service_name": gettext(KIND_TITLES[case.kind]) if case.kind else gettext(SERVICES[LETTER][0]),
        "service_code": code,
        "agency_responsible": case.unit.name,
        "service_notice": gettext(view.next_step),
        "requested_datetime": w3c(case.received_dt),
        "updated_datetime": w3c(case.updated_dt),
        "expected_datetime": w3c(expected_datetime(case)),
    }
