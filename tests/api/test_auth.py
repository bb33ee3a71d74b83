"""POST /auth/token, GET /me, GET /users: tokens, expiry, revocation, scope, lockout and rate limits."""

from datetime import timedelta

from caseflow.extensions import db
from caseflow.services.accounts import admin, users
from caseflow.timeutil import now_utc
from tests.factories import PASSWORD


def test_token_from_password_then_me(api):
    answer = api.post("/api/v1/auth/token", {"username": "officer", "password": PASSWORD}, who=None)
    assert answer.status_code == 201
    assert answer.headers["Cache-Control"] == "no-store"
    token = answer.json["token"]
    me = api.client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert me.json["username"] == "officer"
    assert me.json["roles"] == ["officer"]
    assert me.json["unit"]["code"] == "HN-TNMT"


def test_token_is_stored_hashed(api, world):
    plain = api.post("/api/v1/auth/token", {"username": "officer", "password": PASSWORD}, who=None).json[
        "token"
    ]
    stored = db.session.scalars(db.select(users.ApiToken)).one()
    assert stored.token_hash == users.token_digest(plain) and plain not in stored.token_hash


def test_wrong_password_is_401_problem(api):
    answer = api.post("/api/v1/auth/token", {"username": "officer", "password": "nope"}, who=None)
    assert answer.status_code == 401
    assert answer.mimetype == "application/problem+json"
    assert answer.json["status"] == 401 and answer.json["title"]


def test_repeated_failures_make_the_username_wait(api):
    for _ in range(6):
        api.post("/api/v1/auth/token", {"username": "leader", "password": "nope"}, who=None)
    answer = api.post("/api/v1/auth/token", {"username": "leader", "password": PASSWORD}, who=None)
    assert answer.status_code == 401
    assert "wait 2 seconds" in answer.json["detail"]


def test_a_password_reset_a_role_change_deactivation_or_logout_end_the_users_tokens(api, world):
    officer, chief = world.users["officer"], world.users["admin"]
    token = api.token("officer")
    assert api.get("/api/v1/me", who="officer").status_code == 200
    admin.reset_password(chief, officer.id, password="mot-cau-rat-dai-77")
    db.session.commit()
    assert api.client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    fresh, _row = users.create_token(officer, now=now_utc())
    db.session.commit()
    assert api.client.get("/api/v1/me", headers={"Authorization": f"Bearer {fresh}"}).status_code == 200
    admin.update_user(chief, officer.id, full_name=officer.full_name, email=None, roles=["handler"],
                      unit_id=officer.unit_id)  # fmt: skip
    db.session.commit()
    assert api.client.get("/api/v1/me", headers={"Authorization": f"Bearer {fresh}"}).status_code == 401


def test_token_login_is_rate_limited(api, app, monkeypatch):
    monkeypatch.setitem(app.config, "CASEFLOW_RATE_LIMITS", {"token": (3, 60)})
    codes = [
        api.post("/api/v1/auth/token", {"username": "x", "password": "y"}, who=None).status_code
        for _ in range(4)
    ]
    assert codes == [401, 401, 401, 429]
    answer = api.post("/api/v1/auth/token", {"username": "x", "password": "y"}, who=None)
    assert answer.mimetype == "application/problem+json" and int(answer.headers["Retry-After"]) >= 1


def test_token_body_refuses_unknown_fields(api):
    answer = api.post("/api/v1/auth/token", {"username": "a", "password": "b", "role": "admin"}, who=None)
    assert answer.status_code == 422
    assert "role" in answer.json["errors"]


def test_no_token_bad_token_expired_revoked_are_401(api, world):
    assert api.get("/api/v1/me", who=None).status_code == 401
    assert api.client.get("/api/v1/me", headers={"Authorization": "Bearer cf_nope"}).status_code == 401
    assert api.client.get("/api/v1/me", headers={"Authorization": "Basic abc"}).status_code == 401
    plain, row = users.create_token(world.users["officer"], now=now_utc() - timedelta(days=40), days=30)
    db.session.commit()
    expired = api.client.get("/api/v1/me", headers={"Authorization": f"Bearer {plain}"})
    assert expired.status_code == 401 and expired.headers["WWW-Authenticate"].startswith("Bearer")
    plain, row = users.create_token(world.users["officer"], now=now_utc())
    row.revoked_dt = now_utc()
    db.session.commit()
    assert api.client.get("/api/v1/me", headers={"Authorization": f"Bearer {plain}"}).status_code == 401


def test_disabled_user_token_is_401(api, world):
    token = api.token("handler")
    world.users["handler"].is_active_user = False
    db.session.commit()
    assert api.client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_users_in_scope_with_role_filter(api):
    answer = api.get("/api/v1/users?role=handler", who="leader")
    assert answer.status_code == 200
    names = {u["username"] for u in answer.json["items"]}
    assert names == {"handler", "handler2"}
    city = {u["username"] for u in api.get("/api/v1/users?role=handler", who="city_leader").json["items"]}
    assert {"handler", "handler2", "sxd_handler", "city_handler"} <= city
    assert "stranger" not in city


def test_users_refuses_unknown_role(api):
    answer = api.get("/api/v1/users?role=king", who="leader")
    assert answer.status_code == 422 and "role" in answer.json["errors"]
