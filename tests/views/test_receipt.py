"""The giấy biên nhận: a tracking link that works, deadlines in plain Vietnamese, one word per thing."""

import re
from html import unescape

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import Case
from tests.views.helpers import login, post_form
from tests.views.test_reception import letter_data

LINK = re.compile(r'<p class="rc-link"><a href="([^"]+)">')


def save_letter(client, world) -> tuple[Case, str]:
    """Save a letter at the desk and return the case and the first showing of its receipt."""
    login(client, world.users["reception"])
    answer = post_form(client, "/reception/letters/new", letter_data())
    case = db.session.scalars(sa.select(Case)).one()
    return case, client.get(answer.headers["Location"]).get_data(as_text=True)


def test_the_printed_link_opens_the_tracking_page_with_the_code_and_never_the_pin(app, client, world):
    app.config["CASEFLOW_BASE_URL"] = "https://tiepdan.hanoi.gov.vn/"
    case, html = save_letter(client, world)
    pin = re.search(r'class="rc-code rc-pin">(\d{8})<', html).group(1)
    link = unescape(LINK.search(html).group(1))
    assert link.startswith("https://tiepdan.hanoi.gov.vn/public/track?")
    assert case.tracking_code in link and pin not in link
    assert link in unescape(html.split('<h2>', 3)[-1])  # also the address written in the sentence
    path = link.removeprefix("https://tiepdan.hanoi.gov.vn")
    client.post("/logout")
    page = client.get(path)
    assert page.status_code == 200
    assert re.search(f'name="tracking_code"[^>]*value="{case.tracking_code}"', page.get_data(as_text=True))


def test_deadlines_name_the_rule_date_and_law_in_plain_vietnamese(client, world):
    case = world.intake()
    world.act(case, "classify")
    login(client, world.users["reception"])
    html = client.get(f"/reception/receipt/{case.id}").get_data(as_text=True)
    clocks = html.split('<ul class="rc-clocks">', 1)[1].split("</ul>", 1)[0]
    assert "Giải quyết khiếu nại" in clocks or "Thụ lý giải quyết khiếu nại" in clocks
    assert "Căn cứ: " in clocks and "Luật Khiếu nại" in clocks
    for note in ("domain.md", " Art ", " Arts ", "not found", "from receipt", "working days", "(statutory"):
        assert note not in clocks, note
    assert re.search(r"\d{2}/\d{2}/\d{4}", clocks)


def test_one_word_for_the_tracking_code_and_the_receipt(client, world):
    case, html = save_letter(client, world)
    track = client.get("/public/track").get_data(as_text=True)
    for page in (html, track):
        assert "mã hồ sơ" not in page.lower() and "phiếu hẹn" not in page.lower()
    assert "Mã tra cứu" in html and "giấy biên nhận" in track


def test_a_duplicate_check_that_finds_nothing_says_so_without_a_duplicates_heading(client, world):
    login(client, world.users["reception"])
    answer = post_form(client, "/reception/letters/new", {**letter_data(), "preview": "1"})
    html = answer.get_data(as_text=True)
    assert "Không tìm thấy" in html or "rc-no-duplicates" in html
    assert 'id="dup-h"' not in html
    assert db.session.scalars(sa.select(Case)).first() is None
