"""Logging in and out: CSRF, wrong passwords, the lockout message, safe redirects."""

from tests.factories import PASSWORD
from tests.views.helpers import post_form


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


def test_repeated_failures_lock_the_account_with_a_clear_message(client, world):
    for _ in range(6):
        log_in(client, "officer", "wrong")
    answer = log_in(client, "officer", PASSWORD)
    assert answer.status_code == 401
    assert "Tài khoản tạm khóa" in answer.get_data(as_text=True)


def test_a_form_without_its_csrf_token_is_refused(client, world):
    answer = client.post("/login", data={"username": "officer", "password": PASSWORD})
    assert answer.status_code in (400, 401)
    assert client.get("/").status_code == 302


def test_login_never_redirects_to_another_site(client, world):
    answer = log_in(client, "officer", PASSWORD, url="/login?next=//evil.example/x")
    assert answer.headers["Location"] == "/"


def test_deactivating_an_account_ends_its_open_sessions(client, world):
    from caseflow.extensions import db

    log_in(client, "officer", PASSWORD)
    assert client.get("/").status_code == 200
    world.users["officer"].is_active_user = False
    db.session.commit()
    assert client.get("/").status_code == 302
