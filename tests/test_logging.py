"""Logs: the request id in every line and in the access log; never a PIN; forged request ids replaced."""

import io
import json
import logging
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from caseflow.logs import JsonFormatter, RequestIdFilter, redact_url, request_id_from
from tests.test_operability import run_caseflow
from tests.test_packaging import clean_environment, free_port

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("good", ["0123456789abcdef0123456789abcdef", "8c4f1f0e-6a47-4d0b-9a52-0b0a3c1d2e3f"])
def test_a_well_formed_incoming_request_id_is_kept(good):
    assert request_id_from(good) == good


@pytest.mark.parametrize("forged", ["", "short", "has space", "x" * 65, "abcdefgh\nINFO x", "<script>12"])
def test_any_other_incoming_request_id_is_replaced(forged):
    replaced = request_id_from(forged)
    assert replaced != forged and len(replaced) == 32


def test_secret_query_parameters_are_redacted():
    assert redact_url("/api/v1/public/track/HN-2026-000001?pin=12345678&lang=en") == (
        "/api/v1/public/track/HN-2026-000001?pin=***&lang=en"
    )
    assert redact_url("/open311/v2/requests.json?api_key=abc") == "/open311/v2/requests.json?api_key=***"
    assert redact_url("/cases?q=ok") == "/cases?q=ok"


def test_a_log_line_written_during_a_request_names_the_request(app):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("caseflow.test.request_id")
    logger.addHandler(handler)
    try:
        with app.test_request_context(headers={"X-Request-ID": "req-0123456789"}):
            app.preprocess_request()
            logger.warning("inside")
        logger.warning("outside")
    finally:
        logger.removeHandler(handler)
    inside, outside = (json.loads(line) for line in stream.getvalue().splitlines())
    assert inside["request_id"] == "req-0123456789" and inside["message"] == "inside"
    assert outside["request_id"] == "-"


@pytest.mark.standalone
def test_served_logs_are_json_lines_with_request_ids_and_no_pin(tmp_path):
    assert run_caseflow("db", "upgrade", cwd=tmp_path).returncode == 0
    port, log = free_port(), tmp_path / "serve.log"
    pin, given = "73914620", "abcdef0123456789abcdef0123456789"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-c", "from caseflow.cli import main; main()", "serve", "--port", str(port),
             "--workers", "1"],
            cwd=tmp_path, stdout=output, stderr=subprocess.STDOUT,
            env=clean_environment(CASEFLOW_LOG_FORMAT="json", PYTHONPATH=str(ROOT)),
        )
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_for(f"{base}/healthz")
            tracked = _get(f"{base}/api/v1/public/track/HN-2026-000001?pin={pin}", {"X-Request-ID": given})
            forged = _get(f"{base}/healthz", {"X-Request-ID": "not an id"})
        finally:
            server.terminate()
            server.wait(timeout=30)
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    assert lines and all("request_id" in line for line in lines)
    access = [line for line in lines if line["logger"] == "gunicorn.access"]
    assert any(line["request_id"] == given and "track" in line["message"] for line in access)
    assert tracked == given and forged != "not an id"
    assert any(line["request_id"] == forged for line in access)
    text = log.read_text()
    assert pin not in text and "not an id" not in text


def _get(url: str, headers: dict) -> str:
    """GET; the X-Request-ID the server answered with."""
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - a local test server
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.headers["X-Request-ID"]
    except urllib.error.HTTPError as error:
        return error.headers["X-Request-ID"]


def _wait_for(url: str) -> None:
    """Until the server answers."""
    for _attempt in range(120):
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - a local test server
                return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"no answer from {url}")
