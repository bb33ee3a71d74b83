"""The desk's forms: a reception session and a new letter, their data for the services, their errors."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    FieldList,
    FileField,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Optional

from caseflow.i18n import FormTranslations, translate
from caseflow.labels import channel_label, label
from caseflow.models import CaseKind, Channel, SessionKind
from caseflow.services.cases.attachments import DOC_TYPES
from caseflow.views.once import OnceField

MAX_CO_PETITIONER_ROWS = 50
MAX_REPRESENTATIVES = 5
SESSION_REPRESENTATIVE_ROWS = 5
HANDLING = {
    "accepted": _l("Within competence: take in for resolution"),
    "guided": _l("Return the letter and guide the citizen to the competent body"),
    "forwarded": _l("Forward to the competent body"),
}


class ReceptionSessionForm(FlaskForm):
    """One entry of the reception book (the 12 columns of the Sổ tiếp công dân)."""

    form_token = OnceField()
    received_on = DateField(_l("Reception date"), validators=[Optional()])
    kind = SelectField(_l("Kind of reception"), default=SessionKind.REGULAR.value)
    host_name = StringField(_l("Received by (host)"))
    citizen_name = StringField(_l("Citizen's full name"))
    citizen_address = StringField(_l("Address"))
    citizen_id_number = StringField(_l("ID card, citizen ID or passport number"))
    people_count = IntegerField(_l("Number of people"), default=1, validators=[Optional()])
    representatives = FieldList(
        StringField(_l("Representative")),
        min_entries=SESSION_REPRESENTATIVE_ROWS,
        max_entries=SESSION_REPRESENTATIVE_ROWS,
    )
    # Not id="content": that is the id of the layout's <main>.
    content = TextAreaField(_l("Content of the matter"), id="session_content")
    matter_kind = SelectField(_l("Type of letter"), default="")
    is_repeat = BooleanField(_l("An old matter (received before)"))
    prior_resolution = StringField(_l("Bodies that have already resolved it"))
    handling = RadioField(_l("How the matter is handled"), default="accepted")
    handling_note = StringField(_l("Body guided or forwarded to, and the document number"))
    note = StringField(_l("Notes"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = [(k.value, label(k)) for k in SessionKind]
        self.matter_kind.choices = [("", _l("Not yet known"))] + [(k.value, label(k)) for k in CaseKind]
        self.handling.choices = list(HANDLING.items())

    def service_data(self) -> tuple[dict, dict[str, list[int]]]:
        """The session as record_session takes it, and which row each representative came from."""
        data = {name: _text(getattr(self, name).data) for name in _SESSION_TEXTS}
        data["citizen_id_number"] = _text(self.citizen_id_number.data) or None
        data["matter_kind"] = self.matter_kind.data or None
        data["people_count"] = self.people_count.data or 1
        data["is_repeat"] = bool(self.is_repeat.data)
        filled = [(i, _text(name)) for i, name in enumerate(self.representatives.data)]
        data["representatives"] = [name for _, name in filled if name]
        if self.received_on.data:
            data["received_on"] = self.received_on.data.isoformat()
        return data, {"representatives": [i for i, name in filled if name]}


_SESSION_TEXTS = (
    "kind",
    "host_name",
    "citizen_name",
    "citizen_address",
    "content",
    "prior_resolution",
    "handling",
    "handling_note",
    "note",
)


class BlockForm(Form):
    """A block inside the letter form; WTForms' messages come from the app's catalog, as FlaskForm's do."""

    class Meta:
        def get_translations(self, form):
            """The catalog's translations (WTForms ships no Vietnamese)."""
            return FormTranslations()


class PersonForm(BlockForm):
    """A person in a letter: name, address, ID paper, contact."""

    full_name = StringField(_l("Full name"))
    address = StringField(_l("Address"))
    id_number = StringField(_l("ID number"))
    phone = StringField(_l("Phone"))
    email = EmailField(_l("E-mail"))


class RespondentForm(BlockForm):
    """The person or body complained against or denounced."""

    full_name = StringField(_l("Name of the person or body"))
    position = StringField(_l("Position or office"))
    address = StringField(_l("Address"))
    is_organisation = BooleanField(_l("This is an agency or organisation"))


class AttachmentRowForm(BlockForm):
    """Files of one document type (a row may hold several files)."""

    files = FileField(_l("Files"), render_kw={"multiple": True})
    doc_type = SelectField(
        _l("Type of document"), choices=[(k, _l(v)) for k, v in DOC_TYPES.items()], default="letter"
    )
    is_confidential = BooleanField(_l("Confidential (may reveal a denouncer)"))


class LetterForm(FlaskForm):
    """A new letter, written at the desk from a reception session or received by any channel."""

    form_token = OnceField()
    reception_session_id = HiddenField()
    channel = SelectField(_l("How the letter arrived"), default=Channel.POST.value)
    forwarded_by = StringField(_l("Forwarded by (body)"))
    received_on = DateField(_l("Date received"), validators=[Optional()])
    subject = StringField(_l("Subject"))
    content = TextAreaField(_l("Content"), id="letter_content")
    signatories = IntegerField(_l("Number of signatories"), default=1, validators=[Optional()])
    is_anonymous = BooleanField(_l("Anonymous letter (no petitioner named)"))
    is_remote_area = BooleanField(_l("The petitioner lives in a remote or disadvantaged area"))
    legal_aid = BooleanField(_l("Legal aid was given"))
    petitioner = FormField(PersonForm, label=_l("Petitioner"))
    co_petitioners = FieldList(FormField(PersonForm), min_entries=3, max_entries=MAX_CO_PETITIONER_ROWS)
    representatives = FieldList(FormField(PersonForm), min_entries=2, max_entries=MAX_REPRESENTATIVES)
    respondent = FormField(RespondentForm, label=_l("Complained against or denounced"))
    attachments = FieldList(FormField(AttachmentRowForm), min_entries=3, max_entries=10)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.channel.choices = [(c.value, channel_label(c)) for c in Channel]

    def service_data(self) -> tuple[dict, dict[str, list[int]]]:
        """The letter as create_case takes it, and which form row each list item came from."""
        data = {
            "channel": self.channel.data,
            "subject": _text(self.subject.data),
            "content": _text(self.content.data),
            "signatories": self.signatories.data or 1,
            "is_anonymous": bool(self.is_anonymous.data),
            "is_remote_area": bool(self.is_remote_area.data),
            "legal_aid": bool(self.legal_aid.data),
            "forwarded_by": _text(self.forwarded_by.data) or None,
            "reception_session_id": _integer(self.reception_session_id.data),
        }
        if self.received_on.data:
            data["received_on"] = self.received_on.data.isoformat()
        petitioner = _person(self.petitioner.data)
        data["petitioner"] = None if self.is_anonymous.data else petitioner
        rows: dict[str, list[int]] = {}
        for name in ("co_petitioners", "representatives"):
            filled = [(i, _person(entry.data)) for i, entry in enumerate(getattr(self, name))]
            rows[name] = [i for i, person in filled if person]
            data[name] = [person for _, person in filled if person]
        respondent = _respondent(self.respondent.data)
        data["respondents"] = [respondent] if respondent else []
        rows["respondents"] = [0]
        return data, rows


def _text(value) -> str:
    """A stripped string ('' for None)."""
    return (value or "").strip()


def _integer(value) -> int | None:
    """An integer from a hidden field, or None."""
    return int(value) if str(value or "").isdigit() else None


_PERSON_FIELDS = ("full_name", "address", "id_number", "phone", "email")


def _person(values: dict) -> dict | None:
    """A PartyArgs dict, or None for a row left blank."""
    texts = {name: _text(values.get(name)) for name in _PERSON_FIELDS}
    if not any(texts.values()):
        return None
    return {**texts, **{name: texts[name] or None for name in ("id_number", "phone", "email")}}


def _respondent(values: dict) -> dict | None:
    """The respondent as PartyArgs, or None when left blank."""
    texts = {name: _text(values.get(name)) for name in ("full_name", "position", "address")}
    if not any(texts.values()):
        return None
    organisation = bool(values.get("is_organisation"))
    return {**texts, "position": texts["position"] or None, "is_organisation": organisation}


def place_errors(form, errors: dict, rows: dict[str, list[int]] | None = None) -> list[str]:
    """Put each service message next to its field (translated); return those no field can show."""
    form.service_failed = True
    unplaced: list[str] = []
    for name, messages in errors.items():
        target = form._fields.get(name)
        if target is None:
            unplaced += [translate(m) for m in _flatten(messages)]
        else:
            _place(target, messages, (rows or {}).get(name))
    return unplaced


def _place(target, messages, rows: list[int] | None) -> None:
    """Attach messages to a field, a sub-form's fields, or a list's rows."""
    if not isinstance(messages, dict):
        _group_errors(target).extend(translate(m) for m in _flatten(messages))
        return
    for key, sub in messages.items():
        child = _child(target, key, rows)
        if child is None:
            _group_errors(target).extend(translate(m) for m in _flatten(sub))
        else:
            _place(child, sub, None)


def _child(target, key, rows: list[int] | None):
    """The row or sub-field named by a service error key, if the form has it."""
    if isinstance(target, FieldList):
        index = int(key) if str(key).isdigit() else None
        if index is not None and rows is not None:
            index = rows[index] if index < len(rows) else None
        return target.entries[index] if index is not None and index < len(target.entries) else None
    if isinstance(target, FormField):
        return target.form._fields.get(key)
    return None


def _group_errors(target) -> list[str]:
    """Where a field keeps its messages: plain fields their `errors`, groups a `group_errors` list."""
    if isinstance(target, FieldList | FormField):
        if not hasattr(target, "group_errors"):
            target.group_errors = []
        return target.group_errors
    if not isinstance(target.errors, list):
        target.errors = list(target.errors)
    return target.errors


def _flatten(messages) -> list[str]:
    """Every message string in a nested error structure."""
    if isinstance(messages, str):
        return [messages]
    if isinstance(messages, dict):
        return [m for value in messages.values() for m in _flatten(value)]
    return [m for value in messages for m in _flatten(value)]


def field_messages(form) -> list[str]:
    """Every message shown on a form's fields and groups, a field's after its label ("Label: message")."""
    messages = []
    for item in form:
        if item.type == "CSRFTokenField":
            messages += [_("The form had expired. Please send it again.")] if item.errors else []
            continue
        messages += list(getattr(item, "group_errors", []))
        if isinstance(item, FieldList):
            for entry in item.entries:
                messages += list(getattr(entry, "group_errors", [])) + field_messages(entry.form)
        elif isinstance(item, FormField):
            messages += field_messages(item.form)
        else:
            messages += [f"{item.label.text}: {m}" for m in item.errors if isinstance(m, str)]
    return messages
