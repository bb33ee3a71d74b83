"""A case's documents: download (scope, confidentiality, audit) and upload to an existing case."""

import io

from flask import Blueprint, flash, g, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import BooleanField, MultipleFileField, SelectField

from caseflow.errors import InvalidInput, NotFound, PermissionDenied
from caseflow.extensions import begin_write, db
from caseflow.i18n import translate
from caseflow.models import Attachment, Case
from caseflow.services.cases.attachments import (
    DOC_TYPES,
    NO_FILE,
    UPLOAD_ROLES,
    add_attachment,
    attachment_for_download,
    may_open,
    read_upload,
    upload_errors,
)
from caseflow.services.cases.casefile import case_attachments
from caseflow.services.cases.scope import can_view
from caseflow.timeutil import now_utc
from caseflow.transaction import commit, rollback
from caseflow.views.once import OnceField, submit_once
from caseflow.views.reception_forms import place_errors

bp = Blueprint("attachments", __name__)


class UploadForm(FlaskForm):
    """Files of one type added to a case."""

    form_token = OnceField()
    files = MultipleFileField(_l("Files"))
    doc_type = SelectField(
        _l("Type of document"), choices=[(k, _l(v)) for k, v in DOC_TYPES.items()], default="evidence"
    )
    is_confidential = BooleanField(_l("Confidential (may reveal a denouncer)"))


@bp.before_request
def _declare_write() -> None:
    """Reading a confidential document writes an audit event: begin that transaction as a write."""
    if request.endpoint == "attachments.download":
        begin_write()


@bp.get("/attachments/<int:attachment_id>")
@login_required
def download(attachment_id: int):
    """The file itself, as a download with its stored content type."""
    attachment = attachment_for_download(attachment_id, current_user, now=now_utc(), request_id=g.request_id)
    data, filename, content_type = attachment.data, attachment.filename, attachment.content_type
    commit()
    response = send_file(
        io.BytesIO(data), mimetype=content_type, as_attachment=True, download_name=filename, max_age=0
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/cases/<int:case_id>/attachments", methods=["GET", "POST"])
@login_required
def upload(case_id: int):
    """Add documents to a case; on a mistake show the form again with the message next to the field."""
    case = _case_for_upload(case_id)
    form = UploadForm()
    if form.validate_on_submit():
        try:
            response = submit_once(form, lambda: _store(case, form))
        except InvalidInput as invalid:
            rollback()
            place_errors(form, invalid.errors)
        else:
            flash(_("The documents are attached to the case."))
            return response
    listed = case_attachments(case)
    return render_template("attachments/upload.html", case=case, upload_form=form, attachments=listed)


def _case_for_upload(case_id: int) -> Case:
    """The case, if the user may see it (404) and add documents to it (403)."""
    case = db.session.get(Case, case_id)
    if case is None or not can_view(current_user, case):
        raise NotFound("No such case.")
    if not current_user.has_role(*UPLOAD_ROLES):
        raise PermissionDenied("Your role does not allow adding documents to a case.")
    return case


def _store(case: Case, form: UploadForm) -> str:
    """Check every file, then store them all (or none); go back to the case page."""
    uploads = [read_upload(storage) for storage in request.files.getlist(form.files.name) if storage.filename]
    problems = [f"{u.filename}: {translate(p)}" for u in uploads for p in upload_errors(u)]
    if not uploads:
        problems = [translate(NO_FILE)]
    if problems:
        raise InvalidInput("The document cannot be accepted.", errors={"files": problems})
    for upload in uploads:
        add_attachment(
            case,
            upload,
            form.doc_type.data,
            actor=current_user,
            now=now_utc(),
            is_confidential=bool(form.is_confidential.data),
            request_id=g.request_id,
        )
    return url_for("cases.show", case_id=case.id, _anchor="docs-h")


@bp.app_template_global()
def may_open_attachment(case: Case, attachment: Attachment) -> bool:
    """Templates: may the current user open this document?"""
    return may_open(current_user, case, attachment)


@bp.app_template_global()
def may_attach_documents(case: Case) -> bool:
    """Templates: may the current user add documents to this case?"""
    user = current_user
    return user.is_authenticated and user.has_role(*UPLOAD_ROLES) and can_view(user, case)


@bp.app_template_global()
def attachment_upload_form(case: Case) -> UploadForm:
    """Templates: a fresh upload form (with a new one-time token)."""
    return UploadForm(formdata=None)


@bp.app_template_global()
def doc_type_label(code: str) -> str:
    """Templates: the translated name of a document type."""
    return translate(DOC_TYPES.get(code, code))


@bp.app_template_filter()
def filesize(size: int) -> str:
    """A size in bytes as people read it."""
    if size < 1024:
        return _("%(n)s bytes", n=size)
    if size < 1024 * 1024:
        return _("%(n)s KB", n=f"{size / 1024:.0f}")
    return _("%(n)s MB", n=f"{size / (1024 * 1024):.1f}")
