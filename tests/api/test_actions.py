"""POST /cases/{id}/actions/{action}: If-Match (428, 409), roles (403), scope (404), guards (422), replays."""

from datetime import datetime, timedelta

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, CaseStatus
from caseflow.timeutil import local_date, now_utc
from tests.api.conftest import CLASSIFY


def fresh(case_id: int) -> Case:
    """The case as the database has it now."""
    db.session.rollback()
    db.session.expire_all()
    return db.session.get(Case, case_id)


def test_the_acceptance_cycle(api, world):
    case = world.intake()
    classified = api.act(case.id, "classify", CLASSIFY, 1, "officer")
    assert classified.status_code == 200, classified.json
    assert classified.json["status"] == "classified" and classified.headers["ETag"] == '"2"'
    proposed = api.act(case.id, "propose_acceptance", {"note": "Đủ điều kiện"}, 2, "officer")
    assert proposed.json["status"] == "pending_acceptance"
    accepted = api.act(case.id, "accept", {"complexity": "normal"}, 3, "leader")
    assert accepted.status_code == 200 and accepted.json["status"] == "accepted"
    assert "assign" in accepted.json["allowed_actions"]
    handlers = api.get("/api/v1/users?role=handler", who="leader").json["items"]
    assigned = api.act(case.id, "assign", {"assignee": handlers[0]["id"]}, 4, "leader")
    assert assigned.json["assignee"]["id"] == handlers[0]["id"]
    event = db.session.scalars(db.select(CaseEvent).order_by(CaseEvent.id.desc())).first()
    assert event.actor == "api:leader" and event.request_id


def test_missing_if_match_is_428(api, world):
    case = world.intake()
    answer = api.post(f"/api/v1/cases/{case.id}/actions/classify", CLASSIFY, "officer")
    assert answer.status_code == 428 and answer.mimetype == "application/problem+json"


def test_malformed_if_match_is_400(api, world):
    case = world.intake()
    answer = api.act(case.id, "classify", CLASSIFY, 1, "officer", **{"If-Match": "yesterday"})
    assert answer.status_code == 400


def test_stale_version_is_409(api, world):
    case = world.intake()
    api.act(case.id, "classify", CLASSIFY, 1, "officer")
    answer = api.act(case.id, "classify", CLASSIFY, 1, "officer")
    assert answer.status_code == 409 and answer.json["code"] == "stale_case"


def test_action_not_allowed_from_status_is_409(api, world):
    case = world.intake()
    answer = api.act(case.id, "accept", {}, 1, "leader")
    assert answer.status_code == 409 and answer.json["code"] == "transition_not_allowed"


def test_wrong_role_is_403(api, world):
    case = world.intake()
    answer = api.act(case.id, "classify", CLASSIFY, 1, "handler")
    assert answer.status_code == 403 and answer.json["code"] == "permission_denied"


def test_out_of_scope_is_404(api, world):
    case = world.intake()
    answer = api.act(case.id, "classify", CLASSIFY, 1, "stranger")
    assert answer.status_code == 404
    assert fresh(case.id).version == 1


def test_guard_failure_is_422_with_reason(api, world):
    case = world.intake()
    api.act(case.id, "classify", {**CLASSIFY, "eligible": False}, 1, "officer")
    answer = api.act(case.id, "propose_acceptance", {}, 2, "officer")
    assert answer.status_code == 422 and answer.json["code"] == "guard_failed" and answer.json["detail"]


def test_invalid_and_unknown_parameters_are_422_per_field(api, world):
    case = world.intake()
    answer = api.act(case.id, "classify", {"kind": "riddle", "colour": "red"}, 1, "officer")
    assert answer.status_code == 422
    assert {"kind", "colour", "field", "eligible"} <= set(answer.json["errors"])


def test_body_must_be_a_json_object(api, world):
    case = world.intake()
    headers = {**api.headers("officer"), "If-Match": '"1"', "Content-Type": "text/plain"}
    wrong_type = api.client.post(f"/api/v1/cases/{case.id}/actions/classify", data="kind=x", headers=headers)
    assert wrong_type.status_code == 415
    assert api.act(case.id, "classify", [1, 2], 1, "officer").status_code == 422


def test_unknown_action_is_404(api, world):
    case = world.intake()
    answer = api.act(case.id, "fly", {}, 1, "officer")
    assert answer.status_code == 404 and answer.mimetype == "application/problem+json"


def test_replayed_action_has_one_effect(api, world):
    case = world.intake()
    key = {"Idempotency-Key": "classify-once"}
    first = api.act(case.id, "classify", CLASSIFY, 1, "officer", **key)
    again = api.act(case.id, "classify", CLASSIFY, 1, "officer", **key)
    assert first.status_code == again.status_code == 200
    assert again.json == first.json and again.headers["ETag"] == '"2"'
    assert fresh(case.id).version == 2
    other = api.act(case.id, "classify", {**CLASSIFY, "field": "policy"}, 1, "officer", **key)
    assert other.status_code == 409


def test_suspended_case_refuses_actions_then_resumes(api, world):
    case = world.new_case_at("complaint", CaseStatus.ACCEPTED)
    version = fresh(case.id).version
    assert api.act(case.id, "suspend", {"reason": "Chờ giám định"}, version, "leader").status_code == 200
    refused = api.act(case.id, "assign", {"assignee": world.users["handler"].id}, version + 1, "leader")
    assert refused.status_code == 409
    assert api.act(case.id, "resume", {}, version + 1, "leader").json["is_suspended"] is False


def test_numbers_beyond_the_database_integers_are_422(api, world):
    case = world.new_case_at("complaint", CaseStatus.ACCEPTED)
    answer = api.act(case.id, "assign", {"assignee": 20520978433}, case.version, "leader")
    assert answer.status_code == 422 and "assignee" in answer.json["errors"]
    intake = api.post("/api/v1/cases", {"unit": 2**40, "petitioner": {"x": [1, -(2**35)]}}, who="reception")
    assert intake.status_code == 422 and set(intake.json["errors"]) == {"unit", "petitioner.x.1"}


def test_an_action_recorded_late_through_the_api_keeps_both_dates(api, world):
    today = local_date(now_utc())
    case = world.intake(now=now_utc(), received_on=(today - timedelta(days=20)).isoformat())
    api.token("handler")
    bad = api.act(case.id, "classify", {**CLASSIFY, "effective_on": "03/12/2026"}, case.version, "officer")
    assert bad.status_code == 422 and "effective_on" in bad.get_json()["errors"]
    early = {**CLASSIFY, "effective_on": (today - timedelta(days=21)).isoformat()}
    assert api.act(case.id, "classify", early, case.version, "officer").status_code == 422
    late = {**CLASSIFY, "effective_on": (today - timedelta(days=15)).isoformat()}
    done = api.act(case.id, "classify", late, case.version, "officer")
    assert done.status_code == 200, done.get_json()
    events = api.get(f"/api/v1/cases/{case.id}/events", who="officer").get_json()["items"]
    recorded = events[-1]["params"]["recorded_late"]
    entered = datetime.fromisoformat(recorded["recorded_at"])
    assert recorded["effective_on"] == late["effective_on"]
    assert abs(now_utc() - entered) < timedelta(minutes=5)
    db.session.rollback()
    event = db.session.scalars(sa.select(CaseEvent).where(CaseEvent.case_id == case.id)
                               .order_by(CaseEvent.seq.desc())).first()  # fmt: skip
    assert local_date(event.created_dt).isoformat() == late["effective_on"]
    spec = api.get("/api/v1/openapi.json").get_json()
    assert "effective_on" in spec["components"]["schemas"]["ClassifyArgs"]["properties"]
