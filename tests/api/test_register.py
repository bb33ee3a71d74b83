"""API: POST /public/track/{code}/rating and GET /public/decisions (no personal data, keyset pages)."""

import json

import pytest

from caseflow.models import CaseStatus
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


@pytest.fixture(autouse=True)
def frozen(monkeypatch, world):
    """The API lives on the world's day."""
    monkeypatch.setattr("caseflow.api.resources.register.now_utc", lambda: world.now)


def rating_url(case) -> str:
    return f"/api/v1/public/track/{case.tracking_code}/rating"


def test_rating_once_after_closing(api, world):
    case = with_pin(world.new_case_at("complaint", CaseStatus.CLOSED))
    response = api.post(rating_url(case), {"pin": PIN, "score": 5, "comment": "Tốt"}, who=None)
    assert response.status_code == 201
    assert response.json["score"] == 5 and response.json["source"] == "online" and "pin" not in response.json
    again = api.post(rating_url(case), {"pin": PIN, "score": 1}, who=None)
    assert again.status_code == 409 and again.mimetype == "application/problem+json"


def test_rating_refused_before_closing_with_a_reason(api, world):
    case = with_pin(world.new_case_at("complaint", CaseStatus.VERIFYING))
    response = api.post(rating_url(case), {"pin": PIN, "score": 4}, who=None)
    assert response.status_code == 422 and "closed" in response.json["detail"]


def test_wrong_pin_is_exactly_an_unknown_code(api, world):
    case = with_pin(world.new_case_at("complaint", CaseStatus.CLOSED))
    wrong = api.post(rating_url(case), {"pin": "000000", "score": 4}, who=None)
    unknown = api.post("/api/v1/public/track/HN-1999-000001/rating", {"pin": PIN, "score": 4}, who=None)
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json == unknown.json


def test_invalid_score_is_422_per_field(api, world):
    case = with_pin(world.new_case_at("complaint", CaseStatus.CLOSED))
    response = api.post(rating_url(case), {"pin": PIN, "score": 9}, who=None)
    assert response.status_code == 422 and "score" in response.json["errors"]


def test_rating_is_rate_limited(app, api, world):
    case = with_pin(world.new_case_at("complaint", CaseStatus.CLOSED))
    app.config["CASEFLOW_RATE_LIMITS"] = {"track": (2, 60)}
    try:
        codes = [api.post(rating_url(case), {"pin": "1", "score": 4}, who=None).status_code for _ in range(3)]
    finally:
        app.config.pop("CASEFLOW_RATE_LIMITS")
    assert codes == [404, 404, 429]


def test_register_lists_without_canaries_and_pages(api, world):
    decided_and_closed(world, "denunciation", DENOUNCER, DENOUNCER_SUMMARY, "7/KL-UBND")
    decided_and_closed(world, "complaint", COMPLAINANT, COMPLAINT_SUMMARY, "12/QĐ-UBND")
    first = api.get("/api/v1/public/decisions?limit=1", who=None)
    assert first.status_code == 200 and len(first.json["items"]) == 1
    second = api.get(f"/api/v1/public/decisions?limit=1&cursor={first.json['next_cursor']}", who=None)
    assert second.json["next_cursor"] is None
    items = first.json["items"] + second.json["items"]
    assert {i["number"] for i in items} == {"7/KL-UBND", "12/QĐ-UBND"}
    assert set(items[0]) >= {"number", "signed_on", "unit", "kind", "field", "outcome", "summary"}
    for query in ("", "?q=Canary", "?kind=conclusion", "?q=giai%20phong%20mat%20bang"):
        text = json.dumps(api.get(f"/api/v1/public/decisions{query}", who=None).json, ensure_ascii=False)
        for canary in CANARIES[:-1]:
            assert canary not in text and fold(canary) not in fold(text)
    assert api.get("/api/v1/public/decisions?kind=answer", who=None).status_code == 422
    assert api.get("/api/v1/public/decisions?unit=NOPE", who=None).status_code == 422
