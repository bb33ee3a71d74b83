"""What a screen reader needs on every main page: one h1, labelled controls, named buttons, unique ids."""

import pytest
from playwright.sync_api import Page

from tests.browser.live import LiveServer
from tests.browser.pages import log_in
from tests.browser.world import ADMIN, INSPECTOR, OFFICER, RECEPTION, TO_VERIFYING, new_case

pytestmark = pytest.mark.browser

# Run in the page: a list of what a screen reader user would miss.
AUDIT = """() => {
  const problems = [];
  const seen = {};
  document.querySelectorAll("[id]").forEach((el) => { seen[el.id] = (seen[el.id] || 0) + 1; });
  for (const [id, count] of Object.entries(seen)) {
    if (count > 1) problems.push(`id "${id}" is used ${count} times`);
  }
  const named = (el) => (el.getAttribute("aria-label") || el.getAttribute("aria-labelledby") || el.title);
  document.querySelectorAll("input, select, textarea").forEach((el) => {
    if (el.type === "hidden" || (el.labels && el.labels.length) || named(el)) return;
    problems.push(`${el.tagName.toLowerCase()} name="${el.name}" has no label`);
  });
  document.querySelectorAll("button, a[href]").forEach((el) => {
    if (el.textContent.trim() || named(el)) return;
    problems.push(`${el.tagName.toLowerCase()} ${el.outerHTML.slice(0, 80)} has no name`);
  });
  const headings = document.querySelectorAll("h1").length;
  if (headings !== 1) problems.push(`${headings} h1 headings`);
  if (!document.documentElement.lang) problems.push("no lang on <html>");
  if (!document.querySelector("main")) problems.push("no <main>");
  return problems;
}"""


def audit(page: Page, path: str) -> list[str]:
    """Open `path` and list its problems, each prefixed with the path."""
    answer = page.goto(path)
    assert answer is not None and answer.status == 200, f"{path}: {answer and answer.status}"
    return [f"{path}: {problem}" for problem in page.evaluate(AUDIT)]


def audit_all(page: Page, live: LiveServer, username: str, paths: list[str]) -> list[str]:
    """Log in as `username` and audit each page."""
    log_in(page, live, username)
    return [problem for path in paths for problem in audit(page, path)]


def assert_clean(problems: list[str]) -> None:
    """Fail listing every problem, one per line."""
    assert not problems, "\n".join(["what a screen reader user would miss:", *problems])


def test_login_and_case_pages_are_labelled(page, live_server):
    case = new_case(live_server, "Khiếu nại về trợ cấp")
    assert_clean(audit(page, "/login"))
    paths = ["/", "/cases/?queue=decide", "/cases/?queue=all&q=dat", f"/cases/{case.id}", "/cases/999999"]
    assert_clean(audit_all(page, live_server, OFFICER, paths[:-1]))
    assert page.goto(paths[-1]).status == 404
    assert_clean(page.evaluate(AUDIT))


def test_reception_pages_are_labelled(page, live_server):
    paths = ["/reception/", "/reception/letters/new", "/reception/book"]
    assert_clean(audit_all(page, live_server, RECEPTION, paths))


def test_inspector_pages_are_labelled(page, live_server):
    case = new_case(live_server, "Khiếu nại quá hạn", TO_VERIFYING, days_ago=80)
    paths = ["/inspector/", "/inspector/inspections", f"/inspector/cases/{case.id}"]
    assert_clean(audit_all(page, live_server, INSPECTOR, paths))


def test_admin_pages_are_labelled(page, live_server):
    paths = ["/admin/", "/admin/units", "/admin/users", "/admin/users/new", "/admin/calendar", "/admin/rules"]
    paths.append("/admin/events")
    assert_clean(audit_all(page, live_server, ADMIN, paths))
