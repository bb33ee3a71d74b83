"""Log in and out."""

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from caseflow.i18n import LANGUAGES
from caseflow.services.accounts.login import LoginRefused, authenticate
from caseflow.timeutil import now_utc
from caseflow.transaction import commit

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
            user = authenticate(form.username.data, form.password.data, now=now_utc())
        except LoginRefused as refusal:
            commit()
            form.password.errors.append(_(refusal.message, **refusal.params))
        else:
            commit()
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form), 200 if not form.errors else 401


@bp.post("/logout")
def logout():
    """Forget the session."""
    logout_user()
    flash(_("You have logged out."))
    return redirect(url_for("auth.login"))


@bp.post("/language")
def language():
    """Remember the chosen language for this browser and go back where the user was."""
    chosen = request.form.get("lang", "")
    if chosen in LANGUAGES:
        session["lang"] = chosen
    return redirect(_safe_next(request.args.get("next")))


def _safe_next(target: str | None) -> str:
    """Only local paths are followed after login."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("home.index")
