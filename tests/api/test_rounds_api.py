"""API: inspection rounds from plan to closure — roles, scope, validation, idempotency, state conflicts."""

from datetime import timedelta

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import InspectionRound, Unit
from caseflow.timeutil import local_date, now_utc

URL = "/api/v1/inspection-rounds"


def unit_id(code: str) -> int:
    """The id of a unit by its code."""
    return db.session.scalar(sa.select(Unit.id).where(Unit.code == code))


def plan_body(**overrides) -> dict:
    """A round over HN-TNMT for a wide period."""
    body = {"title": "Kiểm tra việc giải quyết khiếu nại năm 2027", "units": [unit_id("HN-TNMT")],
            "period_from": "2020-01-01", "period_to": "2027-12-31", "per_unit": 5}  # fmt: skip
    return {**body, **overrides}


def due(days: int = 30) -> str:
    """A due date `days` after the real today."""
    return (local_date(now_utc()) + timedelta(days=days)).isoformat()


def planned(api, world) -> dict:
    """Two letters in HN-TNMT, then a round planned over it by the inspector."""
    for _ in range(2):
        world.intake()
    created = api.post(URL, plan_body(), who="inspector")
    assert created.status_code == 201, created.get_json()
    return created.get_json()


def test_a_round_from_plan_to_closure(api, world):
    body = planned(api, world)
    assert body["state"] == "planned" and body["units"][0]["unit"]["code"] == "HN-TNMT"
    assert len(body["cases"]) == 2 and all(c["reasons"] for c in body["cases"])
    listed = api.get(URL, who="inspector").get_json()["items"]
    assert [r["id"] for r in listed] == [body["id"]]
    rid = body["id"]
    fix = {"unit": unit_id("HN-TNMT"), "action": "Sửa", "due_on": due()}
    early = api.post(f"{URL}/{rid}/corrective-actions", fix, who="inspector")
    assert early.status_code == 409  # not started yet
    assert api.post(f"{URL}/{rid}/start", who="inspector").get_json()["state"] == "in_progress"
    case_id = body["cases"][0]["case_id"]
    action = api.post(
        f"{URL}/{rid}/corrective-actions",
        {
            "unit": unit_id("HN-TNMT"),
            "case": case_id,
            "action": "Ban hành quyết định giải quyết",
            "due_on": due(),
        },
        who="inspector",
    )
    assert action.status_code == 201, action.get_json()
    assert (action.get_json()["state"], action.get_json()["case_id"]) == ("open", case_id)
    detail = api.get(f"{URL}/{rid}", who="inspector").get_json()
    assert detail["open_actions"] == 1 and detail["actions"][0]["tracking_code"]
    refused = api.post(f"{URL}/{rid}/close", {"summary": "Kết luận"}, who="inspector")
    assert refused.status_code == 409 and "force" in refused.get_json()["errors"]
    forced = {"summary": "Kết luận", "force": True, "force_reason": "Hết thời hạn"}
    closed = api.post(f"{URL}/{rid}/close", forced, who="inspector")
    assert closed.status_code == 200 and closed.get_json()["state"] == "closed"
    assert "Hết thời hạn" in closed.get_json()["summary"] and closed.get_json()["closed_at"]
    again = api.post(f"{URL}/{rid}/close", {"summary": "Lần nữa"}, who="inspector")
    assert again.status_code == 409


def test_roles_scope_and_unknown_rounds(api, world):
    rid = planned(api, world)["id"]
    assert api.get(URL, who=None).status_code == 401
    assert api.get(URL, who="leader").status_code == 403
    assert api.get(f"{URL}/{rid}", who="leader").status_code == 403
    assert api.post(URL, plan_body(), who="leader").status_code == 403
    assert api.get(f"{URL}/{rid}", who="stranger").status_code == 404
    assert api.get(f"{URL}/2147483647", who="inspector").status_code == 404
    assert api.post(f"{URL}/{rid}/start", who="stranger").status_code == 404
    assert api.post(f"{URL}/{rid}/close", {"summary": "X"}, who="stranger").status_code == 404
    assert api.get(URL, who="stranger").get_json()["items"] == []


def test_plan_validation_and_unknown_fields(api, world):
    outside = api.post(URL, plan_body(units=[unit_id("HP")]), who="inspector")
    assert outside.status_code == 422 and "units" in outside.get_json()["errors"]
    order = api.post(URL, plan_body(period_from="2027-02-01", period_to="2027-01-01"), who="inspector")
    assert order.status_code == 422 and "period_to" in order.get_json()["errors"]
    size = api.post(URL, plan_body(per_unit=0), who="inspector")
    assert size.status_code == 422 and "per_unit" in size.get_json()["errors"]
    unknown = api.post(URL, plan_body(colour="red"), who="inspector")
    assert unknown.status_code == 422 and "colour" in unknown.get_json()["errors"]
    assert unknown.headers["Content-Type"].startswith("application/problem+json")
    missing = api.post(URL, {"title": "X"}, who="inspector")
    assert missing.status_code == 422 and {"units", "period_from", "period_to"} <= set(
        missing.get_json()["errors"]
    )


def test_corrective_action_validation(api, world):
    rid = planned(api, world)["id"]
    api.post(f"{URL}/{rid}/start", who="inspector")
    url = f"{URL}/{rid}/corrective-actions"
    past = api.post(url, {"unit": unit_id("HN-TNMT"), "action": "Sửa", "due_on": due(-3)}, who="inspector")
    assert past.status_code == 422 and "due_on" in past.get_json()["errors"]
    other_unit = api.post(url, {"unit": unit_id("HN-SXD"), "action": "Sửa", "due_on": due()}, who="inspector")
    assert other_unit.status_code == 422 and "unit" in other_unit.get_json()["errors"]
    assert api.post(url, {"unit": unit_id("HN-TNMT"), "due_on": due()}, who="inspector").status_code == 422


def test_planning_is_idempotent(api, world):
    world.intake()
    headers = {"Idempotency-Key": "round-1"}
    first = api.post(URL, plan_body(), who="inspector", headers=headers)
    second = api.post(URL, plan_body(), who="inspector", headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.get_json()["id"] == second.get_json()["id"]
    assert second.headers.get("Idempotent-Replayed") == "true"
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(InspectionRound)) == 1
