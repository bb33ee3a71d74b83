"""One identity rule on every surface: a denouncer's identity shows only where the rule allows it.

A denunciation is brought to the desk with unique canary values, then every page and every API read is
fetched as every user of the world. The canaries may appear only where a leader over the unit reads the
reception book, the desk, the API's sessions or a document (an audited read), and on the letter form that the
recording officer fills from the visit the same day; the case page masks them for everyone until a leader
reveals them on purpose.

A letter not yet classified, brought in as nothing in particular, may be a denunciation: its sender is
protected the same way, its content quotes the canaries (redacted wherever it is shown), and the officers of
its unit who process letters may see the sender too. A waiver recorded on the case lifts the masking.
"""

import io
import zipfile
from datetime import timedelta

import pytest

from caseflow.errors import GuardFailed
from caseflow.extensions import db
from caseflow.lists import QUEUES
from caseflow.models import Case, CaseEvent, CaseStatus, ReceptionSession
from caseflow.services.cases import intake
from caseflow.services.cases.identity import MASK, content_view, may_see_identity
from caseflow.services.documents import issuing
from caseflow.services.reception import sessions
from caseflow.timeutil import local_date, now_utc
from caseflow.views.reception import RECEIPT_PIN, seal_pin
from tests.views.helpers import login

CANARIES = {
    "name": "Canaryname Qzxwv",
    "id_number": "CANARY7731ID",
    "phone": "0977000111",
    "address": "Canary Street 77",
    "email": "canary.qzxwv@example.org",
}
EVERYONE = (
    *("reception", "officer", "leader", "handler", "handler2", "inspector", "admin"),
    *("city_officer", "city_leader", "city_handler", "stranger"),
)
# Where the rule lets a leader over the unit see the identity: the book and the desk they keep, and the
# documents of the case (each showing an audited read).
LEADER_PAGES = ("/reception/", "/reception/book", "/documents/<id>", "/documents/<id>/docx")
ALLOWED = {(who, page) for who in ("leader", "city_leader") for page in LEADER_PAGES} | {
    ("reception", "/reception/letters/new"),  # the officer who recorded the visit, on that day
}
ALLOWED_API = {("leader", "/api/v1/reception-sessions"), ("city_leader", "/api/v1/reception-sessions")}


@pytest.fixture
def denunciation(world):
    """A denunciation recorded at the desk today from a reception session, assigned, with a receipt issued."""
    reception = world.users["reception"]
    today = local_date(now_utc())
    visit = sessions.record_session(
        {
            "received_on": today.isoformat(),
            "citizen_name": CANARIES["name"],
            "citizen_address": CANARIES["address"],
            "citizen_id_number": CANARIES["id_number"],
            "content": "Tố cáo cán bộ địa chính nhận tiền",
            "matter_kind": "denunciation",
        },
        actor=reception,
        now=now_utc(),
    )
    person = {
        "full_name": CANARIES["name"],
        "address": CANARIES["address"],
        "id_number": CANARIES["id_number"],
        "phone": CANARIES["phone"],
        "email": CANARIES["email"],
    }
    letter = world.letter(
        subject="Tố cáo cán bộ địa chính",
        content="Cán bộ địa chính xã nhận tiền để làm sổ đỏ",
        channel="in_person",
        received_on=today.isoformat(),
        petitioner=person,
        reception_session_id=visit.id,
        respondents=[{"full_name": "Lê Văn Bị Tố", "address": "UBND xã"}],
    )
    case = intake.create_case(letter, actor=reception, now=now_utc()).case
    db.session.commit()
    world.kinds[case.id] = "denunciation"
    world.bring_to(case, CaseStatus.VERIFYING)
    document = issuing.issue_document(case.id, "receipt", addressee="citizen", actor=reception, now=now_utc())
    db.session.commit()
    return case, document


@pytest.fixture
def unclassified(world):
    """A letter received by post today, unclassified, whose content names its sender; a receipt issued."""
    reception = world.users["reception"]
    today = local_date(now_utc())
    person = {
        "full_name": CANARIES["name"],
        "address": CANARIES["address"],
        "id_number": CANARIES["id_number"],
        "phone": CANARIES["phone"],
        "email": CANARIES["email"],
    }
    content = (
        f"Tôi là {CANARIES['name']}, CCCD {CANARIES['id_number']}, ở {CANARIES['address']}, "
        f"điện thoại {CANARIES['phone']}, thư điện tử {CANARIES['email']}. "
        "Cán bộ địa chính xã nhận tiền để làm sổ đỏ."
    )
    letter = world.letter(
        subject="Đơn gửi về cán bộ địa chính",
        content=content,
        received_on=today.isoformat(),
        petitioner=person,
        respondents=[{"full_name": "Lê Văn Bị Tố", "address": "UBND xã"}],
    )
    case = intake.create_case(letter, actor=reception, now=now_utc()).case
    db.session.commit()
    world.kinds[case.id] = "denunciation"
    document = issuing.issue_document(case.id, "receipt", addressee="citizen", actor=reception, now=now_utc())
    db.session.commit()
    return case, document


# Before classification the unit's officer, who processes letters, may also read the documents of the case.
DOCUMENT_PAGES = ("/documents/<id>", "/documents/<id>/docx")
ENTITLED = ("leader", "city_leader", "officer")
# The officer who recorded the letter sees the sender on its receipt.
ALLOWED_UNCLASSIFIED = {(who, page) for who in (*ENTITLED, "reception") for page in DOCUMENT_PAGES}


def leaks(response, searched: str = "") -> list[str]:
    """The canaries in a response's body (a DOCX's XML parts too) or headers, but the one searched for."""
    body = response.get_data()
    if body.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            body = b"".join(archive.read(name) for name in archive.namelist())
    text = (body.decode("utf-8", "replace") + str(response.headers)).lower()
    return [name for name, value in CANARIES.items() if value.lower() in text and value != searched]


def pages(case, document) -> list[str]:
    """Every page that lists or shows cases, sessions, documents or reports."""
    today = local_date(now_utc())
    return [
        "/",
        "/cases/",
        *[f"/cases/?queue={q}" for q in (*QUEUES, "all")],
        f"/cases/?q={CANARIES['id_number']}",
        f"/cases/?q={CANARIES['name']}",
        f"/cases/{case.id}",
        f"/cases/{case.id}/documents",
        f"/cases/{case.id}/attachments",
        f"/documents/{document.id}",
        f"/documents/{document.id}/docx",
        "/reception/",
        f"/reception/book?start={today.replace(day=1)}&end={today}",
        f"/reception/letters/new?session={case.reception_session_id}",
        f"/reception/receipt/{case.id}",
        "/inbox/",
        "/inspector/",
        f"/inspector/cases/{case.id}",
        "/inspector/inspections",
        "/reports/",
        f"/exports/national?start={today.replace(day=1)}&end={today}&format=csv",
        "/public/decisions",
        "/register/satisfaction",
    ]


def api_reads(case) -> list[str]:
    """Every API read that may touch the case or its session."""
    return [
        "/api/v1/me",
        "/api/v1/cases",
        f"/api/v1/cases?q={CANARIES['id_number']}",
        f"/api/v1/cases?q={CANARIES['name']}",
        f"/api/v1/cases/{case.id}",
        f"/api/v1/cases/{case.id}/events",
        "/api/v1/reception-sessions",
        f"/open311/v2/requests/{case.tracking_code}.json",
        "/open311/v2/requests.json",
    ]


@pytest.mark.parametrize("who", EVERYONE)
def test_pages_show_the_identity_only_where_the_rule_allows(client, world, denunciation, who):
    case, document = denunciation
    login(client, world.users[who])
    shown = {
        (who, _shape(path, case, document))
        for path in pages(case, document)
        if leaks(client.get(path, buffered=True), _searched(path))
    }
    assert shown <= ALLOWED


@pytest.mark.parametrize("who", EVERYONE)
def test_api_reads_show_the_identity_only_where_the_rule_allows(api, denunciation, who):
    case, _document = denunciation
    shown = {
        (who, _shape(path, case, None))
        for path in api_reads(case)
        if leaks(api.get(path, who=who), _searched(path))
    }
    assert shown <= ALLOWED_API


def _shape(path: str, case, document) -> str:
    """The path without its query, with the document's id as <id>."""
    path = path.split("?")[0]
    return path.replace(f"/documents/{document.id}", "/documents/<id>") if document else path


def _searched(path: str) -> str:
    """The canary a search path asks for (its echo in the search box is not a leak)."""
    query = path.partition("?q=")[2]
    return next((value for value in CANARIES.values() if value == query), "")


def test_the_leaders_book_and_desk_do_show_the_visitor(client, world, denunciation):
    """The positive control: the rule is not 'mask everything'."""
    login(client, world.users["leader"])
    assert "name" in leaks(client.get("/reception/"))
    assert {"name", "address", "id_number"} <= set(leaks(client.get("/reception/book")))


def test_the_recording_officer_sees_the_visitor_masked_afterwards(client, world, denunciation):
    """The desk and the book do not show the denouncer to the reception officer who keeps them."""
    login(client, world.users["reception"])
    assert leaks(client.get("/reception/")) == []
    assert leaks(client.get("/reception/book")) == []


def test_the_letter_form_is_not_filled_with_the_visitor_on_a_later_day(client, world, denunciation):
    case, _document = denunciation
    visit = db.session.get(ReceptionSession, case.reception_session_id)
    visit.created_dt -= timedelta(days=1)
    db.session.commit()
    login(client, world.users["reception"])
    assert leaks(client.get(f"/reception/letters/new?session={visit.id}")) == []


def test_the_receipt_printed_right_after_the_save_names_the_sender_and_reprints_mask_it(
    app, client, world, denunciation
):
    case, _document = denunciation
    login(client, world.users["reception"])
    with app.app_context():
        sealed = seal_pin("12345678")
    with client.session_transaction() as cookie:
        cookie[RECEIPT_PIN] = {"case": case.id, **sealed}
    assert "name" in leaks(client.get(f"/reception/receipt/{case.id}"))
    assert leaks(client.get(f"/reception/receipt/{case.id}")) == []


@pytest.mark.parametrize("who", EVERYONE)
def test_an_unclassified_letter_shows_its_sender_and_their_words_only_where_the_rule_allows(
    client, world, unclassified, who
):
    case, document = unclassified
    login(client, world.users[who])
    crawled = [p for p in pages(case, document) if "/reception/letters/new" not in p]
    shown = {
        (who, _shape(path, case, document))
        for path in crawled
        if leaks(client.get(path, buffered=True), _searched(path))
    }
    assert shown <= ALLOWED_UNCLASSIFIED


@pytest.mark.parametrize("who", EVERYONE)
def test_the_api_redacts_an_unclassified_letters_content(api, unclassified, who):
    case, _document = unclassified
    shown = {_shape(p, case, None) for p in api_reads(case) if leaks(api.get(p, who=who), _searched(p))}
    assert shown == set()


def test_the_content_is_redacted_not_dropped(world, unclassified):
    case, _document = unclassified
    text = content_view(case)
    assert MASK in text and "Cán bộ địa chính xã nhận tiền để làm sổ đỏ." in text
    assert not [value for value in CANARIES.values() if value.lower() in text.lower()]


def test_the_units_officer_may_see_an_unclassified_senders_identity_but_not_a_classified_denouncers(
    world, unclassified
):
    case, _document = unclassified
    allowed = {who for who in EVERYONE if may_see_identity(world.users[who], case)}
    assert allowed == {"officer", "leader", "city_leader"}
    world.bring_to(case, CaseStatus.CLASSIFIED)
    allowed = {who for who in EVERYONE if may_see_identity(world.users[who], case)}
    assert allowed == {"leader", "city_leader"}


def test_a_letter_brought_in_as_a_complaint_is_not_masked(world):
    visit = sessions.record_session(
        {"citizen_name": "Trần Thị Khiếu", "content": "Khiếu nại thu hồi đất", "matter_kind": "complaint"},
        actor=world.users["reception"],
        now=world.now,
    )
    db.session.commit()
    case = world.intake(reception_session_id=visit.id)
    assert may_see_identity(world.users["handler"], case)
    assert content_view(case) == case.content


def test_classifying_the_letter_as_a_complaint_lifts_the_masking(client, world, unclassified):
    case, _document = unclassified
    world.kinds[case.id] = "complaint"
    world.bring_to(case, CaseStatus.CLASSIFIED)
    login(client, world.users["handler"])
    assert {"name", "id_number"} <= set(leaks(client.get(f"/cases/{case.id}")))


def test_a_waiver_lifts_the_masking_and_is_an_audited_event(client, world, unclassified):
    case, _document = unclassified
    login(client, world.users["handler"])
    assert leaks(client.get(f"/cases/{case.id}")) == []
    world.act(case, "record_waiver", actor="officer")
    assert case.identity_waived_on == local_date(world.now)
    assert {"name", "id_number", "phone", "address"} <= set(leaks(client.get(f"/cases/{case.id}")))
    events = db.session.scalars(case.events.select().where(CaseEvent.action == "record_waiver")).all()
    assert len(events) == 1 and events[0].actor_user_id == world.users["officer"].id
    assert "canaryname" in db.session.get(Case, case.id).search_text


def test_a_waiver_is_refused_when_nothing_is_masked_or_dated_before_receipt(world, unclassified):
    case, _document = unclassified
    with pytest.raises(GuardFailed, match="before the letter was received"):
        world.act(case, "record_waiver", agreed_on=(case.received_on - timedelta(days=1)).isoformat())
    world.act(case, "record_waiver")
    with pytest.raises(GuardFailed, match="not protected"):
        world.act(case, "record_waiver")
