"""Every form, sent empty and with bad values on a Vietnamese page, answers in Vietnamese only."""

import re
from html.parser import HTMLParser

import pytest
from babel.messages.pofile import read_po

from caseflow.models import CaseStatus
from tests.views.helpers import login

CATALOG = "caseflow/translations/vi/LC_MESSAGES/messages.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%s|%d")
CHROME = ("/logout", "/language")  # the header's own forms, not the page's
BAD = {
    "text": "x",
    "search": "x",
    "email": "khong-phai-thu",
    "tel": "x",
    "date": "2031-99-99",
    "datetime-local": "ngay-gio",
    "time": "25:99",
    "number": "-5",
    "password": "x",
}


class Forms(HTMLParser):
    """The POST forms of a page: action, hidden values and the other fields with their types."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.forms.append({"action": attrs.get("action") or "", "hidden": {}, "fields": {}})
        elif self.forms and tag in ("input", "select", "textarea") and attrs.get("name"):
            kind = attrs.get("type", "text") if tag == "input" else tag
            if kind == "hidden":
                self.forms[-1]["hidden"][attrs["name"]] = attrs.get("value", "")
            elif kind not in ("submit", "button", "file", "checkbox"):
                self.forms[-1]["fields"][attrs["name"]] = kind

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(" ".join(data.split()))


def parse(html: str) -> Forms:
    """The page's forms and visible text nodes."""
    parser = Forms()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def english():
    """Patterns of every msgid the catalog turns into other words (numbers and names may be filled in)."""
    with open(CATALOG, "rb") as handle:
        catalog = read_po(handle)
    patterns = []
    for message in catalog:
        msgid = message.id if isinstance(message.id, str) else (message.id or ("",))[0]
        string = message.string if isinstance(message.string, str) else (message.string or ("",))[0]
        if not msgid or not string or string == msgid or len(msgid) < 4:
            continue
        pieces = [re.escape(piece) for piece in PLACEHOLDER.split(msgid)]
        patterns.append((msgid, re.compile(".+?".join(pieces))))
    return patterns


def untranslated(html: str, english) -> list[str]:
    """Text nodes of the page that are an English msgid as such."""
    texts = set(parse(html).texts)
    return sorted({text for text in texts for _msgid, pattern in english if pattern.fullmatch(text)})


def send_every_form(client, url: str, english) -> list[str]:
    """Post each form of the page empty, then with bad values; list English text in the answers."""
    problems = []
    forms = parse(client.get(url).get_data(as_text=True)).forms
    assert forms, f"no form on {url}"
    for form in (f for f in forms if not f["action"].startswith(CHROME)):
        target = form["action"] or url
        bad = {name: BAD.get(kind, "zzz") for name, kind in form["fields"].items()}
        for data in ({}, bad):
            fresh = parse(client.get(url).get_data(as_text=True)).forms
            hidden = next((f["hidden"] for f in fresh if f["action"] == form["action"]), form["hidden"])
            answer = client.post(target, data={**hidden, **data})
            if answer.status_code in (301, 302, 303):
                continue
            found = untranslated(answer.get_data(as_text=True), english)
            problems += [f"{target} ({'bad' if data else 'empty'}): {text}" for text in found]
    return problems


def test_public_forms_answer_in_vietnamese(client, world, english):
    problems = []
    for url in ("/public/submit", "/public/track", "/public/track/rating"):
        problems += send_every_form(client, url, english)
    assert not problems, "\n".join(problems)


def test_the_satisfaction_score_is_not_called_a_similarity(client, world):
    case = world.new_case_at("complaint", CaseStatus.CLOSED)
    login(client, world.users["reception"])
    html = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert re.search(r'<label for="desk-score-\d+">Mức độ hài lòng</label>', html)
    assert "Mức giống" not in html


def test_desk_forms_answer_in_vietnamese(client, world, english):
    login(client, world.users["reception"])
    problems = []
    for url in ("/reception/", "/reception/letters/new"):
        problems += send_every_form(client, url, english)
    assert not problems, "\n".join(problems)


def test_case_action_forms_answer_in_vietnamese(client, world, english):
    received = world.intake()
    verifying = world.new_case_at("complaint", CaseStatus.VERIFYING)
    problems = []
    for user, case in (("officer", received), ("handler", verifying), ("leader", verifying)):
        login(client, world.users[user])
        problems += send_every_form(client, f"/cases/{case.id}", english)
    assert not problems, "\n".join(problems)


def test_login_form_answers_in_vietnamese(client, world, english):
    problems = send_every_form(client, "/login", english)
    assert not problems, "\n".join(problems)


def test_admin_forms_answer_in_vietnamese(client, world, english):
    login(client, world.users["admin"])
    officer = world.users["officer"]
    problems = []
    pages = ("/admin/units", "/admin/users/new", f"/admin/users/{officer.id}", "/admin/calendar",
             "/admin/rules")  # fmt: skip
    for url in pages:
        problems += send_every_form(client, url, english)
    assert not problems, "\n".join(problems)


def test_engagement_forms_answer_in_vietnamese(client, world, english):
    login(client, world.users["leader"])
    problems = []
    for url in ("/engagement/schedule", "/engagement/dialogues"):
        problems += send_every_form(client, url, english)
    assert not problems, "\n".join(problems)


def test_inspector_and_rounds_forms_answer_in_vietnamese(client, world, english):
    case = world.new_case_at("complaint", CaseStatus.VERIFYING)
    login(client, world.users["inspector"])
    problems = []
    for url in (f"/inspector/cases/{case.id}", "/inspector/rounds/new"):
        problems += send_every_form(client, url, english)
    assert not problems, "\n".join(problems)


def test_queue_forms_answer_in_vietnamese(client, world, english):
    world.new_case_at("complaint", CaseStatus.ACCEPTED)
    login(client, world.users["leader"])
    problems = send_every_form(client, "/cases/?queue=unassigned", english)
    assert not problems, "\n".join(problems)
