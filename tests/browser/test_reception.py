"""The reception desk: a session in the book, a letter written from it, duplicates first, then the receipt."""

import re

import pytest
from playwright.sync_api import Page, expect

from caseflow.models import Case
from caseflow.services.cases.intake import check_pin
from tests.browser.live import LiveServer
from tests.browser.pages import expect_flash, log_in
from tests.browser.world import RECEPTION, new_case

pytestmark = pytest.mark.browser

CITIZEN = "Lê Văn Khiếu"
CODE = re.compile(r"^[A-Z]+-\d{4}-\d{6}$")
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def record_session(page: Page, live: LiveServer, id_number: str) -> None:
    """Fill the reception book's entry for one citizen who came in person."""
    form = page.get_by_role("region", name=live.tr("Record a reception session"))
    form.get_by_label(live.tr("Kind of reception")).select_option("regular")
    form.get_by_label(live.tr("Citizen's full name")).fill(CITIZEN)
    form.get_by_label(live.tr("Address"), exact=True).fill("Số 12 ngõ 34 phố Trần Duy Hưng, Cầu Giấy")
    form.get_by_label(live.tr("ID card, citizen ID or passport number")).fill(id_number)
    form.get_by_label(live.tr("Number of people")).fill("1")
    form.get_by_label(live.tr("Content of the matter")).fill(
        "Khiếu nại quyết định thu hồi đất của UBND phường, đề nghị bồi thường theo giá thị trường."
    )
    form.get_by_label(live.tr("Type of letter")).select_option("complaint")
    form.get_by_label(live.tr("Within competence: take in for resolution")).check()
    form.get_by_role("button", name=live.tr("Record the session")).click()


def write_letter_from_session(page: Page, live: LiveServer) -> None:
    """Open the letter form from the session's row; the book's entry fills it."""
    row = page.get_by_role("row").filter(has_text=CITIZEN)
    row.get_by_role("link", name=live.tr("New letter from this session")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(live.tr("New letter"))
    expect(page.get_by_label(live.tr("How the letter arrived"))).to_have_value("in_person")
    petitioner = page.get_by_role("group", name=live.tr("Petitioner"), exact=True)
    expect(petitioner.get_by_label(live.tr("Full name"))).to_have_value(CITIZEN)
    page.get_by_label(live.tr("Subject"), exact=True).fill("Khiếu nại quyết định thu hồi đất")


def receipt_codes(page: Page) -> tuple[str, str]:
    """The tracking code and PIN printed on the receipt."""
    codes = page.locator(".rc-codes .rc-code")
    expect(codes).to_have_count(2)
    return codes.nth(0).inner_text().strip(), codes.nth(1).inner_text().strip()


def pin_opens_case(tracking_code: str, pin: str) -> bool:
    """The PIN on the receipt is the case's PIN (checked against its stored hash)."""
    from caseflow.extensions import db

    case = db.session.query(Case).filter_by(tracking_code=tracking_code).one()
    return check_pin(case, pin)


def test_reception_officer_logs_a_letter_from_a_session_and_prints_the_receipt(page, live_server, shoot):
    live = live_server
    earlier = new_case(live, "Khiếu nại thu hồi đất lần trước")
    id_number = live.run(lambda: db_id_number(earlier.id))
    log_in(page, live, RECEPTION)
    page.get_by_role("navigation", name=live.tr("Sections")).get_by_role(
        "link", name=live.tr("Reception desk"), exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(live.tr("Reception desk"))
    record_session(page, live, id_number)
    expect_flash(page, live.tr("The reception session is recorded in the book."))
    shoot(page, "reception-desk")

    write_letter_from_session(page, live)
    add_rows_on_demand(page, live)
    documents = page.locator('input[type="file"]').first
    documents.set_input_files({"name": "don.pdf", "mimeType": "application/pdf", "buffer": PDF})
    page.get_by_role("button", name=live.tr("Check for duplicates")).click()
    duplicates = page.get_by_role("region", name=live.tr("Likely duplicates"))
    expect(duplicates.get_by_role("link", name=earlier.tracking_code)).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(live.tr("New letter"))  # checked in place
    assert documents.evaluate("input => input.files.length") == 1  # the chosen file is still chosen
    page.get_by_role("button", name=live.tr("Save anyway and print the receipt")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(live.tr("Receipt of a letter and documents"))
    tracking_code, pin = receipt_codes(page)
    expect(page.get_by_text("don.pdf")).to_be_visible()  # the file chosen before the check was saved
    assert CODE.match(tracking_code), tracking_code
    assert re.fullmatch(r"\d{8}", pin), pin
    assert live.run(pin_opens_case, tracking_code, pin)
    expect(page.get_by_role("button", name=live.tr("Print the receipt"))).to_be_visible()
    check_print_view(page, live, shoot)

    page.reload()
    expect(page.locator(".rc-pin")).to_have_count(0)
    expect(page.locator(".rc-codes")).not_to_contain_text(pin)
    follow_the_printed_link(page, live, tracking_code, pin)

    page.go_back()
    page.get_by_role("link", name=live.tr("Back to the desk")).click()
    page.get_by_role("link", name=live.tr("Reception book"), exact=True).first.click()
    book = page.get_by_role("table", name=re.compile(re.escape(live.tr("Reception book"))))
    row = book.get_by_role("row").filter(has_text=CITIZEN)
    expect(row.get_by_role("link", name=tracking_code)).to_be_visible()
    shoot(page, "reception-book", full_page=True)


def add_rows_on_demand(page: Page, live: LiveServer) -> None:
    """One co-petitioner row shows; the button shows the next one, focused."""
    group = page.get_by_role("group", name=live.tr("Co-petitioners"), exact=True)
    rows = group.locator("[data-row]")
    expect(rows.nth(0)).to_be_visible()
    expect(rows.nth(1)).to_be_hidden()
    group.get_by_role("button", name=live.tr("Add a co-petitioner")).click()
    expect(rows.nth(1)).to_be_visible()
    expect(rows.nth(1).get_by_label(live.tr("Full name"))).to_be_focused()


def follow_the_printed_link(page: Page, live: LiveServer, tracking_code: str, pin: str) -> None:
    """The address printed on the receipt opens the public tracking page with the code filled in, no PIN."""
    link = page.locator(".rc-link a")
    href = link.get_attribute("href")
    assert href.startswith(live.url) and tracking_code in href and pin not in href, href
    expect(link).to_have_text(href)
    answer = page.goto(href)
    assert answer is not None and answer.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(live.tr("Track your case"))
    expect(page.get_by_label(live.tr("Tracking code"))).to_have_value(tracking_code)
    expect(page.get_by_label(live.tr("PIN"))).to_have_value("")


def db_id_number(case_id: int) -> str:
    """The ID number of a case's petitioner (the session repeats it, so the desk finds a duplicate)."""
    from caseflow.extensions import db

    return db.session.get(Case, case_id).petitioner.id_number


def check_print_view(page: Page, live: LiveServer, shoot) -> None:
    """In print, the receipt keeps its codes and drops the page's chrome; it prints to a PDF."""
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".rc-codes")).to_be_visible()
    expect(page.get_by_role("button", name=live.tr("Print the receipt"))).to_be_hidden()
    expect(page.locator("header.top")).to_be_hidden()
    shoot(page, "receipt", full_page=True)
    assert page.pdf(format="A4").startswith(b"%PDF")
    page.emulate_media(media="screen")
