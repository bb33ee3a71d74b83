"""Pages: the public register without personal data, the citizen's rating on the tracking page, the desk's
rating and legal-aid forms on the case page, and the satisfaction summary page."""

import pytest
import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import CaseStatus, SatisfactionRating
from caseflow.text import fold
from tests.services.test_ratings import PIN, with_pin
from tests.services.test_register import (
    CANARIES,
    COMPLAINANT,
    COMPLAINT_SUMMARY,
    DENOUNCER,
    DENOUNCER_SUMMARY,
    decided_and_closed,
)
from tests.views.helpers import csrf_token, login, post_form


@pytest.fixture(autouse=True)
def frozen(monkeypatch, world):
    """The pages live on the world's day (the decisions are signed and published on it)."""
    monkeypatch.setattr("caseflow.views.register.now_utc", lambda: world.now)


def ratings_count() -> int:
    db.session.rollback()
    return db.session.scalar(sa.select(sa.func.count(SatisfactionRating.id)))


def test_public_register_lists_without_any_canary(client, world):
    decided_and_closed(world, "denunciation", DENOUNCER, DENOUNCER_SUMMARY, "7/KL-UBND")
    decided_and_closed(world, "complaint", COMPLAINANT, COMPLAINT_SUMMARY, "12/QĐ-UBND")
    for query in ("", "?q=dat", "?kind=conclusion", "?q=Canary", "?unit=HN&year=2027"):
        response = client.get(f"/public/decisions{query}")
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        for canary in CANARIES[:-1]:
            assert canary not in html and fold(canary) not in fold(html)
    html = client.get("/public/decisions?lang=en").get_data(as_text=True)
    assert "7/KL-UBND" in html and "12/QĐ-UBND" in html and "Denunciation conclusion" in html
    assert client.get("/public/decisions?unit=NOPE").status_code == 422


def rate(client, case, pin=PIN, score="4"):
    data = {"tracking_code": case.tracking_code, "pin": pin, "score": score, "comment": "Cán bộ nhiệt tình"}
    return post_form(client, "/public/track/rating", data)


def test_tracking_page_offers_the_rating_once_the_case_is_closed(client, world):
    case = with_pin(world.new_case_at("complaint", CaseStatus.CLOSED))
    token = csrf_token(client, "/public/track")
    page = client.post(
        "/public/track", data={"tracking_code": case.tracking_code, "pin": PIN, "csrf_token": token}
    )
    html = page.get_data(as_text=True)
    assert 'action="/public/track/rating"' in html and 'name="score"' in html
    assert rate(client, case).status_code == 201
    assert ratings_count() == 1
    page = client.post(
        "/public/track", data={"tracking_code": case.tracking_code, "pin": PIN, "csrf_token": token}
    )
    assert 'name="score"' not in page.get_data(as_text=True)


def test_tracking_page_of_an_open_case_has_no_rating(client, world):
    case = with_pin(world.new_case_at("complaint", CaseStatus.ACCEPTED))
    token = csrf_token(client, "/public/track")
    page = client.post(
        "/public/track", data={"tracking_code": case.tracking_code, "pin": PIN, "csrf_token": token}
    )
    assert 'name="score"' not in page.get_data(as_text=True)


def test_rating_refusals_before_closing_wrong_pin_and_twice(client, world):
    open_case = with_pin(world.new_case_at("complaint", CaseStatus.DECIDED))
    assert rate(client, open_case).status_code == 422
    closed = with_pin(world.new_case_at("complaint", CaseStatus.CLOSED))
    wrong = rate(client, closed, pin="111111")
    assert wrong.status_code == 404
    assert rate(client, closed).status_code == 201
    again = rate(client, closed, score="1")
    assert again.status_code == 409
    assert ratings_count() == 1


def test_rating_form_is_rate_limited(app, client, world):
    closed = with_pin(world.new_case_at("complaint", CaseStatus.CLOSED))
    app.config["CASEFLOW_RATE_LIMITS"] = {"track": (2, 60)}
    try:
        codes = [rate(client, closed, pin="000000").status_code for _ in range(3)]
    finally:
        app.config.pop("CASEFLOW_RATE_LIMITS")
    assert codes == [404, 404, 429]


def test_desk_records_the_rating_on_the_case_page(client, world):
    case = world.new_case_at("complaint", CaseStatus.CLOSED)
    login(client, world.users["reception"])
    html = client.get(f"/cases/{case.id}?lang=en").get_data(as_text=True)
    assert "Record the citizen&#39;s rating" in html or "Record the citizen's rating" in html
    url = f"/cases/{case.id}/rating"
    response = post_form(client, url, {"score": "3", "comment": "Tạm được"}, form_page=f"/cases/{case.id}")
    assert response.status_code == 303
    html = client.get(f"/cases/{case.id}?lang=en").get_data(as_text=True)
    assert "3/5" in html and "Tạm được" in html
    again = post_form(client, url, {"score": "5"}, form_page=f"/cases/{case.id}")
    assert again.status_code == 409


def test_handler_cannot_record_a_desk_rating(client, world):
    case = world.new_case_at("complaint", CaseStatus.CLOSED)
    login(client, world.users["handler"])
    response = post_form(client, f"/cases/{case.id}/rating", {"score": "5"}, form_page=f"/cases/{case.id}")
    assert response.status_code == 403
    login(client, world.users["stranger"])
    assert client.post(f"/cases/{case.id}/rating", data={"score": "5"}).status_code in (400, 404)


def test_legal_aid_form_on_the_case_page(client, world):
    case = world.new_case_at("complaint", CaseStatus.VERIFYING)
    login(client, world.users["handler"])
    page = f"/cases/{case.id}"
    data = {"given_to": "Bà Lê Thị Hoa", "given_on": "2027-01-04", "note": "Tư vấn"}
    assert post_form(client, f"{page}/legal-aid", data, form_page=page).status_code == 303
    html = client.get(f"{page}?lang=en").get_data(as_text=True)
    assert "Bà Lê Thị Hoa" in html
    bad = post_form(client, f"{page}/legal-aid", {"given_to": "", "given_on": ""}, form_page=page)
    assert bad.status_code == 422
    login(client, world.users["handler2"])
    assert "Record legal aid" not in client.get(f"{page}?lang=en").get_data(as_text=True)
    assert post_form(client, f"{page}/legal-aid", data, form_page=page).status_code == 403


def test_satisfaction_page_for_report_readers_only(client, world):
    case = with_pin(world.new_case_at("complaint", CaseStatus.CLOSED))
    rate(client, case, score="5")
    login(client, world.users["leader"])
    html = client.get("/register/satisfaction?start=2027-01-01&end=2027-01-31&lang=en").get_data(as_text=True)
    assert "Sở Tài nguyên và Môi trường" in html and "5.00" in html
    login(client, world.users["handler"])
    assert client.get("/register/satisfaction").status_code == 403
