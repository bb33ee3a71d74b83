"""Password login: the same answer after the same work for an unknown user, an inactive one, a wrong password.

Limits on how often one may try live beside the web layer (caseflow/web/login_limits.py).
"""

from datetime import datetime
from functools import cache

from argon2.exceptions import VerificationError

from caseflow.i18n import N_
from caseflow.models import User
from caseflow.services.accounts.users import check_password, password_hasher, user_by_username

WRONG_CREDENTIALS = N_("Wrong username or password.")


class LoginRefused(Exception):
    """Why a login did not succeed: an English message id and its parameters, translated by the view."""

    def __init__(self, message: str, **params):
        super().__init__(message % params if params else message)
        self.message, self.params = message, params


def authenticate(username: str, password: str, *, now: datetime) -> User:
    """The user when the password is right and the account active; raises LoginRefused otherwise."""
    user = user_by_username(username or "")
    if user is None or not user.is_active:
        _verify_against_nothing(password or "")
        raise LoginRefused(WRONG_CREDENTIALS)
    if not check_password(user, password or ""):
        raise LoginRefused(WRONG_CREDENTIALS)
    user.failed_logins, user.locked_until_dt = 0, None
    return user


def _verify_against_nothing(password: str) -> None:
    """Spend the time a real check takes, so that answers do not tell which usernames exist."""
    hasher = password_hasher()
    try:
        hasher.verify(_dummy_hash(hasher.time_cost, hasher.memory_cost, hasher.parallelism), password)
    except VerificationError:
        pass


@cache
def _dummy_hash(time_cost: int, memory_cost: int, parallelism: int) -> str:
    """A hash made with the configured parameters, once per process and set of parameters."""
    return password_hasher().hash("caseflow-no-such-user")
