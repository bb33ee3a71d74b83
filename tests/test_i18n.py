"""Languages: the Vietnamese catalog covers every message, is compiled, and the switch works."""

from babel.messages.mofile import read_mo

from caseflow.i18n_catalog import extract_msgids, load, missing, po_path
from tests.views.helpers import login, post_form


def test_every_message_has_a_vietnamese_translation():
    gaps = missing(load(po_path("vi"), "vi"), extract_msgids())
    assert gaps == [], f"{len(gaps)} untranslated: add them to i18n/vi/*.po, run `caseflow translations`"


def test_the_compiled_catalog_matches_the_editable_one():
    source = load(po_path("vi"), "vi")
    with po_path("vi").with_suffix(".mo").open("rb") as handle:
        compiled = read_mo(handle)
    assert catalog_pairs(source) == catalog_pairs(compiled)


def catalog_pairs(catalog) -> dict:
    """Each message's id and translation, plural forms as tuples."""
    def key(value):
        return tuple(value) if isinstance(value, list | tuple) else value

    return {key(m.id): key(m.string) for m in catalog if m.id and m.string}


def test_pages_are_vietnamese_by_default_and_switch_to_english_and_back(client, world):
    login(client, world.users["officer"])
    assert "Hồ sơ của tôi" in client.get("/").get_data(as_text=True)
    post_form(client, "/language?next=/", {"lang": "en"}, form_page="/")
    assert "My cases" in client.get("/").get_data(as_text=True)
    post_form(client, "/language?next=/", {"lang": "vi"}, form_page="/")
    assert "Hồ sơ của tôi" in client.get("/").get_data(as_text=True)


def test_the_login_page_speaks_vietnamese_to_a_new_visitor(client, db):
    html = client.get("/login").get_data(as_text=True)
    assert 'lang="vi"' in html and "Đăng nhập" in html
