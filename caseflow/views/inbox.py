"""The inbox: the user's notifications, read marks and the daily digest preference."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from caseflow.errors import InvalidInput
from caseflow.services.notices import inbox as service
from caseflow.timeutil import now_utc
from caseflow.transaction import commit

bp = Blueprint("inbox", __name__, url_prefix="/inbox")


@bp.before_request
@login_required
def _logged_in():
    """Every official has an inbox; visitors log in first."""


@bp.get("/")
def index():
    """The user's notifications, newest first, unread ones highlighted."""
    error = None
    try:
        page = service.inbox_page(current_user, cursor=request.args.get("cursor"))
    except InvalidInput as invalid:
        error, page = invalid, service.inbox_page(current_user)
    return render_template(
        "inbox/index.html", page=page, error=error, notice_subject=service.localized_subject
    )


@bp.post("/<int:notification_id>/read")
def read(notification_id: int):
    """Mark one notification read; back to the same page of the inbox."""
    service.mark_read(current_user, notification_id, now=now_utc())
    commit()
    return _back()


@bp.post("/read-all")
def read_all():
    """Mark every notification read."""
    count = service.mark_all_read(current_user, now=now_utc())
    commit()
    flash(_("%(count)d notification(s) marked read.", count=count), "success")
    return _back()


@bp.post("/digest")
def digest():
    """Switch between one e-mail per notification and one daily digest."""
    wants = request.form.get("wants_digest") == "1"
    service.set_digest(current_user, wants)
    commit()
    if wants:
        flash(_("You will receive one summary e-mail a day."), "success")
    else:
        flash(_("You will receive one e-mail per notification."), "success")
    return _back()


def _back():
    """Redirect (303) to the inbox page the form was on."""
    cursor = request.form.get("cursor", "")
    return redirect(url_for("inbox.index", cursor=cursor if cursor.isdigit() else None), 303)
