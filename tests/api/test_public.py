"""Citizen tracking (API and page) and online letters: no personal data, wrong PIN = unknown, limits."""

import re

import pytest

from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, CaseStatus, Channel
from caseflow.services.cases import intake
from tests.views.helpers import csrf_token, post_form


@pytest.fixture
def receipt(world):
    """A letter with its PIN."""
    result = intake.create_case(world.letter(), actor=world.users["reception"], now=world.now)
    db.session.commit()
    return result.case, result.pin


def test_track_shows_stage_unit_due_date_and_next_step_in_vietnamese(api, receipt):
    case, pin = receipt
    answer = api.get(f"/api/v1/public/track/{case.tracking_code}?pin={pin}", who=None)
    assert answer.status_code == 200
    body = answer.json
    assert body["language"] == "vi" and body["status"] == "received"
    assert body["unit"] == "Sở Tài nguyên và Môi trường"
    assert body["due"]["due_on"] and body["due"]["explanation"] and body["stage"] and body["next_step"]
    text = answer.get_data(as_text=True)
    for secret in ("Nguyễn Văn Đức", "001088012345", "0912345678", "Thôn Đoài", "thu hồi đất số 123"):
        assert secret not in text


def test_track_in_english_on_request(api, receipt):
    case, pin = receipt
    body = api.get(f"/api/v1/public/track/{case.tracking_code}?pin={pin}&lang=en", who=None).json
    assert body["language"] == "en"
    assert body["stage"] == "Your letter has been received and is waiting to be classified."
    assert "working days" in body["due"]["explanation"]
    by_header = api.get(
        f"/api/v1/public/track/{case.tracking_code}?pin={pin}", who=None, headers={"Accept-Language": "en"}
    )
    assert by_header.json["language"] == "en"


def test_wrong_pin_answers_exactly_like_an_unknown_code(api, receipt):
    case, pin = receipt
    wrong = api.get(f"/api/v1/public/track/{case.tracking_code}?pin=00000000", who=None)
    unknown = api.get("/api/v1/public/track/HN-1999-000001?pin=00000000", who=None)
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.get_data() == unknown.get_data()
    assert wrong.headers["Content-Type"] == unknown.headers["Content-Type"]


def test_track_takes_the_pin_in_the_body_so_no_url_holds_it(api, receipt):
    case, pin = receipt
    answer = api.post(f"/api/v1/public/track/{case.tracking_code}", {"pin": pin, "lang": "en"}, who=None)
    assert answer.status_code == 200
    assert answer.json["language"] == "en" and answer.json["status"] == "received"
    old = api.get(f"/api/v1/public/track/{case.tracking_code}?pin={pin}&lang=en", who=None)
    assert old.json == answer.json  # the older GET keeps answering the same
    wrong = api.post(f"/api/v1/public/track/{case.tracking_code}", {"pin": "00000000"}, who=None)
    unknown = api.post("/api/v1/public/track/HN-1999-000001", {"pin": "00000000"}, who=None)
    assert wrong.status_code == unknown.status_code == 404 and wrong.get_data() == unknown.get_data()
    assert api.post(f"/api/v1/public/track/{case.tracking_code}", {}, who=None).status_code == 422


def test_track_requires_a_pin(api, receipt):
    case, _pin = receipt
    assert api.get(f"/api/v1/public/track/{case.tracking_code}", who=None).status_code == 422


def test_tracking_is_rate_limited(api, app, receipt, monkeypatch):
    case, pin = receipt
    monkeypatch.setitem(app.config, "CASEFLOW_RATE_LIMITS", {"track": (3, 60)})
    codes = [
        api.get(f"/api/v1/public/track/{case.tracking_code}?pin=1{n}", who=None).status_code for n in range(3)
    ]
    assert codes == [404, 404, 404]
    limited = api.get(f"/api/v1/public/track/{case.tracking_code}?pin={pin}", who=None)
    assert limited.status_code == 429 and limited.headers["Retry-After"]


def test_tracking_follows_the_case(api, world, receipt):
    case, pin = receipt
    world.bring_to(case, CaseStatus.ACCEPTED)
    body = api.get(f"/api/v1/public/track/{case.tracking_code}?pin={pin}&lang=en", who=None).json
    assert body["status"] == "accepted" and body["kind"] == "complaint"
    assert body["next_step"] == "A handler will be assigned to verify the facts."
    assert body["due"]["rule"]


def test_tracking_page_without_login(client, receipt):
    case, pin = receipt
    page = client.get("/public/track")
    assert page.status_code == 200 and 'name="pin"' in page.get_data(as_text=True)
    shown = post_form(client, "/public/track", {"tracking_code": case.tracking_code.lower(), "pin": pin})
    text = shown.get_data(as_text=True)
    assert shown.status_code == 200 and case.tracking_code in text
    assert "Sở Tài nguyên và Môi trường" in text
    for secret in ("Nguyễn Văn Đức", "001088012345", "0912345678"):
        assert secret not in text


def test_tracking_page_wrong_pin_equals_unknown_code(client, receipt):
    case, _pin = receipt
    wrong = post_form(client, "/public/track", {"tracking_code": case.tracking_code, "pin": "11111111"})
    unknown = post_form(client, "/public/track", {"tracking_code": "HN-1999-000009", "pin": "11111111"})
    assert wrong.status_code == unknown.status_code == 404

    def strip(page):
        return (
            re.sub(r"(csrf_token|X-Request)[^>]*>", "", page.get_data(as_text=True))
            .replace(case.tracking_code, "")
            .replace("HN-1999-000009", "")
        )

    assert strip(wrong) == strip(unknown)


def test_tracking_page_needs_csrf(client, receipt):
    case, pin = receipt
    answer = client.post("/public/track", data={"tracking_code": case.tracking_code, "pin": pin})
    assert answer.status_code == 400


def test_tracking_page_in_english(client, receipt):
    case, pin = receipt
    token = csrf_token(client, "/public/track?lang=en")
    shown = client.post(
        "/public/track?lang=en", data={"tracking_code": case.tracking_code, "pin": pin, "csrf_token": token}
    )
    assert "Your letter has been received" in shown.get_data(as_text=True)


def submission(world, **overrides) -> dict:
    """An online letter."""
    data = {
        "unit": str(db.session.scalar(db.select(Case.unit_id).limit(1)) or _unit_id("HN-TNMT")),
        "subject": "Phản ánh ô nhiễm tiếng ồn",
        "content": "Xưởng gỗ cạnh nhà hoạt động suốt đêm gây ồn",
        "full_name": "Trần Thị Bình",
        "address": "Số 5 ngõ 10, phường Láng",
        "phone": "0987654321",
    }
    return {**data, **overrides}


def _unit_id(code: str) -> int:
    """A unit's id."""
    from caseflow.models import Unit

    return db.session.scalar(db.select(Unit.id).where(Unit.code == code))


def test_online_submission_gives_code_and_pin_once(client, world):
    form = submission(world, unit=str(_unit_id("HN-TNMT")))
    token = csrf_token(client, "/public/submit")
    page = client.get("/public/submit").get_data(as_text=True)
    form_token = re.search(r'name="form_token"[^>]*value="([^"]+)"', page).group(1)
    data = {**form, "csrf_token": token, "form_token": form_token}
    first = client.post("/public/submit", data=data)
    again = client.post("/public/submit", data=data)
    assert first.status_code == again.status_code == 303
    assert first.headers["Location"] == again.headers["Location"]
    receipt_page = client.get(first.headers["Location"]).get_data(as_text=True)
    code = re.search(r'class="tracking-code">([^<]+)<', receipt_page).group(1)
    pin = re.search(r'class="pin">([^<]+)<', receipt_page).group(1)
    db.session.rollback()
    db.session.expire_all()
    cases = db.session.scalars(db.select(Case)).all()
    assert [c.tracking_code for c in cases] == [code]
    assert cases[0].channel == Channel.ONLINE and cases[0].unit.code == "HN-TNMT"
    event = db.session.scalars(db.select(CaseEvent)).one()
    assert event.actor == "citizen:online"
    assert intake.check_pin(cases[0], pin)


def test_online_submission_refuses_missing_name_unless_anonymous(client, world):
    refused = post_form(client, "/public/submit", submission(world, unit=str(_unit_id("HN")), full_name=""))
    assert refused.status_code == 422
    assert db.session.scalar(db.select(db.func.count(Case.id))) == 0
    anonymous = post_form(
        client, "/public/submit", submission(world, unit=str(_unit_id("HN")), full_name="", is_anonymous="y")
    )
    assert anonymous.status_code == 303


def test_online_submission_is_rate_limited(client, world, app, monkeypatch):
    monkeypatch.setitem(app.config, "CASEFLOW_RATE_LIMITS", {"submit": (1, 600)})
    unit = str(_unit_id("HN"))
    assert post_form(client, "/public/submit", submission(world, unit=unit)).status_code == 303
    assert post_form(client, "/public/submit", submission(world, unit=unit)).status_code == 429
