"""A public dialogue recorded at the desk, and one of its issues turned into a petition case."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import expect_flash, log_in
from tests.browser.world import RECEPTION

pytestmark = pytest.mark.browser


def test_reception_records_a_public_dialogue_and_turns_an_issue_into_a_case(page, live_server, shoot):
    live = live_server
    log_in(page, live, RECEPTION)
    sections = page.get_by_role("navigation", name=live.tr("Sections"))
    sections.get_by_role("link", name=live.tr("Public dialogues"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(live.tr("Public dialogues"))

    new = page.get_by_role("region", name=live.tr("Record a public dialogue"))
    new.get_by_label(live.tr("Held on")).fill("2026-11-20")
    new.get_by_label(live.tr("Place")).fill("Hội trường UBND phường Cầu Giấy")
    new.get_by_label(live.tr("Hosted by")).fill("Chủ tịch UBND phường")
    new.get_by_label(live.tr("Number of participants")).fill("46")
    new.get_by_label(live.tr("Minutes")).fill("Đối thoại với các hộ dân dự án mở rộng đường Âu Cơ.")
    issues = "Chậm chi trả tiền bồi thường đợt 2\nĐề nghị bố trí tái định cư tại chỗ"
    new.get_by_label(live.tr("Issues raised (one per line)")).fill(issues)
    new.get_by_role("button", name=live.tr("Record the dialogue")).click()
    expect_flash(page, live.tr("The public dialogue is recorded."))

    row = page.get_by_role("row").filter(has_text="Chậm chi trả tiền bồi thường đợt 2")
    row.get_by_role("button", name=live.tr("Make it a petition case")).click()
    expect(page).to_have_url(re.compile(r"/cases/\d+"))
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text(re.compile(r"HN-\d{4}-\d{6}"))
    code = re.search(r"HN-\d{4}-\d{6}", heading.inner_text()).group(0)
    expect(page.get_by_text(live.tr("Public dialogue"), exact=False).first).to_be_visible()
    shoot(page, "dialogue-case")

    page.go_back()
    page.reload()
    row = page.get_by_role("row").filter(has_text="Chậm chi trả tiền bồi thường đợt 2")
    expect(row.get_by_role("link", name=code)).to_be_visible()
    other = page.get_by_role("row").filter(has_text="Đề nghị bố trí tái định cư tại chỗ")
    expect(other.get_by_role("button", name=live.tr("Make it a petition case"))).to_be_visible()
