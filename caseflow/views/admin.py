"""Administration pages: units, users and roles, calendar overrides, the rule sets in force."""

from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, EqualTo, Length, NumberRange, Optional

from caseflow.extensions import db
from caseflow.labels import label
from caseflow.models import AdminEvent, CalendarOverride, Role, RuleOverride, Unit, User
from caseflow.services.accounts import admin as service
from caseflow.services.accounts import admin_events
from caseflow.services.cases import deadline_settings as clock_settings
from caseflow.services.cases import deadlines
from caseflow.timeutil import local_date, now_utc
from caseflow.views.once import OnceField, attempt_once

bp = Blueprint("admin", __name__, url_prefix="/admin")
RELOAD_NOTE = _l("Saved. Every server applies it within a second.")


class UnitForm(FlaskForm):
    """A new unit under a parent."""

    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=32)])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    parent = SelectField(_l("Parent unit"), coerce=int)
    is_remote_area = BooleanField(_l("Serves a remote area"))
    form_token = OnceField()


class UnitEditForm(FlaskForm):
    """A unit's name and remote-area flag."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    is_remote_area = BooleanField(_l("Serves a remote area"))
    form_token = OnceField()


class UserEditForm(FlaskForm):
    """Name, e-mail, unit and roles."""

    full_name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("E-mail"), validators=[Optional(), Length(max=200)])
    unit = SelectField(_l("Unit"), coerce=int)
    roles = SelectMultipleField(_l("Roles"), validators=[DataRequired()])
    form_token = OnceField()


class UserForm(UserEditForm):
    """A new user with an initial password."""

    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=64)])
    password = PasswordField(_l("Initial password"), validators=[DataRequired(), Length(min=8, max=256)])


class PasswordForm(FlaskForm):
    """A new password, typed twice."""

    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(min=8, max=256)])
    confirm = PasswordField(
        _l("Repeat the new password"), validators=[EqualTo("password", _l("The passwords differ."))]
    )
    form_token = OnceField()


class ButtonForm(FlaskForm):
    """A button that posts (deactivate, reactivate, delete)."""

    form_token = OnceField()


class CalendarForm(FlaskForm):
    """An extra day off or an extra working day."""

    day = DateField(_l("Date"), validators=[DataRequired()])
    kind = RadioField(
        _l("Kind of day"),
        choices=[("off", _l("Extra day off")), ("working", _l("Extra working day (make-up day)"))],
        default="off",
        validators=[DataRequired()],
    )
    note = StringField(_l("Note"), validators=[Optional(), Length(max=200)])
    form_token = OnceField()


class RuleOverrideForm(FlaskForm):
    """The agency's own version of one rule from a date on."""

    rule_id = SelectField(_l("Rule"))
    effective_from = DateField(_l("In force from"), validators=[DataRequired()])
    days = IntegerField(_l("Days"), validators=[Optional(), NumberRange(min=1, max=365)])
    day_kind = SelectField(
        _l("Kind of days"),
        choices=[("", _l("Unchanged")), ("working", _l("Working days")), ("calendar", _l("Calendar days"))],
    )
    note = StringField(_l("Note"), validators=[Optional(), Length(max=300)])
    form_token = OnceField()


@bp.before_request
@login_required
def _admins_only():
    """Anonymous visitors log in; other roles get 403."""
    service.require_admin(current_user)


@bp.get("/")
def index():
    """The administration sections with their sizes."""
    counts = {
        "units": db.session.query(Unit).count(),
        "users": db.session.query(User).count(),
        "overrides": db.session.query(CalendarOverride).count(),
        "rules": db.session.query(RuleOverride).count(),
        "events": db.session.query(AdminEvent).count(),
    }
    return render_template("admin/index.html", counts=counts)


@bp.get("/events")
def events():
    """The administrators' audit trail, newest first, and whether its chain verifies."""
    before = request.args.get("before", type=int)
    return render_template(
        "admin/events.html", page=admin_events.page(before), check=admin_events.verify_chain()
    )


@bp.route("/units", methods=["GET", "POST"])
def units():
    """The unit tree and a form to add a unit."""
    tree = service.unit_tree()
    form = UnitForm()
    form.parent.choices = [(0, _("(top level)"))] + [(n.unit.id, _indented(n)) for n in tree]
    if form.validate_on_submit():
        response = attempt_once(form, lambda: _create_unit(form))
        if response:
            return response
    return _page("admin/units.html", form, tree=tree)


@bp.route("/units/<int:unit_id>", methods=["GET", "POST"])
def unit(unit_id: int):
    """Rename a unit or change its remote-area flag."""
    found = service.get_unit(unit_id)
    form = UnitEditForm(obj=found)
    if form.validate_on_submit():

        def work():
            service.update_unit(
                current_user, unit_id, name=form.name.data, is_remote_area=form.is_remote_area.data
            )
            return _saved(url_for(".units"))

        response = attempt_once(form, work)
        if response:
            return response
    return _page("admin/unit.html", form, unit=found)


@bp.get("/users")
def users():
    """Every user with unit, roles and state (never a password hash)."""
    return render_template("admin/users.html", users=service.users())


@bp.route("/users/new", methods=["GET", "POST"])
def new_user():
    """Create a user with roles, a unit and an initial password."""
    form = _with_choices(UserForm())
    if form.validate_on_submit():
        response = attempt_once(form, lambda: _create_user(form))
        if response:
            return response
    return _page("admin/user_new.html", form)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def user(user_id: int):
    """Edit a user's name, e-mail, unit and roles; reset the password; deactivate or reactivate."""
    found = service.get_user(user_id)
    form = _with_choices(UserEditForm(obj=found, unit=found.unit_id, roles=sorted(found.roles)))
    if form.validate_on_submit():
        response = attempt_once(form, lambda: _update_user(user_id, form))
        if response:
            return response
    return _user_page(found, form, PasswordForm(formdata=None))


@bp.post("/users/<int:user_id>/password")
def password(user_id: int):
    """Set a new password and lift any lockout."""
    found = service.get_user(user_id)
    form = PasswordForm()
    if form.validate_on_submit():

        def work():
            service.reset_password(current_user, user_id, password=form.password.data)
            return _saved(url_for(".user", user_id=user_id), _("The password was reset."))

        response = attempt_once(form, work)
        if response:
            return response
    edit = _with_choices(
        UserEditForm(formdata=None, obj=found, unit=found.unit_id, roles=sorted(found.roles))
    )
    return _user_page(found, edit, form)


@bp.post("/users/<int:user_id>/active")
def active(user_id: int):
    """Deactivate or reactivate a user (the button says which)."""
    found = service.get_user(user_id)
    form = ButtonForm()
    if form.validate_on_submit():

        def work():
            service.set_active(current_user, user_id, active=not found.is_active_user)
            return _saved(url_for(".user", user_id=user_id))

        response = attempt_once(form, work)
        if response:
            return response
    edit = _with_choices(
        UserEditForm(formdata=None, obj=found, unit=found.unit_id, roles=sorted(found.roles))
    )
    return _user_page(found, edit, PasswordForm(formdata=None), form)


@bp.route("/calendar", methods=["GET", "POST"])
def calendar():
    """Extra days off and working days: list, add, delete."""
    form = CalendarForm()
    if form.validate_on_submit():
        response = attempt_once(form, lambda: _add_day(form))
        if response:
            deadlines.invalidate_cache()
            return response
    return _page(
        "admin/calendar.html",
        form,
        overrides=clock_settings.calendar_overrides(),
        years=clock_settings.calendar_years(local_date(now_utc())),
        delete_form=ButtonForm(),
    )


@bp.post("/calendar/years/<int:year>/confirm")
def confirm_year(year: int):
    """Confirm a year's calendar of days off without an announcement file."""

    def confirm() -> None:
        now = now_utc()
        clock_settings.confirm_calendar_year(current_user, year, today=local_date(now), now=now)

    return _calendar_button(confirm)


@bp.post("/calendar/<day>/delete")
def delete_day(day: str):
    """Remove one override."""
    try:
        when = date.fromisoformat(day)
    except ValueError:
        return redirect(url_for(".calendar"))
    return _calendar_button(lambda: clock_settings.delete_calendar_override(current_user, when))


def _calendar_button(change):
    """A button that changes the calendar once: change it, drop the cached calendar, back to the page."""
    form = ButtonForm()
    if form.validate_on_submit():

        def work():
            change()
            return _saved(url_for(".calendar"))

        response = attempt_once(form, work)
        if response:
            deadlines.invalidate_cache()
            return response
    return redirect(url_for(".calendar"))


@bp.route("/rules", methods=["GET", "POST"])
def rules():
    """The rule sets in force (read-only) and the agency's overrides."""
    form = RuleOverrideForm()
    in_force = clock_settings.rules_in_force(local_date(now_utc()))
    form.rule_id.choices = [(r.rule_id, r.rule_id) for r in in_force]
    if form.validate_on_submit():
        response = attempt_once(form, lambda: _add_override(form))
        if response:
            deadlines.invalidate_cache()
            return response
    return _rules_page(form)


@bp.post("/rules/overrides/<int:override_id>/delete")
def delete_override(override_id: int):
    """Remove an override no clock uses yet."""
    form = ButtonForm()
    if form.validate_on_submit():

        def work():
            clock_settings.delete_rule_override(current_user, override_id)
            return _saved(url_for(".rules"))

        response = attempt_once(form, work)
        if response:
            deadlines.invalidate_cache()
            return response
        flash(" ".join(form.form_errors), "error")
    return redirect(url_for(".rules"))


def _saved(location: str, message: str | None = None) -> str:
    """Say it worked, and where to go next."""
    flash(message or _("Saved."))
    return location


def _page(template: str, form, **context):
    """Render a page with a form; 422 when the form has errors."""
    return render_template(template, form=form, **context), 422 if form.errors else 200


def _create_unit(form: UnitForm) -> str:
    """Create the unit; where to go next."""
    service.create_unit(
        current_user,
        code=form.code.data,
        name=form.name.data,
        parent_id=form.parent.data or None,
        is_remote_area=form.is_remote_area.data,
    )
    return _saved(url_for(".units"))


def _create_user(form: UserForm) -> str:
    """Create the user; where to go next."""
    created = service.create_user(
        current_user,
        username=form.username.data,
        full_name=form.full_name.data,
        email=form.email.data,
        roles=form.roles.data,
        unit_id=form.unit.data,
        password=form.password.data,
        now=now_utc(),
    )
    return _saved(url_for(".user", user_id=created.id), _("The user was created."))


def _update_user(user_id: int, form: UserEditForm) -> str:
    """Save the user's changes; where to go next."""
    service.update_user(
        current_user,
        user_id,
        full_name=form.full_name.data,
        email=form.email.data,
        roles=form.roles.data,
        unit_id=form.unit.data,
    )
    return _saved(url_for(".user", user_id=user_id))


def _add_day(form: CalendarForm) -> str:
    """Add the override; where to go next."""
    clock_settings.add_calendar_override(
        current_user,
        day=form.day.data,
        is_working=form.kind.data == "working",
        note=form.note.data or "",
        now=now_utc(),
    )
    return _saved(url_for(".calendar"), str(RELOAD_NOTE))


def _add_override(form: RuleOverrideForm) -> str:
    """Add the rule override; where to go next."""
    now = now_utc()
    clock_settings.add_rule_override(
        current_user,
        rule_id=form.rule_id.data,
        effective_from=form.effective_from.data,
        days=form.days.data,
        day_kind=form.day_kind.data or None,
        note=form.note.data or "",
        today=local_date(now),
        now=now,
    )
    return _saved(url_for(".rules"), str(RELOAD_NOTE))


def _with_choices(form):
    """Offer the units (in tree order) and the roles."""
    form.unit.choices = [(n.unit.id, _indented(n)) for n in service.unit_tree()]
    form.roles.choices = [(r.value, label(r)) for r in Role]
    return form


def _indented(node) -> str:
    """A unit's name indented by its depth, for select options."""
    return "\u00a0\u00a0" * node.depth + f"{node.unit.name} ({node.unit.code})"


def _user_page(found, form, password_form, active_form=None):
    """The user page with its three forms; 422 when one has errors."""
    active_form = active_form or ButtonForm(formdata=None)
    status = 422 if form.errors or password_form.errors or active_form.errors else 200
    context = {"user": found, "form": form, "password_form": password_form, "active_form": active_form}
    return render_template("admin/user.html", **context), status


def _rules_page(form):
    """The rules page; 422 when the override form has errors."""
    today = local_date(now_utc())
    context = {
        "form": form,
        "rules": clock_settings.rules_in_force(today),
        "titles": deadlines.rulebook().titles,
        "overrides": clock_settings.rule_overrides(),
        "today": today,
        "delete_form": ButtonForm(),
    }
    return render_template("admin/rules.html", **context), 422 if form.errors else 200
