"""Pages for citizens, without login: track a case by code and PIN, and send a letter online."""

import uuid

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    MultipleFileField,
    PasswordField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from caseflow.api.core import refuse_nul
from caseflow.errors import InvalidInput
from caseflow.i18n import translate
from caseflow.services.cases.attachments import read_upload
from caseflow.services.reception.tracking import online_units, submit_online, track
from caseflow.timeutil import now_utc
from caseflow.transaction import commit, rollback
from caseflow.web.idempotency import Replay, claim, complete
from caseflow.web.ratelimit import check_rate

bp = Blueprint("public", __name__, url_prefix="/public")
bp.before_request(refuse_nul)
UNKNOWN = _l("No case has this tracking code and PIN. Check both on your receipt.")
PARTY_FIELDS = ("full_name", "address", "id_number", "phone", "email")


class TrackForm(FlaskForm):
    """Tracking code and PIN from the receipt."""

    tracking_code = StringField(_l("Tracking code"), validators=[DataRequired(), Length(max=32)])
    pin = PasswordField(_l("PIN"), validators=[DataRequired(), Length(max=32)])


class SubmitForm(FlaskForm):
    """A letter sent online."""

    form_token = HiddenField(default=lambda: uuid.uuid4().hex)
    unit = SelectField(_l("Agency"), coerce=int, validators=[DataRequired()])
    subject = StringField(_l("Subject"), validators=[DataRequired(), Length(min=3, max=300)])
    content = TextAreaField(_l("Your letter"), validators=[DataRequired(), Length(min=3, max=20000)])
    is_anonymous = BooleanField(_l("Send without my name"))
    full_name = StringField(_l("Full name"), validators=[Optional(), Length(max=200)])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=300)])
    id_number = StringField(_l("ID card or citizen ID number"), validators=[Optional(), Length(max=20)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=20)])
    email = EmailField(_l("E-mail"), validators=[Optional(), Length(max=200)])
    files = MultipleFileField(_l("Documents (optional)"))
    files_confidential = BooleanField(_l("Keep these documents confidential (they may reveal who I am)"))

    def intake_data(self) -> dict:
        """The intake service's input."""
        data = {
            "subject": self.subject.data,
            "content": self.content.data,
            "is_anonymous": self.is_anonymous.data,
        }
        if not self.is_anonymous.data:
            person = {name: (getattr(self, name).data or "").strip() or None for name in PARTY_FIELDS}
            person["full_name"] = person["full_name"] or ""
            person["address"] = person["address"] or ""
            data["petitioner"] = person
        return data

    def show_errors(self, invalid: InvalidInput) -> None:
        """Put the service's per-field messages next to the fields."""
        for name, messages in invalid.errors.items():
            if name == "files":  # a list, or each refused file's problems by its name
                named = messages.items() if isinstance(messages, dict) else [("", messages)]
                self.files.errors = [*self.files.errors, *(
                    f"{filename}: {translate(text)}" if filename else translate(text)
                    for filename, texts in named for text in texts
                )]
            elif isinstance(messages, dict):  # the petitioner's fields
                for inner, texts in messages.items():
                    self._add(inner, texts)
            else:
                self._add("full_name" if name == "petitioner" else name, messages)

    def _add(self, name: str, texts) -> None:
        """Attach messages to a field (or to the form)."""
        field = getattr(self, name, None)
        texts = [translate(t) for t in (texts if isinstance(texts, list) else [texts])]
        if field is not None and hasattr(field, "errors"):
            field.errors = [*field.errors, *texts]
        else:
            self.form_errors.extend(texts)


@bp.route("/track", methods=["GET", "POST"])
def track_page():
    """The tracking form and, after a right code and PIN, the case's stage, unit, due date and next step."""
    form, view, status = TrackForm(), None, 200
    if request.method == "GET" and request.args.get("code"):
        form.tracking_code.data = request.args["code"][:32]  # the link printed on the receipt
    if form.validate_on_submit():
        check_rate("track", request.remote_addr or "")
        view = track(form.tracking_code.data, form.pin.data)
        if view is None:
            form.pin.errors.append(str(UNKNOWN))
            status = 404
    return render_template("public/track.html", form=form, view=view), status


@bp.route("/submit", methods=["GET", "POST"])
def submit_page():
    """The online letter form; a double submit creates one letter and shows the same receipt."""
    form = SubmitForm()
    form.unit.choices = [(unit.id, unit.name) for unit in online_units()]
    if form.validate_on_submit():
        check_rate("submit", request.remote_addr or "")
        answer = _submit_once(form)
        if answer is not None:
            return answer
    megabytes = current_app.config["CASEFLOW_MAX_ATTACHMENT_BYTES"] // (1024 * 1024)
    page = render_template("public/submit.html", form=form, max_megabytes=megabytes)
    return page, 200 if not form.errors else 422


def _submit_once(form: SubmitForm):
    """Record the letter once per form token; None when the service refused it (errors are on the form)."""
    token = (form.form_token.data or uuid.uuid4().hex)[:64]
    claimed = claim(
        "citizen", f"form:{token}", method="POST", path=request.path, digest="form", now=now_utc()
    )
    if isinstance(claimed, Replay):
        return redirect(claimed.headers.get("Location", url_for("public.receipt")), 303)
    try:
        intake = submit_online(
            form.intake_data(),
            unit_id=form.unit.data,
            now=now_utc(),
            request_id=g.get("request_id", ""),
            uploads=[read_upload(f) for f in request.files.getlist(form.files.name) if f.filename],
            confidential=bool(form.files_confidential.data),
        )
    except InvalidInput as invalid:
        rollback()
        form.show_errors(invalid)
        return None
    location = url_for("public.receipt")
    complete(claimed, status_code=303, headers={"Location": location})
    commit()
    session["receipt"] = {"code": intake.case.tracking_code, "pin": intake.pin, "unit": intake.case.unit.name}
    return redirect(location, 303)


@bp.get("/submit/receipt")
def receipt():
    """The tracking code and PIN of the letter just sent (kept in this browser's session only)."""
    shown = session.get("receipt")
    if not shown:
        abort(404)
    return render_template("public/receipt.html", receipt=shown, note=_("Keep this code and PIN."))
