"""Log in and out."""

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from caseflow.i18n import LANGUAGES
from caseflow.services.accounts.login import LoginRefused
from caseflow.services.accounts.users import end_sessions
from caseflow.timeutil import now_utc
from caseflow.transaction import commit
from caseflow.web.login_limits import log_in
from caseflow.web.redirects import safe_next

bp = Blueprint("auth", __name__)


class LoginForm(FlaskForm):
    """Username and password."""

    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=64)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=256)])


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Show the form; on success go to the start page, on failure say why next to the form."""
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = log_in(form.username.data, form.password.data, bucket="login", now=now_utc())
        except LoginRefused as refusal:
            form.password.errors.append(_(refusal.message, **refusal.params))
        else:
            commit()
            language = session.get("lang")
            session.clear()  # a new session: nothing planted before the login (CSRF token included) survives
            if language:
                session["lang"] = language
            login_user(user)
            return redirect(safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form), 200 if not form.errors else 401


@bp.post("/logout")
def logout():
    """End this session and every other of the user (a copied cookie stops working too)."""
    if current_user.is_authenticated:
        end_sessions(current_user)
        commit()
    logout_user()
    session.clear()
    flash(_("You have logged out."))
    return redirect(url_for("auth.login"))


@bp.post("/language")
def language():
    """Remember the chosen language for this browser and go back where the user was."""
    chosen = request.form.get("lang", "")
    if chosen in LANGUAGES:
        session["lang"] = chosen
    return redirect(safe_next(request.args.get("next")))
