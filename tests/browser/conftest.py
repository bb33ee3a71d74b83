"""Browser fixtures: the app with the demo on a SQLite file of its own, served live, driven by Chromium.

The browser tests always run on SQLite (a file of their own), also when the rest of the suite runs on
PostgreSQL. They are never skipped silently: without Chromium they fail, unless CASEFLOW_SKIP_BROWSER=1 asks
for a visible skip.
"""

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask_migrate import upgrade
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from caseflow import create_app
from caseflow.demo import load_demo
from caseflow.extensions import db, end_write
from caseflow.timeutil import now_utc
from tests.browser.live import LiveServer

CHROMIUM_CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1366, "height": 768}
SKIP_VARIABLE = "CASEFLOW_SKIP_BROWSER"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def chromium_path() -> str | None:
    """The Chromium binary: $CASEFLOW_CHROMIUM, else Debian's (the real binary, not the launcher script)."""
    candidates = [os.environ.get("CASEFLOW_CHROMIUM", ""), *CHROMIUM_CANDIDATES]
    return next((path for path in candidates if path and os.access(path, os.X_OK)), None)


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """Debian's Chromium; fail loudly when it is missing, skip visibly only when asked to."""
    if os.environ.get(SKIP_VARIABLE) == "1":
        pytest.skip(f"{SKIP_VARIABLE}=1: the browser tests were skipped on request")
    path = chromium_path()
    if path is None:
        pytest.fail(
            "Chromium is missing: install Debian's package (apt-get install -y chromium; .ci/run does it), "
            f"or set {SKIP_VARIABLE}=1 to skip the browser tests on purpose.",
            pytrace=False,
        )
    return path


def live_settings(database_path: Path) -> dict:
    """Settings of the live app: its own SQLite file, fast argon2, CSRF on, real error pages; the browser
    suite logs in from one address, so its login limit is raised (the limits are tested on their own)."""
    return {
        "SECRET_KEY": "browser-test-secret",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database_path}",
        "CASEFLOW_ARGON2_MEMORY_KIB": 8,
        "CASEFLOW_ARGON2_TIME_COST": 1,
        "CASEFLOW_SQLITE_SYNCHRONOUS": "OFF",
        "CASEFLOW_RATE_LIMITS": {"login": (10_000, 300)},
    }


def build_live_app(database_path: Path) -> Flask:
    """The application on a fresh database migrated to head, with the demo loaded."""
    app = create_app(live_settings(database_path))
    with app.app_context():
        upgrade()
        load_demo(now=now_utc())
        db.session.remove()
    end_write()
    return app


class QuietHandler(WSGIRequestHandler):
    """Leave out the access log; errors are still logged."""

    def log_request(self, code="-", size="-") -> None:
        """Say nothing for ordinary requests."""


def serve(app: Flask) -> tuple[BaseWSGIServer, threading.Thread]:
    """Serve `app` on a free loopback port from a background thread."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    return server, thread


@pytest.fixture(scope="package")
def live_server(tmp_path_factory) -> Iterator[LiveServer]:
    """The real app with the demo, served over HTTP while the browser tests run."""
    app = build_live_app(tmp_path_factory.mktemp("browser") / "caseflow-browser.db")
    server, thread = serve(app)
    url = f"http://127.0.0.1:{server.server_port}"
    app.config["CASEFLOW_BASE_URL"] = url  # printed links (the receipt's) point at this server
    yield LiveServer(app, url)
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="package")
def browser(chromium_executable):
    """One headless Chromium for all the browser tests."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context (no cookies) at 1366×768; a page error or a 5xx answer fails the test."""
    context = browser.new_context(
        viewport=VIEWPORT, base_url=live_server.url, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
    )
    context.set_default_timeout(10_000)
    problems: list[str] = []
    tab = context.new_page()
    tab.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    tab.on("response", lambda reply: reply.status >= 500 and problems.append(f"{reply.status} {reply.url}"))
    yield tab
    context.close()
    assert not problems, problems


@pytest.fixture(scope="session")
def shoot():
    """Save a screenshot to docs/screenshots/NAME.png when CASEFLOW_SCREENSHOTS=1 (`make screenshots`).

    Otherwise it does nothing, so a CI run leaves the checkout clean.
    """
    folder = SCREENSHOTS if os.environ.get("CASEFLOW_SCREENSHOTS") == "1" else None

    def take(page, name: str, *, full_page: bool = False) -> None:
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=folder / f"{name}.png", full_page=full_page, animations="disabled")

    return take

