"""Heads' reception schedules and public dialogues: pages over the schedule and public_dialogues services."""

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from caseflow.errors import InvalidInput
from caseflow.extensions import db
from caseflow.i18n import translate
from caseflow.models import Unit
from caseflow.services.cases.intake import INTAKE_ROLES
from caseflow.services.engagement import public_dialogues as dialogue_service
from caseflow.services.engagement import schedule as schedules
from caseflow.timeutil import local_date, now_utc
from caseflow.transaction import commit, rollback
from caseflow.views.engagement_forms import (
    AUDIENCES,
    DAY_STATES,
    HEAD_KINDS,
    ISSUE_STATES,
    DialogueForm,
    IssueForm,
    MarkForm,
    OpenCaseForm,
    ScheduleForm,
)
from caseflow.views.field_errors import show_errors
from caseflow.views.once import attempt_once, submit_once

bp = Blueprint("engagement", __name__)
LABELS = {
    "head_kinds": HEAD_KINDS,
    "day_states": DAY_STATES,
    "audiences": AUDIENCES,
    "issue_states": ISSUE_STATES,
}


@bp.route("/engagement/schedule", methods=["GET", "POST"])
@login_required
def schedule():
    """The heads' schedules in scope, their coming days, and the form for a new schedule."""
    form = ScheduleForm()
    form.head.choices = [(u.id, u.full_name) for u in schedules.unit_heads(current_user.unit)]
    if form.validate_on_submit():
        response = _create(form, lambda: _new_schedule(form))
        if response:
            return response
    today = local_date(now_utc())
    return render_template(
        "engagement/schedule.html",
        form=form,
        schedules=schedules.visible_schedules(current_user),
        may_manage=current_user.has_role(*schedules.MANAGERS),
        today=today,
        **LABELS,
    )


def _create(form, work):
    """Run a once-only creation; a refusal shows its errors (nested ones flattened) next to the fields."""
    return attempt_once(form, work, show=_show_flattened)


def _show_flattened(form, error) -> None:
    """Show a refusal whose messages may be nested lists or dicts."""
    error.errors = {name: _leaves(messages) for name, messages in (error.errors or {}).items()}
    show_errors(form, error)


def _leaves(messages) -> list[str]:
    """The messages of a field, those of list items (issue 2, day 3) included."""
    if isinstance(messages, dict):
        return [m for nested in messages.values() for m in _leaves(nested)]
    return list(messages) if isinstance(messages, list | tuple) else [str(messages)]


def _new_schedule(form: ScheduleForm) -> str:
    """Create the schedule; go to its page."""
    created = schedules.create_schedule(form.service_data(), actor=current_user, now=now_utc())
    flash(_("The reception schedule is recorded and its days planned."))
    return url_for(".schedule_detail", schedule_id=created.id)


@bp.route("/engagement/schedule/<int:schedule_id>")
@login_required
def schedule_detail(schedule_id: int):
    """One schedule: its days, whether each was published in time, held or missed."""
    item = schedules.get_schedule(schedule_id, current_user)
    days = schedules.days_of(item)
    return render_template(
        "engagement/schedule_detail.html",
        schedule=item,
        days=days,
        in_time={d.id: schedules.published_in_time(d) for d in days},
        may_manage=current_user.has_role(*schedules.MANAGERS),
        today=local_date(now_utc()),
        **LABELS,
    )


@bp.route("/engagement/schedule/<int:schedule_id>/publish", methods=["POST"])
@login_required
def publish(schedule_id: int):
    """Publish the schedule's coming days (publishing twice changes nothing)."""
    item = schedules.get_schedule(schedule_id, current_user)
    published = schedules.publish_days(item, actor=current_user, now=now_utc())
    commit()
    flash(_("%(count)d reception day(s) published.", count=len(published)))
    return redirect(url_for(".schedule_detail", schedule_id=item.id), 303)


@bp.route("/engagement/days/<int:day_id>", methods=["GET", "POST"])
@login_required
def day(day_id: int):
    """One reception day: mark it held, missed or cancelled; the sessions linked to it."""
    item = schedules.get_day(day_id, current_user)
    form = MarkForm(state=item.state if item.state != "planned" else "held", note=item.note)
    if form.validate_on_submit():
        try:
            schedules.mark_day(
                item, {"state": form.state.data, "note": form.note.data}, actor=current_user, now=now_utc()
            )
        except InvalidInput as error:
            rollback()
            show_errors(form, error)
        else:
            commit()
            flash(_("The reception day is marked."))
            return redirect(url_for(".day", day_id=item.id), 303)
    return _render_day(item, form)


def _render_day(item, form, link_error: str = ""):
    """The day page."""
    return render_template(
        "engagement/day.html",
        day=item,
        form=form,
        sessions=schedules.sessions_of(item),
        linkable=schedules.linkable_sessions(item),
        in_time=schedules.published_in_time(item),
        may_manage=current_user.has_role(*schedules.MANAGERS),
        link_error=link_error,
        **LABELS,
    )


@bp.route("/engagement/days/<int:day_id>/sessions", methods=["POST"])
@login_required
def link(day_id: int):
    """Link a reception session of the same date to the day."""
    item = schedules.get_day(day_id, current_user)
    session = next(
        (s for s in schedules.linkable_sessions(item) if s.id == request.form.get("session", type=int)), None
    )
    if session is None:
        return _render_day(item, MarkForm(), _("Choose a session of the same unit and date.")), 422
    try:
        schedules.link_session(session, item, actor=current_user, now=now_utc())
    except InvalidInput as error:
        rollback()
        return _render_day(item, MarkForm(), translate(error.detail)), 422
    commit()
    flash(_("The session is linked to the reception day."))
    return redirect(url_for(".day", day_id=item.id), 303)


@bp.route("/public/schedule")
def public_schedule():
    """The heads' reception days published at least 5 working days ahead (no login)."""
    code = request.args.get("unit")
    unit = db.session.scalar(sa.select(Unit).where(Unit.code == code)) if code else None
    days = schedules.public_days(local_date(now_utc()), unit_id=unit.id if unit else None)
    return render_template("engagement/public_schedule.html", days=days, unit=unit, **LABELS)


@bp.route("/engagement/dialogues", methods=["GET", "POST"])
@login_required
def dialogues():
    """Public dialogues in scope, newest first, and the form to record one."""
    form = DialogueForm()
    if form.validate_on_submit():
        response = _create(form, lambda: _new_dialogue(form))
        if response:
            return response
    items = list(db.session.scalars(dialogue_service.visible_dialogues(current_user).limit(200)))
    may_record = current_user.has_role(*dialogue_service.RECORDERS)
    return render_template(
        "engagement/dialogues.html", form=form, items=items, may_record=may_record, **LABELS
    )


def _new_dialogue(form: DialogueForm) -> str:
    """Record the dialogue; go to its page."""
    created = dialogue_service.record_dialogue(form.service_data(), actor=current_user, now=now_utc())
    flash(_("The public dialogue is recorded."))
    return url_for(".dialogue", dialogue_id=created.id)


@bp.route("/engagement/dialogues/<int:dialogue_id>", methods=["GET", "POST"])
@login_required
def dialogue(dialogue_id: int):
    """One dialogue: its minutes, its issues and where each stands; add an issue."""
    item = dialogue_service.get_dialogue(dialogue_id, current_user)
    form = IssueForm()
    if form.validate_on_submit():
        response = _create(form, lambda: _new_issue(item, form))
        if response:
            return response
    issues = dialogue_service.issues_of(item, local_date(now_utc()))
    return render_template(
        "engagement/dialogue.html",
        dialogue=item,
        form=form,
        issues=issues,
        case_forms={row.issue.id: OpenCaseForm(formdata=None) for row in issues},
        may_record=current_user.has_role(*dialogue_service.RECORDERS),
        may_open_case=current_user.has_role(*INTAKE_ROLES),
        **LABELS,
    )


def _new_issue(item, form: IssueForm) -> str:
    """Add the issue; back to the dialogue."""
    issue = dialogue_service.add_issue(item, form.service_data(), actor=current_user, now=now_utc())
    flash(_("The issue is added."))
    return url_for(".dialogue", dialogue_id=item.id, _anchor=f"issue-{issue.seq}")


@bp.route("/engagement/dialogues/<int:dialogue_id>/issues/<int:issue_id>/case", methods=["POST"])
@login_required
def open_case(dialogue_id: int, issue_id: int):
    """Turn an issue into a petition case, once; a double submit goes where the first went."""
    item = dialogue_service.get_dialogue(dialogue_id, current_user)
    issue = dialogue_service.get_issue(item, issue_id)
    form = OpenCaseForm()
    if not form.validate_on_submit():
        return redirect(url_for(".dialogue", dialogue_id=item.id), 303)
    return submit_once(form, lambda: _case_of(issue))


def _case_of(issue) -> str:
    """Create the case; go to it."""
    case = dialogue_service.open_case(issue, actor=current_user, now=now_utc())
    flash(_("Case %(code)s was created from the issue.", code=case.tracking_code))
    return url_for("cases.show", case_id=case.id)
