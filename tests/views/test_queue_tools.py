"""Queue pages for daily work: compact filters, counts that follow them, orders, due badges, whose turn,
bulk assignment for leaders and saved filters."""

import re

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, CaseStatus, SavedFilter
from tests.views.helpers import count_statements, login, post_form


def _codes(html: str) -> list[str]:
    """The tracking codes of the listed rows, in order."""
    return re.findall(r'<td><a href="/cases/\d+">([^<]+)</a></td>', html)


def test_the_count_follows_the_filters_and_the_filters_fold_into_a_summary(client, world):
    world.intake()
    world.intake()
    world.new_case_at("complaint", CaseStatus.CLASSIFIED)
    login(client, world.users["officer"])
    html = client.get("/cases/?queue=unit&status=classified").get_data(as_text=True)
    assert 'data-total="1"' in html
    assert '<details class="more-filters">' in html  # folded, even with a filter chosen
    assert '<span class="chip">Trạng thái: Đã phân loại</span>' in html
    assert 'data-total="3"' in client.get("/cases/?queue=unit").get_data(as_text=True)


def test_columns_sort_both_ways_and_an_unknown_order_is_a_vietnamese_message(client, world):
    codes = sorted(world.intake().tracking_code for _ in range(3))
    login(client, world.users["officer"])
    html = client.get("/cases/?queue=unit&sort=code").get_data(as_text=True)
    assert _codes(html) == codes
    assert 'aria-sort="ascending"' in html and "sort=-code" in html
    assert _codes(client.get("/cases/?queue=unit&sort=-code").get_data(as_text=True)) == codes[::-1]
    refused = client.get("/cases/?queue=unit&sort=subject").get_data(as_text=True)
    assert "Không thể sắp xếp danh sách theo cách này." in refused


def test_rows_say_days_left_and_whose_turn(client, world):
    fresh = world.intake()
    verifying = world.new_case_at("complaint", CaseStatus.VERIFYING)
    login(client, world.users["leader"])
    html = client.get("/cases/?queue=unit").get_data(as_text=True)
    row = html.split(f'data-case="{fresh.id}"')[1].split("</tr>")[0]
    assert "Cán bộ xử lý đơn" in row
    assert re.search(r'class="tag due-left" data-days="\d+">còn \d+ ngày<', row)
    row = html.split(f'data-case="{verifying.id}"')[1].split("</tr>")[0]
    assert "Cán bộ handler <span class=\"muted\">(Cán bộ xác minh)</span>" in row


def test_overdue_case_says_how_many_days_late(client, world):
    case = world.intake()
    db.session.execute(sa.update(Case).where(Case.id == case.id).values(due_on=sa.func.date("2020-01-01")))
    db.session.commit()
    login(client, world.users["officer"])
    html = client.get("/cases/?queue=unit").get_data(as_text=True)
    assert re.search(r'class="tag due-over danger" data-days="\d+">quá \d+ ngày<', html)


def test_leader_assigns_several_cases_and_a_stale_one_is_reported_not_assigned(client, world):
    first = world.new_case_at("complaint", CaseStatus.ACCEPTED)
    second = world.new_case_at("complaint", CaseStatus.ACCEPTED)
    login(client, world.users["leader"])
    listed = client.get("/cases/?queue=unassigned").get_data(as_text=True)
    assert f'value="{first.id}:{first.version}"' in listed
    chosen = f"case={first.id}:{first.version}&case={second.id}:{second.version}"
    review = client.get(f"/cases/bulk-assign?{chosen}")
    assert world.users["handler"].full_name in review.get_data(as_text=True)
    stale_first = [f"{second.id}:{second.version - 1}", f"{first.id}:{first.version}"]
    data = {"case": stale_first,
            "assignee": str(world.users["handler"].id), "note": "Giao theo đợt"}
    result = post_form(client, "/cases/bulk-assign", data, form_page="/cases/?queue=unassigned")
    html = result.get_data(as_text=True)
    assert result.status_code == 200
    assert "Đã giao 1 trên 2 hồ sơ." in html
    assert 'data-outcome="assigned"' in html and 'data-outcome="stale_case"' in html
    db.session.rollback()
    statuses = dict(db.session.execute(sa.select(Case.id, Case.status)).all())
    assert statuses == {first.id: CaseStatus.VERIFYING, second.id: CaseStatus.ACCEPTED}
    last = sa.select(CaseEvent).where(CaseEvent.case_id == first.id).order_by(CaseEvent.seq.desc()).limit(1)
    assigned = db.session.scalars(last).one()
    assert assigned.action == "assign" and assigned.actor_user_id == world.users["leader"].id


def test_only_a_leader_may_assign_in_bulk(client, world):
    case = world.new_case_at("complaint", CaseStatus.ACCEPTED)
    login(client, world.users["officer"])
    assert 'id="bulk"' not in client.get("/cases/?queue=unit").get_data(as_text=True)
    assert client.get(f"/cases/bulk-assign?case={case.id}:{case.version}").status_code == 403


def test_saved_filters_belong_to_their_user(client, world):
    world.intake()
    login(client, world.users["officer"])
    fields = {"name": "Đơn qua thư điện tử", "arg-queue": "all", "arg-channel": "email", "arg-cursor": "x"}
    saved = post_form(client, "/cases/saved-filters", fields, form_page="/cases/?queue=all")
    assert saved.status_code == 303 and "channel=email" in saved.headers["Location"]
    html = client.get("/cases/?queue=unit").get_data(as_text=True)
    assert ">Đơn qua thư điện tử</a>" in html
    db.session.rollback()
    row = db.session.scalars(sa.select(SavedFilter)).one()
    assert row.arguments == {"queue": "all", "channel": "email"}
    login(client, world.users["leader"])
    assert "Đơn qua thư điện tử" not in client.get("/cases/?queue=unit").get_data(as_text=True)
    refused = post_form(client, f"/cases/saved-filters/{row.id}/delete", {}, form_page="/cases/?queue=unit")
    assert refused.status_code == 404
    login(client, world.users["officer"])
    post_form(client, f"/cases/saved-filters/{row.id}/delete", {"back": "/cases/?queue=unit"},
              form_page="/cases/?queue=unit")
    db.session.rollback()
    assert db.session.scalars(sa.select(SavedFilter)).all() == []


def test_a_filter_without_a_name_is_refused_in_vietnamese(client, world):
    login(client, world.users["officer"])
    answer = post_form(client, "/cases/saved-filters", {"name": " ", "arg-queue": "unit"},
                       form_page="/cases/?queue=unit", follow_redirects=True)
    assert "Hãy đặt tên cho bộ lọc" in answer.get_data(as_text=True)


def test_leaders_list_with_assigned_cases_and_saved_filters_stays_within_five_statements(client, world):
    leader = world.users["leader"]
    db.session.add(SavedFilter(user_id=leader.id, name="Của tôi", arguments={"queue": "mine"},
                               created_dt=world.now))
    db.session.commit()
    login(client, leader)
    counts = []
    for batch in (1, 6):
        for _ in range(batch):
            world.new_case_at("complaint", CaseStatus.VERIFYING)
        with count_statements() as statements:
            assert client.get("/cases/?queue=unit&sort=-received&status=verifying").status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1]
    assert counts[1] <= 5, counts


def test_the_review_offers_only_handlers_who_may_take_every_chosen_case(client, world):
    case = world.new_case_at("complaint", CaseStatus.ACCEPTED)
    login(client, world.users["city_leader"])
    html = client.get(f"/cases/bulk-assign?case={case.id}:{case.version}").get_data(as_text=True)
    assert world.users["handler"].full_name in html and world.users["city_handler"].full_name in html
    assert world.users["sxd_handler"].full_name not in html  # another department: the guard would refuse


def test_queue_and_case_pages_list_their_keyboard_shortcuts_in_vietnamese(client, world):
    case = world.intake()
    login(client, world.users["officer"])
    for url in ("/cases/?queue=unit", f"/cases/{case.id}"):
        html = client.get(url).get_data(as_text=True)
        assert 'src="/static/shortcuts.js"' in html and '<dialog id="shortcuts-help"' in html
        assert "hồ sơ tiếp theo / trước đó trong danh sách" in html
    script = client.get("/static/shortcuts.js")
    assert script.status_code == 200 and b"keydown" in script.data
    script.close()
