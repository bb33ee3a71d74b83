"""Inspection rounds (đợt kiểm tra): plan, conduct, follow up and close; a printable report."""

from flask import Blueprint, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from caseflow.errors import ConflictError, InvalidInput
from caseflow.i18n import translate
from caseflow.services.oversight import rounds as service
from caseflow.services.oversight.prolonged import require_inspector
from caseflow.timeutil import now_utc
from caseflow.transaction import commit, rollback
from caseflow.views.field_errors import show_errors
from caseflow.views.once import OnceField, attempt_once

bp = Blueprint("rounds", __name__, url_prefix="/inspector/rounds")

TEXT = Length(max=service.MAX_TEXT)
FAILURES = (InvalidInput, ConflictError)


class CheckboxesField(SelectMultipleField):
    """Several choices as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class PlanForm(FlaskForm):
    """Title, units, period and sample size of a new round."""

    title = StringField(_l("Title of the round"), validators=[DataRequired(), Length(max=service.MAX_TITLE)])
    units = CheckboxesField(_l("Units inspected"), coerce=int, validators=[DataRequired()])
    period_from = DateField(_l("Letters received from"), validators=[DataRequired()])
    period_to = DateField(_l("Letters received until"), validators=[DataRequired()])
    per_unit = IntegerField(
        _l("Cases sampled per unit"),
        default=service.SAMPLE_PER_UNIT,
        validators=[DataRequired(), NumberRange(1, service.MAX_PER_UNIT)],
    )
    form_token = OnceField()


class FindingsForm(FlaskForm):
    """Findings about a unit or a sampled case."""

    findings = TextAreaField(_l("Findings"), validators=[Optional(), TEXT])


class ActionForm(FlaskForm):
    """A corrective action: the unit, optionally a sampled case, what to do and by when."""

    unit = SelectField(_l("Unit"), coerce=int, validators=[DataRequired()])
    case = SelectField(_l("Sampled case (optional)"), coerce=int, validators=[Optional()])
    action = TextAreaField(_l("Corrective action"), validators=[DataRequired(), TEXT])
    due_on = DateField(_l("Due date for the correction"), validators=[DataRequired()])
    form_token = OnceField()


class DoneForm(FlaskForm):
    """When and how the unit carried out a corrective action."""

    done_on = DateField(_l("Done on"), validators=[DataRequired()])
    note = TextAreaField(_l("What the unit did"), validators=[DataRequired(), TEXT])


class ResampleForm(FlaskForm):
    """Sample a planned round's cases again, optionally with another size."""

    per_unit = IntegerField(
        _l("Cases sampled per unit"), validators=[Optional(), NumberRange(1, service.MAX_PER_UNIT)]
    )


class CancelForm(FlaskForm):
    """Why a planned round is cancelled."""

    reason = TextAreaField(_l("Why the round is cancelled"), validators=[DataRequired(), TEXT])


class CloseForm(FlaskForm):
    """The summary (conclusion) of the round, and forcing it closed with open actions."""

    summary = TextAreaField(_l("Summary of the round"), validators=[DataRequired(), TEXT])
    force = BooleanField(_l("Close even though corrective actions are still open"))
    force_reason = TextAreaField(_l("Why close with open corrective actions"), validators=[Optional(), TEXT])


@bp.before_request
@login_required
def _inspectors_only():
    """Anonymous visitors log in; other roles get 403."""
    require_inspector(current_user)


@bp.get("/")
def index():
    """Rounds of the inspector's subtree, open ones first."""
    rows = service.list_rounds(current_user, now_utc())
    return render_template("rounds/index.html", rows=rows, states=service.STATES)


@bp.route("/new", methods=["GET", "POST"])
def plan():
    """Plan a round: the system samples the cases when it is saved."""
    form = PlanForm()
    form.units.choices = [(u.id, f"{u.code} · {u.name}") for u in service.plannable_units(current_user)]
    if form.validate_on_submit():
        response = attempt_once(form, lambda: _plan(form))
        if response:
            return response
    return render_template("rounds/plan.html", form=form), 422 if form.errors else 200


@bp.get("/<int:round_id>")
def detail(round_id: int):
    """The round: units, sampled cases, corrective actions and the forms to conduct it."""
    return _page(round_id)


@bp.get("/<int:round_id>/report")
def report(round_id: int):
    """The printable round report."""
    view = service.round_view(round_id, current_user, now_utc())
    return render_template(
        "rounds/report.html", view=view, reasons=service.SAMPLE_REASONS, states=service.STATES
    )


@bp.post("/<int:round_id>/start")
def start(round_id: int):
    """Start a planned round."""
    return _run(
        round_id, lambda: service.start_round(round_id, current_user, now_utc()), _("The round started.")
    )


@bp.post("/<int:round_id>/resample")
def resample(round_id: int):
    """Sample a planned round's cases again."""
    form = ResampleForm(prefix="resample")
    if not form.validate_on_submit():
        return _page(round_id, resample_form=form)
    call = lambda: service.resample_round(  # noqa: E731
        round_id, current_user, now_utc(), per_unit=form.per_unit.data, request_id=g.request_id
    )
    return _run(round_id, call, _("The cases are sampled again."), form, resample_form=form)


@bp.post("/<int:round_id>/cancel")
def cancel(round_id: int):
    """Cancel a planned round with a reason."""
    form = CancelForm(prefix="cancel")
    if not form.validate_on_submit():
        return _page(round_id, cancel_form=form)
    call = lambda: service.cancel_round(round_id, current_user, now_utc(), form.reason.data)  # noqa: E731
    return _run(round_id, call, _("The round is cancelled."), form, cancel_form=form)


@bp.post("/<int:round_id>/units/<int:unit_id>/findings")
def unit_findings(round_id: int, unit_id: int):
    """Record the findings about one unit."""
    form = FindingsForm(prefix=f"u{unit_id}")
    if not form.validate_on_submit():
        return _page(round_id, unit_forms={unit_id: form})
    call = lambda: service.record_unit_findings(round_id, unit_id, current_user, form.findings.data)  # noqa: E731
    return _run(round_id, call, _("Findings recorded."), form, unit_forms={unit_id: form})


@bp.post("/<int:round_id>/cases/<int:case_id>/findings")
def case_findings(round_id: int, case_id: int):
    """Record the findings on one sampled case (written to its audit trail)."""
    form = FindingsForm(prefix=f"c{case_id}")
    if not form.validate_on_submit():
        return _page(round_id, case_forms={case_id: form})
    call = lambda: service.record_case_findings(  # noqa: E731
        round_id, case_id, current_user, now_utc(), form.findings.data, request_id=g.request_id
    )
    return _run(round_id, call, _("Findings recorded."), form, case_forms={case_id: form})


@bp.post("/<int:round_id>/actions")
def add_action(round_id: int):
    """Add a corrective action (once per form shown); the unit's leaders are notified."""
    view = service.round_view(round_id, current_user, now_utc())
    form = _action_form(view)
    if form.validate_on_submit():
        response = attempt_once(form, lambda: _add_action(round_id, form))
        if response:
            return response
    return _page(round_id, action_form=form)


@bp.post("/<int:round_id>/actions/<int:action_id>/done")
def action_done(round_id: int, action_id: int):
    """Mark a corrective action done."""
    form = DoneForm(prefix=f"a{action_id}")
    if not form.validate_on_submit():
        return _page(round_id, done_forms={action_id: form})
    call = lambda: service.complete_action(  # noqa: E731
        action_id, current_user, now_utc(), done_on=form.done_on.data, note=form.note.data
    )
    message = _("The corrective action is marked done.")
    return _run(round_id, call, message, form, done_forms={action_id: form})


@bp.post("/<int:round_id>/close")
def close(round_id: int):
    """Close the round with its summary."""
    form = CloseForm(prefix="close")
    if not form.validate_on_submit():
        return _page(round_id, close_form=form)
    data = form.data
    call = lambda: service.close_round(  # noqa: E731
        round_id,
        current_user,
        now_utc(),
        data["summary"],
        force=data["force"],
        force_reason=data["force_reason"],
    )
    return _run(round_id, call, _("The round is closed."), form, close_form=form)


def _plan(form: PlanForm) -> str:
    """Plan the round; where to go next."""
    planned = service.plan_round(
        current_user,
        now_utc(),
        title=form.title.data,
        unit_ids=form.units.data,
        period_from=form.period_from.data,
        period_to=form.period_to.data,
        per_unit=form.per_unit.data,
        request_id=g.request_id,
    )
    flash(_("The round is planned and its cases sampled."))
    return url_for(".detail", round_id=planned.id)


def _add_action(round_id: int, form: ActionForm) -> str:
    """Add the corrective action; where to go next."""
    service.add_corrective_action(
        round_id, current_user, now_utc(), unit_id=form.unit.data, case_id=form.case.data or None,
        action=form.action.data, due_on=form.due_on.data,
    )  # fmt: skip
    flash(_("The corrective action is added; the unit's leaders are notified."))
    return url_for(".detail", round_id=round_id, _anchor="actions")


def _run(round_id: int, call, message: str, form=None, **forms):
    """Call the service, commit once and go back to the round; a refusal shows the page with the errors."""
    try:
        call()
    except FAILURES as error:
        rollback()
        if form is None:
            flash(translate(error.detail), "error")
            return redirect(url_for(".detail", round_id=round_id), 303)
        show_errors(form, error)
        return _page(round_id, **forms)
    commit()
    flash(message)
    return redirect(url_for(".detail", round_id=round_id), 303)


def _action_form(view, formdata=True) -> ActionForm:
    """The corrective-action form with the round's units and sampled cases to choose from."""
    form = ActionForm(prefix="act") if formdata else ActionForm(prefix="act", formdata=None)
    form.unit.choices = [(unit.id, unit.name) for _, unit in view.units]
    form.case.choices = [(0, "—")] + [(case.id, case.tracking_code) for _, case in view.cases]
    return form


def _page(round_id: int, **overrides):
    """The round page (422 when a form has errors)."""
    view = service.round_view(round_id, current_user, now_utc())
    shown = {
        "unit_forms": _row_forms(view.units, "u", overrides.get("unit_forms", {})),
        "case_forms": _row_forms(view.cases, "c", overrides.get("case_forms", {})),
        "done_forms": {
            action.id: overrides.get("done_forms", {}).get(action.id)
            or DoneForm(prefix=f"a{action.id}", formdata=None, done_on=view.today)
            for action, _code in view.actions
        },
        "action_form": overrides.get("action_form") or _action_form(view, formdata=False),
        "close_form": overrides.get("close_form") or CloseForm(prefix="close", formdata=None),
        "resample_form": overrides.get("resample_form") or ResampleForm(prefix="resample", formdata=None),
        "cancel_form": overrides.get("cancel_form") or CancelForm(prefix="cancel", formdata=None),
    }
    failed = any(_has_errors(value) for value in overrides.values())
    can_edit = view.round.inspector_id == current_user.id
    context = {
        "view": view,
        "reasons": service.SAMPLE_REASONS,
        "states": service.STATES,
        "can_edit": can_edit,
    }
    return render_template("rounds/round.html", **context, **shown), 422 if failed else 200


def _row_forms(rows, prefix: str, posted: dict) -> dict:
    """A findings form per unit or case row, filled with what is recorded (or what was just posted)."""
    return {
        target.id: posted.get(target.id)
        or FindingsForm(prefix=f"{prefix}{target.id}", formdata=None, findings=row.findings)
        for row, target in rows
    }


def _has_errors(value) -> bool:
    """A form, or a dict of forms, with errors."""
    forms = value.values() if isinstance(value, dict) else [value]
    return any(form.errors for form in forms)
