"""The inspector: find an overdue case on the dashboard, urge its unit; open and close an inspection."""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.live import LiveServer
from tests.browser.pages import expect_flash, log_in, log_out
from tests.browser.world import INSPECTOR, LEADER, TO_VERIFYING, CaseRef, new_case

pytestmark = pytest.mark.browser

MAX_PAGES = 10
OVERDUE_DAYS = 80  # accepted this long ago, a level-1 complaint is past its 30/45-day resolution limit


def dashboard_row(page: Page, live: LiveServer, case: CaseRef) -> Locator:
    """Filter the dashboard to overdue cases and page on until the case's row shows."""
    filters = page.get_by_role("search", name=live.tr("Filter the listed cases"))
    filters.get_by_label(live.tr("Reason")).select_option("overdue")
    filters.get_by_role("button", name=live.tr("Apply")).click()
    expect(page).to_have_url(re.compile(r"reason=overdue"))
    for _ in range(MAX_PAGES):
        link = page.get_by_role("link", name=case.tracking_code, exact=True)
        row = page.get_by_role("row").filter(has=link)
        if row.count():
            return row
        page.get_by_role("link", name=live.tr("Next page")).click()
    raise AssertionError(f"{case.tracking_code} is not on the first {MAX_PAGES} pages of overdue cases")


def open_dashboard(page: Page, live: LiveServer) -> None:
    """Go to the dashboard through the navigation."""
    sections = page.get_by_role("navigation", name=live.tr("Sections"))
    sections.get_by_role("link", name=live.tr("Inspection"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(live.tr("Prolonged cases"))


def inspect(page: Page, live: LiveServer, case: CaseRef) -> None:
    """From the dashboard, open the inspector's page of the case, listed as overdue."""
    row = dashboard_row(page, live, case)
    expect(row).to_contain_text(live.tr("Overdue on a resolution deadline"))
    row.get_by_role("link", name=f"{live.tr('Inspect')} {case.tracking_code}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(case.tracking_code)


def test_inspector_finds_an_overdue_case_and_urges_its_unit(page, live_server, shoot):
    live = live_server
    case = new_case(live, "Khiếu nại chậm giải quyết", TO_VERIFYING, days_ago=OVERDUE_DAYS)
    log_in(page, live, INSPECTOR)
    open_dashboard(page, live)
    shoot(page, "inspector-dashboard")
    inspect(page, live, case)

    urge = page.get_by_role("region", name=live.tr("Urge the unit"))
    urge.get_by_label(live.tr("Message to the unit")).fill("Đề nghị báo cáo tiến độ trong 5 ngày làm việc.")
    urge.get_by_role("button", name=live.tr("Urge"), exact=True).click()
    expect_flash(page, live.tr("The unit's leaders and the handler were urged."))
    trail = page.get_by_role("table", name=live.tr("Audit trail"))
    expect(trail).to_contain_text("Đề nghị báo cáo tiến độ")
    log_out(page, live)

    log_in(page, live, LEADER)
    page.goto(f"/cases/{case.id}")
    expect(page.locator("#timeline")).to_contain_text(live.action("urged"))
    expect(page.locator("#timeline")).to_contain_text("Đề nghị báo cáo tiến độ")


def test_inspector_opens_and_closes_an_inspection(page, live_server):
    live = live_server
    case = new_case(live, "Khiếu nại kéo dài về bồi thường", TO_VERIFYING, days_ago=OVERDUE_DAYS)
    log_in(page, live, INSPECTOR)
    open_dashboard(page, live)
    inspect(page, live, case)
    opening = page.get_by_role("region", name=live.tr("Open an inspection"))
    opening.get_by_label(live.tr("Inspection findings")).fill("Quá hạn giải quyết, chưa có báo cáo xác minh.")
    opening.get_by_label(live.tr("Recommendation")).fill("Hoàn thành xác minh và ban hành quyết định.")
    opening.get_by_role("button", name=live.tr("Open the inspection")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        live.tr("Inspection of case %(code)s", code=case.tracking_code)
    )

    closing = page.get_by_role("region", name=live.tr("Close the inspection"))
    closing.get_by_label(live.tr("Result")).fill("Đơn vị đã ban hành quyết định giải quyết.")
    closing.get_by_role("button", name=live.tr("Close the inspection")).click()
    expect_flash(page, live.tr("The inspection is closed."))
    expect(page.get_by_role("region", name=live.tr("Close the inspection"))).to_have_count(0)
