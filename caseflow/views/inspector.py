"""The inspector's pages: prolonged cases, inspections (open, urge, close) and the audit trail of a case."""

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from caseflow.errors import InvalidInput
from caseflow.services.oversight import inspection as service
from caseflow.services.oversight.prolonged import case_reasons, require_inspector
from caseflow.timeutil import local_date, now_utc
from caseflow.views.once import OnceField, attempt_once

bp = Blueprint("inspector", __name__, url_prefix="/inspector")

PAGE_SIZE = 50
TEXT = Length(max=service.MAX_TEXT)


class DashboardFilters(FlaskForm):
    """Reason and unit above the list (GET, so no CSRF token)."""

    class Meta:
        csrf = False

    reason = SelectField(_l("Reason"), validators=[Optional()])
    unit = SelectField(_l("Unit"), validators=[Optional()])

    def fill(self, units) -> None:
        """Offer the reasons and the units that have prolonged cases."""
        self.reason.choices = [("", _l("Any reason"))] + [(k, _l(v)) for k, v in service.REASONS.items()]
        self.unit.choices = [("", _l("Every unit"))] + [(str(u.unit_id), u.name) for u in units]


class OpenInspectionForm(FlaskForm):
    """Findings, recommendation and the date the unit must answer by."""

    findings = TextAreaField(_l("Inspection findings"), validators=[DataRequired(), TEXT])
    recommendation = TextAreaField(_l("Recommendation"), validators=[Optional(), TEXT])
    due_on = DateField(_l("Due date for the unit"), validators=[Optional()])
    form_token = OnceField()


class UrgeForm(FlaskForm):
    """The message sent to the unit's leaders and the handler."""

    message = TextAreaField(_l("Message to the unit"), validators=[DataRequired(), TEXT])
    form_token = OnceField()


class CloseForm(FlaskForm):
    """The result of the inspection."""

    result = TextAreaField(_l("Result"), validators=[DataRequired(), TEXT])
    form_token = OnceField()


@bp.before_request
@login_required
def _inspectors_only():
    """Anonymous visitors log in; other roles get 403."""
    require_inspector(current_user)


@bp.get("/")
def dashboard():
    """Prolonged cases with their reasons, counts per reason and unit, and the open inspections."""
    filters = DashboardFilters(request.args)
    page, error = None, None
    try:
        page = service.prolonged_cases(
            current_user,
            now_utc(),
            reason=request.args.get("reason") or None,
            unit_id=_selected_unit(),
            limit=PAGE_SIZE,
            cursor=request.args.get("cursor") or None,
        )
    except InvalidInput as invalid:
        error = invalid
    filters.fill(page.units if page else [])
    open_list = service.inspections(current_user, limit=20)
    context = {"page": page, "error": error, "filters": filters, "open_list": open_list}
    context["selected_unit"] = _selected_unit()
    return render_template("inspector/dashboard.html", reasons=service.REASONS, **context)


@bp.get("/inspections")
def inspections():
    """Open or closed inspections in the inspector's subtree."""
    is_open = request.args.get("state", "open") != "closed"
    rows = service.inspections(current_user, is_open=is_open)
    return render_template("inspector/inspections.html", rows=rows, is_open=is_open)


@bp.route("/cases/<int:case_id>", methods=["GET", "POST"])
def case(case_id: int):
    """A case seen by the inspector: why it is listed, open an inspection, urge its unit."""
    found = service.case_for_inspector(case_id, current_user)
    existing = service.open_inspection_id(found)
    if existing and request.method == "GET":
        return redirect(url_for(".inspection", inspection_id=existing))
    form, urge_form = OpenInspectionForm(), UrgeForm(prefix="urge")
    if form.validate_on_submit():
        response = attempt_once(form, lambda: _open(case_id, form))
        if response:
            return response
    return _case_page(found, form, urge_form)


@bp.post("/cases/<int:case_id>/urge")
def urge_case(case_id: int):
    """Urge the unit on a case without an inspection."""
    found = service.case_for_inspector(case_id, current_user)
    form, urge_form = OpenInspectionForm(formdata=None), UrgeForm(prefix="urge")
    if urge_form.validate_on_submit():
        target = url_for(".case", case_id=case_id)
        response = attempt_once(urge_form, lambda: _urge(target, urge_form.message.data, case_id=case_id))
        if response:
            return response
    return _case_page(found, form, urge_form)


@bp.get("/inspections/<int:inspection_id>")
def inspection(inspection_id: int):
    """One inspection: its case, findings, urges, result, and the case's recent audit trail."""
    return _inspection_page(inspection_id, UrgeForm(prefix="urge"), CloseForm(prefix="close"))


@bp.post("/inspections/<int:inspection_id>/urge")
def urge(inspection_id: int):
    """Urge the unit; notifications go to its leaders and the handler."""
    service.get_inspection(inspection_id, current_user)
    urge_form = UrgeForm(prefix="urge")
    if urge_form.validate_on_submit():
        target = url_for(".inspection", inspection_id=inspection_id)
        work = lambda: _urge(target, urge_form.message.data, inspection_id=inspection_id)  # noqa: E731
        response = attempt_once(urge_form, work)
        if response:
            return response
    return _inspection_page(inspection_id, urge_form, CloseForm(prefix="close", formdata=None))


@bp.post("/inspections/<int:inspection_id>/close")
def close(inspection_id: int):
    """Close the inspection with its result."""
    service.get_inspection(inspection_id, current_user)
    close_form = CloseForm(prefix="close")
    if close_form.validate_on_submit():
        response = attempt_once(close_form, lambda: _close(inspection_id, close_form))
        if response:
            return response
    return _inspection_page(inspection_id, UrgeForm(prefix="urge", formdata=None), close_form)


def _selected_unit() -> int | None:
    """The unit chosen in the filters, if any."""
    return request.args.get("unit", type=int)


def _open(case_id: int, form: OpenInspectionForm) -> str:
    """Open the inspection; where to go next."""
    opened = service.open_inspection(
        case_id,
        current_user,
        now_utc(),
        form.findings.data,
        form.recommendation.data or "",
        form.due_on.data,
        request_id=g.request_id,
    )
    return url_for(".inspection", inspection_id=opened.id)


def _urge(target: str, message: str, **which) -> str:
    """Urge the unit; where to go next."""
    service.urge(inspector=current_user, now=now_utc(), message=message, request_id=g.request_id, **which)
    flash(_("The unit's leaders and the handler were urged."))
    return target


def _close(inspection_id: int, form: CloseForm) -> str:
    """Close the inspection; where to go next."""
    service.close_inspection(
        inspection_id, current_user, now_utc(), form.result.data, request_id=g.request_id
    )
    flash(_("The inspection is closed."))
    return url_for(".inspection", inspection_id=inspection_id)


def _case_page(found, form, urge_form):
    """The case page of the inspector, 422 when a form has errors."""
    now = now_utc()
    context = {
        "case": found,
        "form": form,
        "urge_form": urge_form,
        "reasons": case_reasons(current_user, found, now),
        "age_days": (local_date(now) - found.received_on).days,
        "events": service.recent_events(found),
        "reason_titles": service.REASONS,
    }
    status = 422 if form.errors or urge_form.errors else 200
    return render_template("inspector/case.html", **context), status


def _inspection_page(inspection_id: int, urge_form, close_form):
    """The inspection page, 422 when a form has errors."""
    found = service.get_inspection(inspection_id, current_user)
    case = service.case_for_inspector(found.case_id, current_user)
    context = {
        "inspection": found,
        "case": case,
        "urge_form": urge_form,
        "close_form": close_form,
        "events": service.recent_events(case),
        "age_days": (local_date(now_utc()) - case.received_on).days,
        "reason_titles": service.REASONS,
    }
    status = 422 if urge_form.errors or close_form.errors else 200
    return render_template("inspector/inspection.html", **context), status
