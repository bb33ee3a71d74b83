"""Password login with per-account lockout and exponential back-off."""

from datetime import datetime, timedelta

from caseflow.i18n import N_
from caseflow.models import User
from caseflow.services.accounts.users import check_password, user_by_username

FREE_ATTEMPTS = 5
BASE_LOCK = timedelta(seconds=30)
MAX_LOCK = timedelta(hours=1)
WRONG_CREDENTIALS = N_("Wrong username or password.")
LOCKED = N_("This account is locked after repeated failed logins; try again in %(minutes)s minutes.")


class LoginRefused(Exception):
    """Why a login did not succeed: an English message id and its parameters, translated by the view."""

    def __init__(self, message: str, **params):
        super().__init__(message % params if params else message)
        self.message, self.params = message, params


def authenticate(username: str, password: str, *, now: datetime) -> User:
    """The user when the password is right and the account is not locked; raises LoginRefused."""
    user = user_by_username(username or "")
    if user is None or not user.is_active:
        raise LoginRefused(WRONG_CREDENTIALS)
    if user.locked_until_dt and user.locked_until_dt > now:
        minutes = max(1, int((user.locked_until_dt - now).total_seconds() // 60) + 1)
        raise LoginRefused(LOCKED, minutes=minutes)
    if not check_password(user, password or ""):
        _count_failure(user, now)
        raise LoginRefused(WRONG_CREDENTIALS)
    user.failed_logins, user.locked_until_dt = 0, None
    return user


def _count_failure(user: User, now: datetime) -> None:
    """After FREE_ATTEMPTS failures, lock for 30 s, doubling each further failure (at most an hour)."""
    user.failed_logins += 1
    over = user.failed_logins - FREE_ATTEMPTS
    if over >= 0:
        user.locked_until_dt = now + min(BASE_LOCK * (2**over), MAX_LOCK)
