"""The public register of decisions, the citizen's rating form, the desk's rating and legal-aid forms on the
case page, and the satisfaction and legal-aid summary page."""

from datetime import date

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from caseflow.api.core import refuse_nul
from caseflow.errors import ConflictError, GuardFailed, InvalidInput, NotFound
from caseflow.extensions import db
from caseflow.i18n import translate
from caseflow.models import Case
from caseflow.services.engagement import legal_aid, ratings, register
from caseflow.timeutil import local_date, now_utc
from caseflow.transaction import commit, rollback
from caseflow.views.cases import load_case, render_case
from caseflow.views.field_errors import show_errors
from caseflow.web.ratelimit import check_rate

bp = Blueprint("register", __name__)
bp.before_request(refuse_nul)
SCORES = [(str(n), str(n)) for n in range(5, 0, -1)]
KINDS = {"decision": _l("Complaint decision"), "conclusion": _l("Denunciation conclusion")}
REFUSALS = (InvalidInput, GuardFailed, ConflictError)


class RatingForm(FlaskForm):
    """The citizen's rating: code and PIN of the receipt, a score and a comment."""

    tracking_code = StringField(_l("Tracking code"), validators=[DataRequired(), Length(max=32)])
    pin = PasswordField(_l("PIN"), validators=[DataRequired(), Length(max=32)])
    score = RadioField(
        _l("How satisfied are you with the handling?"), choices=SCORES, validators=[DataRequired()]
    )
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=ratings.MAX_COMMENT)])


class DeskRatingForm(FlaskForm):
    """A rating the citizen gave at the desk."""

    score = SelectField(_l("Satisfaction score"), choices=SCORES, validators=[DataRequired()])
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=ratings.MAX_COMMENT)])


class LegalAidForm(FlaskForm):
    """When legal aid was given and to whom."""

    given_to = StringField(_l("Given to"), validators=[DataRequired(), Length(max=legal_aid.MAX_GIVEN_TO)])
    given_on = DateField(_l("Given on"), validators=[DataRequired()])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=legal_aid.MAX_NOTE)])


class RegisterFilters(FlaskForm):
    """Search the register (GET, no CSRF token)."""

    class Meta:
        csrf = False

    q = StringField(_l("Search"), validators=[Optional(), Length(max=200)])
    unit = SelectField(_l("Unit"), validators=[Optional()])
    kind = SelectField(_l("Kind"), validators=[Optional()])
    year = IntegerField(_l("Year"), validators=[Optional(), NumberRange(min=1990, max=2100)])


class PeriodForm(FlaskForm):
    """A period (GET, no CSRF token)."""

    class Meta:
        csrf = False

    start = DateField(_l("From"), validators=[Optional()])
    end = DateField(_l("To"), validators=[Optional()])


@bp.get("/public/decisions")
def decisions():
    """The public register: published decisions and conclusions, searchable, newest first."""
    filters = RegisterFilters(request.args)
    filters.unit.choices = [("", _("All units"))] + [(u.code, u.name) for u in register.register_units()]
    filters.kind.choices = [("", _("All kinds"))] + [(k, str(v)) for k, v in KINDS.items()]
    if not filters.validate():
        return render_template("register/decisions.html", filters=filters, page=None), 422
    try:
        page = register.published_decisions(
            today=local_date(now_utc()), q=filters.q.data or "", unit_code=filters.unit.data or None,
            kind=filters.kind.data or None, year=filters.year.data, cursor=request.args.get("cursor") or None,
        )  # fmt: skip
    except InvalidInput as refusal:
        show_errors(filters, refusal)
        return render_template("register/decisions.html", filters=filters, page=None), 422
    return render_template("register/decisions.html", filters=filters, page=page, kinds=KINDS)


@bp.route("/public/track/rating", methods=["GET", "POST"])
def rate():
    """The citizen rates a finished case with the code and PIN of the receipt."""
    form = RatingForm()
    if not form.validate_on_submit():
        return render_template("register/rate.html", form=form), 422 if form.errors else 200
    check_rate("track", request.remote_addr or "")
    try:
        ratings.rate_online(
            form.tracking_code.data, form.pin.data, score=form.score.data, comment=form.comment.data or "",
            now=now_utc(), request_id=g.request_id,
        )  # fmt: skip
    except (NotFound, *REFUSALS) as refusal:
        rollback()
        show_errors(form, refusal)
        return render_template("register/rate.html", form=form), refusal.status_code
    commit()
    return render_template("register/rate.html", form=None, thanks=True), 201


@bp.post("/cases/<int:case_id>/rating")
@login_required
def desk_rating(case_id: int):
    """The desk records the rating a citizen gave in person."""
    form = DeskRatingForm()
    if not form.validate_on_submit():
        return _refused(case_id, InvalidInput(_("Choose a score from 1 to 5.")))
    try:
        ratings.record_desk_rating(
            case_id, current_user, score=form.score.data, comment=form.comment.data or "", now=now_utc(),
            request_id=g.request_id,
        )  # fmt: skip
    except REFUSALS as refusal:
        return _refused(case_id, refusal)
    commit()
    flash(_("The citizen's rating is recorded."))
    return redirect(url_for("cases.show", case_id=case_id), 303)


@bp.post("/cases/<int:case_id>/legal-aid")
@login_required
def record_legal_aid(case_id: int):
    """Record when legal aid was given on the case and to whom."""
    form = LegalAidForm()
    form.validate_on_submit()
    try:
        legal_aid.record_legal_aid(
            case_id, current_user, now_utc(), form.given_to.data or "", form.given_on.data,
            form.note.data or "", request_id=g.request_id,
        )  # fmt: skip
    except InvalidInput as refusal:
        return _refused(case_id, refusal)
    commit()
    flash(_("Legal aid is recorded."))
    return redirect(url_for("cases.show", case_id=case_id), 303)


def _refused(case_id: int, refusal):
    """The case page again with the refusal and its reasons."""
    rollback()
    reasons = [translate(str(m)) for messages in refusal.errors.values() for m in messages]
    flash(" ".join([translate(refusal.detail), *reasons]), "error")
    return render_case(load_case(case_id)), refusal.status_code


@bp.get("/register/satisfaction")
@login_required
def satisfaction():
    """Satisfaction averages per unit and per handler, and legal aid per unit, over a period."""
    form = PeriodForm(request.args)
    today = local_date(now_utc())
    start = form.start.data if form.validate() and form.start.data else date(today.year, 1, 1)
    end = form.end.data or today
    summary = ratings.satisfaction_summary(current_user, start, end)
    aid = legal_aid.legal_aid_summary(current_user, start, end)
    return render_template("register/satisfaction.html", form=form, summary=summary, aid=aid)


@bp.app_template_global()
def case_rating(case: Case):
    """The case's satisfaction rating, if any."""
    return ratings.rating_for(case)


@bp.app_template_global()
def may_desk_rate(case: Case) -> bool:
    """True when the user may record the citizen's rating at the desk now."""
    return ratings.is_rateable(case) and current_user.has_role(*ratings.DESK_ROLES)


@bp.app_template_global()
def may_record_legal_aid(case: Case) -> bool:
    """True when the user may record legal aid on the case."""
    return legal_aid.may_record_legal_aid(current_user, case)


@bp.app_template_global()
def legal_aid_recipient(case: Case) -> str | None:
    """To whom legal aid was given, masked where the denouncer's identity is."""
    return legal_aid.legal_aid_recipient(current_user, case)


@bp.app_template_global()
def rating_open(tracking_code: str) -> str | None:
    """'open' when the tracked case may be rated, 'rated' when it was, else None (after a right PIN only)."""
    case = db.session.scalars(db.select(Case).where(Case.tracking_code == tracking_code)).first()
    if case is None or not ratings.is_rateable(case):
        return None
    return "rated" if ratings.rating_for(case) else "open"


@bp.app_template_global()
def rating_form() -> RatingForm:
    """An empty rating form for the tracking page's include."""
    return RatingForm(formdata=None)
