"""The case page: what each viewer sees, the action forms, stale forms, identity protection, permissions."""

import re
from datetime import timedelta

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, CaseStatus
from caseflow.timeutil import local_date, now_utc
from tests.views.helpers import csrf_token, login


def action(client, case, name, data, *, version=None):
    """Submit one action form of the case page."""
    token = csrf_token(client, f"/cases/{case.id}")
    version = version if version is not None else fresh(case).version
    payload = {"csrf_token": token, "version": version, **data}
    return client.post(f"/cases/{case.id}/actions/{name}", data=payload)


def fresh(case) -> Case:
    """The case as the database holds it now (ending the test's own read transaction first)."""
    db.session.rollback()
    return db.session.get(Case, case.id, populate_existing=True)


def event_actions(case) -> list[str]:
    """The actions recorded in the case's audit trail, in order."""
    db.session.rollback()
    statement = sa.select(CaseEvent.action).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq)
    return list(db.session.scalars(statement))


def test_case_page_shows_summary_clocks_and_timeline(client, world):
    case = world.intake()
    login(client, world.users["officer"])
    html = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert case.tracking_code in html
    assert 'id="timeline"' in html
    assert 'id="action-classify"' in html


def test_an_unclassified_senders_identity_is_revealed_to_the_units_officer_with_an_audit_event(client, world):
    case = world.intake()
    login(client, world.users["handler"])
    html = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Nguyễn Văn Đức" not in html and f"/cases/{case.id}/identity" not in html
    login(client, world.users["officer"])
    assert "Nguyễn Văn Đức" not in client.get(f"/cases/{case.id}").get_data(as_text=True)
    token = csrf_token(client, f"/cases/{case.id}")
    shown = client.post(f"/cases/{case.id}/identity", data={"csrf_token": token}).get_data(as_text=True)
    assert "Nguyễn Văn Đức" in shown
    assert "identity_viewed" in event_actions(case)


def test_officer_classifies_through_the_form(client, world):
    case = world.intake()
    login(client, world.users["officer"])
    data = {"kind": "complaint", "field": "land", "level": "1", "eligible": "yes", "within_competence": "yes"}
    answer = action(client, case, "classify", data)
    assert answer.status_code == 303
    assert fresh(case).status.value == "classified"


def test_missing_fields_are_shown_next_to_the_inputs_and_nothing_changes(client, world):
    case = world.intake()
    login(client, world.users["officer"])
    answer = action(client, case, "classify", {"kind": "complaint", "field": "land"})
    html = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert 'id="classify-eligible-error"' in html
    assert 'value="land" selected' in html
    assert fresh(case).status.value == "received"


def test_a_stale_form_says_so_and_keeps_what_was_typed(client, world):
    case = world.intake()
    old_version = case.version
    world.act(case, "classify", actor="officer")
    login(client, world.users["officer"])
    answer = action(client, case, "guide", {"guidance": "Hướng dẫn gửi UBND huyện"}, version=old_version)
    html = answer.get_data(as_text=True)
    assert answer.status_code == 409
    assert "Hướng dẫn gửi UBND huyện" in html
    assert re.search(f'name="version" value="{fresh(case).version}"', html)


def test_a_double_submit_runs_the_action_once(client, world):
    case = world.intake()
    login(client, world.users["officer"])
    data = {"kind": "complaint", "field": "land", "level": "1", "eligible": "yes", "within_competence": "yes"}
    version = case.version
    assert action(client, case, "classify", data, version=version).status_code == 303
    assert action(client, case, "classify", data, version=version).status_code == 303
    assert event_actions(case).count("classify") == 1
    assert fresh(case).version == version + 1


def test_a_guard_refusal_is_explained(client, world):
    case = world.intake()
    world.act(case, "classify", actor="officer", within_competence=False)
    login(client, world.users["officer"])
    answer = action(client, case, "propose_acceptance", {})
    assert answer.status_code == 422
    html = answer.get_data(as_text=True)
    assert "outside this agency" in html or "thẩm quyền" in html


def test_wrong_role_gets_the_forbidden_page(client, world):
    case = world.intake()
    login(client, world.users["handler"])
    answer = action(client, case, "classify", {"kind": "petition", "field": "land", "eligible": "yes",
                                              "within_competence": "yes"})
    assert answer.status_code == 403


def test_another_units_case_does_not_exist_for_the_user(client, world):
    case = world.intake()
    login(client, world.users["stranger"])
    assert client.get(f"/cases/{case.id}").status_code == 404


def test_denouncer_is_masked_for_the_handler_and_revealed_to_the_leader_with_an_audit_event(client, world):
    case = world.new_case_at("denunciation", CaseStatus.VERIFYING)
    login(client, world.users["handler"])
    html = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Nguyễn Văn Đức" not in html and "001088012345" not in html
    assert f"/cases/{case.id}/identity" not in html
    login(client, world.users["leader"])
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Nguyễn Văn Đức" not in page
    token = csrf_token(client, f"/cases/{case.id}")
    shown = client.post(f"/cases/{case.id}/identity", data={"csrf_token": token}).get_data(as_text=True)
    assert "Nguyễn Văn Đức" in shown
    assert "identity_viewed" in event_actions(case)


def test_a_nul_character_or_a_huge_id_is_a_clear_400_or_404_never_a_crash(client, world):
    case = world.intake()
    login(client, world.users["officer"])
    assert client.get("/cases/?queue=all&q=a%00b").status_code == 400
    assert client.get(f"/cases/{2**70}").status_code in (400, 404)
    world.bring_to(case, CaseStatus.PENDING_ACCEPTANCE)
    login(client, world.users["leader"])
    world.act(case, "accept", actor="leader")
    answer = action(client, case, "assign", {"assignee": str(2**40)})
    assert answer.status_code == 422


def test_an_officer_records_a_classification_late_and_the_timeline_says_so(client, world):
    today = local_date(now_utc())
    case = world.intake(now=now_utc(), received_on=(today - timedelta(days=10)).isoformat())
    login(client, world.users["officer"])
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert 'name="effective_on"' in page and "ghi nhận muộn" in page
    data = {"kind": "complaint", "field": "land", "level": "1", "eligible": "yes", "within_competence": "yes"}
    tomorrow, earlier = (today + timedelta(days=1)).isoformat(), (today - timedelta(days=5)).isoformat()
    future = action(client, case, "classify", {**data, "effective_on": tomorrow})
    assert future.status_code == 422
    assert "Ngày thực hiện không được ở tương lai." in future.get_data(as_text=True)
    done = action(client, case, "classify", {**data, "effective_on": earlier})
    assert done.status_code == 303
    html = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert 'class="tag recorded-late"' in html and "nhập vào hệ thống lúc" in html
    db.session.rollback()
    last = db.session.scalars(
        sa.select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq.desc())
    ).first()
    assert local_date(last.created_dt) == today - timedelta(days=5)


def test_the_late_date_is_not_offered_to_a_handler(client, world):
    case = world.new_case_at("complaint", CaseStatus.VERIFYING)
    login(client, world.users["handler"])
    assert 'name="effective_on"' not in client.get(f"/cases/{case.id}").get_data(as_text=True)
