"""The inspector's pages: dashboard, inspections, urging, closing; roles, scope and the cost in SQL."""

import re
from datetime import timedelta

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, CaseStatus, Inspection, Notification
from caseflow.services.cases.queues import overdue_condition
from caseflow.timeutil import local_date, now_utc
from tests.views.helpers import count_statements, csrf_token, login, post_form

TOKEN = re.compile(r'name="form_token"[^>]*value="([^"]+)"')


def old_letter(world, n: int = 1, *, days_ago: int = 120, **overrides):
    """A letter from its own petitioner, `days_ago` days before today (pages run on the real clock)."""
    received_on = (local_date(now_utc()) - timedelta(days=days_ago)).isoformat()
    petitioner = {
        "full_name": f"Lê Văn Nam {n}",
        "address": f"Ngõ {n} phố Huế",
        "id_number": f"0010700{n:05d}",
    }
    return world.intake(petitioner=petitioner, received_on=received_on, **overrides)


def open_form(client, case) -> str:
    """Open an inspection through the form; the page it leads to."""
    data = {"findings": "Quá hạn giải quyết", "recommendation": "Báo cáo trước ngày 15", "due_on": ""}
    response = post_form(client, f"/inspector/cases/{case.id}", data)
    assert response.status_code == 303, response.get_data(as_text=True)
    return response.headers["Location"]


def test_anonymous_visitors_are_sent_to_login(client, world):
    for url in ("/inspector/", "/inspector/inspections", "/inspector/cases/1", "/inspector/inspections/1"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url


def test_other_roles_get_403(client, world):
    case = old_letter(world)
    login(client, world.users["leader"])
    for url in ("/inspector/", "/inspector/inspections", f"/inspector/cases/{case.id}"):
        assert client.get(url).status_code == 403, url


def test_dashboard_lists_prolonged_cases_with_reasons_age_counts_and_chart(client, world):
    case = old_letter(world, signatories=8)
    login(client, world.users["inspector"])
    html = client.get("/inspector/").get_data(as_text=True)
    assert case.tracking_code in html
    assert 'class="rbadge r-too_long"' in html and 'class="rbadge r-group"' in html
    assert '<td class="num">120</td>' in html
    assert "<svg" in html and 'role="img"' in html
    assert "oversight.css" in html


def test_dashboard_filters_by_reason_and_unit(client, world):
    group = old_letter(world, 1, signatories=8)
    single = old_letter(world, 2)
    login(client, world.users["inspector"])
    html = client.get("/inspector/?reason=group").get_data(as_text=True)
    assert group.tracking_code in html and single.tracking_code not in html
    html = client.get(f"/inspector/?unit={group.unit_id + 100}").get_data(as_text=True)
    assert group.tracking_code not in html
    assert 'role="alert"' in client.get("/inspector/?reason=nonsense").get_data(as_text=True)


def test_other_subtrees_cases_are_absent_and_their_pages_404(client, world):
    theirs = old_letter(world, 3, actor="stranger")
    login(client, world.users["inspector"])
    assert theirs.tracking_code not in client.get("/inspector/").get_data(as_text=True)
    assert client.get(f"/inspector/cases/{theirs.id}").status_code == 404
    token = csrf_token(client, "/inspector/")
    response = client.post(
        f"/inspector/cases/{theirs.id}/urge", data={"csrf_token": token, "urge-message": "x"}
    )
    assert response.status_code == 404


def test_opening_an_inspection_through_the_form_once_even_when_submitted_twice(client, world):
    case = old_letter(world)
    login(client, world.users["inspector"])
    page = client.get(f"/inspector/cases/{case.id}").get_data(as_text=True)
    data = {
        "csrf_token": csrf_token(client, f"/inspector/cases/{case.id}"),
        "form_token": TOKEN.search(page).group(1),
        "findings": "Chậm",
        "recommendation": "",
        "due_on": "",
    }
    first = client.post(f"/inspector/cases/{case.id}", data=data)
    second = client.post(f"/inspector/cases/{case.id}", data=data)
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Inspection)) == 1
    html = client.get(first.headers["Location"]).get_data(as_text=True)
    assert "Chậm" in html and 'class="rbadge r-too_long"' in html
    assert client.get(f"/inspector/cases/{case.id}").status_code == 302


def test_missing_findings_are_shown_next_to_the_field_and_input_is_kept(client, world):
    case = old_letter(world)
    login(client, world.users["inspector"])
    data = {"findings": "", "recommendation": "Giữ lại nội dung này", "due_on": ""}
    response = post_form(client, f"/inspector/cases/{case.id}", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="findings-error"' in html
    assert "Giữ lại nội dung này" in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Inspection)) == 0


def test_a_past_due_date_is_refused_by_the_service_next_to_the_field(client, world):
    case = old_letter(world)
    login(client, world.users["inspector"])
    data = {"findings": "Chậm", "recommendation": "", "due_on": "2020-01-01"}
    response = post_form(client, f"/inspector/cases/{case.id}", data)
    assert response.status_code == 422
    assert 'id="due_on-error"' in response.get_data(as_text=True)


def test_urging_from_the_inspection_page_notifies_once_per_submit(client, world):
    case = old_letter(world)
    login(client, world.users["inspector"])
    location = open_form(client, case)
    page = client.get(location).get_data(as_text=True)
    token = re.search(r'name="urge-form_token"[^>]*value="([^"]+)"', page).group(1)
    data = {
        "csrf_token": csrf_token(client, location),
        "urge-form_token": token,
        "urge-message": "Đề nghị báo cáo",
    }
    for _ in range(2):
        assert client.post(f"{location}/urge", data=data).status_code == 303
    found = db.session.scalar(sa.select(Inspection))
    assert found.urge_count == 1
    notices = db.session.scalars(sa.select(Notification).where(Notification.kind == "urged")).all()
    assert [n.user_id for n in notices] == [world.users["leader"].id]
    actions = db.session.scalars(sa.select(CaseEvent.action).where(CaseEvent.case_id == case.id)).all()
    assert actions.count("urged") == 1
    assert "Đề nghị báo cáo" in client.get(location).get_data(as_text=True)


def test_an_empty_urge_message_is_refused_next_to_the_field(client, world):
    case = old_letter(world)
    login(client, world.users["inspector"])
    response = post_form(
        client,
        f"/inspector/cases/{case.id}/urge",
        {"urge-message": ""},
        form_page=f"/inspector/cases/{case.id}",
    )
    assert response.status_code == 422
    assert 'id="urge-message-error"' in response.get_data(as_text=True)


def test_urging_a_case_without_inspection(client, world):
    case = old_letter(world)
    login(client, world.users["inspector"])
    url = f"/inspector/cases/{case.id}"
    response = post_form(client, f"{url}/urge", {"urge-message": "Khẩn trương"}, form_page=url)
    assert response.status_code == 303
    assert db.session.scalar(sa.select(sa.func.count()).where(Notification.kind == "urged")) == 1


def test_closing_the_inspection(client, world):
    case = old_letter(world)
    login(client, world.users["inspector"])
    location = open_form(client, case)
    response = post_form(client, f"{location}/close", {"close-result": "Đã giải quyết"}, form_page=location)
    assert response.status_code == 303
    html = client.get(location).get_data(as_text=True)
    assert "Đã giải quyết" in html and 'action="' + location + '/close"' not in html
    assert "Đã giải quyết" not in client.get("/inspector/inspections").get_data(as_text=True)
    assert case.tracking_code in client.get("/inspector/inspections?state=closed").get_data(as_text=True)


def test_closing_without_a_result_is_refused_next_to_the_field(client, world):
    case = old_letter(world)
    login(client, world.users["inspector"])
    location = open_form(client, case)
    response = post_form(client, f"{location}/close", {"close-result": " "}, form_page=location)
    assert response.status_code == 422
    assert 'id="close-result-error"' in response.get_data(as_text=True)


def test_inspection_page_shows_the_audit_trail_and_links_to_the_case(client, world):
    case = old_letter(world)
    login(client, world.users["inspector"])
    html = client.get(open_form(client, case)).get_data(as_text=True)
    assert f'href="/cases/{case.id}"' in html
    assert '<td class="num">2</td>' in html  # the intake event and the inspection's


def test_dashboard_runs_a_constant_number_of_statements(client, world):
    login(client, world.users["inspector"])
    client.get("/inspector/")  # warm the rule cache
    counts = []
    for batch in (1, 25):
        for n in range(batch):
            old_letter(world, len(counts) * 100 + n, signatories=6 if n % 2 else 1)
        with count_statements() as statements:
            assert client.get("/inspector/").status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1], counts
    assert counts[1] <= 9, counts


def test_the_dashboards_overdue_figure_is_the_navigations(client, world):
    from caseflow.jobs.sweep import sweep

    processing_late = old_letter(world, 1, days_ago=40)  # overdue on processing only: not a prolonged case
    resolution_late = world.new_case_at("complaint", CaseStatus.ACCEPTED, petitioner={
        "full_name": "Lê Văn Nam 2", "address": "Ngõ 2 phố Huế", "id_number": "001070000002"})
    sweep(now=now_utc() + timedelta(days=200))
    login(client, world.users["inspector"])
    html = client.get("/inspector/").get_data(as_text=True)
    nav = re.search(r'data-queue="overdue">(\d+)<', html).group(1)
    assert re.search(r'data-overdue="(\d+)"', html).group(1) == nav == "2"
    overdue_ids = db.session.scalars(sa.select(Case.id).where(overdue_condition())).all()
    assert sorted(overdue_ids) == sorted([processing_late.id, resolution_late.id])
