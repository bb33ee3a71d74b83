"""The decider's view of a case: the resolution file, the next step, the usual action, the confirmation."""

import pytest
from playwright.sync_api import expect

from tests.browser.pages import action_form, log_in, open_from_queue, submit_action
from tests.browser.test_accessibility import AUDIT, assert_clean, audit
from tests.browser.world import LEADER, TO_DIALOGUE_HELD, new_case, today_iso

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_leader_reads_the_work_decides_and_lands_on_the_confirmation(page, live_server, shoot):
    live = live_server
    case = new_case(live, "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất", TO_DIALOGUE_HELD)
    log_in(page, live, LEADER)
    open_from_queue(page, live, "decide", case)
    record = page.get_by_role("region", name="Hồ sơ giải quyết")
    expect(record.get_by_role("heading", name="Báo cáo kết quả xác minh")).to_be_visible()
    expect(record.get_by_role("heading", name="Đối thoại")).to_be_visible()
    expect(page.locator("#next-step")).to_contain_text("Chờ lãnh đạo quyết định")
    actions = page.get_by_role("complementary")
    expect(actions.locator("details.action").first).to_have_attribute("id", "action-decide")
    expect(page.locator("details#action-decide")).to_have_attribute("open", "")
    assert_clean(page.evaluate(AUDIT))
    shoot(page, "case-file", full_page=True)

    form = action_form(page, live, "decide")
    form.get_by_label(live.tr("Outcome")).select_option("partly_right")
    form.get_by_label(live.tr("Document number")).fill("245/QĐ-UBND")
    form.get_by_label(live.tr("Signed on")).fill(today_iso())
    form.get_by_label(live.tr("Summary")).fill("Khiếu nại đúng một phần; đo đạc lại và bồi thường bổ sung.")
    submit_action(form, live, "decide")
    confirmation = page.locator("main .flash").first
    expect(confirmation).to_contain_text(live.action("decide"))
    expect(confirmation).to_be_focused()
    expect(confirmation).to_be_in_viewport()
    expect(record.get_by_role("heading", name="Quyết định giải quyết số 245/QĐ-UBND")).to_be_visible()
    expect(page.locator("#next-step")).to_contain_text("Chờ gửi quyết định và kết thúc hồ sơ")


def test_the_case_page_reads_on_a_phone(page, live_server):
    live = live_server
    case = new_case(live, "Khiếu nại về bồi thường đất ở", TO_DIALOGUE_HELD)
    page.set_viewport_size(PHONE)
    log_in(page, live, LEADER)
    assert_clean(audit(page, f"/cases/{case.id}"))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width} px wide on a {PHONE['width']} px screen"
    expect(page.locator("#casefile")).to_contain_text("Đối thoại")
