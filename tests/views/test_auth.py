"""Logging in and out: CSRF, wrong passwords, the growing delay, safe redirects, sessions that end."""

import argon2
import pytest

from caseflow.extensions import db
from caseflow.services.accounts import admin
from tests.factories import PASSWORD
from tests.views.helpers import csrf_token, post_form


def log_in(client, username: str, password: str, url: str = "/login"):
    """Submit the login form."""
    return post_form(client, url, {"username": username, "password": password}, form_page="/login")


def test_login_goes_to_the_start_page_and_logout_ends_the_session(client, world):
    answer = log_in(client, "officer", PASSWORD)
    assert answer.status_code == 302 and answer.headers["Location"] == "/"
    assert client.get("/").status_code == 200
    post_form(client, "/logout", {}, form_page="/")
    assert client.get("/").status_code == 302


def test_wrong_password_is_said_next_to_the_field_in_vietnamese(client, world):
    answer = log_in(client, "officer", "wrong")
    assert answer.status_code == 401
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in answer.get_data(as_text=True)


def test_repeated_failures_make_the_username_wait_a_little_with_a_clear_message(client, world):
    for _ in range(6):
        log_in(client, "officer", "wrong")
    answer = log_in(client, "officer", PASSWORD)
    assert answer.status_code == 401
    assert "vui lòng chờ 2 giây" in answer.get_data(as_text=True)


def test_nobody_can_make_an_account_wait_more_than_a_minute(client, world, app, monkeypatch):
    monkeypatch.setitem(app.config, "CASEFLOW_RATE_LIMITS", {"login": (1000, 300)})
    for _ in range(30):
        answer = log_in(client, "officer", "wrong")
    seconds = int(answer.get_data(as_text=True).split("vui lòng chờ ")[1].split(" giây")[0])
    assert 1 <= seconds <= 60


def test_an_unknown_username_gets_the_same_answers_as_a_known_one(client, world):
    first = [log_in(client, name, "wrong").get_data(as_text=True) for name in ("officer", "nobody")]
    assert all("Tên đăng nhập hoặc mật khẩu không đúng." in page for page in first)
    for name in ("officer", "nobody"):
        for _ in range(6):
            log_in(client, name, "wrong")
    waits = [log_in(client, name, "wrong").get_data(as_text=True) for name in ("officer", "nobody")]
    assert all("vui lòng chờ" in page for page in waits)


def test_an_unknown_username_costs_a_password_check_like_a_known_one(client, world, monkeypatch):
    checks = []
    verify = argon2.PasswordHasher.verify
    counted = lambda hasher, *args: checks.append(1) or verify(hasher, *args)  # noqa: E731
    monkeypatch.setattr(argon2.PasswordHasher, "verify", counted)
    log_in(client, "officer", "wrong")
    log_in(client, "nobody", "wrong")
    assert len(checks) == 2


def test_a_client_that_tries_too_many_logins_is_told_to_wait(client, world, app, monkeypatch):
    monkeypatch.setitem(app.config, "CASEFLOW_RATE_LIMITS", {"login": (3, 300)})
    codes = [log_in(client, name, "wrong").status_code for name in ("a1", "a2", "a3", "a4")]
    assert codes == [401, 401, 401, 429]


def test_a_form_without_its_csrf_token_is_refused(client, world):
    answer = client.post("/login", data={"username": "officer", "password": PASSWORD})
    assert answer.status_code in (400, 401)
    assert client.get("/").status_code == 302


BYPASSES = (
    "//evil.example/x",
    "/%09/evil.example/",
    "/%0a/evil.example/",
    "/%5Cevil.example",
    "/\\evil.example",
    "%2F%2Fevil.example",
    "///evil.example",
    "https://evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    "%20//evil.example",
)


@pytest.mark.parametrize("target", BYPASSES)
def test_login_never_redirects_to_another_site(client, world, target):
    answer = log_in(client, "officer", PASSWORD, url=f"/login?next={target}")
    assert answer.headers["Location"] == "/"


@pytest.mark.parametrize("target", BYPASSES)
def test_the_language_switch_never_redirects_to_another_site(client, world, target):
    answer = post_form(client, f"/language?next={target}", {"lang": "en"}, form_page="/login")
    assert answer.headers["Location"] == "/"


def test_login_and_the_language_switch_go_back_to_a_local_page(client, world):
    assert log_in(client, "officer", PASSWORD, url="/login?next=/cases/").headers["Location"] == "/cases/"
    answer = post_form(client, "/language?next=/inbox/", {"lang": "en"}, form_page="/")
    assert answer.headers["Location"] == "/inbox/"


def test_a_session_planted_before_the_login_does_not_carry_its_csrf_token_over(client, world):
    planted = csrf_token(client, "/login")
    log_in(client, "officer", PASSWORD)
    answer = client.post("/logout", data={"csrf_token": planted})
    assert answer.status_code == 400
    assert client.get("/").status_code == 200


def test_a_copied_cookie_stops_working_at_logout(app, client, world):
    log_in(client, "officer", PASSWORD)
    copied = client.get_cookie("session").value
    post_form(client, "/logout", {}, form_page="/")
    thief = app.test_client()
    thief.set_cookie("session", copied)
    assert thief.get("/").status_code == 302


def test_a_password_reset_or_role_change_ends_the_users_sessions(app, client, world):
    log_in(client, "officer", PASSWORD)
    admin.reset_password(world.users["admin"], world.users["officer"].id, password="mot-cau-rat-dai-77")
    db.session.commit()
    assert client.get("/").status_code == 302
    log_in(client, "officer", "mot-cau-rat-dai-77")
    assert client.get("/").status_code == 200
    officer = world.users["officer"]
    admin.update_user(world.users["admin"], officer.id, full_name=officer.full_name, email=None,
                      roles=["officer", "handler"], unit_id=officer.unit_id)  # fmt: skip
    db.session.commit()
    assert client.get("/").status_code == 302


@pytest.mark.parametrize(("mode", "https", "secure"), [
    ("auto", True, True), ("auto", False, False), (True, False, True), (False, True, False),
])  # fmt: skip
def test_the_session_cookie_is_secure_as_configured(app, client, world, monkeypatch, mode, https, secure):
    monkeypatch.setitem(app.config, "CASEFLOW_SECURE_COOKIES", mode)
    base = "https://caseflow.example" if https else "http://caseflow.example"
    answer = client.get("/login", base_url=base)
    cookie = answer.headers.get("Set-Cookie", "")
    assert "session=" in cookie and ("; Secure" in cookie) == secure


def test_hsts_is_sent_over_https_when_configured(app, client, monkeypatch):
    assert "Strict-Transport-Security" not in client.get("/login", base_url="https://x.example").headers
    monkeypatch.setitem(app.config, "CASEFLOW_HSTS_SECONDS", 31536000)
    answer = client.get("/login", base_url="https://x.example")
    assert answer.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Strict-Transport-Security" not in client.get("/login").headers


def test_deactivating_an_account_ends_its_open_sessions(client, world):
    from caseflow.extensions import db

    log_in(client, "officer", PASSWORD)
    assert client.get("/").status_code == 200
    world.users["officer"].is_active_user = False
    db.session.commit()
    assert client.get("/").status_code == 302
