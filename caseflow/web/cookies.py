"""Cookies that a proxy's HTTPS keeps secure: CASEFLOW_SECURE_COOKIES and CASEFLOW_HSTS_SECONDS.

`auto` (the default) marks the session cookie Secure whenever the request arrived over HTTPS, as the server or
ProxyFix behind a reverse proxy reports it; `true` always; `false` never (plain-HTTP test set-ups).
"""

from flask import Flask, has_request_context, request
from flask.sessions import SecureCookieSessionInterface


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed cookie session, Secure as CASEFLOW_SECURE_COOKIES says."""

    def get_cookie_secure(self, app: Flask) -> bool:
        """Secure for HTTPS requests (auto), always (true) or never (false)."""
        return secure_cookies(app)


def secure_cookies(app: Flask) -> bool:
    """Whether this response's cookies must be Secure."""
    mode = app.config.get("CASEFLOW_SECURE_COOKIES", "auto")
    if isinstance(mode, bool):
        return mode
    if str(mode).lower() == "auto":
        return has_request_context() and request.is_secure
    return str(mode).lower() in ("true", "1", "yes")


def strict_transport(response, app: Flask):
    """HSTS on HTTPS answers when CASEFLOW_HSTS_SECONDS is above 0."""
    seconds = int(app.config.get("CASEFLOW_HSTS_SECONDS") or 0)
    if seconds > 0 and request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", f"max-age={seconds}; includeSubDomains")
    return response


def init_cookies(app: Flask) -> None:
    """Use the session interface and the HSTS header."""
    app.session_interface = SessionCookies()
    app.after_request(lambda response: strict_transport(response, app))
