"""/metrics: absent without a token, refused without the right one, and counting what happened."""

import re
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from caseflow import create_app
from caseflow.extensions import db
from caseflow.models import Notification
from tests.api.conftest import Api, letter
from tests.conftest import IsolatedClient, app_settings

TOKEN = "metrics-token-for-tests"


@pytest.fixture
def metrics_client(database_url, db, tmp_path):
    """A client of an app with metrics on (same database as the test's world)."""
    settings = {**app_settings(database_url), "CASEFLOW_METRICS_TOKEN": TOKEN}
    application = create_app({**settings, "CASEFLOW_METRICS_DIR": str(tmp_path / "metrics")})
    application.test_client_class = IsolatedClient
    yield application.test_client()
    with application.app_context():
        db.engine.dispose()  # its own pool: close it, as the session's app closes its own


def scrape(client) -> str:
    """The metrics text, read with the token."""
    response = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200 and response.mimetype == "text/plain"
    return response.get_data(as_text=True)


def value(text: str, name: str, **labels) -> float:
    """One sample's value (0 when the series does not exist yet)."""
    for line in text.splitlines():
        if line.startswith(name + "{") or line.startswith(name + " "):
            found = dict(re.findall(r'(\w+)="([^"]*)"', line.split("}")[0]))
            if all(found.get(k) == v for k, v in labels.items()):
                return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_without_a_token_setting_there_is_no_metrics_page(client):
    assert client.get("/metrics").status_code == 404


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {TOKEN}"])
def test_the_metrics_need_the_bearer_token(metrics_client, header):
    response = metrics_client.get("/metrics", headers={"Authorization": header} if header else {})
    assert response.status_code == 401 and "Bearer" in response.headers["WWW-Authenticate"]
    assert "caseflow_http_requests" not in response.get_data(as_text=True)


def test_requests_and_their_latency_are_counted_by_endpoint(metrics_client):
    before = value(scrape(metrics_client), "caseflow_http_requests_total", endpoint="health.healthz")
    for _ in range(3):
        metrics_client.get("/healthz")
    metrics_client.get("/no-such-page/12345")
    text = scrape(metrics_client)
    assert value(text, "caseflow_http_requests_total", endpoint="health.healthz", status="200") == before + 3
    assert value(text, "caseflow_http_request_duration_seconds_count", endpoint="health.healthz") >= 3
    assert value(text, "caseflow_http_requests_total", endpoint="unmatched", status="404") >= 1
    assert "12345" not in text


def test_committed_case_events_are_counted_by_action_and_refusals_are_not(metrics_client, world):
    api = Api(metrics_client, world)
    intakes = value(scrape(metrics_client), "caseflow_case_events_total", action="intake")
    assert api.post("/api/v1/cases", letter(), who="reception").status_code == 201
    assert api.post("/api/v1/cases", {"channel": "post"}, who="reception").status_code == 422
    assert value(scrape(metrics_client), "caseflow_case_events_total", action="intake") == intakes + 1


def test_overdue_clocks_and_the_outbox_come_from_the_database(metrics_client, world, runner):
    world.intake(now=datetime(2026, 11, 2, 2, tzinfo=UTC), received_on="2026-11-02")
    assert "1 clock(s)" in runner.invoke(args=["sweep"]).output
    pending = db.session.scalar(
        sa.select(sa.func.count()).select_from(Notification).where(Notification.email_state == "pending")
    )
    text = scrape(metrics_client)
    assert value(text, "caseflow_overdue_clocks") == 1
    assert value(text, "caseflow_outbox_backlog") == pending
