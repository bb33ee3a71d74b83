"""API: what the pages record besides actions — legal aid on any kind, desk ratings, identity, linking a
session to a head's reception day, rounds' findings, corrective actions done, cancelling and re-sampling."""

import base64
from datetime import timedelta

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import Attachment, CaseEvent, CaseStatus, ReceptionDay, User
from caseflow.services.reception.sessions import record_session
from caseflow.services.reports import build_report
from caseflow.services.reports.periods import Period
from caseflow.timeutil import local_date, now_utc
from tests.api.conftest import letter
from tests.api.test_rounds_api import URL, due, planned, unit_id
from tests.api.test_schedule_api import a_schedule
from tests.views.test_inbox import notices


def today():
    """The real local today (the API runs on the wall clock)."""
    return local_date(now_utc())


def test_legal_aid_on_a_petition_is_recorded_with_its_date_and_counted(api, world):
    case = world.new_case_at("petition", CaseStatus.CLASSIFIED)  # classified: a sender no longer masked
    given_on = today() - timedelta(days=3)
    body = {"given_to": "Ông Trần Văn Bình", "given_on": given_on.isoformat(), "note": "Tư vấn"}
    answer = api.post(f"/api/v1/cases/{case.id}/legal-aid", body, who="reception")
    assert answer.status_code == 200, answer.get_json()
    got = answer.get_json()
    assert (got["legal_aid"], got["legal_aid_on"], got["legal_aid_to"]) == (True, given_on.isoformat(),
                                                                            "Ông Trần Văn Bình")  # fmt: skip
    report = build_report("processing", unit=case.unit, period=Period(given_on, given_on))
    assert report.totals["legal_aid"] == 1
    assert api.post(f"/api/v1/cases/{case.id}/legal-aid", body, who="handler2").status_code == 403
    future = {**body, "given_on": (today() + timedelta(days=2)).isoformat()}
    refused = api.post(f"/api/v1/cases/{case.id}/legal-aid", future, who="reception")
    assert refused.status_code == 422 and "given_on" in refused.get_json()["errors"]
    assert api.post(f"/api/v1/cases/{case.id}/legal-aid", body, who="stranger").status_code == 404


def test_legal_aid_flagged_at_intake_counts_on_the_day_received(api, world):
    received = today() - timedelta(days=5)
    created = api.post("/api/v1/cases", letter(legal_aid=True, received_on=received.isoformat()),
                       who="reception")  # fmt: skip
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["legal_aid_on"] == received.isoformat()


def test_a_desk_rating_and_an_identity_read_through_the_api(api, world):
    case = world.new_case_at("complaint", CaseStatus.CLOSED)
    rated = api.post(f"/api/v1/cases/{case.id}/rating", {"score": 4, "comment": "Tốt"}, who="reception")
    assert rated.status_code == 201, rated.get_json()
    assert (rated.get_json()["score"], rated.get_json()["source"]) == (4, "desk")
    again = api.post(f"/api/v1/cases/{case.id}/rating", {"score": 5}, who="reception")
    assert again.status_code == 409
    denunciation = world.new_case_at("denunciation", CaseStatus.VERIFYING)
    assert api.post(f"/api/v1/cases/{denunciation.id}/identity", who="handler2").status_code == 403
    shown = api.post(f"/api/v1/cases/{denunciation.id}/identity", who="leader")
    assert shown.status_code == 200 and shown.get_json()["parties"][0]["full_name"] == "Nguyễn Văn Đức"
    actions = db.session.scalars(sa.select(CaseEvent.action).where(CaseEvent.case_id == denunciation.id))
    assert "identity_viewed" in list(actions)


def test_a_session_is_linked_to_a_heads_day_through_the_api(api, world):
    schedule = a_schedule(api, world)
    day = db.session.get(ReceptionDay, schedule["days"][0]["id"])
    day.day = today() - timedelta(days=1)
    db.session.commit()
    session = record_session(
        {"citizen_name": "Đỗ Văn Nam", "content": "Hỏi về cấp sổ đỏ", "received_on": day.day.isoformat()},
        actor=world.users["reception"], now=now_utc(),
    )  # fmt: skip
    other = record_session(
        {"citizen_name": "Lê Văn Tâm", "content": "Hỏi về đất", "received_on": today().isoformat()},
        actor=world.users["reception"], now=now_utc(),
    )  # fmt: skip
    db.session.commit()
    url = f"/api/v1/reception-schedule/days/{day.id}/sessions"
    wrong = api.post(url, {"session": other.id}, who="reception")
    assert wrong.status_code == 422 and "session" in wrong.get_json()["errors"]
    assert api.post(url, {"session": session.id}, who="handler").status_code == 403
    linked = api.post(url, {"session": session.id}, who="reception")
    assert linked.status_code == 200, linked.get_json()
    assert (linked.get_json()["state"], linked.get_json()["session_ids"]) == ("held", [session.id])


def test_findings_and_corrective_actions_done_through_the_api(api, world):
    api.token("leader")  # before the test's own reads hold an older snapshot
    body = planned(api, world)
    rid, case_id, unit = body["id"], body["cases"][0]["case_id"], unit_id("HN-TNMT")
    early = api.post(f"{URL}/{rid}/units/{unit}/findings", {"findings": "Sớm"}, who="inspector")
    assert early.status_code == 409
    api.post(f"{URL}/{rid}/start", who="inspector")
    on_unit = api.post(f"{URL}/{rid}/units/{unit}/findings", {"findings": "Hồ sơ đầy đủ"}, who="inspector")
    assert on_unit.status_code == 200 and on_unit.get_json()["units"][0]["findings"] == "Hồ sơ đầy đủ"
    on_case = api.post(f"{URL}/{rid}/cases/{case_id}/findings", {"findings": "Chậm 5 ngày"}, who="inspector")
    assert on_case.status_code == 200
    assert [c["findings"] for c in on_case.get_json()["cases"] if c["case_id"] == case_id] == ["Chậm 5 ngày"]
    by_leader = api.post(f"{URL}/{rid}/cases/{case_id}/findings", {"findings": "x"}, who="leader")
    assert by_leader.status_code == 403
    added = api.post(f"{URL}/{rid}/corrective-actions", {"unit": unit, "action": "Sửa", "due_on": due()},
                     who="inspector").get_json()  # fmt: skip
    done_url = f"{URL}/{rid}/corrective-actions/{added['id']}/done"
    future = {"done_on": due(3), "note": "Đã sửa"}
    assert api.post(done_url, future, who="inspector").status_code == 422
    done = api.post(done_url, {"done_on": today().isoformat(), "note": "Đã sửa"}, who="inspector")
    assert done.status_code == 200 and done.get_json()["state"] == "done"
    again = {"done_on": today().isoformat(), "note": "Lại"}
    assert api.post(done_url, again, who="inspector").status_code == 409
    elsewhere = f"{URL}/{rid + 1}/corrective-actions/{added['id']}/done"
    assert api.post(elsewhere, again, who="inspector").status_code == 404
    closed = api.post(f"{URL}/{rid}/close", {"summary": "Kết luận"}, who="inspector")
    assert closed.status_code == 200 and closed.get_json()["state"] == "closed"


def test_a_planned_round_is_resampled_then_cancelled(api, world):
    body = planned(api, world)
    rid = body["id"]
    for _ in range(2):
        world.intake()
    resampled = api.post(f"{URL}/{rid}/resample", {}, who="inspector")
    assert resampled.status_code == 200, resampled.get_json()
    assert len(resampled.get_json()["cases"]) == 4
    smaller = api.post(f"{URL}/{rid}/resample", {"per_unit": 1}, who="inspector").get_json()
    assert len(smaller["cases"]) == 1
    left = {c["case_id"] for c in resampled.get_json()["cases"]} - {c["case_id"] for c in smaller["cases"]}
    events = db.session.scalars(sa.select(CaseEvent.action).where(CaseEvent.case_id.in_(left)))
    assert "round_unsampled" in list(events)
    assert api.post(f"{URL}/{rid}/cancel", {"reason": ""}, who="inspector").status_code == 422
    cancelled = api.post(f"{URL}/{rid}/cancel", {"reason": "Trùng kế hoạch thanh tra"}, who="inspector")
    assert cancelled.status_code == 200 and cancelled.get_json()["state"] == "cancelled"
    assert "Trùng kế hoạch thanh tra" in cancelled.get_json()["summary"]
    assert api.post(f"{URL}/{rid}/start", who="inspector").status_code == 409
    assert api.post(f"{URL}/{rid}/resample", {}, who="inspector").status_code == 409


def test_an_inspection_is_opened_urged_and_closed_through_the_api(api, world):
    case = world.new_case_at("complaint", CaseStatus.ACCEPTED)
    url = f"/api/v1/cases/{case.id}/inspection"
    body = {"findings": "Chậm giải quyết", "recommendation": "Ban hành quyết định", "due_on": due(10)}
    assert api.post(url, body, who="leader").status_code == 403
    opened = api.post(url, body, who="inspector")
    assert opened.status_code == 201, opened.get_json()
    inspection = opened.get_json()
    assert api.post(url, body, who="inspector").status_code == 409
    urged = api.post(f"/api/v1/cases/{case.id}/urge", {"message": "Đề nghị khẩn trương"}, who="inspector")
    assert urged.status_code == 200 and urged.get_json()["inspection_id"] == inspection["id"]
    again = api.post(f"/api/v1/inspections/{inspection['id']}/urge", {"message": "Lần 2"}, who="inspector")
    assert again.status_code == 200
    closed = api.post(f"/api/v1/inspections/{inspection['id']}/close", {"result": "Đã xong"}, who="inspector")
    assert closed.status_code == 200
    assert (closed.get_json()["urge_count"], closed.get_json()["result"]) == (2, "Đã xong")
    late = api.post(f"/api/v1/inspections/{inspection['id']}/urge", {"message": "Lần 3"}, who="inspector")
    assert late.status_code == 409


def test_documents_are_issued_and_files_attached_through_the_api(api, world):
    case = world.new_case_at("complaint", CaseStatus.RECEIVED)
    url = f"/api/v1/cases/{case.id}/documents"
    issued = api.post(url, {"kind": "receipt"}, who="reception")
    assert issued.status_code == 201, issued.get_json()
    assert issued.get_json()["number"].startswith("1/BN")
    assert api.post(url, {"kind": "receipt"}, who="reception").get_json()["id"] == issued.get_json()["id"]
    assert api.post(url, {"kind": "acceptance"}, who="leader").status_code == 409
    pdf = base64.b64encode(b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n").decode()
    fake = base64.b64encode(b"not a pdf at all").decode()
    files = f"/api/v1/cases/{case.id}/attachments"
    both = {"doc_type": "letter", "files": [{"filename": "don.pdf", "content_base64": pdf},
                                            {"filename": "scan.pdf", "content_base64": fake}]}  # fmt: skip
    refused = api.post(files, both, who="reception")
    assert refused.status_code == 422 and "files.1" in refused.get_json()["errors"]
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Attachment)) == 0  # all or none
    db.session.rollback()  # end the test's read before the requests write
    one = {"doc_type": "letter", "files": [{"filename": "don.pdf", "content_base64": pdf}]}
    stored = api.post(files, one, who="reception")
    assert stored.status_code == 201 and stored.get_json()["items"][0]["content_type"] == "application/pdf"
    assert api.post(files, one, who="inspector").status_code == 403


def test_own_notifications_are_read_and_marked_through_the_api(api, world):
    api.token("handler2")
    ids = notices(world, "handler", 3)
    db.session.rollback()
    listed = api.get("/api/v1/notifications", who="handler").get_json()
    assert [n["id"] for n in listed["items"]] == ids[::-1] and listed["items"][0]["read_at"] is None
    assert api.post(f"/api/v1/notifications/{ids[0]}/read", who="handler2").status_code == 404
    one = api.post(f"/api/v1/notifications/{ids[0]}/read", who="handler")
    assert one.status_code == 200 and one.get_json()["read_at"]
    assert api.post("/api/v1/notifications/read-all", who="handler").get_json() == {"marked": 2}
    assert api.post("/api/v1/notifications/digest", {"wants_digest": True}, who="handler").status_code == 200
    db.session.rollback()
    stored = db.session.scalar(sa.select(User.wants_digest).where(User.username == "handler"))
    assert stored is True
