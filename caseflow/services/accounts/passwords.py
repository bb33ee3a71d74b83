"""Password policy (NIST SP 800-63B §5.1.1.2): 8 to 128 characters, not a common or breached password, not the
user's own name or unit; no composition rules, no forced rotation.

`caseflow/data/common_passwords.txt` holds the 30,000 most common passwords of the zxcvbn project (MIT
licence, see `common_passwords.LICENSE`) and a few common Vietnamese ones, lower-cased.
"""

from functools import cache
from pathlib import Path

from caseflow.i18n import N_

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 128
COMMON_PASSWORDS = Path(__file__).resolve().parents[2] / "data" / "common_passwords.txt"
TOO_SHORT = N_("Use at least 8 characters.")
TOO_LONG = N_("Use at most 128 characters.")
TOO_COMMON = N_("This password is one of the most common ones; choose a phrase that others would not guess.")
TOO_PERSONAL = N_("The password must not contain the username or the unit's code.")


@cache
def common_passwords() -> frozenset[str]:
    """The list of common passwords, loaded once."""
    return frozenset(COMMON_PASSWORDS.read_text(encoding="utf-8").split())


def password_problem(password: str, *, username: str = "", unit_code: str = "") -> str | None:
    """Why the password may not be used, or None."""
    password = password or ""
    if len(password) < MIN_PASSWORD_LENGTH:
        return TOO_SHORT
    if len(password) > MAX_PASSWORD_LENGTH:
        return TOO_LONG
    folded = password.lower()
    if folded in common_passwords():
        return TOO_COMMON
    personal = [word.lower() for word in (username, unit_code) if len(word or "") >= 3]
    if any(word in folded for word in personal):
        return TOO_PERSONAL
    return None
