"""Forms of the reception-schedule and public-dialogue pages, and the labels of their codes."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import Optional

from caseflow.services.engagement import public_dialogues as dialogue_service
from caseflow.views.once import OnceField

HEAD_KINDS = {"agency_head": _l("Head of an agency"), "commune_chair": _l("Chairman of a commune")}
DAY_STATES = {
    "planned": _l("Planned"),
    "held": _l("Held"),
    "missed": _l("Missed"),
    "cancelled": _l("Cancelled (postponed with notice)"),
}
AUDIENCES = {code: _l(title) for code, title in dialogue_service.AUDIENCES.items()}
ISSUE_STATES = {
    "not_a_case": _l("Not yet a case"),
    "in_progress": _l("In progress"),
    "answered": _l("Answered"),
    "ended": _l("Ended without an answer"),
    "overdue": _l("Overdue"),
}


def _present(data: dict) -> dict:
    """The values given (empty ones left out, so the service names what is missing)."""
    return {k: v for k, v in data.items() if v not in (None, "")}


class ScheduleForm(FlaskForm):
    """A head's recurring reception days."""

    form_token = OnceField()
    head = SelectField(_l("Head"), coerce=int, validate_choice=False)
    head_kind = SelectField(_l("Head's office"), choices=list(HEAD_KINDS.items()), default="agency_head")
    days_of_month = StringField(_l("Days of the month"))
    place = StringField(_l("Place of reception"))
    valid_from = DateField(_l("From"), validators=[Optional()])
    valid_to = DateField(_l("Until (optional)"), validators=[Optional()])

    def service_data(self) -> dict:
        """The schedule as the service takes it; days of the month as numbers where they are numbers."""
        raw = [part.strip() for part in (self.days_of_month.data or "").replace(";", ",").split(",")]
        days = [int(p) if p.isdigit() else p for p in raw if p]
        return _present(
            {
                "head": self.head.data,
                "head_kind": self.head_kind.data,
                "days_of_month": days,
                "place": self.place.data,
                "valid_from": self.valid_from.data and self.valid_from.data.isoformat(),
                "valid_to": self.valid_to.data and self.valid_to.data.isoformat(),
            }
        ) | {"days_of_month": days}


class MarkForm(FlaskForm):
    """Held, missed or cancelled."""

    state = SelectField(
        _l("The day was"), choices=[(k, DAY_STATES[k]) for k in ("held", "missed", "cancelled")]
    )
    note = StringField(_l("Note"))


class DialogueForm(FlaskForm):
    """A public dialogue and the issues raised, one per line."""

    form_token = OnceField()
    held_on = DateField(_l("Held on"), validators=[Optional()])
    place = StringField(_l("Place"))
    host_name = StringField(_l("Hosted by"))
    audience = SelectField(_l("With"), choices=list(AUDIENCES.items()))
    audience_note = StringField(_l("Which project, business or school"))
    participants = IntegerField(_l("Number of participants"), validators=[Optional()])
    minutes = TextAreaField(_l("Minutes"))
    issues = TextAreaField(_l("Issues raised (one per line)"))

    def service_data(self) -> dict:
        """The dialogue as the service takes it."""
        lines = [line.strip() for line in (self.issues.data or "").splitlines() if line.strip()]
        return _present(
            {
                "held_on": self.held_on.data and self.held_on.data.isoformat(),
                "place": self.place.data,
                "host_name": self.host_name.data,
                "audience": self.audience.data,
                "audience_note": self.audience_note.data,
                "participants": self.participants.data,
                "minutes": self.minutes.data,
            }
        ) | {"issues": [{"text": line} for line in lines]}


class IssueForm(FlaskForm):
    """One more issue raised at the dialogue."""

    form_token = OnceField()
    text = TextAreaField(_l("Issue"))
    raised_by = StringField(_l("Raised by"))
    answer_due_on = DateField(_l("Answer promised by (optional)"), validators=[Optional()])

    def service_data(self) -> dict:
        """The issue as the service takes it."""
        due = self.answer_due_on.data
        return _present({"text": self.text.data, "raised_by": self.raised_by.data}) | {
            "answer_due_on": due.isoformat() if due else None
        }


class OpenCaseForm(FlaskForm):
    """The one-click 'make it a petition case' button, once-only."""

    form_token = OnceField()
