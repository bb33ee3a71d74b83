"""The duplicate check alone (the letter page shows it in place, so the chosen files stay chosen)."""

from caseflow.extensions import db
from caseflow.models import Case
from tests.views.helpers import login, post_form

URL = "/reception/letters/duplicates"


def _form(letter: dict, **overrides) -> dict:
    """The letter form's fields as the page's script sends them (no files)."""
    form = {
        "channel": "post",
        "subject": letter["subject"],
        "content": letter["content"],
        "petitioner-full_name": letter["petitioner"]["full_name"],
        "petitioner-address": letter["petitioner"]["address"],
        "petitioner-id_number": letter["petitioner"]["id_number"],
    }
    return {**form, **overrides}


def test_a_likely_duplicate_is_listed_without_saving_anything(client, world):
    earlier = world.intake()
    login(client, world.users["reception"])
    answer = post_form(client, URL, _form(world.letter()), form_page="/reception/letters/new")
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert 'id="dup-h"' in html and earlier.tracking_code in html
    assert "<html" not in html  # a fragment for the page, not a page
    assert db.session.query(Case).count() == 1


def test_no_match_says_so_without_a_duplicates_heading(client, world):
    login(client, world.users["reception"])
    answer = post_form(client, URL, _form(world.letter()), form_page="/reception/letters/new")
    html = answer.get_data(as_text=True)
    assert 'id="dup-h"' not in html and "rc-no-duplicates" in html


def test_a_letter_missing_its_subject_is_named_in_vietnamese(client, world):
    login(client, world.users["reception"])
    answer = post_form(client, URL, _form(world.letter(), subject=""), form_page="/reception/letters/new")
    html = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert "Cần sửa các trường dưới đây trước khi kiểm tra trùng lặp." in html
    assert "Trích yếu" in html


def test_the_letter_page_offers_the_check_in_place_and_one_row_per_group_is_enough(client, world):
    login(client, world.users["reception"])
    html = client.get("/reception/letters/new").get_data(as_text=True)
    assert 'data-check-url="/reception/letters/duplicates"' in html
    assert html.count("data-add-row hidden") == 3  # the script shows the buttons and the rows on demand


def test_only_intake_roles_may_check(client, world):
    login(client, world.users["handler"])
    assert post_form(client, URL, _form(world.letter()), form_page="/cases/?queue=mine").status_code == 403
