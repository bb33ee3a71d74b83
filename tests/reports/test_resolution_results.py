"""Resolution results (money and land recovered or returned, people disciplined, cases referred) are recorded
with the decision or conclusion, through the API's action endpoint and the case page, and validated."""

import re

import pytest
import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, CaseStatus, Decision
from tests.api.conftest import Api
from tests.reports.test_forms import letters  # noqa: F401 (the fixture)
from tests.views.helpers import csrf_token, login

RESULTS = {"state_money_vnd": 2_500_000_000, "state_land_m2": 0, "citizens_money_vnd": 35_000_000,
           "citizens_land_m2": 120, "people_disciplined": 2, "cases_referred": 1}  # fmt: skip


def decision_of(case_id: int) -> Decision:
    """The case's decision as the database holds it."""
    db.session.rollback()
    return db.session.scalars(sa.select(Decision).where(Decision.case_id == case_id)).one()


def decide_body(**extra) -> dict:
    """A denunciation conclusion with `extra` parameters."""
    return {"outcome": "partly_true", "number": "7/KL-UBND", "signed_on": "2026-12-01", "summary": "Kết luận",
            **extra}  # fmt: skip


def test_the_api_records_the_results_with_the_conclusion_and_the_audit_trail_keeps_them(client, world):
    api = Api(client, world)
    case = world.new_case_at("denunciation", CaseStatus.REPORTED)
    answer = api.act(case.id, "decide", decide_body(**RESULTS), case.version, "leader")
    assert answer.status_code == 200, answer.json
    decision = decision_of(case.id)
    assert {name: getattr(decision, name) for name in RESULTS} == RESULTS
    event = db.session.scalars(sa.select(CaseEvent).where(CaseEvent.action == "decide")).one()
    assert event.params["state_money_vnd"] == 2_500_000_000


def test_results_are_optional(client, world):
    api = Api(client, world)
    case = world.new_case_at("denunciation", CaseStatus.REPORTED)
    assert api.act(case.id, "decide", decide_body(), case.version, "leader").status_code == 200
    assert decision_of(case.id).state_money_vnd is None


@pytest.mark.parametrize("value", [-1, 1.5, "1.000.000", True, 10**16])
def test_a_result_must_be_a_whole_non_negative_number(client, world, value):
    api = Api(client, world)
    case = world.new_case_at("denunciation", CaseStatus.REPORTED)
    answer = api.act(case.id, "decide", decide_body(state_money_vnd=value), case.version, "leader")
    assert answer.status_code == 422 and "state_money_vnd" in answer.json["errors"], answer.json
    db.session.rollback()
    assert db.session.get(Case, case.id).status == CaseStatus.REPORTED  # nothing half-saved


def test_the_decide_form_takes_the_results_and_the_case_file_shows_them(client, world):
    case = world.new_case_at("denunciation", CaseStatus.REPORTED)
    login(client, world.users["leader"])
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert 'name="state_money_vnd"' in page and "Tiền kiến nghị thu hồi cho Nhà nước (đồng)" in page
    form = {"csrf_token": csrf_token(client, f"/cases/{case.id}"), "version": case.version,
            **decide_body(), "state_money_vnd": "1500000000", "cases_referred": "1"}  # fmt: skip
    refused = client.post(f"/cases/{case.id}/actions/decide", data={**form, "people_disciplined": "-3"})
    assert "people_disciplined" in refused.get_data(as_text=True) and decision_of_count(case.id) == 0
    client.post(f"/cases/{case.id}/actions/decide", data=form)
    assert decision_of(case.id).state_money_vnd == 1_500_000_000
    text = " ".join(re.sub(r"<[^>]+>", " ", client.get(f"/cases/{case.id}").get_data(as_text=True)).split())
    assert "Tiền kiến nghị thu hồi cho Nhà nước (đồng) 1.500.000.000" in text
    assert "Số vụ chuyển cơ quan điều tra 1" in text


def decision_of_count(case_id: int) -> int:
    """How many decisions the case has."""
    db.session.rollback()
    return db.session.scalar(sa.select(sa.func.count()).where(Decision.case_id == case_id))


def test_the_report_page_shows_the_sums_readably_and_links_them(client, letters):  # noqa: F811
    login(client, letters.users["inspector"])
    html = client.get("/reports/?form=complaints&unit=HN&period=q1-2027").get_data(as_text=True)
    assert "Kiến nghị thu hồi cho Nhà nước" in html and "Chuyển cơ quan điều tra (số vụ)" in html
    cell = r'<a href="([^"]*report_column=state_money_vnd[^"]*)"><strong>2.000.000.000</strong>'
    link = re.search(cell, html)
    assert link, "the total recovered for the State links to its cases"
    listed = client.get(link.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert 'data-total="2"' in listed
