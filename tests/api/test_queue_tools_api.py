"""The API's tools: bulk assignment (case by case, stale ones reported), saved filters, sorting, a new PIN."""

import re

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import Case, CaseStatus
from caseflow.services.cases.intake import check_pin
from tests.services.test_ratings import PIN, with_pin


def test_leader_assigns_in_bulk_and_each_stale_case_is_reported(api, world):
    first = world.new_case_at("complaint", CaseStatus.ACCEPTED)
    second = world.new_case_at("complaint", CaseStatus.ACCEPTED)
    body = {
        "assignee": world.users["handler"].id,
        "cases": [
            {"id": first.id, "version": first.version},
            {"id": second.id, "version": second.version - 1},
        ],
    }
    answer = api.post("/api/v1/cases/bulk-assign", body, who="leader")
    assert answer.status_code == 200, answer.get_json()
    report = answer.get_json()
    assert (report["assigned"], report["refused"]) == (1, 1)
    assert report["results"][0] == {
        "case_id": first.id, "outcome": "assigned", "version": first.version + 1,
        "tracking_code": first.tracking_code,
    }
    assert report["results"][1]["outcome"] == "stale_case" and report["results"][1]["status"] == 409
    db.session.rollback()
    statuses = dict(db.session.execute(sa.select(Case.id, Case.status)).all())
    assert statuses == {first.id: CaseStatus.VERIFYING, second.id: CaseStatus.ACCEPTED}


def test_bulk_assignment_is_a_leaders_and_needs_cases(api, world):
    case = world.new_case_at("complaint", CaseStatus.ACCEPTED)
    body = {"assignee": world.users["handler"].id, "cases": [{"id": case.id, "version": case.version}]}
    refused = api.post("/api/v1/cases/bulk-assign", body, who="officer")
    assert refused.status_code == 403 and refused.mimetype == "application/problem+json"
    empty = api.post("/api/v1/cases/bulk-assign", {**body, "cases": []}, who="leader")
    assert empty.status_code == 422 and empty.mimetype == "application/problem+json"


def test_saved_filters_round_trip_and_stay_private(api, world):
    created = api.post(
        "/api/v1/saved-filters",
        {"name": "Đang xác minh", "arguments": {"queue": "unit", "status": "verifying", "sort": "-received"}},
    )
    assert created.status_code == 201, created.get_json()
    saved = created.get_json()
    assert saved["arguments"] == {"queue": "unit", "status": "verifying", "sort": "-received"}
    listed = api.get("/api/v1/saved-filters").get_json()["items"]
    assert [item["name"] for item in listed] == ["Đang xác minh"]
    assert api.get("/api/v1/saved-filters", who="leader").get_json()["items"] == []
    other = api.client.delete(f"/api/v1/saved-filters/{saved['id']}", headers=api.headers("leader"))
    assert other.status_code == 404
    mine = api.client.delete(f"/api/v1/saved-filters/{saved['id']}", headers=api.headers("officer"))
    assert mine.status_code == 204
    assert api.get("/api/v1/saved-filters").get_json()["items"] == []


def test_a_saved_filter_with_an_unknown_argument_value_is_a_problem(api, world):
    answer = api.post("/api/v1/saved-filters", {"name": "x", "arguments": {"sort": "subject"}})
    assert answer.status_code == 422 and answer.mimetype == "application/problem+json"


def test_the_case_list_sorts_as_asked(api, world):
    codes = sorted(world.intake().tracking_code for _ in range(3))
    listed = api.get("/api/v1/cases?queue=unit&sort=-code").get_json()["items"]
    assert [item["tracking_code"] for item in listed] == codes[::-1]
    assert api.get("/api/v1/cases?sort=subject").status_code == 422


def test_the_api_issues_a_pin_in_its_answer_only(api, world):
    case = with_pin(world.intake())
    answer = api.post(f"/api/v1/cases/{case.id}/pin", None, who="reception")
    assert answer.status_code == 200, answer.get_json()
    body = answer.get_json()
    assert body["tracking_code"] == case.tracking_code and re.fullmatch(r"\d{8}", body["pin"])
    assert answer.headers["Cache-Control"] == "no-store"
    db.session.rollback()
    db.session.refresh(case)
    assert check_pin(case, body["pin"]) and not check_pin(case, PIN)
    refused = api.post(f"/api/v1/cases/{case.id}/pin", None, who="leader")
    assert refused.status_code == 403 and refused.mimetype == "application/problem+json"
