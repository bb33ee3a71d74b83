"""The inspection round pages: plan to closure, the report, roles, scope, validation, the cost in SQL."""

import re
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import CorrectiveAction, InspectionRound, Notification, RoundCase, Unit
from caseflow.timeutil import local_date, now_utc
from tests.views.helpers import count_statements, login, post_form

STATIC = Path(__file__).resolve().parents[2] / "caseflow" / "static"
TOKEN = re.compile(r'name="form_token"[^>]*value="([^"]+)"')
TODAY = local_date(now_utc())


def letter(world, n: int, *, days_ago: int = 10):
    """A letter from its own petitioner, `days_ago` days before today (pages run on the real clock)."""
    petitioner = {
        "full_name": f"Phạm Thu Hà {n}",
        "address": f"Ngõ {n} Hàng Bông",
        "id_number": f"0010922{n:05d}",
    }
    received_on = (TODAY - timedelta(days=days_ago)).isoformat()
    return world.intake(petitioner=petitioner, received_on=received_on)


def unit_id(code: str) -> int:
    """The id of a unit by its code."""
    return db.session.scalar(sa.select(Unit.id).where(Unit.code == code))


def count(model, *conditions) -> int:
    """How many rows the requests left (a fresh transaction, so their commits are seen)."""
    db.session.rollback()
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*conditions))


def plan_data(*codes, **overrides) -> dict:
    """The plan form's fields."""
    data = {
        "title": "Kiểm tra công tác giải quyết khiếu nại quý IV",
        "units": [unit_id(code) for code in codes or ("HN-TNMT",)],
        "period_from": (TODAY - timedelta(days=60)).isoformat(),
        "period_to": TODAY.isoformat(),
        "per_unit": "10",
    }
    return {**data, **overrides}


def plan(client, *codes, **overrides) -> str:
    """Plan a round through the form; the round page's URL."""
    response = post_form(client, "/inspector/rounds/new", plan_data(*codes, **overrides))
    assert response.status_code == 303, response.get_data(as_text=True)
    db.session.rollback()  # end the test's read so that it sees (and does not block) what the request wrote
    return response.headers["Location"]


def test_a_round_from_plan_to_closure_through_the_pages(client, world):
    case = letter(world, 1)
    login(client, world.users["inspector"])
    url = plan(client)
    page = client.get(url).get_data(as_text=True)
    assert case.tracking_code in page and "Start the round" in client.get(url + "?lang=en").get_data(
        as_text=True
    )
    assert post_form(client, url + "/start", {}, form_page=url).status_code == 303
    tnmt = unit_id("HN-TNMT")
    data = {f"u{tnmt}-findings": "Chưa mở sổ theo dõi đơn"}
    assert post_form(client, f"{url}/units/{tnmt}/findings", data, form_page=url).status_code == 303
    data = {f"c{case.id}-findings": "Phân loại đơn chậm 5 ngày"}
    assert post_form(client, f"{url}/cases/{case.id}/findings", data, form_page=url).status_code == 303
    data = {
        "act-unit": tnmt,
        "act-case": case.id,
        "act-action": "Phân loại lại đơn",
        "act-due_on": "2030-01-15",
    }
    assert post_form(client, f"{url}/actions", data, form_page=url).status_code == 303
    assert count(Notification, Notification.kind == "corrective_action") == 1
    close = {"close-summary": "Đơn vị cơ bản thực hiện đúng quy định"}
    refused = post_form(client, f"{url}/close?lang=en", close, form_page=url)
    assert refused.status_code == 422
    assert "Corrective actions are still open" in refused.get_data(as_text=True)
    db.session.rollback()
    action = db.session.scalar(sa.select(CorrectiveAction))
    data = {f"a{action.id}-done_on": TODAY.isoformat(), f"a{action.id}-note": "Đã phân loại lại"}
    assert post_form(client, f"{url}/actions/{action.id}/done", data, form_page=url).status_code == 303
    assert post_form(client, f"{url}/close", close, form_page=url).status_code == 303
    assert count(InspectionRound, InspectionRound.state == "closed") == 1
    report = client.get(f"{url}/report?lang=en").get_data(as_text=True)
    for text in ("Inspection round report", "Phân loại đơn chậm 5 ngày", "Chưa mở sổ theo dõi đơn",
                 "Đã phân loại lại", "Đơn vị cơ bản thực hiện đúng quy định", "round-report"):  # fmt: skip
        assert text in report, text
    assert "oversight.css" in report and "@media print" in report_css()


def report_css() -> str:
    """The stylesheet the report uses."""
    return (STATIC / "oversight.css").read_text()


def test_planning_is_once_only_and_validated_next_to_the_fields(client, world):
    letter(world, 1)
    login(client, world.users["inspector"])
    form = client.get("/inspector/rounds/new").get_data(as_text=True)
    token = TOKEN.search(form).group(1)
    first = post_form(client, "/inspector/rounds/new", {**plan_data(), "form_token": token})
    again = post_form(client, "/inspector/rounds/new", {**plan_data(), "form_token": token})
    assert first.headers["Location"] == again.headers["Location"]
    assert count(InspectionRound) == 1
    bad = plan_data(period_to=(TODAY - timedelta(days=90)).isoformat())
    response = post_form(client, "/inspector/rounds/new?lang=en", bad)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert re.search(r'id="period_to-error">The end of the period cannot be before its start', html)
    outside = post_form(client, "/inspector/rounds/new?lang=en", plan_data("HN-TNMT", "HP"))
    assert outside.status_code == 422
    assert count(InspectionRound) == 1
    assert count(RoundCase) == 1


def test_roles_and_scope(client, world):
    colleague = world.user("inspector2", ["inspector"], "HN")
    db.session.commit()
    login(client, world.users["inspector"])
    url = plan(client)
    login(client, world.users["leader"])
    assert client.get("/inspector/rounds/").status_code == 403
    assert client.get(url).status_code == 403
    login(client, world.users["stranger"])
    assert client.get(url).status_code == 404
    assert client.get(url + "/report").status_code == 404
    login(client, colleague)
    assert client.get(url).status_code == 200 and client.get(url + "/report").status_code == 200
    assert "/start" not in client.get(url).get_data(as_text=True)
    assert post_form(client, url + "/start", {}, form_page=url).status_code == 403
    assert client.get("/inspector/rounds/", follow_redirects=False).status_code == 200


def test_the_round_page_costs_the_same_number_of_statements_whatever_its_size(client, world):
    login(client, world.users["inspector"])
    counts = []
    for batch, offset in ((2, 0), (8, 100)):
        for n in range(batch):
            letter(world, offset + n, days_ago=5)
        url = plan(client)
        with count_statements() as statements:
            assert client.get(url).status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1], counts
    assert counts[1] <= 10, counts


def test_a_planned_round_is_sampled_again_then_cancelled_from_its_page(client, world):
    letter(world, 1)
    login(client, world.users["inspector"])
    url = plan(client)
    assert count(RoundCase) == 1
    letter(world, 2)
    resampled = post_form(client, f"{url}/resample", {"resample-per_unit": ""}, form_page=url)
    assert resampled.status_code == 303
    assert count(RoundCase) == 2
    refused = post_form(client, f"{url}/cancel", {"cancel-reason": ""}, form_page=url)
    assert refused.status_code == 422 and 'id="cancel-reason-error"' in refused.get_data(as_text=True)
    done = post_form(client, f"{url}/cancel", {"cancel-reason": "Trùng kế hoạch"}, form_page=url)
    assert done.status_code == 303
    page = client.get(url).get_data(as_text=True)
    assert "Trùng kế hoạch" in page and count(InspectionRound, InspectionRound.state == "cancelled") == 1
    assert post_form(client, f"{url}/start", {}, form_page=url).status_code == 303
    assert count(InspectionRound, InspectionRound.state == "cancelled") == 1
