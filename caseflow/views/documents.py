"""Official documents of a case (issue, print, DOCX) and the national database export page."""

import io
import uuid

import sqlalchemy as sa
from flask import Blueprint, Response, g, render_template, request, send_file, stream_with_context, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, HiddenField, SelectField
from wtforms.validators import DataRequired, Optional

from caseflow.errors import NotFound, PermissionDenied
from caseflow.extensions import begin_write, db
from caseflow.i18n import N_, translate
from caseflow.models import Case, IssuedDocument, Role, Unit
from caseflow.services.cases.scope import can_view, subtree_unit_ids
from caseflow.services.documents import issuing as service
from caseflow.services.documents.composer import compose
from caseflow.services.documents.docx_file import DOCX_TYPE, to_docx
from caseflow.services.documents.text import MOTTO
from caseflow.services.reports import national_export
from caseflow.timeutil import local_date, now_utc
from caseflow.transaction import commit
from caseflow.views.once import OnceField, submit_once

bp = Blueprint("documents", __name__)

EXPORT_ROLES = (Role.LEADER, Role.INSPECTOR)
EXPORT_REFUSED = N_("Only leaders and inspectors export data for the national database.")


class IssueForm(FlaskForm):
    """Issue one kind of document to one addressee (again: with a new number)."""

    form_token = OnceField()
    kind = HiddenField(validators=[DataRequired()])
    addressee = SelectField(_l("Addressed to"), choices=[(k, _l(v)) for k, v in service.ADDRESSEES.items()])
    again = BooleanField(_l("Issue again with a new number"))


@bp.before_request
def _declare_write() -> None:
    """Opening a document that names a denouncer writes an audit event: begin as a write."""
    if request.endpoint in ("documents.show", "documents.docx"):
        begin_write()


@bp.get("/cases/<int:case_id>/documents")
@login_required
def index(case_id: int):
    """The case's issued documents and the ones the user may issue now."""
    return render_template("documents/index.html", case=_case(case_id))


@bp.post("/cases/<int:case_id>/documents")
@login_required
def issue(case_id: int):
    """Number and date a document, then show it for printing."""
    case = _case(case_id)
    form = IssueForm()
    if not form.validate_on_submit():
        return render_template("documents/index.html", case=case, form_errors=form.errors), 422
    return submit_once(form, lambda: _issue(case, form))


def _issue(case: Case, form: IssueForm) -> str:
    """Issue through the service; go to the document."""
    document = service.issue_document(
        case.id,
        form.kind.data,
        addressee=form.addressee.data,
        actor=current_user,
        now=now_utc(),
        again=bool(form.again.data),
        request_id=g.request_id,
    )
    return url_for(".show", document_id=document.id)


@bp.get("/documents/<int:document_id>")
@login_required
def show(document_id: int):
    """The printable document (the same number every time it is printed)."""
    document, case, official = _open(document_id)
    page = render_template(
        "documents/print.html", case=case, document=document, official=official, motto=MOTTO
    )
    commit()
    return _private(Response(page, mimetype="text/html"))


@bp.get("/documents/<int:document_id>/docx")
@login_required
def docx(document_id: int):
    """The document as DOCX."""
    _document, _case_, official = _open(document_id)
    data = to_docx(official)
    commit()
    response = send_file(
        io.BytesIO(data), mimetype=DOCX_TYPE, as_attachment=True, download_name=official.filename, max_age=0
    )
    return _private(response)


def _open(document_id: int):
    """The document composed for the viewer; a read of a denouncer's identity is audited."""
    document, case = service.document_for(document_id, current_user)
    official = compose(document, case, viewer=current_user)
    if official.reveals_identity:
        now = now_utc()
        service.record_identity_read(case, document, viewer=current_user, now=now, request_id=g.request_id)
    return document, case, official


def _private(response: Response) -> Response:
    """Documents are never cached."""
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _case(case_id: int) -> Case:
    """The case if the user may see it (404 otherwise)."""
    case = db.session.get(Case, case_id)
    if case is None or not can_view(current_user, case):
        raise NotFound("No such case.")
    return case


@bp.app_template_global()
def case_documents(case: Case) -> list[IssuedDocument]:
    """Templates: the documents issued on the case."""
    return service.issued_documents(case)


@bp.app_template_global()
def issuable_documents(case: Case) -> list[service.Issuable]:
    """Templates: what the current user may issue on the case now."""
    return service.issuable(case, current_user) if current_user.is_authenticated else []


@bp.app_template_global()
def document_form_token() -> str:
    """Templates: a one-time token for one issue form."""
    return uuid.uuid4().hex


@bp.app_template_global()
def document_kind_label(code: str) -> str:
    """Templates: the translated name of a kind of document."""
    kind = service.KINDS.get(code)
    return translate(kind.label) if kind else code


@bp.app_template_global()
def addressee_label(code: str) -> str:
    """Templates: the translated name of an addressee."""
    return translate(service.ADDRESSEES.get(code, code))


class ExportForm(FlaskForm):
    """The national export's period, unit and format (GET, no CSRF token)."""

    class Meta:
        csrf = False

    start = DateField(_l("From"), validators=[DataRequired()])
    end = DateField(_l("To"), validators=[DataRequired()])
    unit = SelectField(_l("Unit"), validators=[Optional()])
    format = SelectField(_l("Format"), choices=[("json", "JSON"), ("csv", "CSV")], default="json")


@bp.get("/exports/national")
@login_required
def national():
    """The export page; with `download` the file itself, streamed."""
    if not current_user.has_role(*EXPORT_ROLES):
        raise PermissionDenied(EXPORT_REFUSED)
    form = ExportForm(request.args)
    form.unit.choices = _unit_choices()
    if not request.args:
        today = local_date(now_utc())
        form.start.data, form.end.data = today.replace(month=1, day=1), today
    elif form.validate():
        if form.end.data >= form.start.data:
            return _download(form)
        form.end.errors.append(_l("The end of the period comes before its start."))
    return render_template("documents/national.html", form=form)


def _unit_choices() -> list[tuple[str, str]]:
    """The units of the user's subtree, the user's own first."""
    units = db.session.scalars(
        sa.select(Unit).where(Unit.id.in_(subtree_unit_ids(current_user.unit))).order_by(Unit.path)
    )
    return [(unit.code, f"{unit.code} — {unit.name}") for unit in units]


def _download(form: ExportForm) -> Response:
    """Stream the export of the chosen unit's subtree (the user's own unit by default)."""
    code = form.unit.data or current_user.unit.code
    unit = db.session.scalars(sa.select(Unit).where(Unit.code == code)).first()
    start, end = form.start.data, form.end.data
    period = national_export.Period(start, end, unit)
    chunks, mimetype = national_export.FORMATS[form.format.data]
    body = chunks(period, now=now_utc(), counts=national_export.Counts())
    name = f"csdl-quoc-gia-{unit.code}-{start:%Y%m%d}-{end:%Y%m%d}.{form.format.data}"
    response = Response(stream_with_context(body), mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return _private(response)
