"""Documents: accepted by extension and content within the size limit; confidential ones guarded, audited."""

import io
import zipfile

import pytest
import sqlalchemy as sa

from caseflow.errors import InvalidInput, NotFound, PermissionDenied
from caseflow.extensions import db
from caseflow.models import CaseEvent, CaseStatus
from caseflow.services.cases import attachments
from caseflow.services.cases.attachments import Upload, add_attachment, attachment_for_download, upload_errors

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32


def office_file(*names: str) -> bytes:
    """A zip archive holding `names` (the shape of DOCX and ODT files)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


DOCX = office_file("[Content_Types].xml", "word/document.xml")
ODT = office_file("mimetype", "content.xml")


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        ("a.pdf", PDF),
        ("b.PNG", PNG),
        ("c.jpg", JPG),
        ("c.jpeg", JPG),
        ("d.doc", DOC),
        ("e.docx", DOCX),
        ("f.odt", ODT),
    ],
)
def test_accepted_types(app, filename, data):
    assert upload_errors(Upload(filename, data), max_bytes=1024) == []


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("run.exe", b"MZ", attachments.TYPE_REFUSED),
        ("noextension", PDF, attachments.TYPE_REFUSED),
        ("page.html", b"<html>", attachments.TYPE_REFUSED),
        ("fake.pdf", b"<html><script>", attachments.CONTENT_MISMATCH),
        ("fake.png", JPG, attachments.CONTENT_MISMATCH),
        ("fake.docx", ODT, attachments.CONTENT_MISMATCH),
        ("broken.docx", b"PK\x03\x04garbage", attachments.CONTENT_MISMATCH),
        ("empty.pdf", b"", attachments.EMPTY),
        ("big.pdf", PDF + b"0" * 1024, attachments.TOO_LARGE),
        ("", b"", attachments.NO_FILE),
    ],
)
def test_refused_files_say_why(app, filename, data, message):
    assert upload_errors(Upload(filename, data), max_bytes=1024) == [message]


def test_filename_loses_folders_and_control_characters(app):
    assert attachments.clean_filename("C:\\Users\\a\\đơn khiếu nại.pdf") == "đơn khiếu nại.pdf"
    assert attachments.clean_filename("../../etc/passwd\x00.pdf") == "passwd.pdf"
    assert len(attachments.clean_filename("x" * 400 + ".pdf")) <= 255


def test_the_default_limit_is_ten_mebibytes(app):
    assert app.config["CASEFLOW_MAX_ATTACHMENT_BYTES"] == 10 * 1024 * 1024


def test_add_attachment_stores_the_file_with_its_type_and_hash_and_audits_without_the_name(world):
    case = world.intake()
    stored = add_attachment(
        case, PDF, "letter", actor=world.users["reception"], now=world.now, filename="đơn.pdf"
    )
    db.session.commit()
    assert (stored.content_type, stored.size, stored.filename) == ("application/pdf", len(PDF), "đơn.pdf")
    event = db.session.scalars(sa.select(CaseEvent).where(CaseEvent.action == "attachment_added")).one()
    assert event.params["attachment"] == stored.id and "đơn" not in str(event.params)


def test_add_attachment_refuses_bad_files_and_unknown_types(world):
    case = world.intake()
    with pytest.raises(InvalidInput) as refused:
        add_attachment(
            case, b"MZ", "nonsense", actor=world.users["reception"], now=world.now, filename="x.exe"
        )
    assert set(refused.value.errors) == {"file", "doc_type"}


def test_add_attachment_respects_scope_and_role(world):
    case = world.intake()
    with pytest.raises(NotFound):
        add_attachment(case, PDF, "letter", actor=world.users["stranger"], now=world.now, filename="a.pdf")
    with pytest.raises(PermissionDenied):
        add_attachment(case, PDF, "letter", actor=world.users["inspector"], now=world.now, filename="a.pdf")


@pytest.fixture
def confidential(world):
    """A denunciation under verification with the denouncer's signed letter marked confidential."""
    case = world.intake("denunciation", subject="Tố cáo cán bộ nhận hối lộ", content="Tố cáo ông B nhận tiền")
    stored = add_attachment(
        case,
        PDF,
        "letter",
        actor=world.users["reception"],
        now=world.now,
        filename="don-to-cao.pdf",
        is_confidential=True,
    )
    db.session.commit()
    world.bring_to(case, CaseStatus.VERIFYING)
    return stored


def test_confidential_attachment_is_refused_to_the_handler(world, confidential):
    with pytest.raises(PermissionDenied):
        attachment_for_download(confidential.id, world.users["handler"], now=world.now)


def test_confidential_attachment_read_by_the_leader_is_audited(world, confidential):
    found = attachment_for_download(confidential.id, world.users["leader"], now=world.now)
    db.session.commit()
    assert found.data == PDF
    event = db.session.scalars(sa.select(CaseEvent).where(CaseEvent.action == "attachment_viewed")).one()
    assert event.actor == "user:leader" and event.params == {"attachment": confidential.id}


def test_attachment_of_another_unit_is_not_found(world):
    case = world.intake()
    stored = add_attachment(
        case, PDF, "letter", actor=world.users["reception"], now=world.now, filename="a.pdf"
    )
    db.session.commit()
    with pytest.raises(NotFound):
        attachment_for_download(stored.id, world.users["stranger"], now=world.now)
    with pytest.raises(NotFound):
        attachment_for_download(stored.id + 1000, world.users["leader"], now=world.now)


def test_ordinary_attachment_read_writes_no_event(world):
    case = world.intake()
    stored = add_attachment(
        case, PDF, "letter", actor=world.users["reception"], now=world.now, filename="a.pdf"
    )
    db.session.commit()
    assert attachment_for_download(stored.id, world.users["handler"], now=world.now).data == PDF
    assert db.session.scalar(sa.select(sa.func.count()).where(CaseEvent.action == "attachment_viewed")) == 0
