"""The reception desk: sessions of the day, new letters (duplicates checked first), receipts, and the book."""

import calendar
import hashlib
import hmac
import re
import secrets
from datetime import date

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import DateField
from wtforms.validators import Optional

from caseflow.errors import InvalidInput
from caseflow.i18n import translate
from caseflow.services.cases.attachments import DOC_TYPES, add_attachment, read_upload, upload_errors
from caseflow.services.cases.deadlines import explain_clock
from caseflow.services.cases.identity import may_prefill_visitor, party_view, protected_sessions
from caseflow.services.cases.intake import INTAKE_ROLES, create_case
from caseflow.services.reception import desk as desk_service
from caseflow.services.reception.pins import reissue_pin
from caseflow.services.reception.sessions import record_session
from caseflow.timeutil import local_date, now_utc
from caseflow.transaction import commit, rollback
from caseflow.views.once import submit_once
from caseflow.views.reception_forms import (
    HANDLING,
    LetterForm,
    ReceptionSessionForm,
    field_messages,
    place_errors,
)

bp = Blueprint("reception", __name__, url_prefix="/reception")

RECEIPT_PIN = "receipt_pin"
DESK_REFUSED = "The reception desk is for reception officers, officers and leaders."
LETTERS_REFUSED = "Only reception and processing officers record letters."
_SIMILAR = re.compile(r"^content (\d+)% similar$")


@bp.route("/", methods=["GET", "POST"])
@login_required
def desk():
    """Today's sessions of the unit and the form to record one more."""
    desk_service.require_role(current_user, desk_service.DESK_ROLES, DESK_REFUSED)
    form = ReceptionSessionForm()
    unplaced: list[str] = []
    if form.validate_on_submit():
        data, rows = form.service_data()
        try:
            response = submit_once(form, lambda: _record(data))
        except InvalidInput as invalid:
            rollback()
            unplaced = place_errors(form, invalid.errors, rows) or [translate(invalid.detail)]
        else:
            flash(_("The reception session is recorded in the book."))
            return response
    elif request.method == "GET":
        form.received_on.data = local_date(now_utc())
        form.host_name.data = current_user.full_name
    return _render_desk(form, unplaced)


def _render_desk(form: ReceptionSessionForm, unplaced: list[str]):
    """The desk page."""
    today = local_date(now_utc())
    sessions = desk_service.sessions_on(current_user, today)
    codes = desk_service.case_codes([s.id for s in sessions]) if sessions else {}
    return render_template(
        "reception/desk.html",
        form=form,
        unplaced=unplaced,
        sessions=sessions,
        masked=protected_sessions(sessions, current_user),
        codes=codes,
        today=today,
        handling=HANDLING,
        may_write_letters=current_user.has_role(*INTAKE_ROLES),
    )


def _record(data: dict) -> str:
    """Record the session; go back to the desk, at the new session."""
    entry = record_session(data, actor=current_user, now=now_utc())
    return url_for(".desk", _anchor=f"session-{entry.id}")


@bp.route("/letters/new", methods=["GET", "POST"])
@login_required
def new_letter():
    """A new letter: check for likely duplicates (preview), then save and print the receipt."""
    desk_service.require_role(current_user, tuple(INTAKE_ROLES), LETTERS_REFUSED)
    origin_id = request.args.get("session", type=int)
    origin = desk_service.session_for_intake(origin_id, current_user) if origin_id else None
    form = LetterForm()
    duplicates, unplaced = None, []
    if form.validate_on_submit():
        data, rows = form.service_data()
        try:
            if "preview" in request.form:
                duplicates = desk_service.likely_duplicates(data, viewer=current_user)
            else:
                return submit_once(form, lambda: _create_letter(form, data))
        except InvalidInput as invalid:
            rollback()
            unplaced = place_errors(form, invalid.errors, rows)
    show_visitor = bool(origin) and may_prefill_visitor(current_user, origin, today=local_date(now_utc()))
    if request.method == "GET" and origin:
        _prefill(form, origin, with_visitor=show_visitor)
    files_dropped = request.method == "POST" and any(f.filename for f in request.files.values())
    return render_template(
        "reception/letter.html",
        form=form,
        origin=origin,
        show_visitor=show_visitor,
        duplicates=duplicates,
        unplaced=unplaced,
        files_dropped=files_dropped,
        reason_text=reason_text,
        max_megabytes=current_app.config["CASEFLOW_MAX_ATTACHMENT_BYTES"] // (1024 * 1024),
    )


@bp.post("/letters/duplicates")
@login_required
def check_duplicates():
    """The duplicate check alone, for the letter page to show in place (its chosen files stay chosen)."""
    desk_service.require_role(current_user, tuple(INTAKE_ROLES), LETTERS_REFUSED)
    form = LetterForm()
    duplicates, problems = None, []
    if form.validate():
        data, rows = form.service_data()
        try:
            duplicates = desk_service.likely_duplicates(data, viewer=current_user)
        except InvalidInput as invalid:
            rollback()
            problems = place_errors(form, invalid.errors, rows) or []
    problems += field_messages(form)
    status = 422 if problems else 200
    html = render_template("reception/_duplicates.html", duplicates=duplicates, problems=problems,
                           reason_text=reason_text)  # fmt: skip
    return html, status


def _prefill(form: LetterForm, origin, *, with_visitor: bool) -> None:
    """A letter written from a session starts with what the book says (the visitor if the rule allows)."""
    form.reception_session_id.data = str(origin.id)
    form.channel.data = "in_person"
    form.content.data = origin.content
    form.signatories.data = origin.people_count
    form.received_on.data = origin.received_on
    if not with_visitor:
        return
    form.petitioner.form.full_name.data = origin.citizen_name
    form.petitioner.form.address.data = origin.citizen_address
    form.petitioner.form.id_number.data = origin.citizen_id_number or ""
    for entry, name in zip(form.representatives.entries, origin.representatives[:2], strict=False):
        entry.form.full_name.data = name


def _create_letter(form: LetterForm, data: dict) -> str:
    """Create the case and its documents (all or nothing); remember the PIN for the receipt, once."""
    now = now_utc()
    uploads, file_errors = _uploads(form)
    try:
        intake = create_case(data, actor=current_user, now=now, request_id=g.request_id)
    except InvalidInput as invalid:
        raise InvalidInput(invalid.detail, errors={**invalid.errors, **file_errors}) from invalid
    if file_errors:
        raise InvalidInput("Some files cannot be accepted.", errors=file_errors)
    for upload, doc_type, confidential in uploads:
        add_attachment(
            intake.case,
            upload,
            doc_type,
            actor=current_user,
            now=now,
            is_confidential=confidential,
            request_id=g.request_id,
        )
    session[RECEIPT_PIN] = {"case": intake.case.id, **seal_pin(intake.pin)}
    return url_for(".receipt", case_id=intake.case.id)


@bp.post("/cases/<int:case_id>/pin")
@login_required
def new_pin(case_id: int):
    """Issue a new PIN (the old one stops working) and show it once on the receipt to print."""
    issued = reissue_pin(case_id, actor=current_user, now=now_utc(), request_id=g.request_id)
    session[RECEIPT_PIN] = {"case": issued.case.id, "reissued": True, **seal_pin(issued.pin)}
    commit()
    flash(_("A new PIN is issued and the old one no longer works: print the receipt."), "success")
    return redirect(url_for(".receipt", case_id=case_id), 303)


def _pin_key(nonce: str) -> bytes:
    """A one-time key for sealing a PIN, derived from the app's secret and a fresh nonce."""
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, f"receipt-pin:{nonce}".encode(), hashlib.sha256).digest()


def seal_pin(pin: str) -> dict:
    """The PIN as it may sit in the (signed, not encrypted) session cookie until the receipt shows it."""
    nonce = secrets.token_hex(16)
    key = _pin_key(nonce)
    return {"nonce": nonce, "sealed": "".join(str((int(d) + key[i]) % 10) for i, d in enumerate(pin))}


def open_pin(stash: dict) -> str:
    """The PIN sealed by seal_pin."""
    key = _pin_key(stash["nonce"])
    return "".join(str((int(d) - key[i]) % 10) for i, d in enumerate(stash["sealed"]))


def _uploads(form: LetterForm) -> tuple[list, dict]:
    """The files of every attachment row, read and checked: (upload, type, confidential) and errors by row."""
    uploads, errors = [], {}
    for index, row in enumerate(form.attachments):
        for storage in request.files.getlist(row.form.files.name):
            if not storage.filename:
                continue
            upload = read_upload(storage)
            problems = upload_errors(upload)
            if problems:
                messages = [f"{upload.filename}: {translate(p)}" for p in problems]
                errors.setdefault(index, {"files": []})["files"] += messages
            uploads.append((upload, row.form.doc_type.data, bool(row.form.is_confidential.data)))
    return uploads, ({"attachments": errors} if errors else {})


def reason_text(reason: str) -> str:
    """A duplicate's reason in the user's language."""
    similar = _SIMILAR.match(reason)
    if similar:
        return _("content %(percent)s%% similar", percent=similar.group(1))
    return translate(reason)


@bp.get("/receipt/<int:case_id>")
@login_required
def receipt(case_id: int):
    """The printable giấy biên nhận; the PIN appears only on the first showing after the save."""
    found = desk_service.receipt_of(case_id, current_user)
    stash = session.get(RECEIPT_PIN)
    mine = bool(stash) and stash.get("case") == case_id
    pin = open_pin(session.pop(RECEIPT_PIN)) if mine else None
    case = found.case
    response = current_app.make_response(
        render_template(
            "reception/receipt.html",
            case=case,
            pin=pin,
            attachments=found.attachments,
            received_by=found.received_by,
            petitioner=_receipt_petitioner(case, first_showing=pin is not None and not stash.get("reissued")),
            clocks=[(clock, explain_clock(clock)) for clock in case.deadlines if clock.is_obligation],
            doc_types=DOC_TYPES,
            tracking_url=tracking_url(case.tracking_code),
        )
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _receipt_petitioner(case, *, first_showing: bool) -> dict | None:
    """The sender as the receipt names them: in full when printed right after the save for the citizen
    (the recording officer typed it), masked on later reprints when the sender is a denouncer."""
    if case.petitioner is None:
        return None
    view = party_view(case, case.petitioner)
    if first_showing and view["is_protected"]:
        return {**view, **{name: getattr(case.petitioner, name) for name in ("full_name", "address")},
                "is_protected": False}  # fmt: skip
    return view


def tracking_url(code: str) -> str:
    """The public tracking page under CASEFLOW_BASE_URL, with the tracking code filled in (never the PIN)."""
    base = current_app.config["CASEFLOW_BASE_URL"].rstrip("/")
    return base + url_for("public.track_page", code=code)


class BookPeriod(FlaskForm):
    """The period of the book (GET, no CSRF token)."""

    class Meta:
        csrf = False

    start = DateField(_l("From"), validators=[Optional()])
    end = DateField(_l("To"), validators=[Optional()])


@bp.get("/book")
@login_required
def book():
    """The 12-column Sổ tiếp công dân of a period (this month by default), printable."""
    form = BookPeriod(request.args)
    form.validate()
    today = local_date(now_utc())
    start = form.start.data or today.replace(day=1)
    end = form.end.data or date(today.year, today.month, calendar.monthrange(today.year, today.month)[1])
    if end < start:
        form.end.errors = [_("The end of the period comes before its start.")]
        end = start
    form.start.data, form.end.data = start, end
    entries = desk_service.reception_book(current_user, start, end)
    return render_template("reception/book.html", form=form, book=entries, handling=HANDLING)
