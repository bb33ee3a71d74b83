"""The case page as a decider reads it: the resolution file, a timeline in words, the next step and action."""

import re
from datetime import UTC, datetime

from caseflow.models import CaseStatus
from tests.views.helpers import count_statements, csrf_token, login

RAW = re.compile(r"<details class=\"raw\">.*?</details>", re.S)
TAGS = re.compile(r"<[^>]+>")


def visible(html: str) -> str:
    """The page's text without markup and without the auditors' collapsed raw detail."""
    return " ".join(TAGS.sub(" ", RAW.sub("", html)).split())


def reported_after_dialogue(world):
    """A complaint whose findings differ from the request, with its dialogue held: ready to decide."""
    case = world.new_case_at("complaint", CaseStatus.VERIFYING)
    findings = "Đất đã được cấp giấy chứng nhận năm 2004"
    world.act(case, "submit_report", findings=findings, matches_request=False)
    world.act(case, "schedule_dialogue", place="Phòng họp số 2, Sở TNMT", invitees=["Ông Nguyễn Văn Đức"])
    world.act(
        case,
        "record_dialogue",
        minutes="Ông Đức trình bày yêu cầu bồi thường bổ sung",
        present=["Ông Nguyễn Văn Đức", "Bà Lê Thị Hoa"],
        absent=["Đại diện UBND xã"],
        agreed="Diện tích đo đạc lại là 120 m²",
        disputed="Đơn giá bồi thường",
    )
    return case


def test_the_leader_reads_report_dialogue_and_next_step_before_deciding(client, world):
    case = reported_after_dialogue(world)
    login(client, world.users["leader"])
    html = client.get(f"/cases/{case.id}").get_data(as_text=True)
    text = visible(html)
    assert "Hồ sơ giải quyết" in text
    for words in (
        "Đất đã được cấp giấy chứng nhận năm 2004",
        "Phòng họp số 2, Sở TNMT",
        "Bà Lê Thị Hoa",
        "Đại diện UBND xã",
        "Diện tích đo đạc lại là 120 m²",
        "Đơn giá bồi thường",
        "Ông Đức trình bày yêu cầu bồi thường bổ sung",
        world.users["handler"].full_name,
    ):
        assert words in text, words
    assert "Chờ lãnh đạo quyết định" in text
    first_action = re.search(r'<details class="action card([^"]*)"[^>]*id="action-([a-z_]+)"', html)
    assert first_action.group(2) == "decide" and "primary" in first_action.group(1)


def test_the_decision_shows_its_number_signer_and_summary(client, world):
    case = reported_after_dialogue(world)
    summary = "Công nhận một phần nội dung khiếu nại"
    world.act(case, "decide", number="45/QĐ-UBND", summary=summary, outcome="partly_right")
    login(client, world.users["officer"])
    text = visible(client.get(f"/cases/{case.id}").get_data(as_text=True))
    assert "45/QĐ-UBND" in text
    assert "Công nhận một phần nội dung khiếu nại" in text
    assert world.users["leader"].full_name in text
    assert "Chờ gửi quyết định và kết thúc hồ sơ" in text


def test_the_timeline_is_told_in_words_with_the_raw_trail_behind_a_toggle(client, world):
    case = world.new_case_at("complaint", CaseStatus.VERIFYING)
    world.act(case, "suspend", reason="Chờ kết quả giám định")
    login(client, world.users["inspector"])
    html = client.get(f"/cases/{case.id}").get_data(as_text=True)
    text = visible(html)
    codes = ("user:", "assignee_id", "status:", "received →", "is_eligible", "Phiên bản", "True", "deadline:")
    for code in codes:
        assert code not in text, code
    handler, leader = world.users["handler"].full_name, world.users["leader"].full_name
    assert f"Cán bộ xác minh: {handler}." in text
    assert f"{leader} (Lãnh đạo)" in text
    assert "Lý do: Chờ kết quả giám định" in text
    assert "Hồ sơ chuyển từ “Đã tiếp nhận” sang “Đã phân loại”." in text, text
    assert "user:leader" in html and '<details class="raw">' in html


def test_the_case_page_runs_the_same_statements_whatever_the_history(app, client, world, monkeypatch):
    monkeypatch.setitem(app.config, "CASEFLOW_SETTINGS_CHECK_SECONDS", 0)  # the stamp is read on every page
    short = world.new_case_at("complaint", CaseStatus.VERIFYING)
    long = world.new_case_at("complaint", CaseStatus.VERIFYING)
    world.act(short, "suspend")  # both were suspended, so the same documents (R19) may be issued on each
    world.act(short, "resume")
    for _ in range(5):
        world.act(long, "suspend")
        world.act(long, "resume")
    world.act(long, "submit_report")
    world.act(short, "submit_report")
    login(client, world.users["leader"])
    counts = []
    for case in (short, long):
        client.get(f"/cases/{case.id}")
        with count_statements() as statements:
            assert client.get(f"/cases/{case.id}").status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1]


def test_after_an_action_the_page_opens_on_its_confirmation_not_the_timeline(client, world):
    case = world.intake()
    login(client, world.users["officer"])
    token = csrf_token(client, f"/cases/{case.id}")
    data = {"csrf_token": token, "version": case.version, "kind": "complaint", "field": "land", "level": "1",
            "eligible": "yes", "within_competence": "yes"}
    answer = client.post(f"/cases/{case.id}/actions/classify", data=data)
    assert answer.status_code == 303
    assert "#" not in answer.headers["Location"]
    html = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert re.search(r'class="flash success" role="status">Đã thực hiện: Phân loại đơn', html)
    assert "casepage.js" in html


def test_a_complaint_decision_shows_when_it_takes_legal_effect(client, world):
    """R12: signed Friday 2026-10-02, day 30 is Sunday 01/11, so the period ends on Monday 02/11."""
    world.now = datetime(2026, 10, 2, 3, tzinfo=UTC)
    case = world.new_case_at("complaint", CaseStatus.DECIDED)
    login(client, world.users["leader"])
    html = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Có hiệu lực pháp luật sau ngày 02/11/2026 nếu không có khiếu nại lần hai." in html
