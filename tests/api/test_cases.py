"""POST/GET /cases, GET /cases/{id}, /events: intake, queues, scope, validation, size limits, idempotency."""

import http.client
import json
import threading

import pytest

from caseflow.extensions import db
from caseflow.models import Case, IdempotencyKey
from tests.api.conftest import letter


def test_intake_answers_201_with_case_pin_location_etag(api):
    answer = api.post("/api/v1/cases", letter(), who="reception")
    assert answer.status_code == 201, answer.json
    body = answer.json
    assert answer.headers["Location"] == f"/api/v1/cases/{body['id']}"
    assert answer.headers["ETag"] == '"1"'
    assert body["status"] == "received" and body["version"] == 1
    assert len(body["pin"]) == 8 and body["tracking_code"].startswith("HN-")
    assert body["petitioner"]["full_name"] == "Nguyễn Văn Đức"
    assert body["deadlines"] and body["deadlines"][0]["explanation"]["text_vi"]
    for name in ("unit", "assignee", "received_on", "co_petitioners", "is_anonymous", "complexity"):
        assert name in body
    shown = api.get(f"/api/v1/cases/{body['id']}", who="officer")
    assert "pin" not in shown.json
    assert {"classify", "file"} <= set(shown.json["allowed_actions"])


def test_intake_by_a_handler_is_403(api):
    answer = api.post("/api/v1/cases", letter(), who="handler")
    assert answer.status_code == 403
    assert answer.mimetype == "application/problem+json"


def test_intake_validation_is_422_per_field(api):
    answer = api.post("/api/v1/cases", {"channel": "pigeon", "subject": "x"}, who="reception")
    assert answer.status_code == 422
    errors = answer.json["errors"]
    assert {"channel", "subject", "content"} <= set(errors)
    assert answer.json["type"].endswith("invalid_input")


def test_intake_refuses_unknown_fields(api):
    answer = api.post("/api/v1/cases", letter(priority="urgent"), who="reception")
    assert answer.status_code == 422 and "priority" in answer.json["errors"]
    assert db.session.scalar(db.select(db.func.count(Case.id))) == 0


def test_intake_service_rules_are_422(api):
    answer = api.post("/api/v1/cases", letter(received_on="2099-01-01"), who="reception")
    assert answer.status_code == 422 and "received_on" in answer.json["errors"]


def test_body_too_large_is_413(api, app, monkeypatch):
    monkeypatch.setitem(app.config, "CASEFLOW_API_MAX_BODY", 1000)
    answer = api.post("/api/v1/cases", letter(content="x" * 2000), who="reception")
    assert answer.status_code == 413 and answer.mimetype == "application/problem+json"


def test_broken_json_is_400_problem(api):
    headers = {**api.headers("reception"), "Content-Type": "application/json"}
    answer = api.client.post("/api/v1/cases", data="{nope", headers=headers)
    assert answer.status_code == 400 and answer.mimetype == "application/problem+json"


def test_idempotent_intake_replays_the_first_answer(api):
    first = api.post("/api/v1/cases", letter(), who="reception", headers={"Idempotency-Key": "k-1"})
    again = api.post("/api/v1/cases", letter(), who="reception", headers={"Idempotency-Key": "k-1"})
    assert first.status_code == again.status_code == 201
    assert again.json == first.json and again.headers["Location"] == first.headers["Location"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert db.session.scalar(db.select(db.func.count(Case.id))) == 1


def test_same_key_with_another_body_is_409(api):
    api.post("/api/v1/cases", letter(), who="reception", headers={"Idempotency-Key": "k-2"})
    other = api.post(
        "/api/v1/cases", letter(subject="Another matter"), who="reception", headers={"Idempotency-Key": "k-2"}
    )
    assert other.status_code == 409 and other.mimetype == "application/problem+json"
    assert db.session.scalar(db.select(db.func.count(Case.id))) == 1


def test_keys_belong_to_their_caller(api):
    api.post("/api/v1/cases", letter(), who="reception", headers={"Idempotency-Key": "shared"})
    mine = api.post("/api/v1/cases", letter(), who="officer", headers={"Idempotency-Key": "shared"})
    assert mine.status_code == 201 and "Idempotent-Replayed" not in mine.headers
    assert db.session.scalar(db.select(db.func.count(IdempotencyKey.id))) == 2


def test_failed_request_does_not_use_up_its_key(api):
    refused = api.post(
        "/api/v1/cases", letter(received_on="2099-01-01"), who="reception", headers={"Idempotency-Key": "k-3"}
    )
    assert refused.status_code == 422
    fixed = api.post(
        "/api/v1/cases", letter(received_on="2099-01-01"), who="reception", headers={"Idempotency-Key": "k-3"}
    )
    assert fixed.status_code == 422
    assert db.session.scalar(db.select(db.func.count(IdempotencyKey.id))) == 0


def test_get_case_out_of_scope_is_404_like_unknown(api, world):
    case = world.intake()
    stranger = api.get(f"/api/v1/cases/{case.id}", who="stranger")
    unknown = api.get("/api/v1/cases/999999", who="stranger")
    assert stranger.status_code == unknown.status_code == 404
    assert stranger.json == unknown.json
    assert api.get(f"/api/v1/cases/{case.id}/events", who="stranger").status_code == 404


def test_get_case_etag_and_not_modified(api, world):
    case = world.intake()
    first = api.get(f"/api/v1/cases/{case.id}", who="inspector")
    assert first.status_code == 200 and first.headers["ETag"] == '"1"'
    again = api.get(f"/api/v1/cases/{case.id}", who="inspector", headers={"If-None-Match": '"1"'})
    assert again.status_code == 304


def test_list_queues_filters_search_and_cursor(api, world):
    cases = [world.intake(subject=f"Đơn số {n} về đất đai") for n in range(5)]
    first = api.get("/api/v1/cases?limit=2", who="officer")
    assert first.status_code == 200
    assert len(first.json["items"]) == 2 and first.json["next_cursor"]
    assert "content" not in first.json["items"][0]
    seen = [c["id"] for c in first.json["items"]]
    cursor = first.json["next_cursor"]
    while cursor:
        page = api.get(f"/api/v1/cases?limit=2&cursor={cursor}", who="officer").json
        seen += [c["id"] for c in page["items"]]
        cursor = page["next_cursor"]
    assert sorted(seen) == sorted(c.id for c in cases)
    decide = api.get("/api/v1/cases?queue=decide", who="officer").json["items"]
    assert len(decide) == 5
    found = api.get(f"/api/v1/cases?q={cases[2].tracking_code}", who="officer").json["items"]
    assert [c["id"] for c in found] == [cases[2].id]
    assert api.get("/api/v1/cases?status=closed", who="officer").json["items"] == []
    assert api.get("/api/v1/cases", who="stranger").json["items"] == []


@pytest.mark.parametrize("query", ["queue=nope", "limit=0", "limit=999", "cursor=%%%", "kind=x"])
def test_list_refuses_bad_parameters_with_422(api, query):
    answer = api.get(f"/api/v1/cases?{query}", who="officer")
    assert answer.status_code == 422 and answer.json["errors"]


def test_events_are_the_audit_trail_paged(api, world):
    case = world.intake()
    world.act(
        case,
        "classify",
        **{"kind": "complaint", "field": "land", "eligible": True, "within_competence": True},
    )
    first = api.get(f"/api/v1/cases/{case.id}/events?limit=1", who="inspector").json
    assert [e["action"] for e in first["items"]] == ["intake"]
    rest = api.get(f"/api/v1/cases/{case.id}/events?cursor={first['next_cursor']}", who="inspector").json
    assert [e["action"] for e in rest["items"]] == ["classify"] and rest["next_cursor"] is None
    assert rest["items"][0]["prev_hash"] == first["items"][0]["hash"]


def test_unknown_path_and_method_are_problems(api):
    assert api.get("/api/v1/nothing").mimetype == "application/problem+json"
    answer = api.client.delete("/api/v1/cases", headers=api.headers("officer"))
    assert answer.status_code == 405 and answer.mimetype == "application/problem+json"


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", "/api/v1/cases?q=a%00b", None),
        ("post", "/api/v1/auth/token", {"username": "a\x00b", "password": "x"}),
        ("post", "/api/v1/cases", {"channel": "post", "subject": "a\x00b"}),
        ("get", "/api/v1/public/track/HN%00?pin=1", None),
    ],
)
def test_nul_characters_are_400_not_a_database_error(api, method, path, body):
    answer = getattr(api, method)(path, body, who="reception") if body else api.get(path, who="reception")
    assert answer.status_code == 400 and answer.mimetype == "application/problem+json"


def test_nul_in_open311_and_public_forms_is_400(client):
    assert client.get("/open311/v2/requests/HN%00.json").status_code == 400
    assert client.post("/open311/v2/requests.json", data={"api_key": "a\x00"}).status_code == 400
    assert client.get("/public/track?x=%00").status_code == 400


def test_concurrent_duplicates_have_one_effect(api, live_server):
    """Eight clients send the same keyed intake at once: one case, eight identical answers."""
    token, body = api.token("reception"), json.dumps(letter()).encode()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    headers["Idempotency-Key"] = "race"
    host, port = live_server.removeprefix("http://").split(":")
    start, answers = threading.Barrier(8), []

    def send():
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        start.wait()
        conn.request("POST", "/api/v1/cases", body=body, headers=headers)
        response = conn.getresponse()
        answers.append((response.status, response.read()))
        conn.close()

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert [status for status, _ in answers] == [201] * 8
    assert len({content for _, content in answers}) == 1
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(Case.id))) == 1
