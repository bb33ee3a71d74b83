"""Online letters carry documents checked as at the desk; a refused file refuses the letter, in Vietnamese."""

import io

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import Attachment, Case, CaseEvent
from tests.api.test_public import _unit_id, submission
from tests.views.helpers import csrf_token

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _send(client, world, files, **fields):
    """Post the online form with files."""
    data = {**submission(world, unit=str(_unit_id("HN-TNMT"))), **fields}
    data["csrf_token"] = csrf_token(client, "/public/submit")
    data["files"] = [(io.BytesIO(content), name) for name, content in files]
    return client.post("/public/submit", data=data, content_type="multipart/form-data")


def test_an_online_letter_keeps_its_documents_and_the_trail_names_the_online_desk(client, world):
    answer = _send(client, world, [("don.pdf", PDF), ("anh.pdf", PDF)], files_confidential="y")
    assert answer.status_code == 303, answer.get_data(as_text=True)[:2000]
    db.session.rollback()
    stored = db.session.scalars(sa.select(Attachment).order_by(Attachment.id)).all()
    assert [(a.filename, a.doc_type, a.is_confidential) for a in stored] == [
        ("don.pdf", "letter", True), ("anh.pdf", "evidence", True)]
    events = db.session.scalars(sa.select(CaseEvent).where(CaseEvent.action == "attachment_added")).all()
    assert len(events) == 2 and {e.actor for e in events} == {"citizen:online"}


def test_a_file_that_is_not_what_its_name_says_refuses_the_letter(client, world):
    answer = _send(client, world, [("don.pdf", b"MZ not a pdf at all")])
    html = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert "don.pdf: Nội dung tệp không đúng với loại tệp" in html
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Case)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Attachment)) == 0


def test_more_than_five_files_are_refused(client, world):
    answer = _send(client, world, [(f"t{n}.pdf", PDF) for n in range(6)])
    assert answer.status_code == 422 and "Mỗi đơn gửi kèm không quá 5 tệp." in answer.get_data(as_text=True)
