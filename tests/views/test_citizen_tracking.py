"""The citizen's tracking page: the result first; a decided complaint shows its decision and the time limit
for a second complaint, not started until the complainant's receipt is recorded."""

import re

from caseflow.models import CaseStatus
from tests.services.test_appeal_window import decided_on, morning
from tests.services.test_ratings import PIN, with_pin
from tests.views.helpers import csrf_token


def _track(client, case) -> str:
    """The tracking page after a right code and PIN."""
    token = csrf_token(client, "/public/track")
    data = {"tracking_code": case.tracking_code, "pin": PIN, "csrf_token": token}
    return client.post("/public/track", data=data).get_data(as_text=True)


def test_the_result_comes_before_the_form(client, world):
    case = with_pin(world.intake())
    html = _track(client, case)
    assert html.index('id="tracking-result"') < html.index('name="tracking_code"')


def test_a_decided_complaint_shows_its_decision_and_a_window_not_started(client, world):
    case = with_pin(decided_on(world, "2027-02-12"))
    html = _track(client, case)
    assert "Quyết định giải quyết khiếu nại" in html and "Số 12/QĐ-UBND ngày 12/02/2027" in html
    assert "Thời hạn khiếu nại lần hai" in html and "chưa bắt đầu" in html


def test_the_window_runs_once_the_complainant_has_received_the_decision(client, world):
    case = with_pin(decided_on(world, "2027-02-12"))
    world.act(case, "record_delivery", now=morning("2027-02-23"), received_on="2027-02-22")
    html = _track(client, case)
    assert re.search(r"<strong>đến hết ngày 24/03/2027</strong>", html)
    assert "chưa bắt đầu" not in html
    body = client.post(f"/api/v1/public/track/{case.tracking_code}", json={"pin": PIN}).get_json()
    assert body["appeal"] == {"started": True, "ends_on": "2027-03-24"}
    assert body["decision"]["number"] == "12/QĐ-UBND" and body["decision"]["signed_on"] == "2027-02-12"


def test_an_open_case_has_no_decision_or_window(client, world):
    case = with_pin(world.new_case_at("complaint", CaseStatus.VERIFYING))
    assert "Thời hạn khiếu nại lần hai" not in _track(client, case)
    body = client.post(f"/api/v1/public/track/{case.tracking_code}", json={"pin": PIN}).get_json()
    assert body["decision"] is None and body["appeal"] is None
