"""A leader's queue at a desk and on a phone: folded filters, due badges, whose turn, bulk assignment."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import log_in
from tests.browser.test_accessibility import AUDIT
from tests.browser.world import LEADER, TO_PENDING, new_case

pytestmark = pytest.mark.browser
SUBJECT = "Khiếu nại giao theo đợt"


@pytest.mark.parametrize("viewport", [(1366, 768), (390, 844)], ids=["desk", "phone"])
def test_leader_works_the_unassigned_queue_and_assigns_two_cases(page, live_server, viewport, shoot):
    width, height = viewport
    page.set_viewport_size({"width": width, "height": height})
    cases = [new_case(live_server, SUBJECT, (*TO_PENDING, "accept")) for _ in range(2)]
    log_in(page, live_server, LEADER)
    page.goto("/cases/?queue=unassigned&status=accepted&q=giao theo dot")
    assert page.evaluate(AUDIT) == []
    filters = page.get_by_role("search").bounding_box()
    assert filters["height"] < 200, filters  # the filters are folded: rows show above the fold
    summary = page.locator("details.more-filters summary")
    expect(summary).to_contain_text(live_server.word("accepted"))
    region = page.get_by_role("region", name=live_server.tr("Unassigned"))
    assert region.get_attribute("tabindex") == "0"  # a keyboard reaches the table's horizontal scroll
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for case in cases:
        row = page.locator(f'tr[data-case="{case.id}"]')
        expect(row.locator(".tag.due-left")).to_contain_text("còn")
        expect(row.locator("td.turn")).to_contain_text(live_server.word("leader"))
        row.get_by_role("checkbox").check()
    if width < 1000:
        shoot(page, "queue-phone")
    page.get_by_role("button", name=live_server.tr("Assign the chosen cases…")).click()
    page.get_by_label(live_server.tr("Handler"), exact=True).select_option(index=1)
    page.get_by_role("button", name=live_server.tr("Assign %(n)s cases", n=2)).click()
    done = live_server.tr("%(done)s of %(total)s cases assigned.", done=2, total=2)
    expect(page.get_by_role("status")).to_contain_text(done)
    assert page.evaluate(AUDIT) == []


def test_report_table_keeps_its_unit_column_and_leads_to_the_cases(page, live_server, shoot):
    log_in(page, live_server, LEADER)
    page.goto("/reports/?form=complaints")
    region = page.get_by_role("region", name=page.locator("#report-title").inner_text())
    assert region.get_attribute("tabindex") == "0"
    region.focus()
    for _ in range(40):
        page.keyboard.press("ArrowRight")  # the keyboard scrolls the focused region
    assert region.evaluate("el => el.scrollLeft") > 0
    first = region.locator("tbody th[scope=row]").first
    box, frame = first.bounding_box(), region.bounding_box()
    assert box["x"] <= frame["x"] + 2  # the unit stays at the left edge while the figures scroll
    assert box["height"] < 80, box  # a unit name on at most three lines, not five to eight
    assert page.evaluate(AUDIT) == []
    shoot(page, "reports")
    link = region.locator("tfoot a").first
    figure = link.inner_text().strip()
    link.click()
    expect(page.locator(".figure-note")).to_be_visible()
    assert page.locator("h1 .badge").get_attribute("data-total") == figure
    assert page.evaluate(AUDIT) == []


def test_keyboard_moves_through_the_queue_opens_a_case_and_reaches_its_next_action(page, live_server):
    log_in(page, live_server, LEADER)
    page.goto("/cases/?queue=unit")
    rows = page.locator("table.cases tbody tr")
    page.keyboard.press("j")
    page.keyboard.press("j")
    expect(rows.nth(1)).to_have_class(re.compile(r"kb-current"))
    page.keyboard.press("k")
    expect(rows.nth(0).get_by_role("link").first).to_be_focused()
    page.keyboard.press("?")
    expect(page.get_by_role("dialog", name=live_server.tr("Keyboard shortcuts"))).to_be_visible()
    page.keyboard.press("?")
    expect(page.get_by_role("dialog")).to_be_hidden()
    page.keyboard.press("/")
    expect(page.get_by_role("search").get_by_label(live_server.tr("Search"), exact=True)).to_be_focused()
    page.keyboard.type("j")  # typing in a field is typing, not a shortcut
    expect(rows.nth(0)).to_have_class(re.compile(r"kb-current"))
    page.locator("main h1").click()
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/cases/\d+$"))
    page.wait_for_load_state("load")
    page.keyboard.press("a")
    assert page.evaluate("document.activeElement.closest('details.action[open]') !== null")
