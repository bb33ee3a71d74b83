"""Password login with per-account lockout and exponential back-off."""

from datetime import datetime, timedelta

from caseflow.models import User
from caseflow.services.accounts import check_password, user_by_username

FREE_ATTEMPTS = 5
BASE_LOCK = timedelta(seconds=30)
MAX_LOCK = timedelta(hours=1)


class LoginRefused(Exception):
    """Why a login did not succeed, in words for the user."""


def authenticate(username: str, password: str, *, now: datetime) -> User:
    """The user when the password is right and the account is not locked; raises LoginRefused."""
    user = user_by_username(username or "")
    if user is None or not user.is_active:
        raise LoginRefused("Tên đăng nhập hoặc mật khẩu không đúng.")
    if user.locked_until_dt and user.locked_until_dt > now:
        minutes = max(1, int((user.locked_until_dt - now).total_seconds() // 60) + 1)
        raise LoginRefused(f"Tài khoản tạm khóa do đăng nhập sai nhiều lần; thử lại sau {minutes} phút.")
    if not check_password(user, password or ""):
        _count_failure(user, now)
        raise LoginRefused("Tên đăng nhập hoặc mật khẩu không đúng.")
    user.failed_logins, user.locked_until_dt = 0, None
    return user


def _count_failure(user: User, now: datetime) -> None:
    """After FREE_ATTEMPTS failures, lock for 30 s, doubling each further failure (at most an hour)."""
    user.failed_logins += 1
    over = user.failed_logins - FREE_ATTEMPTS
    if over >= 0:
        user.locked_until_dt = now + min(BASE_LOCK * (2**over), MAX_LOCK)
