"""Case documents on the web: download with scope and confidentiality, upload with messages by the field."""

import io
import re

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import Attachment, CaseEvent, CaseStatus
from caseflow.services.cases.attachments import add_attachment
from tests.views.helpers import csrf_token, login, post_form

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"
TOKEN = re.compile(r'name="form_token"[^>]*value="([^"]+)"')


def attach(world, case, *, confidential=False, filename="đơn khiếu nại.pdf"):
    """A stored document on `case`."""
    stored = add_attachment(
        case,
        PDF,
        "letter",
        actor=world.users["reception"],
        now=world.now,
        filename=filename,
        is_confidential=confidential,
    )
    db.session.commit()
    return stored


def attachments_count() -> int:
    """How many documents exist."""
    db.session.rollback()
    return db.session.scalar(sa.select(sa.func.count(Attachment.id)))


def test_download_is_an_attachment_with_the_stored_type(client, world):
    stored = attach(world, world.intake())
    login(client, world.users["officer"])
    answer = client.get(f"/attachments/{stored.id}")
    assert answer.status_code == 200
    assert answer.data == PDF
    assert answer.mimetype == "application/pdf"
    disposition = answer.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and "filename*=UTF-8''" in disposition
    assert "no-store" in answer.headers["Cache-Control"]


def test_download_of_another_units_document_is_not_found(client, world):
    stored = attach(world, world.intake())
    login(client, world.users["stranger"])
    assert client.get(f"/attachments/{stored.id}").status_code == 404


def test_download_needs_a_login(client, world):
    stored = attach(world, world.intake())
    answer = client.get(f"/attachments/{stored.id}")
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]


def test_confidential_document_is_refused_to_the_handler_and_audited_for_the_leader(client, world):
    case = world.intake("denunciation", subject="Tố cáo cán bộ nhận hối lộ", content="Tố cáo ông B nhận tiền")
    stored = attach(world, case, confidential=True, filename="to-cao-ky-ten.pdf")
    world.bring_to(case, CaseStatus.VERIFYING)
    login(client, world.users["handler"])
    assert client.get(f"/attachments/{stored.id}").status_code == 403
    login(client, world.users["leader"])
    assert client.get(f"/attachments/{stored.id}").data == PDF
    db.session.rollback()
    events = db.session.scalars(sa.select(CaseEvent).where(CaseEvent.action == "attachment_viewed")).all()
    assert [e.actor for e in events] == ["user:leader"]


def test_upload_page_lists_documents_and_adds_files(client, world):
    case = world.intake()
    attach(world, case)
    login(client, world.users["officer"])
    url = f"/cases/{case.id}/attachments"
    html = client.get(url).get_data(as_text=True)
    assert "đơn khiếu nại.pdf" in html and 'href="/attachments/' in html
    answer = post_form(
        client,
        url,
        {"doc_type": "evidence", "files": [(io.BytesIO(PDF), "a.pdf"), (io.BytesIO(PDF), "b.pdf")]},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 303 and answer.headers["Location"].endswith(f"/cases/{case.id}#docs-h")
    assert attachments_count() == 3


def test_upload_refuses_a_bad_file_next_to_the_field_and_saves_nothing(client, world, app, monkeypatch):
    monkeypatch.setitem(app.config, "CASEFLOW_MAX_ATTACHMENT_BYTES", 64)
    case = world.intake()
    login(client, world.users["officer"])
    url = f"/cases/{case.id}/attachments?lang=en"
    files = [
        (io.BytesIO(PDF), "good.pdf"),
        (io.BytesIO(b"x" * 10), "bad.exe"),
        (io.BytesIO(PDF * 3), "big.pdf"),
    ]
    answer = post_form(
        client, url, {"doc_type": "evidence", "files": files}, content_type="multipart/form-data"
    )
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    errors = re.findall(r'id="files-error">([^<]*)<', html)
    assert any("bad.exe" in e and "PDF, JPG, PNG" in e for e in errors)
    assert any("big.pdf" in e and "larger than" in e for e in errors)
    assert 'aria-invalid="true"' in html
    assert attachments_count() == 0


def test_upload_without_a_file_says_so(client, world):
    case = world.intake()
    login(client, world.users["officer"])
    html = post_form(client, f"/cases/{case.id}/attachments?lang=en", {"doc_type": "evidence"}).get_data(
        as_text=True
    )
    assert re.search(r'id="files-error">Choose a file\.<', html)


def test_upload_double_submit_stores_once(client, world):
    case = world.intake()
    login(client, world.users["officer"])
    url = f"/cases/{case.id}/attachments"
    page = client.get(url).get_data(as_text=True)
    data = {
        "csrf_token": csrf_token(client, url),
        "form_token": TOKEN.search(page).group(1),
        "doc_type": "evidence",
    }
    for _ in range(2):
        answer = client.post(
            url, data={**data, "files": (io.BytesIO(PDF), "a.pdf")}, content_type="multipart/form-data"
        )
        assert answer.status_code == 303
    assert attachments_count() == 1


def test_upload_permissions(client, world):
    case = world.intake()
    login(client, world.users["stranger"])
    assert client.get(f"/cases/{case.id}/attachments").status_code == 404
    login(client, world.users["inspector"])
    assert client.get(f"/cases/{case.id}/attachments").status_code == 403
    login(client, world.users["admin"])
    assert client.get(f"/cases/{case.id}/attachments").status_code == 403


def test_list_partial_hides_a_confidential_document_from_those_who_may_not_open_it(client, world):
    case = world.intake("denunciation", subject="Tố cáo cán bộ nhận hối lộ", content="Tố cáo ông B nhận tiền")
    attach(world, case, confidential=True, filename="ten-nguoi-to-cao.pdf")
    world.bring_to(case, CaseStatus.VERIFYING)
    login(client, world.users["handler"])
    html = client.get(f"/cases/{case.id}/attachments").get_data(as_text=True)
    assert "ten-nguoi-to-cao.pdf" not in html
    login(client, world.users["leader"])
    assert "ten-nguoi-to-cao.pdf" in client.get(f"/cases/{case.id}/attachments").get_data(as_text=True)
