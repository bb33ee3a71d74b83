"""Administration pages: units, users, calendar overrides, rules; permissions, validation, double submits."""

import logging
import re
from datetime import date

import pytest
import sqlalchemy as sa

from caseflow.errors import PermissionDenied
from caseflow.extensions import db
from caseflow.models import CalendarConfirmation, CalendarOverride, RuleOverride, Unit, User
from caseflow.services.accounts.users import check_password
from caseflow.services.cases import deadlines
from caseflow.services.cases.deadline_settings import confirm_calendar_year
from tests.views.helpers import csrf_token, login, post_form

TOKEN = re.compile(r'name="form_token"[^>]*value="([^"]+)"')
PAGES = (
    "/admin/",
    "/admin/units",
    "/admin/users",
    "/admin/users/new",
    "/admin/calendar",
    "/admin/rules",
    "/admin/events",
)
WEDNESDAY, SUNDAY = date(2027, 3, 10), date(2027, 3, 14)


@pytest.fixture
def admin(client, world):
    """The client, logged in as the administrator."""
    login(client, world.users["admin"])
    return client


def count(model) -> int:
    """Rows of a table (in a new read transaction, to see what the requests committed)."""
    db.session.rollback()
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def fresh(model, **where):
    """Reload one row from the database (in a new read transaction)."""
    db.session.rollback()
    statement = sa.select(model).filter_by(**where).execution_options(populate_existing=True)
    return db.session.scalars(statement).one()


def twice(client, url: str, data: dict):
    """Post the same form (same one-time token) twice; both answers."""
    page = client.get(url).get_data(as_text=True)
    data = {**data, "csrf_token": csrf_token(client, url), "form_token": TOKEN.search(page).group(1)}
    return client.post(url, data=data), client.post(url, data=data)


def test_anonymous_visitors_are_sent_to_login(client, world):
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url


@pytest.mark.parametrize("role", ["inspector", "leader", "officer"])
def test_other_roles_get_403_on_every_page_and_form(client, world, role):
    login(client, world.users[role])
    for url in PAGES:
        assert client.get(url).status_code == 403, url
    token = csrf_token(client, "/")
    response = client.post(
        "/admin/units", data={"csrf_token": token, "code": "X", "name": "X", "parent": "0"}
    )
    assert response.status_code == 403
    assert count(Unit) == 4


def test_every_page_opens_for_the_administrator_and_no_hash_is_shown(admin, world):
    for url in (
        *PAGES,
        f"/admin/users/{world.users['officer'].id}",
        f"/admin/units/{world.users['officer'].unit_id}",
    ):
        response = admin.get(url)
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        assert "$argon2" not in html and "oversight.css" in html


def test_unit_tree_shows_children_under_parents(admin, world):
    html = admin.get("/admin/units").get_data(as_text=True).split("<tbody>")[1]
    positions = [html.index(name) for name in ("UBND thành phố Hà Nội", "Sở Tài nguyên và Môi trường")]
    assert positions == sorted(positions)


def test_creating_a_unit_once_even_when_submitted_twice(admin, world):
    parent = fresh(Unit, code="HN")
    first, second = twice(
        admin, "/admin/units", {"code": "hn-ct", "name": "Sở Công Thương", "parent": parent.id}
    )
    assert first.status_code == second.status_code == 303
    created = fresh(Unit, code="HN-CT")
    assert created.parent_id == parent.id and created.path.startswith(parent.path)
    assert "Sở Công Thương" in admin.get("/admin/units").get_data(as_text=True)


def test_a_taken_unit_code_is_refused_next_to_the_field(admin, world):
    response = post_form(admin, "/admin/units", {"code": "HN-TNMT", "name": "Trùng mã", "parent": "0"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="code-error"' in html and 'value="Trùng mã"' in html
    assert count(Unit) == 4


def test_renaming_a_unit(admin, world):
    unit = fresh(Unit, code="HN-SXD")
    response = post_form(
        admin, f"/admin/units/{unit.id}", {"name": "Sở Xây dựng Hà Nội", "is_remote_area": "y"}
    )
    assert response.status_code == 303
    renamed = fresh(Unit, code="HN-SXD")
    assert (renamed.name, renamed.is_remote_area) == ("Sở Xây dựng Hà Nội", True)
    response = post_form(admin, f"/admin/units/{unit.id}", {"name": ""})
    assert response.status_code == 422 and 'id="name-error"' in response.get_data(as_text=True)


def new_user_data(world, **overrides) -> dict:
    """A valid new-user form."""
    data = {
        "username": "canbo.moi",
        "full_name": "Phạm Thị Lan",
        "email": "lan@example.vn",
        "unit": world.users["officer"].unit_id,
        "roles": ["officer", "handler"],
        "password": "mat-khau-dai-9",
    }
    return {**data, **overrides}


def test_creating_a_user_once_with_roles_unit_and_password(admin, world, caplog):
    caplog.set_level(logging.INFO, logger="caseflow.admin")
    first, second = twice(admin, "/admin/users/new", new_user_data(world))
    assert first.status_code == second.status_code == 303
    created = fresh(User, username="canbo.moi")
    assert {r.value for r in created.roles} == {"officer", "handler"}
    assert created.unit_id == world.users["officer"].unit_id
    assert check_password(created, "mat-khau-dai-9")
    assert "user_created" in caplog.text and "admin" in caplog.text
    assert "canbo.moi" in admin.get("/admin/users").get_data(as_text=True)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [({"username": "officer"}, "username"), ({"password": "short"}, "password"), ({"roles": []}, "roles")],
)
def test_user_form_errors_are_shown_next_to_their_fields(admin, world, overrides, field):
    response = post_form(admin, "/admin/users/new", new_user_data(world, **overrides))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'id="{field}-error"' in html
    assert 'value="Phạm Thị Lan"' in html
    assert count(User) == len(world.users)


def test_editing_roles_and_unit(admin, world):
    officer = world.users["officer"]
    other_unit = fresh(Unit, code="HN-SXD")
    data = {"full_name": "Cán bộ mới", "email": "", "unit": other_unit.id, "roles": ["leader"]}
    assert post_form(admin, f"/admin/users/{officer.id}", data).status_code == 303
    changed = fresh(User, username="officer")
    assert ({r.value for r in changed.roles}, changed.unit_id) == ({"leader"}, other_unit.id)


def test_an_administrator_cannot_drop_their_own_admin_role_or_deactivate_themselves(admin, world):
    me = world.users["admin"]
    data = {"full_name": "Quản trị", "unit": me.unit_id, "roles": ["officer"]}
    response = post_form(admin, f"/admin/users/{me.id}", data)
    assert response.status_code == 422 and 'id="roles-error"' in response.get_data(as_text=True)
    response = post_form(admin, f"/admin/users/{me.id}/active", {}, form_page=f"/admin/users/{me.id}")
    assert response.status_code == 422
    assert fresh(User, username="admin").is_active_user


def test_deactivating_and_reactivating_a_user(admin, world):
    url = f"/admin/users/{world.users['handler'].id}"
    assert post_form(admin, f"{url}/active", {}, form_page=url).status_code == 303
    assert not fresh(User, username="handler").is_active_user
    assert 'class="tag">' in admin.get(url).get_data(as_text=True)
    assert post_form(admin, f"{url}/active", {}, form_page=url).status_code == 303
    assert fresh(User, username="handler").is_active_user


def test_resetting_a_password_lifts_the_lockout(admin, world):
    handler = world.users["handler"]
    handler.failed_logins = 9
    db.session.commit()
    url = f"/admin/users/{handler.id}"
    response = post_form(
        admin, f"{url}/password", {"password": "mat-khau-moi-1", "confirm": "khac"}, form_page=url
    )
    assert response.status_code == 422 and 'id="confirm-error"' in response.get_data(as_text=True)
    data = {"password": "mat-khau-moi-1", "confirm": "mat-khau-moi-1"}
    assert post_form(admin, f"{url}/password", data, form_page=url).status_code == 303
    changed = fresh(User, username="handler")
    assert check_password(changed, "mat-khau-moi-1") and changed.failed_logins == 0


def test_adding_an_extra_day_off_changes_the_calendar_at_once(admin, world):
    assert deadlines.working_calendar().is_working_day(WEDNESDAY)
    first, second = twice(
        admin, "/admin/calendar", {"day": WEDNESDAY.isoformat(), "kind": "off", "note": "Nghỉ bù"}
    )
    assert first.status_code == second.status_code == 303
    assert count(CalendarOverride) == 1
    assert not deadlines.working_calendar().is_working_day(WEDNESDAY)
    html = admin.get("/admin/calendar").get_data(as_text=True)
    assert "10/03/2027" in html and "Nghỉ bù" in html


def test_a_redundant_calendar_override_is_refused_next_to_the_date(admin, world):
    response = post_form(admin, "/admin/calendar", {"day": SUNDAY.isoformat(), "kind": "off", "note": ""})
    assert response.status_code == 422 and 'id="day-error"' in response.get_data(as_text=True)
    response = post_form(admin, "/admin/calendar", {"day": "", "kind": "working"})
    assert response.status_code == 422 and 'id="day-error"' in response.get_data(as_text=True)
    assert count(CalendarOverride) == 0


def test_deleting_a_calendar_override(admin, world):
    post_form(admin, "/admin/calendar", {"day": SUNDAY.isoformat(), "kind": "working", "note": "Làm bù"})
    assert deadlines.working_calendar().is_working_day(SUNDAY)
    response = post_form(
        admin, f"/admin/calendar/{SUNDAY.isoformat()}/delete", {}, form_page="/admin/calendar"
    )
    assert response.status_code == 303
    assert count(CalendarOverride) == 0
    assert not deadlines.working_calendar().is_working_day(SUNDAY)


def test_rules_page_shows_versions_basis_and_verification(admin, world):
    html = admin.get("/admin/rules").get_data(as_text=True)
    for text in ("resolve_complaint_l1", "accept_complaint", "2026-07-01", "Luật Tố cáo 2018"):
        assert text in html
    assert 'class="tag warn"' in html and 'class="tag ok"' in html


def test_adding_and_deleting_a_rule_override(admin, world):
    data = {
        "rule_id": "answer_petition",
        "effective_from": "2030-01-01",
        "days": "20",
        "day_kind": "",
        "note": "QĐ 1",
    }
    assert post_form(admin, "/admin/rules", data).status_code == 303
    assert deadlines.rulebook().rule("answer_petition", date(2030, 2, 1)).days == 20
    row = fresh(RuleOverride, rule_id="answer_petition")
    response = post_form(admin, f"/admin/rules/overrides/{row.id}/delete", {}, form_page="/admin/rules")
    assert response.status_code == 303
    assert count(RuleOverride) == 0


def test_rule_override_errors_are_shown_next_to_their_fields(admin, world):
    data = {"rule_id": "answer_petition", "effective_from": "2020-01-01", "days": "", "day_kind": ""}
    html = post_form(admin, "/admin/rules", data).get_data(as_text=True)
    assert 'id="effective_from-error"' in html and 'id="days-error"' in html
    assert count(RuleOverride) == 0


def test_the_calendar_page_lists_each_year_and_says_plainly_which_is_unconfirmed(admin):
    html = admin.get("/admin/calendar").get_data(as_text=True)
    assert "Lịch nghỉ năm 2027 chưa được xác nhận" in html  # the wall clock is in 2026 or later
    assert "02/01/2026" in html and "10/01/2026" in html  # the New Year 2026 swap
    assert "domain.md" not in html
    english = admin.get("/admin/calendar?lang=en").get_data(as_text=True)
    assert "The 2027 calendar of days off is not yet confirmed" in english


def test_an_administrator_confirms_a_year_and_explanations_stop_calling_it_unconfirmed(admin, world):
    case = world.intake()  # received on 2027-01-04: its clocks count days of 2027
    explain = deadlines.explain_clock
    assert "(lịch nghỉ năm 2027 chưa được xác nhận)" in explain(case.deadlines[0])["text_vi"]
    response = post_form(admin, "/admin/calendar/years/2027/confirm", {}, form_page="/admin/calendar")
    assert response.status_code == 303
    row = fresh(CalendarConfirmation, year=2027)
    assert row.confirmed_by_id == world.users["admin"].id
    assert deadlines.working_calendar().is_confirmed(2027)
    assert "chưa được xác nhận" not in explain(db.session.get(type(case), case.id).deadlines[0])["text_vi"]
    html = admin.get("/admin/calendar").get_data(as_text=True)
    assert "Lịch nghỉ năm 2027 chưa được xác nhận" not in html and "Quản trị viên đã xác nhận ngày" in html
    post_form(admin, "/admin/calendar/years/2027/confirm", {}, form_page="/admin/calendar")
    assert count(CalendarConfirmation) == 1


def test_only_an_administrator_confirms_a_year(client, world):
    with pytest.raises(PermissionDenied):
        confirm_calendar_year(world.users["leader"], 2027, today=date(2026, 12, 4), now=world.now)
