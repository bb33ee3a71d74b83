"""The start page after login: the official's queues with their counts."""

from flask import Blueprint, render_template
from flask_login import login_required

from caseflow.lists import QUEUES
from caseflow.views.layout import nav_counts

bp = Blueprint("home", __name__)


@bp.get("/")
@login_required
def index():
    """Counts of every queue for the logged-in user."""
    return render_template("home.html", counts=nav_counts(), queues=QUEUES)
