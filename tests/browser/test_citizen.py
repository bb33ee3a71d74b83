"""The citizen's tracking page on a phone: the result first, 16 px fields (no zoom), nothing wider than it."""

import pytest
from playwright.sync_api import expect

from caseflow.extensions import db
from caseflow.models import Case
from caseflow.services.cases.intake import hash_pin
from tests.browser.test_accessibility import AUDIT
from tests.browser.world import new_case

pytestmark = pytest.mark.browser
PIN = "13572468"


def _known_pin(case_id: int) -> None:
    """Give the case a PIN the test knows."""
    case = db.session.get(Case, case_id)
    case.pin_hash = hash_pin(case.tracking_code, PIN)


def test_a_citizen_tracks_a_case_on_a_phone(page, live_server, shoot):
    page.set_viewport_size({"width": 390, "height": 844})
    case = new_case(live_server, "Phản ánh tiếng ồn ban đêm")
    live_server.run(_known_pin, case.id)
    page.goto(f"/public/track?code={case.tracking_code}")
    code = page.get_by_label(live_server.tr("Tracking code"))
    assert code.evaluate("el => parseFloat(getComputedStyle(el).fontSize)") >= 16
    page.get_by_label(live_server.tr("PIN")).fill(PIN)
    page.get_by_role("button", name=live_server.tr("Show the status")).click()
    result = page.locator("#tracking-result")
    expect(result).to_contain_text(case.tracking_code)
    assert result.bounding_box()["y"] < page.locator("section.track-form").bounding_box()["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate(AUDIT) == []
    shoot(page, "tracking-phone")
