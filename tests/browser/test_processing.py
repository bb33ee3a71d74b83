"""A complaint through the case page: classify, propose, accept, assign, verify, dialogue, decide, close."""

import pytest
from playwright.sync_api import expect

from tests.browser.pages import (
    action_form,
    answer_yes_no,
    case_link,
    expect_done,
    expect_status,
    log_in,
    open_from_queue,
    submit_action,
)
from tests.browser.world import (
    HANDLER,
    LEADER,
    OFFICER,
    TO_DIALOGUE_HELD,
    TO_DIALOGUE_SCHEDULED,
    TO_PENDING,
    TO_VERIFYING,
    new_case,
    today_iso,
    user_id,
)

pytestmark = pytest.mark.browser


def test_officer_classifies_and_proposes_acceptance(page, live_server, shoot):
    live = live_server
    case = new_case(live, "Khiếu nại quyết định thu hồi đất nông nghiệp")
    log_in(page, live, OFFICER)
    open_from_queue(page, live, "decide", case)
    form = action_form(page, live, "classify")
    form.get_by_label(live.tr("Kind")).select_option("complaint")
    form.get_by_label(live.tr("Field")).select_option("land")
    form.get_by_label(live.tr("Level (complaints)")).select_option("1")
    answer_yes_no(form, live, "Eligible for processing", True)
    answer_yes_no(form, live, "Within this agency's competence", True)
    shoot(page, "case-page")
    submit_action(form, live, "classify")
    expect_status(page, "classified")
    expect_done(page, live, "classify")

    form = action_form(page, live, "propose_acceptance")
    form.get_by_label(live.tr("Note")).fill("Đủ điều kiện thụ lý theo Điều 27 Luật Khiếu nại")
    submit_action(form, live, "propose_acceptance")
    expect_status(page, "pending_acceptance")
    expect_done(page, live, "propose_acceptance")


def test_leader_accepts_and_assigns(page, live_server, shoot):
    live = live_server
    case = new_case(live, "Khiếu nại việc bồi thường khi giải phóng mặt bằng", TO_PENDING)
    log_in(page, live, LEADER)
    page.get_by_role("navigation", name=live.tr("Queues")).get_by_role(
        "link", name=live.tr("Awaiting my decision")
    ).click()
    expect(case_link(page, case)).to_be_visible()
    shoot(page, "queue")
    open_from_queue(page, live, "decide", case)
    form = action_form(page, live, "accept")
    form.get_by_label(live.tr("Complexity")).select_option("normal")
    submit_action(form, live, "accept")
    expect_status(page, "accepted")
    expect_done(page, live, "accept")

    form = action_form(page, live, "assign")
    form.get_by_label(live.tr("Handler")).select_option(str(user_id(live, HANDLER)))
    submit_action(form, live, "assign")
    expect_status(page, "verifying")
    expect(page.locator(".facts")).to_contain_text("Phạm Thị Ngọc Anh")


def test_handler_reports_schedules_and_records_a_dialogue(page, live_server):
    live = live_server
    case = new_case(live, "Khiếu nại quyết định xử phạt vi phạm hành chính", TO_VERIFYING)
    log_in(page, live, HANDLER)
    open_from_queue(page, live, "mine", case)
    form = action_form(page, live, "submit_report")
    form.get_by_label(live.tr("Findings")).fill("Thu hồi đúng quy định; bồi thường tính thiếu 12 m².")
    answer_yes_no(form, live, "Findings match the request", False)
    submit_action(form, live, "submit_report")
    expect_status(page, "reported")

    form = action_form(page, live, "schedule_dialogue")
    form.get_by_label(live.tr("Date and time")).fill(f"{today_iso(days=5)}T15:30")
    form.get_by_label(live.tr("Place")).fill("Phòng tiếp công dân, 12 Lê Lai")
    form.get_by_label(live.tr("Invitees (one per line)")).fill("Người khiếu nại\nĐại diện UBND phường")
    submit_action(form, live, "schedule_dialogue")
    expect_status(page, "dialogue_scheduled")


def test_handler_records_a_dialogue_held_as_scheduled(page, live_server):
    live = live_server
    case = new_case(live, "Khiếu nại việc cấp phép xây dựng", TO_DIALOGUE_SCHEDULED, days_ago=10)
    log_in(page, live, HANDLER)
    open_from_queue(page, live, "mine", case)
    form = action_form(page, live, "record_dialogue")
    form.get_by_label(live.tr("Minutes")).fill("Hai bên thống nhất đo đạc lại diện tích.")
    form.get_by_label(live.tr("Present (one per line)")).fill("Người khiếu nại\nĐại diện UBND phường")
    submit_action(form, live, "record_dialogue")
    expect_status(page, "reported")
    expect_done(page, live, "record_dialogue")


def test_leader_decides_and_closes(page, live_server):
    live = live_server
    subject = "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất"
    case = new_case(live, subject, TO_DIALOGUE_HELD, days_ago=10)
    log_in(page, live, LEADER)
    open_from_queue(page, live, "decide", case)
    form = action_form(page, live, "decide")
    form.get_by_label(live.tr("Outcome")).select_option("partly_right")
    form.get_by_label(live.tr("Document number")).fill("245/QĐ-UBND")
    form.get_by_label(live.tr("Signed on")).fill(today_iso())
    form.get_by_label(live.tr("Summary")).fill("Khiếu nại đúng một phần; đo đạc lại và bồi thường bổ sung.")
    submit_action(form, live, "decide")
    expect_status(page, "decided")
    expect_done(page, live, "decide")

    form = action_form(page, live, "close")
    form.get_by_label(live.tr("Sent on")).fill(today_iso())
    form.get_by_label(live.tr("Recipients (one per line)")).fill("Người khiếu nại\nUBND phường Hoàn Kiếm")
    submit_action(form, live, "close")
    expect_status(page, "closed")
    expect_done(page, live, "close")
