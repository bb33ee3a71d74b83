"""The administrator: a new reception officer for a ward, who can then log in and open the desk."""

import re

import pytest
from playwright.sync_api import expect

from caseflow.services.accounts.users import unit_by_code
from tests.browser.pages import expect_flash, log_in, log_out
from tests.browser.world import ADMIN, PASSWORD

pytestmark = pytest.mark.browser

NEW_USER = "tiepdan.pcg"


def test_admin_adds_a_reception_officer_who_can_then_work(page, live_server, shoot):
    live = live_server
    ward_id = live.run(lambda: unit_by_code("HN-PCG").id)
    log_in(page, live, ADMIN)
    page.get_by_role("navigation", name=live.tr("Sections")).get_by_role(
        "link", name=live.tr("Administration"), exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(live.tr("Administration"))
    shoot(page, "admin")

    page.goto("/admin/users/new")
    page.get_by_label(live.tr("Username"), exact=True).fill(NEW_USER)
    page.get_by_label(live.tr("Full name"), exact=True).fill("Phan Thị Lan")
    page.get_by_label(live.tr("Unit"), exact=True).select_option(str(ward_id))
    roles = page.get_by_role("group", name=live.tr("Roles"))
    roles.get_by_label(live.word("reception"), exact=True).check()
    page.get_by_label(live.tr("Initial password")).fill(PASSWORD)
    page.get_by_role("button", name=live.tr("Create the user")).click()
    expect_flash(page, live.tr("The user was created."))
    log_out(page, live)

    log_in(page, live, NEW_USER)
    expect(page.locator(".who")).to_contain_text("Phan Thị Lan")
    sections = page.get_by_role("navigation", name=live.tr("Sections"))
    sections.get_by_role("link", name=live.tr("Reception desk"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(live.tr("Reception desk"))
    answer = page.goto("/admin/")
    assert answer is not None and answer.status == 403


def test_admin_overview_counts_units_and_users(page, live_server):
    live = live_server
    log_in(page, live, ADMIN)
    page.goto("/admin/")
    tiles = page.locator("ul.tiles li")
    for title in ("Units", "Users"):
        count = tiles.filter(has_text=live.tr(title)).locator("strong")
        expect(count).to_have_text(re.compile(r"^\d+$"), timeout=2000)
