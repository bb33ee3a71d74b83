"""Behind a reverse proxy: trust exactly CASEFLOW_PROXY_HOPS proxies' X-Forwarded-* headers (0: none)."""

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix


def trust_proxies(app: Flask) -> None:
    """Wrap the app in ProxyFix for declared proxies (with 0, a forged X-Forwarded-For changes nothing)."""
    hops = int(app.config["CASEFLOW_PROXY_HOPS"])
    if hops > 0:
        trusted = dict.fromkeys(("x_for", "x_proto", "x_host", "x_port", "x_prefix"), hops)
        app.wsgi_app = ProxyFix(app.wsgi_app, **trusted)
