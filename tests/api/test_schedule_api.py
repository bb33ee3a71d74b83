"""API: marking heads' reception days and publishing a schedule — roles, scope, validation, idempotency."""

from datetime import timedelta

from caseflow.extensions import db
from caseflow.models import ReceptionDay
from caseflow.timeutil import local_date, now_utc
from tests.api.test_engagement import schedule_body


def a_schedule(api, world) -> dict:
    """A schedule of the world's leader created through the API, with its planned days."""
    created = api.post("/api/v1/reception-schedule", schedule_body(world), who="reception")
    assert created.status_code == 201, created.get_json()
    return created.get_json()


def past_day(schedule: dict) -> int:
    """One of the schedule's days moved to yesterday (so it can be held or missed)."""
    day = db.session.get(ReceptionDay, schedule["days"][0]["id"])
    day.day = local_date(now_utc()) - timedelta(days=1)
    db.session.commit()
    return day.id


def test_a_day_is_marked_held_then_cancelled(api, world):
    day_id = past_day(a_schedule(api, world))
    held = api.post(f"/api/v1/reception-schedule/days/{day_id}/state", {"state": "held", "note": "Đã tiếp"},
                    who="leader")  # fmt: skip
    assert held.status_code == 200, held.get_json()
    assert (held.get_json()["state"], held.get_json()["note"]) == ("held", "Đã tiếp")
    url = f"/api/v1/reception-schedule/days/{day_id}/state"
    cancelled = api.post(url, {"state": "cancelled"}, who="reception")
    assert cancelled.get_json()["state"] == "cancelled"
    db.session.rollback()
    assert db.session.get(ReceptionDay, day_id).state == "cancelled"


def test_marking_refuses_roles_scope_bad_states_and_future_days(api, world):
    schedule = a_schedule(api, world)
    future = schedule["days"][-1]["id"]
    url = f"/api/v1/reception-schedule/days/{future}/state"
    assert api.post(url, {"state": "held"}, who=None).status_code == 401
    assert api.post(url, {"state": "held"}, who="handler").status_code == 403
    assert api.post(url, {"state": "held"}, who="stranger").status_code == 404
    unknown_day = "/api/v1/reception-schedule/days/2147483647/state"
    assert api.post(unknown_day, {"state": "held"}, who="leader").status_code == 404
    bad = api.post(url, {"state": "postponed"}, who="leader")
    assert bad.status_code == 422 and "state" in bad.get_json()["errors"]
    unknown = api.post(url, {"state": "cancelled", "colour": "red"}, who="leader")
    assert unknown.status_code == 422 and "colour" in unknown.get_json()["errors"]
    early = api.post(url, {"state": "held"}, who="leader")
    assert early.status_code == 422 and "state" in early.get_json()["errors"]
    assert early.headers["Content-Type"].startswith("application/problem+json")


def test_an_idempotency_key_replays_and_refuses_another_body(api, world):
    day_id = past_day(a_schedule(api, world))
    url, headers = f"/api/v1/reception-schedule/days/{day_id}/state", {"Idempotency-Key": "mark-1"}
    first = api.post(url, {"state": "missed"}, who="leader", headers=headers)
    again = api.post(url, {"state": "missed"}, who="leader", headers=headers)
    assert first.status_code == again.status_code == 200
    assert again.headers.get("Idempotent-Replayed") == "true"
    other = api.post(url, {"state": "held"}, who="leader", headers=headers)
    assert other.status_code in (409, 422), other.get_json()


def test_publish_publishes_the_coming_days_once(api, world):
    schedule = a_schedule(api, world)
    url = f"/api/v1/reception-schedule/{schedule['id']}/publish"
    assert api.post(url, who=None).status_code == 401
    assert api.post(url, who="handler").status_code == 403
    assert api.post(url, who="stranger").status_code == 404
    assert api.post("/api/v1/reception-schedule/2147483647/publish", who="leader").status_code == 404
    published = api.post(url, who="leader")
    assert published.status_code == 200, published.get_json()
    items = published.get_json()["items"]
    assert items and all(d["published_at"] for d in items)
    assert {d["id"] for d in items} == {d["id"] for d in schedule["days"]}
    assert api.post(url, who="reception").get_json()["items"] == []  # nothing new to publish
