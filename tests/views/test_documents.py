"""Document pages: the panel, issuing once, printing and DOCX, scope and roles, redaction; the export page."""

import csv
import io
import json
import re
import uuid

import pytest
import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import CaseEvent, CaseStatus, IssuedDocument
from tests.document_checks import CANARIES, docx_text, docx_xml, leaks, seed_denunciation
from tests.views.helpers import login, post_form

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def issue(client, case, kind, addressee="citizen", token=None, **extra):
    """Post the issue form of the case's documents page (a fresh one-time token unless given)."""
    data = {"kind": kind, "addressee": addressee, "form_token": token or uuid.uuid4().hex, **extra}
    return post_form(client, f"/cases/{case.id}/documents", data)


def count(model=IssuedDocument) -> int:
    """Rows of a table (in a fresh transaction: the pages wrote in theirs)."""
    db.session.rollback()
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_the_case_page_offers_what_the_user_may_issue(client, world):
    case = world.new_case_at("complaint", CaseStatus.ACCEPTED)
    login(client, world.users["leader"])
    html = client.get(f"/cases/{case.id}?lang=en").get_data(as_text=True)
    assert "Official documents" in html and "No official document has been issued" in html
    assert 'name="kind" value="acceptance"' in html and 'name="kind" value="receipt"' in html
    assert 'name="kind" value="decision"' not in html
    login(client, world.users["handler"])
    html = client.get(f"/cases/{case.id}?lang=en").get_data(as_text=True)
    assert 'name="kind" value="acceptance"' not in html


def test_issue_print_reprint_and_docx(client, world):
    case = world.new_case_at("complaint", CaseStatus.ACCEPTED)
    login(client, world.users["leader"])
    first = issue(client, case, "acceptance")
    assert first.status_code == 303
    page = client.get(first.headers["Location"])
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "private, no-store"
    assert "Số: 1/TB-TNMT" in html and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html
    assert re.search(r"Hà Nội, ngày \d\d tháng \d+ năm \d{4}", html) and case.tracking_code in html
    again = issue(client, case, "acceptance")
    assert again.headers["Location"] == first.headers["Location"]  # reprint: the same number
    new = issue(client, case, "acceptance", again="y")
    assert new.headers["Location"] != first.headers["Location"] and count() == 2
    download = client.get(first.headers["Location"] + "/docx")
    assert download.status_code == 200 and download.mimetype == DOCX
    assert "acceptance-1-TB-TNMT" in download.headers["Content-Disposition"]
    assert "Số: 1/TB-TNMT" in docx_text(download.data)
    listing = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "1/TB-TNMT" in listing and "2/TB-TNMT" in listing


def test_a_double_submit_issues_once(client, world):
    case = world.new_case_at("complaint", CaseStatus.ACCEPTED)
    login(client, world.users["leader"])
    first = issue(client, case, "acceptance", again="y", token="same-token")
    second = issue(client, case, "acceptance", again="y", token="same-token")
    assert first.headers["Location"] == second.headers["Location"] and count() == 1


def test_out_of_scope_is_404_and_roles_are_403(client, world):
    case = world.new_case_at("complaint", CaseStatus.ACCEPTED)
    login(client, world.users["leader"])
    location = issue(client, case, "acceptance").headers["Location"]
    login(client, world.users["stranger"])
    assert client.get(location).status_code == 404
    assert client.get(location + "/docx").status_code == 404
    assert client.get(f"/cases/{case.id}/documents").status_code == 404
    login(client, world.users["handler"])
    assert client.get(location).status_code == 200  # anyone over the case may print it
    assert issue(client, case, "acceptance", again="y").status_code == 403
    login(client, world.users["officer"])
    assert issue(client, case, "decision").status_code == 409  # nothing decided yet
    assert issue(client, case, "receipt", addressee="public").status_code == 422
    assert count() == 1


def test_documents_for_the_denounced_and_for_unentitled_viewers_never_name_the_denouncer(client, world):
    case = seed_denunciation(world)
    login(client, world.users["leader"])
    to_denounced = issue(client, case, "acceptance", addressee="respondent").headers["Location"]
    published = issue(client, case, "conclusion", addressee="public").headers["Location"]
    to_denouncer = issue(client, case, "acceptance").headers["Location"]
    for location in (to_denounced, published):
        assert leaks(client.get(location).get_data(as_text=True)) == []
        assert leaks(docx_xml(client.get(location + "/docx").data)) == []
    for viewer in ("handler", "officer", "inspector"):
        login(client, world.users[viewer])
        assert leaks(client.get(to_denouncer).get_data(as_text=True)) == [], viewer
        assert leaks(docx_xml(client.get(to_denouncer + "/docx").data)) == [], viewer
    assert _identity_reads(case) == 0
    login(client, world.users["leader"])
    assert CANARIES["full_name"] in client.get(to_denouncer).get_data(as_text=True)
    assert _identity_reads(case) == 1  # the leader's read is in the audit trail


def _identity_reads(case) -> int:
    """identity_viewed events on the case (in a fresh transaction: the pages wrote in theirs)."""
    db.session.rollback()
    statement = sa.select(sa.func.count()).where(
        CaseEvent.case_id == case.id, CaseEvent.action == "identity_viewed"
    )
    return db.session.scalar(statement)


# --- the national export page ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "status"), [("leader", 200), ("inspector", 200), ("handler", 403), ("officer", 403)]
)
def test_the_export_page_is_for_leaders_and_inspectors(client, world, user, status):
    login(client, world.users[user])
    assert client.get("/exports/national").status_code == status


def test_the_export_downloads_the_user_s_subtree(client, world):
    complaint = world.new_case_at("complaint", CaseStatus.CLOSED)
    denunciation = seed_denunciation(world)
    world.intake(actor="stranger")
    login(client, world.users["inspector"])
    query = "/exports/national?start=2027-01-01&end=2027-01-31&format=csv&download=1"
    response = client.get(query, buffered=True)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "csdl-quoc-gia-HN-20270101-20270131.csv" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    codes = {r["tracking_code"] for r in rows if r["record_type"] == "letter"}
    assert codes == {complaint.tracking_code, denunciation.tracking_code} and leaks(text) == []
    as_json = client.get(query.replace("csv", "json") + "&unit=HN-TNMT", buffered=True)
    assert json.loads(as_json.get_data(as_text=True))["counts"]["letters"] == 2


def test_the_export_refuses_a_unit_outside_the_user_s_subtree(client, world):
    world.intake(actor="stranger")
    login(client, world.users["leader"])
    response = client.get("/exports/national?start=2027-01-01&end=2027-01-31&format=json&unit=HP&download=1")
    assert response.status_code == 200 and response.mimetype == "text/html"
    bad_dates = client.get("/exports/national?start=2027-02-01&end=2027-01-01&format=json&download=1")
    assert bad_dates.mimetype == "text/html" and 'aria-invalid="true"' in bad_dates.get_data(as_text=True)
