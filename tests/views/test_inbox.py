"""The inbox page: one's own notifications only, paging, read marks, the digest switch, the header badge."""

import re
from datetime import timedelta

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import CaseStatus, Notification, User
from caseflow.services.notices.notifications import queue
from tests.views.helpers import count_statements, login, post_form

ROW = re.compile(r'<tr class="(unread|read)" data-notification="(\d+)">')


def notices(world, user: str, count: int, *, prefix: str = "test") -> list[int]:
    """Queue `count` notifications for `user`, one a minute; their ids, oldest first."""
    for n in range(count):
        queue(
            [world.users[user].id],
            kind="urged",
            subject=f"Thông báo số {n}",
            case=None,
            key=f"{prefix}:{user}:{n}",
            now=world.now + timedelta(minutes=n),
        )
    db.session.commit()
    statement = sa.select(Notification.id).where(Notification.user_id == world.users[user].id)
    return list(db.session.scalars(statement.order_by(Notification.id)))


def fresh(model, key):
    """A row as the database has it now (the test's own transaction may hold an older snapshot)."""
    db.session.rollback()
    return db.session.get(model, key, populate_existing=True)


def shown(html: str) -> list[tuple[str, int]]:
    """(read state, id) of each row on the page, top to bottom."""
    return [(state, int(number)) for state, number in ROW.findall(html)]


def test_the_inbox_lists_ones_own_notifications_newest_first_with_unread_highlighted(client, world):
    case = world.new_case_at("complaint", CaseStatus.VERIFYING)
    statement = sa.select(Notification.id).where(Notification.user_id == world.users["handler"].id)
    mine = list(db.session.scalars(statement))
    notices(world, "handler2", 2)
    login(client, world.users["handler"])
    html = client.get("/inbox/").get_data(as_text=True)
    assert shown(html) == [("unread", i) for i in sorted(mine, reverse=True)]
    assert f'href="/cases/{case.id}"' in html
    assert f"Hồ sơ {case.tracking_code} đã được giao cho đồng chí" in html  # the subject, in Vietnamese
    assert "Thông báo số" not in html  # handler2's


def test_the_inbox_pages_by_keyset(client, world):
    ids = notices(world, "leader", 60)
    login(client, world.users["leader"])
    first = client.get("/inbox/").get_data(as_text=True)
    assert [i for _s, i in shown(first)] == ids[::-1][:50]
    cursor = re.search(r'href="/inbox/\?cursor=(\d+)"', first).group(1)
    second = client.get(f"/inbox/?cursor={cursor}").get_data(as_text=True)
    assert [i for _s, i in shown(second)] == ids[::-1][50:]
    assert "cursor=" not in second.split("</table>")[1]
    bad = client.get("/inbox/?cursor=abc")
    assert bad.status_code == 200 and 'role="alert"' in bad.get_data(as_text=True)


def test_marking_one_read_and_all_read(client, world):
    ids = notices(world, "leader", 3)
    login(client, world.users["leader"])
    response = post_form(client, f"/inbox/{ids[0]}/read", {}, form_page="/inbox/")
    assert response.status_code == 303 and response.headers["Location"].endswith("/inbox/")
    html = client.get("/inbox/").get_data(as_text=True)
    assert shown(html) == [("unread", ids[2]), ("unread", ids[1]), ("read", ids[0])]
    assert 'data-unread="2"' in html
    response = post_form(client, "/inbox/read-all", {}, form_page="/inbox/")
    assert response.status_code == 303
    html = client.get("/inbox/").get_data(as_text=True)
    assert {state for state, _i in shown(html)} == {"read"} and 'data-unread="0"' in html


def test_a_user_never_touches_another_users_notifications(client, world):
    theirs = notices(world, "leader", 1)[0]
    notices(world, "handler", 1)
    login(client, world.users["handler"])
    assert theirs not in [i for _s, i in shown(client.get("/inbox/").get_data(as_text=True))]
    assert post_form(client, f"/inbox/{theirs}/read", {}, form_page="/inbox/").status_code == 404
    assert post_form(client, "/inbox/999999/read", {}, form_page="/inbox/").status_code == 404
    post_form(client, "/inbox/read-all", {}, form_page="/inbox/")
    assert fresh(Notification, theirs).read_dt is None


def test_forms_need_a_login_and_a_csrf_token(client, world):
    ids = notices(world, "leader", 1)
    assert client.get("/inbox/").status_code == 302
    login(client, world.users["leader"])
    assert client.post(f"/inbox/{ids[0]}/read").status_code == 400
    assert client.post("/inbox/read-all").status_code == 400
    assert fresh(Notification, ids[0]).read_dt is None


def test_the_digest_switch(client, world):
    login(client, world.users["leader"])
    response = post_form(client, "/inbox/digest", {"wants_digest": "1"}, form_page="/inbox/")
    assert response.status_code == 303
    assert fresh(User, world.users["leader"].id).wants_digest is True
    html = client.get("/inbox/").get_data(as_text=True)
    assert "Thư điện tử: một thư tổng hợp mỗi ngày." in html
    post_form(client, "/inbox/digest", {"wants_digest": "0"}, form_page="/inbox/")
    assert fresh(User, world.users["leader"].id).wants_digest is False


def test_every_page_shows_the_unread_count_in_the_header(client, world):
    notices(world, "leader", 4)
    login(client, world.users["leader"])
    html = client.get("/cases/?queue=unit").get_data(as_text=True)
    badge = r'href="/inbox/"[^>]*>Thông báo <span class="badge unread" data-unread="4">4</span>'
    assert re.search(badge, html)


def test_the_inbox_runs_at_most_five_statements_whatever_its_size(client, world):
    login(client, world.users["leader"])
    client.get("/inbox/")  # the working calendar (for the due-soon count) is loaded once per process
    counts = []
    for prefix, batch in (("few", 1), ("many", 40)):
        notices(world, "leader", batch, prefix=prefix)
        with count_statements() as statements:
            assert client.get("/inbox/").status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1] <= 5, counts
