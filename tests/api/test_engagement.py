"""API: reception schedule and public dialogues — scope, roles, validation, idempotency, issue to answer."""

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import Case, CaseStatus, PublicDialogue
from caseflow.timeutil import local_date, now_utc


def today() -> str:
    """The real local date as ISO text."""
    return local_date(now_utc()).isoformat()


def schedule_body(world, **overrides) -> dict:
    """A schedule for the world's leader."""
    body = {
        "head": world.users["leader"].id,
        "days_of_month": [10, 20],
        "place": "Phòng tiếp dân",
        "valid_from": today(),
    }
    return {**body, **overrides}


def dialogue_body(**overrides) -> dict:
    """A dialogue with one issue."""
    body = {
        "held_on": today(),
        "place": "Nhà văn hoá thôn Đoài",
        "audience": "households",
        "participants": 30,
        "issues": [{"text": "Đề nghị công khai giá bồi thường", "raised_by": "Ông Bình"}],
    }
    return {**body, **overrides}


def test_a_schedule_is_created_and_its_days_listed_in_scope(api, world):
    created = api.post("/api/v1/reception-schedule", schedule_body(world), who="reception")
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert body["head"]["id"] == world.users["leader"].id and body["days"]
    listed = api.get("/api/v1/reception-schedule", who="inspector").get_json()["items"]
    assert {d["id"] for d in listed} >= {d["id"] for d in body["days"] if d["day"] <= listed[-1]["day"]}
    assert all(d["state"] == "planned" and d["published_in_time"] is False for d in listed)
    assert api.get("/api/v1/reception-schedule", who="stranger").get_json()["items"] == []


def test_schedule_roles_and_validation(api, world):
    assert api.post("/api/v1/reception-schedule", schedule_body(world), who="handler").status_code == 403
    bad = api.post("/api/v1/reception-schedule", schedule_body(world, days_of_month=[40]), who="leader")
    assert bad.status_code == 422 and "days_of_month" in bad.get_json()["errors"]
    stranger = api.post(
        "/api/v1/reception-schedule", schedule_body(world, head=world.users["stranger"].id), who="leader"
    )
    assert stranger.status_code == 422 and "head" in stranger.get_json()["errors"]
    assert api.get("/api/v1/reception-schedule", who=None).status_code == 401


def test_a_dialogue_post_is_idempotent(api, world):
    headers = {"Idempotency-Key": "dialogue-1"}
    first = api.post("/api/v1/dialogues", dialogue_body(), who="leader", headers=headers)
    second = api.post("/api/v1/dialogues", dialogue_body(), who="leader", headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.get_json()["id"] == second.get_json()["id"]
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PublicDialogue)) == 1
    assert first.get_json()["issues"][0]["state"] == "not_a_case"


def test_dialogue_roles_scope_and_validation(api, world):
    assert api.post("/api/v1/dialogues", dialogue_body(), who="officer").status_code == 403
    bad = api.post("/api/v1/dialogues", dialogue_body(audience="tourists", participants=0), who="leader")
    assert bad.status_code == 422 and {"audience", "participants"} <= set(bad.get_json()["errors"])
    dialogue = api.post("/api/v1/dialogues", dialogue_body(), who="leader").get_json()
    assert [d["id"] for d in api.get("/api/v1/dialogues", who="handler").get_json()["items"]] == [
        dialogue["id"]
    ]
    assert api.get("/api/v1/dialogues", who="stranger").get_json()["items"] == []
    issue = api.post(
        f"/api/v1/dialogues/{dialogue['id']}/issues", {"text": "Hỏi về tái định cư"}, who="stranger"
    )
    assert issue.status_code == 404


def test_an_issue_raised_at_a_dialogue_becomes_a_petition_followed_to_its_answer(api, world):
    dialogue = api.post("/api/v1/dialogues", dialogue_body(issues=[]), who="leader").get_json()
    body = {"text": "Đề nghị sửa cống thoát nước", "raised_by": "Bà Mai", "as_case": True}
    added = api.post(f"/api/v1/dialogues/{dialogue['id']}/issues", body, who="reception")
    assert added.status_code == 201, added.get_json()
    issue = added.get_json()
    assert issue["seq"] == 1 and issue["tracking_code"] and issue["state"] in ("in_progress", "overdue")
    again = api.post(f"/api/v1/dialogues/{dialogue['id']}/issues/{issue['id']}/case", who="reception")
    assert again.status_code == 409
    case = db.session.get(Case, issue["case_id"])
    assert (case.kind.value, case.channel.value) == ("petition", "dialogue")
    world.kinds[case.id] = "petition"
    world.now = now_utc()
    world.bring_to(case, CaseStatus.DECIDED)
    listed = api.get("/api/v1/dialogues", who="inspector").get_json()["items"][0]
    assert listed["issues"][0]["state"] == "answered"


def test_a_dialogues_audience_is_one_of_the_vocabulary(api, world):
    other = api.post("/api/v1/dialogues", dialogue_body(audience="other", issues=[]), who="leader")
    assert other.status_code == 201 and other.get_json()["audience"] == "other"
    students = api.post("/api/v1/dialogues", dialogue_body(audience="students", issues=[]), who="leader")
    assert students.get_json()["audience"] == "students"
    wrong = api.post("/api/v1/dialogues", dialogue_body(audience="tourists"), who="leader")
    assert wrong.status_code == 422 and "audience" in wrong.get_json()["errors"]
