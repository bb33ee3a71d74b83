"""Who can reach a case, and the language switch: what the header and the error pages show."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import case_link, log_in, log_out, search_queue
from tests.browser.world import LEADER, OFFICER, TO_PENDING, WARD_LEADER, new_case

pytestmark = pytest.mark.browser


def test_another_units_user_cannot_reach_the_case(page, live_server):
    live = live_server
    case = new_case(live, "Tố cáo cán bộ địa chính nhận tiền", TO_PENDING)
    log_in(page, live, LEADER)
    search_queue(page, live, "all", case.marker)
    expect(case_link(page, case)).to_be_visible()
    log_out(page, live)

    log_in(page, live, WARD_LEADER)
    expect(page.locator(f'a[href="/cases/{case.id}"]')).to_have_count(0)
    for queue in ("decide", "unit", "all"):
        page.goto(f"/cases/?queue={queue}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        expect(case_link(page, case)).to_have_count(0)
    for text in (case.tracking_code, case.marker, "Trần Thị Kiểm"):
        search_queue(page, live, "all", text)
        expect(case_link(page, case)).to_have_count(0)
    answer = page.goto(f"/cases/{case.id}")
    assert answer is not None and answer.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text(live.tr("We could not find this page"))
    expect(page.locator("main")).not_to_contain_text(case.subject)


def test_the_language_switch_goes_from_vietnamese_to_english_and_back(page, live_server, shoot):
    live = live_server
    assert live.tr("Log in") != "Log in", "the Vietnamese catalog does not translate 'Log in'"
    page.goto("/login")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_have_text(live.tr("Log in"))
    shoot(page, "login")

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    log_in(page, live, OFFICER, language="en")
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")

    page.get_by_role("button", name="Tiếng Việt").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_have_text(live.tr("My work"))
    expect(page).to_have_url(re.compile(r"/$"))
