"""What a person does on the pages, in accessible terms: labels, roles and the names a screen reader hears."""

import re

from playwright.sync_api import Locator, Page, expect

from tests.browser.live import LiveServer
from tests.browser.world import PASSWORD, CaseRef


def log_in(page: Page, live: LiveServer, username: str, *, language: str = "vi") -> None:
    """Log in through the form as a demo user and land on the start page."""
    page.goto("/login")
    page.get_by_label(live.tr("Username", language)).fill(username)
    page.get_by_label(live.tr("Password", language)).fill(PASSWORD)
    page.get_by_role("button", name=live.tr("Log in", language), exact=True).click()
    expect(page).not_to_have_url(re.compile(r"/login"))


def log_out(page: Page, live: LiveServer) -> None:
    """Log out with the header's button."""
    page.get_by_role("button", name=live.tr("Log out")).click()
    expect(page).to_have_url(re.compile(r"/login"))


def search_queue(page: Page, live: LiveServer, queue: str, text: str) -> None:
    """Open a queue and search it through its filter form."""
    page.goto(f"/cases/?queue={queue}")
    search = page.get_by_role("search")
    search.get_by_label(live.tr("Search"), exact=True).fill(text)
    search.get_by_role("button", name=live.tr("Apply")).click()
    expect(page).to_have_url(re.compile(r"[?&]q="))


def case_link(page: Page, case: CaseRef) -> Locator:
    """The link to the case in a list."""
    return page.get_by_role("link", name=case.tracking_code, exact=True)


def open_from_queue(page: Page, live: LiveServer, queue: str, case: CaseRef) -> None:
    """Find the case in a queue by its tracking code and open it."""
    search_queue(page, live, queue, case.tracking_code)
    case_link(page, case).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(case.tracking_code)


def action_form(page: Page, live: LiveServer, action: str) -> Locator:
    """Unfold an action's form in the case page's aside and return it."""
    details = page.locator(f"details#action-{action}")
    expect(details).to_be_visible()
    if details.get_attribute("open") is None:
        details.get_by_text(live.action(action), exact=True).first.click()
    expect(details).to_have_attribute("open", "")
    return details


def submit_action(form: Locator, live: LiveServer, action: str) -> None:
    """Press the form's button, named after its action."""
    form.get_by_role("button", name=live.action(action), exact=True).click()


def answer_yes_no(form: Locator, live: LiveServer, question: str, yes: bool) -> None:
    """Tick Yes or No in the radio group whose legend is `question`."""
    group = form.get_by_role("group", name=live.tr(question))
    group.get_by_label(live.tr("Yes" if yes else "No"), exact=True).check()


def expect_status(page: Page, status: str) -> None:
    """The case header shows `status` (the page reloads after an action)."""
    expect(page.locator(".case-head [data-status]")).to_have_attribute("data-status", status)


def expect_flash(page: Page, text: str) -> None:
    """The page's first status message says `text`."""
    expect(page.get_by_role("status").first).to_contain_text(text)


def expect_done(page: Page, live: LiveServer, action: str) -> None:
    """The flash message says the action was done, and the timeline lists it."""
    expect_flash(page, live.action(action))
    expect(page.locator("#timeline")).to_contain_text(live.action(action))
