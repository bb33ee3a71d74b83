"""The start page after login: the official's queues with their counts."""

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from caseflow.lists import QUEUES
from caseflow.services.cases.queues import queue_counts
from caseflow.timeutil import now_utc

bp = Blueprint("home", __name__)


@bp.get("/")
@login_required
def index():
    """Counts of every queue for the logged-in user."""
    counts = queue_counts(current_user, now=now_utc())
    return render_template("home.html", counts=counts, queues=QUEUES)
