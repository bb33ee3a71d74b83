"""Queues and the case page: lists, search, the case's record and the forms of its actions."""

from flask import Blueprint, abort, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField
from wtforms.validators import Length, Optional

from caseflow.errors import InvalidInput
from caseflow.labels import channel_label, label
from caseflow.models import CaseField, CaseKind, CaseStatus, Channel
from caseflow.services.queues import QUEUES, list_queue
from caseflow.timeutil import now_utc

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
    received_from = DateField(_l("Received from"), validators=[Optional()])
    received_to = DateField(_l("Received until"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = _choices(CaseKind)
        self.field.choices = _choices(CaseField)
        self.status.choices = _choices(CaseStatus)
        self.channel.choices = _choices(Channel, channel_label)

    def filters(self) -> dict:
        """The chosen filters for the queue service."""
        names = ("kind", "field", "status", "channel", "received_from", "received_to")
        return {name: getattr(self, name).data for name in names if getattr(self, name).data}


@bp.get("/")
@login_required
def queue():
    """A queue (or every visible case with queue=all), filtered, searched and paged by due date."""
    name = request.args.get("queue", "mine")
    if name != "all" and name not in QUEUES:
        abort(404)
    form = QueueFilters(request.args)
    page, error = None, None
    if form.validate():
        try:
            page = list_queue(
                current_user,
                None if name == "all" else name,
                now=now_utc(),
                filters=form.filters(),
                query=form.q.data or "",
                limit=PAGE_SIZE,
                cursor=request.args.get("cursor") or None,
            )
        except InvalidInput as invalid:
            error = invalid
    return render_template("cases/queue.html", queue=name, form=form, page=page, error=error)


@bp.get("/<int:case_id>")
@login_required
def show(case_id: int):
    """The case page."""
    abort(404)
