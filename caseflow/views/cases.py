"""Queues and the case page: lists, search, the case's record and the forms of its actions."""

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField
from wtforms.validators import Length, Optional

from caseflow.errors import GuardFailed, InvalidInput, NotFound, StaleCase, TransitionNotAllowed
from caseflow.labels import action_label, channel_label, label
from caseflow.lists import QUEUES
from caseflow.models import CaseField, CaseKind, CaseStatus, Channel
from caseflow.services.cases.actions import allowed_actions, perform_action
from caseflow.services.cases.bulk import is_leader
from caseflow.services.cases.casefile import (
    case_attachments,
    case_page_data,
    case_record,
    current_actor,
    latest_event,
    next_step,
    timeline,
)
from caseflow.services.cases.deadlines import explain_clock
from caseflow.services.cases.identity import (
    content_view,
    is_protected,
    may_see_identity,
    party_view,
    reveal_identity,
)
from caseflow.services.cases.queues import DEFAULT_SORT, due_badge, list_queue
from caseflow.services.cases.saved_filters import saved_filters
from caseflow.services.reception.pins import may_reissue_pin
from caseflow.timeutil import local_date, now_utc
from caseflow.transaction import commit, rollback
from caseflow.views.action_forms import build_form, parse_effective_on, parse_form
from caseflow.views.report_links import report_figure

bp = Blueprint("cases", __name__, url_prefix="/cases")

PAGE_SIZE = 50


def _choices(values, word=label) -> list[tuple[str, str]]:
    """Select options for an enum, with an empty 'any' first."""
    return [("", _l("Any"))] + [(v.value, word(v)) for v in values]


class QueueFilters(FlaskForm):
    """The filters above a queue (GET, so no CSRF token)."""

    class Meta:
        csrf = False

    q = StringField(_l("Search"), validators=[Optional(), Length(max=200)])
    kind = SelectField(_l("Kind"), validators=[Optional()])
    field = SelectField(_l("Field"), validators=[Optional()])
    status = SelectField(_l("Status"), validators=[Optional()])
    channel = SelectField(_l("Channel"), validators=[Optional()])
    received_from = DateField(_l("Received on or after"), validators=[Optional()])
    received_to = DateField(_l("Received on or before"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = _choices(CaseKind)
        self.field.choices = _choices(CaseField)
        self.status.choices = _choices(CaseStatus)
        self.channel.choices = _choices(Channel, channel_label)

    def active(self) -> list[tuple[str, str]]:
        """The chosen filters in words (label, value) for the collapsed summary."""
        shown = []
        for name in ("kind", "field", "status", "channel"):
            chosen = getattr(self, name)
            if chosen.data:
                shown.append((chosen.label.text, dict(chosen.choices).get(chosen.data, chosen.data)))
        for name in ("received_from", "received_to"):
            chosen = getattr(self, name)
            if chosen.data:
                shown.append((chosen.label.text, chosen.data.strftime("%d/%m/%Y")))
        return shown

    def filters(self) -> dict:
        """The chosen filters for the queue service."""
        names = ("kind", "field", "status", "channel", "received_from", "received_to")
        return {name: getattr(self, name).data for name in names if getattr(self, name).data}


@bp.get("/")
@login_required
def queue():
    """A queue (or every visible case with queue=all), filtered, searched, sorted and paged."""
    name = request.args.get("queue", "mine")
    if name != "all" and name not in QUEUES:
        abort(404)
    form = QueueFilters(request.args)
    sort = request.args.get("sort") or DEFAULT_SORT
    page, error, figure = None, None, None
    if form.validate():
        try:
            filters = form.filters()
            if request.args.get("report"):
                figure = report_figure(current_user, request.args)
                filters["within"] = figure.cases
            page = list_queue(
                current_user,
                None if name == "all" else name,
                now=now_utc(),
                filters=filters,
                query=form.q.data or "",
                limit=PAGE_SIZE,
                cursor=request.args.get("cursor") or None,
                sort=sort,
            )
        except (InvalidInput, NotFound) as invalid:
            error = invalid
    return render_template(
        "cases/queue.html",
        queue=name,
        form=form,
        page=page,
        error=error,
        sort=sort,
        active=form.active(),
        today=local_date(now_utc()),
        due_badge=due_badge,
        current_actor=current_actor,
        figure=figure,
        saved=[] if figure else saved_filters(current_user),  # a figure's list is reached from its report
        may_assign=is_leader(current_user),
    )


@bp.get("/<int:case_id>")
@login_required
def show(case_id: int):
    """The case page: summary, parties, clocks, documents, timeline and the viewer's actions."""
    return render_case(load_case(case_id))


@bp.post("/<int:case_id>/actions/<action>")
@login_required
def act(case_id: int, action: str):
    """Run one action from its form; on refusal show the page again with the typed values kept."""
    case = load_case(case_id)
    try:
        version = int(request.form.get("version", ""))
    except ValueError:
        version = -1
    try:
        result = perform_action(
            case_id, action, actor=current_user, now=now_utc(), params=parse_form(case, action, request.form),
            expected_version=version, request_id=g.request_id, effective_on=parse_effective_on(request.form),
        )
    except StaleCase:
        rollback()
        return _stale(case_id, action)
    except (InvalidInput, GuardFailed, TransitionNotAllowed) as refusal:
        rollback()
        return render_case(load_case(case_id), open_action=action, refusal=refusal), refusal.status_code
    commit()
    flash(_("Done: %(action)s.", action=action_label(action)), "success")
    return redirect(url_for("cases.show", case_id=result.case.id), 303)


def _stale(case_id: int, action: str):
    """The case changed under the form: say so, keep what was typed, offer the fresh version."""
    case = load_case(case_id)
    latest = latest_event(case)
    if latest and latest.actor_user_id == current_user.id and latest.action == action and _recent(latest):
        flash(_("This was already done: %(action)s.", action=action_label(action)), "success")
        return redirect(url_for("cases.show", case_id=case_id), 303)
    return render_case(case, open_action=action, refusal=StaleCase(), stale=True), 409


def _recent(event) -> bool:
    """True for an event of the last two minutes (a double submit, not a colleague's work)."""
    return (now_utc() - event.created_dt).total_seconds() < 120


@bp.post("/<int:case_id>/identity")
@login_required
def identity(case_id: int):
    """Show the denouncer's identity to a permitted viewer; the read is recorded in the audit trail."""
    case = load_case(case_id)
    revealed = reveal_identity(case, viewer=current_user, now=now_utc(), request_id=g.request_id)
    commit()
    return render_case(load_case(case_id), revealed={row["id"]: row for row in revealed})


def load_case(case_id: int):
    """The case if the user may see it; 404 otherwise (an out-of-scope case does not exist for them)."""
    case = case_page_data(case_id, current_user)
    if case is None:
        abort(404)
    return case


def render_case(case, *, open_action: str | None = None, refusal=None, stale: bool = False, revealed=None):
    """The case page, optionally with one action's form reopened with the user's input and errors."""
    actions = allowed_actions(case, current_user)
    values = request.form if open_action else None
    errors = getattr(refusal, "errors", None) if open_action else None
    step = next_step(case)
    ordered = sorted(actions, key=lambda name: name != step.action)  # the usual next action first
    forms = {
        name: build_form(case, name, current_user, values if name == open_action else None,
                         errors if name == open_action else None)
        for name in ordered
    }
    clocks = [(clock, explain_clock(clock)) for clock in case.deadlines]
    vietnamese = str(get_locale() or "vi") == "vi"
    titles = {clock.rule_id: why["title_vi"] if vietnamese else why["title"] for clock, why in clocks}
    return render_template(
        "cases/show.html",
        case=case,
        parties=[party_view(case, party) for party in case.parties],
        may_reveal=may_see_identity(current_user, case) and any(is_protected(case, p) for p in case.parties),
        revealed=revealed or {},
        content=case.content if revealed else content_view(case),
        clocks=clocks,
        entries=timeline(case, titles),
        record=case_record(case),
        step=step,
        primary=step.action if step.action in forms else None,
        attachments=case_attachments(case),
        forms=forms,
        open_action=open_action,
        refusal=refusal,
        stale=stale,
        version=case.version,
        may_reissue_pin=may_reissue_pin(current_user),
    )
