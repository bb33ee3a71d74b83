"""The reception desk: sessions, new letters with duplicates checked first, receipts, the reception book."""

import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import Attachment, Case, ReceptionSession
from caseflow.services.reception.sessions import record_session
from caseflow.timeutil import local_date, now_utc
from tests.views.helpers import count_statements, csrf_token, login, post_form

ROOT = Path(__file__).parents[2]
STYLESHEET = ROOT / "caseflow" / "static" / "reception.css"

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
TOKEN = re.compile(r'name="form_token"[^>]*value="([^"]+)"')


def session_data(**overrides) -> dict:
    """A reception session as the desk form posts it."""
    data = {
        "received_on": local_date(now_utc()).isoformat(),
        "kind": "regular",
        "host_name": "Cán bộ tiếp dân",
        "citizen_name": "Lê Thị Hoa",
        "citizen_address": "Thôn Bắc, xã Đông Anh",
        "citizen_id_number": "001188099999",
        "people_count": "1",
        "content": "Khiếu nại việc bồi thường khi thu hồi đất",
        "matter_kind": "complaint",
        "handling": "accepted",
    }
    return {**data, **overrides}


def letter_data(**overrides) -> dict:
    """A letter as the new-letter form posts it."""
    data = {
        "channel": "post",
        "subject": "Khiếu nại quyết định thu hồi đất ở",
        "content": "Đề nghị xem xét lại quyết định thu hồi đất số 77 của UBND xã Kim Chung",
        "signatories": "1",
        "petitioner-full_name": "Phạm Văn Bình",
        "petitioner-address": "Xóm 3, xã Kim Chung",
        "petitioner-id_number": "001077066666",
        "save": "1",
    }
    return {**data, **overrides}


def form_token(client, url: str) -> tuple[str, str]:
    """The CSRF token and the one-time form token of the form at `url`."""
    html = client.get(url).get_data(as_text=True)
    return csrf_token(client, url), TOKEN.search(html).group(1)


def cases_count() -> int:
    """How many cases exist."""
    db.session.rollback()
    return db.session.scalar(sa.select(sa.func.count(Case.id)))


def record(world, user="reception", **overrides) -> ReceptionSession:
    """A session recorded through the service and committed."""
    data = session_data(**overrides)
    data["people_count"] = int(data["people_count"])
    data.pop("received_on")
    entry = record_session(data, actor=world.users[user], now=now_utc())
    db.session.commit()
    return entry


# --- the desk ---------------------------------------------------------------------------------------------


def test_desk_lists_todays_sessions_of_the_unit_only(client, world):
    mine = record(world)
    theirs = record(world, user="stranger", citizen_name="Người Hải Phòng")
    login(client, world.users["reception"])
    html = client.get("/reception/").get_data(as_text=True)
    assert mine.citizen_name in html
    assert theirs.citizen_name not in html
    assert f"/reception/letters/new?session={mine.id}" in html


def test_desk_records_a_group_session_with_representatives(client, world):
    login(client, world.users["reception"])
    data = session_data(
        people_count="12", **{"representatives-0": "Đại diện Một", "representatives-1": "Đại diện Hai"}
    )
    answer = post_form(client, "/reception/", data)
    assert answer.status_code == 303
    db.session.rollback()
    entry = db.session.scalars(sa.select(ReceptionSession)).one()
    assert entry.is_group and entry.people_count == 12
    assert entry.representatives == ["Đại diện Một", "Đại diện Hai"]
    assert entry.unit_id == world.users["reception"].unit_id


def test_desk_shows_errors_next_to_fields_keeps_input_and_saves_nothing(client, world):
    login(client, world.users["reception"])
    answer = post_form(client, "/reception/", session_data(citizen_name="", content="Đ"))
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert 'id="citizen_name-error"' in html
    assert 'id="session_content-error"' in html
    assert 'value="001188099999"' in html
    html = post_form(client, "/reception/", session_data(people_count="7")).get_data(as_text=True)
    assert 'id="representatives-error"' in html
    assert 'value="7"' in html
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(ReceptionSession.id))) == 0


def test_desk_refuses_roles_that_do_not_receive_citizens(client, world):
    login(client, world.users["handler"])
    assert client.get("/reception/").status_code == 403


def test_anonymous_visitor_is_sent_to_login(client, world):
    for url in ("/reception/", "/reception/letters/new", "/reception/book"):
        answer = client.get(url)
        assert answer.status_code == 302 and "/login" in answer.headers["Location"]


# --- new letters ------------------------------------------------------------------------------------------


def test_new_letter_saves_a_case_with_parties_and_documents_then_shows_the_receipt(client, world):
    login(client, world.users["reception"])
    data = letter_data(
        **{
            "co_petitioners-0-full_name": "Phạm Thị Lan",
            "co_petitioners-0-address": "Xóm 3, xã Kim Chung",
            "respondent-full_name": "UBND xã Kim Chung",
            "respondent-is_organisation": "y",
            "attachments-0-doc_type": "letter",
            "attachments-0-files": [(_file(PDF), "đơn khiếu nại.pdf"), (_file(PDF), "bản sao.pdf")],
        }
    )
    answer = post_form(client, "/reception/letters/new", data, content_type="multipart/form-data")
    assert answer.status_code == 303
    case = db.session.scalars(sa.select(Case)).one()
    assert {p.role.value for p in case.parties} == {"petitioner", "co_petitioner", "respondent"}
    files = db.session.scalars(sa.select(Attachment).where(Attachment.case_id == case.id)).all()
    assert sorted(f.filename for f in files) == ["bản sao.pdf", "đơn khiếu nại.pdf"]
    assert answer.headers["Location"].endswith(f"/reception/receipt/{case.id}")


def test_receipt_shows_the_code_and_the_pin_only_once(client, world):
    login(client, world.users["reception"])
    answer = post_form(client, "/reception/letters/new", letter_data())
    case = db.session.scalars(sa.select(Case)).one()
    with client.session_transaction() as cookie:
        stash = dict(cookie["receipt_pin"])
    first = client.get(answer.headers["Location"])
    html = first.get_data(as_text=True)
    assert case.tracking_code in html
    pin = re.search(r'class="rc-code rc-pin">(\d{8})<', html).group(1)
    from caseflow.services.cases.intake import check_pin

    assert check_pin(case, pin)
    assert "pin" not in stash and stash["sealed"] != pin
    assert first.headers["Cache-Control"] == "no-store"
    assert "@media print" in STYLESHEET.read_text()
    again = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert case.tracking_code in again and pin not in again


def test_receipt_of_another_units_case_is_not_found(client, world):
    case = world.intake()
    login(client, world.users["stranger"])
    assert client.get(f"/reception/receipt/{case.id}").status_code == 404


def test_letter_errors_appear_next_to_fields_keep_input_and_save_nothing(client, world):
    login(client, world.users["reception"])
    data = letter_data(
        subject="x",
        **{
            "petitioner-email": "not-an-email",
            "representatives-1-full_name": "",
            "representatives-1-id_number": "??",
        },
    )
    html = post_form(client, "/reception/letters/new", data).get_data(as_text=True)
    assert 'id="subject-error"' in html
    assert 'id="petitioner-email-error"' in html
    assert 'id="representatives-1-full_name-error"' in html
    assert 'value="Phạm Văn Bình"' in html and 'value="not-an-email"' in html
    assert cases_count() == 0


def test_letter_without_petitioner_must_be_marked_anonymous(client, world):
    login(client, world.users["reception"])
    data = letter_data(**{"petitioner-full_name": "", "petitioner-address": "", "petitioner-id_number": ""})
    html = post_form(client, "/reception/letters/new", data).get_data(as_text=True)
    assert 'id="petitioner-error"' in html
    assert cases_count() == 0
    answer = post_form(client, "/reception/letters/new", {**data, "is_anonymous": "y"})
    assert answer.status_code == 303
    assert cases_count() == 1


def test_forwarded_letter_needs_the_forwarding_body(client, world):
    login(client, world.users["officer"])
    html = post_form(client, "/reception/letters/new", letter_data(channel="forwarded")).get_data(
        as_text=True
    )
    assert 'id="forwarded_by-error"' in html
    assert cases_count() == 0


def test_double_submit_creates_one_case(client, world):
    login(client, world.users["reception"])
    csrf, token = form_token(client, "/reception/letters/new")
    data = {**letter_data(), "csrf_token": csrf, "form_token": token}
    first = client.post("/reception/letters/new", data=data)
    second = client.post("/reception/letters/new", data=data)
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    assert cases_count() == 1


def test_preview_lists_a_likely_duplicate_with_a_link_and_keeps_the_form(client, world):
    earlier = world.intake()
    login(client, world.users["reception"])
    data = world.letter()
    form = {
        "channel": "post",
        "subject": data["subject"],
        "content": data["content"],
        "petitioner-full_name": data["petitioner"]["full_name"],
        "petitioner-address": data["petitioner"]["address"],
        "petitioner-id_number": data["petitioner"]["id_number"],
        "preview": "1",
    }
    answer = post_form(client, "/reception/letters/new", form)
    html = answer.get_data(as_text=True)
    assert f'href="/cases/{earlier.id}"' in html
    assert earlier.tracking_code in html
    assert "Save anyway" in html or "Vẫn lưu" in html
    assert f'value="{data["petitioner"]["full_name"]}"' in html
    assert cases_count() == 1
    saved = post_form(client, "/reception/letters/new", {**form, "save": "1", "preview": None})
    assert saved.status_code == 303 and cases_count() == 2


def test_preview_does_not_list_cases_of_other_units(client, world):
    world.intake(actor="reception")
    login(client, world.users["stranger"])
    data = world.letter()
    form = {
        "channel": "post",
        "subject": data["subject"],
        "content": data["content"],
        "petitioner-full_name": data["petitioner"]["full_name"],
        "petitioner-address": data["petitioner"]["address"],
        "preview": "1",
    }
    html = post_form(client, "/reception/letters/new", form).get_data(as_text=True)
    assert 'id="dup-h"' not in html and "rc-no-duplicates" in html  # nothing of the other unit is listed


def test_letter_from_a_session_is_prefilled_and_linked(client, world):
    entry = record(world)
    login(client, world.users["reception"])
    url = f"/reception/letters/new?session={entry.id}"
    html = client.get(url).get_data(as_text=True)
    assert 'value="Lê Thị Hoa"' in html and f'value="{entry.id}"' in html
    data = letter_data(
        channel="in_person",
        reception_session_id=str(entry.id),
        **{"petitioner-full_name": "Lê Thị Hoa", "petitioner-id_number": ""},
    )
    answer = post_form(client, url, data)
    assert answer.status_code == 303
    case = db.session.scalars(sa.select(Case)).one()
    assert case.reception_session_id == entry.id
    assert case.tracking_code in client.get("/reception/").get_data(as_text=True)


def test_letter_from_another_units_session_is_not_found(client, world):
    entry = record(world, user="stranger")
    login(client, world.users["reception"])
    assert client.get(f"/reception/letters/new?session={entry.id}").status_code == 404


def test_leaders_and_handlers_cannot_write_letters(client, world):
    for user in ("leader", "handler", "inspector"):
        login(client, world.users[user])
        assert client.get("/reception/letters/new").status_code == 403


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "PDF, JPG, PNG"),
        ("scan.pdf", b"\x89PNG\r\n\x1a\n0000", "does not match"),
        ("big.pdf", PDF + b"0" * 2048, "larger than"),
    ],
)
def test_refused_attachment_is_explained_next_to_its_row_and_nothing_is_saved(
    client, world, app, monkeypatch, filename, content, message
):
    monkeypatch.setitem(app.config, "CASEFLOW_MAX_ATTACHMENT_BYTES", 1024)
    monkeypatch.setitem(app.config, "BABEL_DEFAULT_LOCALE", "en")
    login(client, world.users["reception"])
    data = letter_data(
        **{"attachments-1-doc_type": "evidence", "attachments-1-files": (_file(content), filename)}
    )
    answer = post_form(
        client,
        "/reception/letters/new?lang=en",
        data,
        form_page="/reception/letters/new?lang=en",
        content_type="multipart/form-data",
    )
    html = answer.get_data(as_text=True)
    error = re.search(r'id="attachments-1-files-error">([^<]*)<', html)
    assert error and filename in error.group(1) and message in error.group(1)
    assert "choose them again" in html
    assert cases_count() == 0


# --- the book ---------------------------------------------------------------------------------------------


def test_book_has_the_twelve_columns_numbered_rows_and_totals(client, world):
    record(world)
    record(world, citizen_name="Đoàn xã Kim Chung", people_count="15", representatives=["A", "B"])
    login(client, world.users["leader"])
    html = client.get("/reception/book?lang=en").get_data(as_text=True)
    assert all(f"<td>({n})</td>" in html for n in range(1, 13))
    assert "<td>1</td>" in html and "<td>2</td>" in html
    assert "Lê Thị Hoa" in html and "Đoàn xã Kim Chung" in html
    assert "2 sessions, 16 people, 1 groups" in html
    assert "@page book" in STYLESHEET.read_text() and "landscape" in STYLESHEET.read_text()


def test_book_headers_are_the_official_ones_in_vietnamese():
    catalog = vietnamese_catalog()
    official = {
        "No.": "STT",
        "Reception date": "Ngày tiếp",
        "Full name – address": "Họ tên – Địa chỉ",
        "Citizen's ID card / passport": "CMND/Hộ chiếu của công dân",
        "Content of the matter": "Nội dung vụ việc",
        "Type of letter / number of people": "Phân loại đơn / Số người",
        "Body that has resolved it": "Cơ quan đã giải quyết",
        "Handling": "Hướng xử lý",
        "Taken in for resolution": "Thụ lý để giải quyết",
        "Letter returned, citizen guided": "Trả lại đơn và hướng dẫn",
        "Forwarded to the competent agency, organisation or unit": (
            "Chuyển đơn đến cơ quan, tổ chức, đơn vị có thẩm quyền"
        ),
        "Follow-up of the result": "Theo dõi kết quả giải quyết",
        "Notes": "Ghi chú",
        "Reception book": "Sổ tiếp công dân",
    }
    for msgid, msgstr in official.items():
        assert catalog.get(msgid) == msgstr, msgid


def test_every_message_of_the_reception_pages_has_a_vietnamese_translation():
    catalog = vietnamese_catalog()
    templates = Path(__file__).parents[2] / "caseflow" / "templates"
    used = set()
    for path in [*templates.glob("reception/*.html"), *templates.glob("attachments/*.html")]:
        used |= set(re.findall(r'_\("((?:[^"\\]|\\.)*)"', path.read_text()))
    missing = sorted(m for m in used if not catalog.get(m))
    assert not missing, missing


def test_book_headers_are_english_when_the_ui_is_english(client, world):
    login(client, world.users["reception"])
    html = client.get("/reception/book?lang=en").get_data(as_text=True)
    assert "Content of the matter" in html and "Follow-up of the result" in html


def test_book_covers_the_unit_and_below_but_not_other_provinces(client, world):
    record(world, citizen_name="Người ở Sở")
    record(world, user="stranger", citizen_name="Người Hải Phòng")
    login(client, world.users["inspector"])
    html = client.get("/reception/book").get_data(as_text=True)
    assert "Người ở Sở" in html and "Người Hải Phòng" not in html
    login(client, world.users["stranger"])
    html = client.get("/reception/book").get_data(as_text=True)
    assert "Người ở Sở" not in html and "Người Hải Phòng" in html


def test_book_masks_a_denouncer_for_those_who_may_not_see_it(client, world):
    record(world, citizen_name="Người Tố Cáo Bí Mật", matter_kind="denunciation")
    login(client, world.users["officer"])
    assert "Người Tố Cáo Bí Mật" not in client.get("/reception/book").get_data(as_text=True)
    login(client, world.users["leader"])
    assert "Người Tố Cáo Bí Mật" in client.get("/reception/book").get_data(as_text=True)


def test_book_period_filters_rows(client, world):
    record(world)
    login(client, world.users["reception"])
    html = client.get("/reception/book?start=2001-01-01&end=2001-01-31").get_data(as_text=True)
    assert "Lê Thị Hoa" not in html


def test_book_refuses_handlers_and_admins(client, world):
    for user in ("handler", "admin"):
        login(client, world.users[user])
        assert client.get("/reception/book").status_code == 403


def test_book_runs_the_same_number_of_statements_whatever_its_size(client, world):
    login(client, world.users["leader"])
    counts = []
    for batch in (1, 25):
        for _ in range(batch):
            entry = record(world)
            world.intake(reception_session_id=entry.id, channel="in_person")
        with count_statements() as statements:
            assert client.get("/reception/book").status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1], counts


def vietnamese_catalog() -> dict[str, str]:
    """msgid → msgstr of i18n/vi/reception.po."""
    from babel.messages.pofile import read_po

    with (ROOT / "i18n" / "vi" / "reception.po").open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id}


def _file(content: bytes):
    """A file-like body for the test client."""
    import io

    return io.BytesIO(content)


def test_desk_pages_use_each_id_once(client, world):
    login(client, world.users["reception"])
    for url in ("/reception/", "/reception/letters/new", "/reception/book"):
        ids = re.findall(r'\sid="([^"]+)"', client.get(url).get_data(as_text=True))
        assert len(ids) == len(set(ids)), (url, sorted({i for i in ids if ids.count(i) > 1}))


def test_the_sessions_kind_of_matter_reaches_the_letter_and_its_classification(client, world):
    entry = record(world, matter_kind="petition")
    login(client, world.users["reception"])
    url = f"/reception/letters/new?session={entry.id}"
    assert "Loại đơn ghi ở phiên tiếp: Kiến nghị, phản ánh." in client.get(url).get_data(as_text=True)
    data = letter_data(
        channel="in_person",
        reception_session_id=str(entry.id),
        **{"petitioner-full_name": "Lê Thị Hoa", "petitioner-id_number": ""},
    )
    assert post_form(client, url, data).status_code == 303
    case = db.session.scalars(sa.select(Case)).one()
    login(client, world.users["officer"])
    html = client.get(f"/cases/{case.id}").get_data(as_text=True)
    classify = html.split('id="action-classify"')[1].split("</details>")[0]
    assert re.search(r'<option value="petition"\s+selected', classify), classify[:2000]
