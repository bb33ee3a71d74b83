"""Reception-schedule and public-dialogue pages: permissions, field errors, double submits, the flow."""

import re
from datetime import timedelta

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import Case, DialogueIssue, PublicDialogue, ReceptionDay, ReceptionSchedule
from caseflow.services.engagement import public_dialogues, schedule
from caseflow.services.reception.sessions import record_session
from caseflow.timeutil import local_date, now_utc
from tests.views.helpers import csrf_token, login

TOKEN = re.compile(r'name="form_token"[^>]*value="([^"]+)"')


def today():
    """The real local date (pages use the clock)."""
    return local_date(now_utc())


def form_post(client, url: str, data: dict, *, page: str | None = None, twice: bool = False):
    """Post a once-only form with its CSRF and one-time tokens; twice when asked (a double submit)."""
    html = client.get(page or url).get_data(as_text=True)
    data = {**data, "csrf_token": csrf_token(client, page or url), "form_token": TOKEN.search(html).group(1)}
    first = client.post(url, data=data)
    return (first, client.post(url, data=data)) if twice else first


def count(model) -> int:
    """Rows of a table."""
    db.session.rollback()
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def schedule_of(world, days=(1, 15)):
    """A schedule of the leader, from the start of this month, committed."""
    data = {
        "head": world.users["leader"].id,
        "days_of_month": list(days),
        "place": "Phòng tiếp công dân",
        "valid_from": today().replace(day=1).isoformat(),
    }
    item = schedule.create_schedule(data, actor=world.users["reception"], now=now_utc())
    db.session.commit()
    return item


def dialogue_of(world):
    """A dialogue with one issue, committed."""
    data = {
        "held_on": today().isoformat(),
        "place": "Hội trường UBND xã",
        "audience": "citizens",
        "participants": 40,
        "issues": [{"text": "Đề nghị sửa đường liên thôn", "raised_by": "Bà Lê Thị Mai"}],
    }
    item = public_dialogues.record_dialogue(data, actor=world.users["leader"], now=now_utc())
    db.session.commit()
    return item


def test_a_schedule_is_created_once_from_its_page(client, world):
    login(client, world.users["reception"])
    data = {
        "head": world.users["leader"].id,
        "head_kind": "agency_head",
        "days_of_month": "10, 20",
        "place": "Phòng tiếp công dân Sở",
        "valid_from": today().isoformat(),
    }
    first, second = form_post(client, "/engagement/schedule", data, twice=True)
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    assert count(ReceptionSchedule) == 1 and count(ReceptionDay) > 0
    page = client.get(first.headers["Location"]).get_data(as_text=True)
    assert "Phòng tiếp công dân Sở" in page


def test_schedule_errors_are_shown_next_to_the_fields(client, world):
    login(client, world.users["leader"])
    data = {"head": world.users["leader"].id, "days_of_month": "10, 45", "place": "", "valid_from": ""}
    response = form_post(client, "/engagement/schedule", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for name in ("days_of_month", "place", "valid_from"):
        assert f'id="{name}-error"' in html, name
    assert count(ReceptionSchedule) == 0


def test_handlers_read_schedules_but_do_not_manage_them(client, world):
    item = schedule_of(world)
    login(client, world.users["handler"])
    page = client.get("/engagement/schedule").get_data(as_text=True)
    assert "New reception schedule" not in page and "Phòng tiếp công dân" in page
    token = csrf_token(client, f"/engagement/schedule/{item.id}")
    assert (
        client.post(f"/engagement/schedule/{item.id}/publish", data={"csrf_token": token}).status_code == 403
    )


def test_other_units_get_404(client, world):
    item, talk = schedule_of(world), dialogue_of(world)
    login(client, world.users["stranger"])
    day = schedule.days_of(item)[0]
    for url in (
        f"/engagement/schedule/{item.id}",
        f"/engagement/days/{day.id}",
        f"/engagement/dialogues/{talk.id}",
    ):
        assert client.get(url).status_code == 404, url
    assert "Hội trường UBND xã" not in client.get("/engagement/dialogues").get_data(as_text=True)


def test_published_days_appear_on_the_public_page_without_login(client, world):
    item = schedule_of(world, days=(28,))
    login(client, world.users["reception"])
    token = csrf_token(client, f"/engagement/schedule/{item.id}")
    assert (
        client.post(f"/engagement/schedule/{item.id}/publish", data={"csrf_token": token}).status_code == 303
    )
    client.get("/logout")
    with client.session_transaction() as session:
        session.clear()
    page = client.get("/public/schedule")
    assert page.status_code == 200
    shown = schedule.public_days(today())
    assert ("Phòng tiếp công dân" in page.get_data(as_text=True)) == bool(shown)


def test_a_day_is_marked_held_with_its_session_linked(client, world):
    item = schedule_of(world, days=(1,))
    day = schedule.days_of(item)[0]
    session = record_session(
        {"citizen_name": "Đỗ Văn Nam", "content": "Hỏi về cấp sổ đỏ", "received_on": day.day.isoformat()},
        actor=world.users["reception"],
        now=now_utc(),
    )
    db.session.commit()
    login(client, world.users["reception"])
    url = f"/engagement/days/{day.id}"
    token = csrf_token(client, url)
    response = client.post(f"{url}/sessions", data={"csrf_token": token, "session": session.id})
    assert response.status_code == 303
    assert "Đỗ Văn Nam" in client.get(url).get_data(as_text=True)
    db.session.rollback()
    assert db.session.scalar(sa.select(ReceptionDay.state).where(ReceptionDay.id == day.id)) == "held"


def test_a_future_day_cannot_be_marked_held(client, world):
    item = schedule_of(world, days=(28,))
    future = [d for d in schedule.days_of(item) if d.day > today()][0]
    login(client, world.users["leader"])
    url = f"/engagement/days/{future.id}"
    response = client.post(url, data={"csrf_token": csrf_token(client, url), "state": "held"})
    assert response.status_code == 200 and 'id="state-error"' in response.get_data(as_text=True)


def test_a_dialogue_is_recorded_once_and_its_errors_shown_next_to_fields(client, world):
    login(client, world.users["leader"])
    bad = form_post(
        client, "/engagement/dialogues", {"place": "", "audience": "citizens", "participants": ""}
    )
    html = bad.get_data(as_text=True)
    assert 'id="place-error"' in html and 'id="held_on-error"' in html and 'id="participants-error"' in html
    data = {
        "held_on": today().isoformat(),
        "place": "Nhà văn hoá thôn Đoài",
        "audience": "households",
        "participants": "52",
        "minutes": "Đối thoại về giá bồi thường",
        "issues": "Đề nghị công khai giá đất\nĐề nghị hỗ trợ chuyển nghề",
    }
    first, second = form_post(client, "/engagement/dialogues", data, twice=True)
    assert first.headers["Location"] == second.headers["Location"]
    assert count(PublicDialogue) == 1 and count(DialogueIssue) == 2


def test_officers_read_dialogues_but_do_not_record_them(client, world):
    talk = dialogue_of(world)
    login(client, world.users["officer"])
    assert client.get("/engagement/dialogues").status_code == 200
    assert "Record a public dialogue" not in client.get("/engagement/dialogues").get_data(as_text=True)
    url = f"/engagement/dialogues/{talk.id}"
    data = {"csrf_token": csrf_token(client, url), "form_token": "x" * 32, "text": "Một kiến nghị mới"}
    assert client.post(url, data=data).status_code == 403


def test_an_issue_becomes_a_case_with_one_click_once_and_is_followed_to_its_answer(client, world):
    talk = dialogue_of(world)
    issue = public_dialogues.issues_of(talk, today())[0].issue
    login(client, world.users["reception"])
    url = f"/engagement/dialogues/{talk.id}"
    assert "state-not_a_case" in client.get(url).get_data(as_text=True)
    first, second = form_post(client, f"{url}/issues/{issue.id}/case", {}, page=url, twice=True)
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    assert count(Case) == 1
    case = db.session.scalars(sa.select(Case)).one()
    world.kinds[case.id] = "petition"
    world.now = now_utc()
    world.bring_to(case, world_status("DECIDED"))
    html = client.get(url).get_data(as_text=True)
    assert case.tracking_code in html and "state-answered" in html
    assert case.due_on is None or case.due_on >= today() - timedelta(days=1)


def world_status(name: str):
    """A case status by name."""
    from caseflow.models import CaseStatus

    return CaseStatus[name]


def test_a_dialogue_with_another_audience_is_recorded_and_shown_in_vietnamese(client, world):
    login(client, world.users["leader"])
    page = client.get("/engagement/dialogues").get_data(as_text=True)
    for word in ("Công dân", "Học sinh, sinh viên", "Doanh nghiệp", "Đối tượng khác"):
        assert word in page
    data = {"held_on": today().isoformat(), "place": "Hội trường phường", "audience": "other",
            "audience_note": "Hội cựu chiến binh", "participants": "18"}  # fmt: skip
    assert form_post(client, "/engagement/dialogues", data).status_code == 303
    db.session.rollback()
    assert db.session.scalar(sa.select(PublicDialogue.audience)) == "other"
    assert "Đối tượng khác" in client.get("/engagement/dialogues").get_data(as_text=True)
    wrong = form_post(client, "/engagement/dialogues", {**data, "audience": "tourists"})
    assert 'id="audience-error"' in wrong.get_data(as_text=True)
