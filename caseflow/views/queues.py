"""Queue tools: bulk assignment for leaders (reviewed, then one action per case) and saved filters."""

import sqlalchemy as sa
from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from caseflow.errors import CaseflowError, InvalidInput
from caseflow.extensions import db
from caseflow.models import Case
from caseflow.services.cases.bulk import assign_one, is_leader, outcome, parse_items
from caseflow.services.cases.candidates import handlers_for_all
from caseflow.services.cases.queues import LIST_OPTIONS
from caseflow.services.cases.saved_filters import delete_filter
from caseflow.services.cases.saved_filters import save_filter as save_named_filter
from caseflow.services.cases.scope import scope_filter
from caseflow.timeutil import now_utc
from caseflow.transaction import commit, each_committed, rollback
from caseflow.web.redirects import safe_next

bp = Blueprint("queues", __name__, url_prefix="/cases")


def _leader_only() -> None:
    """Bulk assignment is a leader's tool: 403 for anyone else."""
    if not is_leader(current_user):
        abort(403)


def _chosen_cases(items) -> list[Case]:
    """The chosen cases the leader may see, in the order chosen."""
    ids = [item.case_id for item in items]
    statement = scope_filter(current_user, sa.select(Case).where(Case.id.in_(ids))).options(*LIST_OPTIONS)
    found = {case.id: case for case in db.session.scalars(statement)}
    return [found[i] for i in ids if i in found]


@bp.get("/bulk-assign")
@login_required
def bulk_assign_review():
    """The chosen cases and the handler to give them to, before anything changes."""
    _leader_only()
    try:
        items = parse_items(request.args.getlist("case"))
    except InvalidInput as invalid:
        flash(_(invalid.detail), "error")
        return redirect(url_for("cases.queue", queue="unassigned"), 303)
    cases = _chosen_cases(items)
    handlers = handlers_for_all(cases, current_user)
    return render_template("cases/bulk_assign.html", cases=cases, handlers=handlers)


@bp.post("/bulk-assign")
@login_required
def bulk_assign():
    """Assign each chosen case through the action service; report each case's outcome."""
    _leader_only()
    try:
        items = parse_items(request.form.getlist("case"))
        assignee = int(request.form.get("assignee", ""))
    except (InvalidInput, ValueError):
        flash(_("Choose the cases and a handler."), "error")
        return redirect(url_for("cases.queue", queue="unassigned"), 303)
    note, now = request.form.get("note", "")[:5000], now_utc()
    done = each_committed(
        items,
        lambda item: assign_one(
            item, assignee=assignee, note=note, actor=current_user, now=now, request_id=g.request_id
        ),
        (CaseflowError,),
    )
    report = [outcome(item, result, error) for item, result, error in done]
    cases = {case.id: case for case in _chosen_cases(items)}
    return render_template("cases/bulk_result.html", report=report, cases=cases)


@bp.post("/saved-filters")
@login_required
def save_filter():
    """Save the current list view under a name, then show it."""
    arguments = {key[4:]: value for key, value in request.form.items() if key.startswith("arg-")}
    try:
        saved = save_named_filter(current_user, request.form.get("name", ""), arguments, now=now_utc())
    except InvalidInput as invalid:
        rollback()
        flash(_(invalid.detail), "error")
        return redirect(url_for("cases.queue", **arguments), 303)
    kept = dict(saved.arguments)
    commit()
    flash(_("Filter saved."), "success")
    return redirect(url_for("cases.queue", **kept), 303)


@bp.post("/saved-filters/<int:filter_id>/delete")
@login_required
def delete_filter_view(filter_id: int):
    """Delete one of the user's saved filters and go back to the list."""
    delete_filter(current_user, filter_id)
    commit()
    flash(_("Filter deleted."), "success")
    return redirect(safe_next(request.form.get("back")), 303)
