"""The administrators' audit trail: each admin change chained, shown to administrators, tampering found."""

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from caseflow.extensions import begin_write, db
from caseflow.models import AdminEvent, User
from caseflow.services.accounts import admin as admin_service
from caseflow.services.accounts.admin_events import verify_chain
from tests.test_concurrency import run_together
from tests.views.helpers import login, post_form
from tests.views.test_admin import admin, new_user_data  # noqa: F401 - the fixture


def events() -> list[AdminEvent]:
    """Every admin event, in chain order (read afresh)."""
    db.session.rollback()
    return list(db.session.scalars(sa.select(AdminEvent).order_by(AdminEvent.seq)))


def tamper(sql: str) -> None:
    """Change the trail behind the application's back."""
    db.session.rollback()
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":  # past the append-only trigger, as a superuser could
            connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
        connection.execute(sa.text(sql))


def test_admin_changes_are_chained_with_who_when_and_what(admin, world):  # noqa: F811
    assert post_form(admin, "/admin/users/new", new_user_data(world)).status_code == 303
    day_off = {"day": "2027-03-10", "kind": "off", "note": "Nghỉ bù"}
    assert post_form(admin, "/admin/calendar", day_off).status_code == 303
    chain = events()
    assert [e.action for e in chain] == ["user_created", "calendar_day_added"]
    assert all(e.actor_user_id == world.users["admin"].id for e in chain)
    assert chain[0].details["username"] == "canbo.moi" and chain[1].details["day"] == "2027-03-10"
    assert chain[1].prev_hash == chain[0].hash and chain[0].prev_hash == ""
    assert all(e.request_id for e in chain)
    assert verify_chain().events == 2 and verify_chain().broken_seq is None


def test_the_trail_page_shows_the_changes_in_vietnamese(admin, world):  # noqa: F811
    post_form(admin, "/admin/users/new", new_user_data(world))
    page = admin.get("/admin/events", headers={"Accept-Language": "vi"}).get_data(as_text=True)
    assert "Tạo người dùng" in page and "canbo.moi" in page and world.users["admin"].full_name in page
    assert "Chuỗi toàn vẹn: 1 mục, không bị sửa đổi." in page
    assert "user_created" not in page


def test_an_edited_or_deleted_entry_is_found_by_the_page_and_the_cli(app, admin, world):  # noqa: F811
    for day in ("2027-03-10", "2027-03-11", "2027-03-12"):
        post_form(admin, "/admin/calendar", {"day": day, "kind": "off", "note": ""})
    tamper("UPDATE admin_events SET details = '{\"day\": \"2027-04-01\"}' WHERE seq = 2")
    check = verify_chain()
    assert (check.broken_seq, check.problem) == (2, "content does not match its hash (edited)")
    page = admin.get("/admin/events", headers={"Accept-Language": "vi"}).get_data(as_text=True)
    assert "Chuỗi bị đứt tại mục 2" in page
    result = CliRunner().invoke(app.cli, ["audit", "verify"], obj=None)
    assert result.exit_code == 1 and "admin event seq 2" in result.output
    tamper("DELETE FROM admin_events WHERE seq = 2")
    assert verify_chain().broken_seq == 2 and "missing" in verify_chain().problem


@pytest.mark.postgres
def test_the_database_refuses_to_edit_the_trail_on_postgresql(admin, world):  # noqa: F811
    post_form(admin, "/admin/calendar", {"day": "2027-03-10", "kind": "off", "note": ""})
    db.session.rollback()
    with pytest.raises(sa.exc.DatabaseError, match="append-only"), db.engine.begin() as connection:
        connection.execute(sa.text("UPDATE admin_events SET actor = 'user:nobody'"))


def test_only_administrators_see_the_trail(client, world):
    login(client, world.users["leader"])
    assert client.get("/admin/events").status_code == 403


def test_pages_of_fifty_newest_first(admin, world):  # noqa: F811
    actor = db.session.get(User, world.users["admin"].id)
    for number in range(55):
        admin_service.audit(actor, "unit_updated", code=f"U{number}")
    db.session.commit()
    first = admin.get("/admin/events").get_data(as_text=True)
    assert "U54<" in first and "U5<" in first and "U4<" not in first and "?before=6" in first
    older = admin.get("/admin/events?before=6").get_data(as_text=True)
    assert "U4<" in older and "U0<" in older and "U5<" not in older and "rel=\"next\"" not in older


def test_two_administrators_at_once_never_fork_the_chain(app, world):
    admin_id = world.users["admin"].id
    db.session.commit()

    def job(barrier):
        barrier.wait()
        for number in range(10):
            begin_write()
            admin_service.audit(db.session.get(User, admin_id), "unit_updated", code=f"X{number}")
            db.session.commit()
        return True

    assert run_together(app, job, job) == [True, True]
    assert verify_chain().events == 20 and verify_chain().broken_seq is None
