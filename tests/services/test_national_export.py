"""The national database export: the Art 6 items of a period, by unit subtree, never naming a denouncer."""

import csv
import io
import json
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import CaseStatus, Unit
from caseflow.services.reception import sessions
from caseflow.services.reports import national_export
from caseflow.services.reports.national_export import CSV_COLUMNS, Counts, Period
from tests.document_checks import leaks, seed_denunciation

START, END = date(2027, 1, 1), date(2027, 1, 31)


@pytest.fixture
def seeded(world):
    """A closed complaint, a closed denunciation (canaries), a guided petition, a forwarded, a filed letter,
    a complaint session at the desk; outside: a letter of December and one of the stranger unit."""
    cases = {
        "complaint": world.new_case_at("complaint", CaseStatus.CLOSED),
        "denunciation": seed_denunciation(world),
        "guided": world.new_case_at("petition", CaseStatus.GUIDED, purpose="guide"),
        "forwarded": world.new_case_at("complaint", CaseStatus.FORWARDED, purpose="forward"),
        "filed": world.new_case_at("complaint", CaseStatus.FILED),
    }
    sessions.record_session(
        {"citizen_name": "Phạm Văn Hùng", "citizen_address": "Xã Vân Nội", "content": "Khiếu nại bồi thường"},
        actor=world.users["reception"],
        now=world.now,
    )
    december = datetime(2026, 12, 10, 3, tzinfo=UTC)
    world.intake(now=december, received_on="2026-12-10")
    world.intake(actor="stranger")
    db.session.commit()
    return cases


def run(fmt: str, period: Period, **kwargs) -> tuple[str, Counts]:
    """The whole export as text, with its counts."""
    counts = Counts()
    chunks = national_export.FORMATS[fmt][0]
    text = "".join(chunks(period, now=datetime(2027, 2, 1, tzinfo=UTC), counts=counts, **kwargs))
    return text, counts


def unit(code: str) -> Unit:
    """A unit by code."""
    return db.session.scalars(sa.select(Unit).where(Unit.code == code)).one()


def test_json_parses_back_with_the_items_and_counts(world, seeded):
    text, counts = run("json", Period(START, END, unit("HN")))
    data = json.loads(text)
    assert data["meta"]["decree"] == "55/2022/NĐ-CP" and data["meta"]["unit"] == "HN"
    assert data["meta"]["period"] == {"from": "2027-01-01", "to": "2027-01-31"}
    assert data["counts"] == {
        "reception": 2,
        "letters": 5,
        "letters_by_kind": {"KN": 2, "KN-PA": 1, "TC": 1, "unclassified": 1},
        "identity_withheld": 3,  # the letter not yet classified is withheld too
    }
    assert counts.as_dict() == data["counts"]
    letters = {row["tracking_code"]: row for row in data["letters"]}
    assert set(letters) == {c.tracking_code for c in seeded.values()}
    assert set(data["letters"][0]) == set(national_export.COMMON_COLUMNS + national_export.LETTER_COLUMNS)
    complaint = letters[seeded["complaint"].tracking_code]
    assert (complaint["kind"], complaint["processing_outcome"], complaint["resolution_outcome"]) == (
        "KN",
        "accepted",
        "right",
    )
    assert (complaint["sender_name"], complaint["accepted_on"], complaint["resolved_on_time"]) == (
        "Nguyễn Văn Đức",
        "2027-01-04",
        True,
    )
    assert complaint["resolution_number"] == "12/QĐ-UBND" and complaint["closed_on"] == "2027-01-04"
    guided = letters[seeded["guided"].tracking_code]
    assert (guided["processing_outcome"], guided["guided_to"]) == ("guided", "UBND xã Đông Anh")
    forwarded = letters[seeded["forwarded"].tracking_code]
    assert (forwarded["forwarded_to"], forwarded["forward_destination_type"]) == ("Công an thành phố", None)
    assert letters[seeded["filed"].tracking_code]["filing_reason"] == "duplicate"


def test_a_denouncer_is_never_exported(world, seeded):
    for fmt in ("json", "csv"):
        text, _counts = run(fmt, Period(START, END))
        assert leaks(text) == [], fmt
    data = json.loads(run("json", Period(START, END))[0])
    denunciation = next(
        r for r in data["letters"] if r["tracking_code"] == seeded["denunciation"].tracking_code
    )
    assert denunciation["identity_withheld"] is True
    assert (denunciation["sender_name"], denunciation["sender_address"]) == (None, None)
    assert denunciation["subject"].startswith("Tố cáo cán bộ địa chính")
    session = next(r for r in data["reception"] if r["matter_kind"] == "TC")
    assert (session["citizen_name"], session["identity_withheld"]) == (None, True)
    assert session["tracking_codes"] == [seeded["denunciation"].tracking_code]


def test_nobody_s_id_number_phone_or_email_leaves(world, seeded):
    text, _counts = run("json", Period(START, END))
    assert "001088012345" not in text and "0912345678" not in text


def test_csv_parses_back_with_the_same_records(world, seeded):
    text, counts = run("csv", Period(START, END, unit("HN-TNMT")))
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r["record_type"] for r in rows].count("reception") == 2 == counts.reception
    letters = [r for r in rows if r["record_type"] == "letter"]
    assert len(letters) == 5 == counts.letters
    complaint = next(r for r in letters if r["tracking_code"] == seeded["complaint"].tracking_code)
    assert (complaint["is_eligible"], complaint["resolution_outcome"], complaint["level"]) == (
        "true",
        "right",
        "1",
    )
    assert complaint["forwarded_to"] == ""


def test_the_period_and_the_unit_subtree_bound_the_export(world, seeded):
    _text, december = run("json", Period(date(2026, 12, 1), date(2026, 12, 31)))
    assert (december.letters, december.reception) == (1, 0)
    _text, sxd = run("json", Period(START, END, unit("HN-SXD")))
    assert (sxd.letters, sxd.reception) == (0, 0)
    _text, everywhere = run("json", Period(START, END))
    assert everywhere.letters == 6  # with the stranger unit's letter


def test_batches_stream_with_progress(world, seeded):
    seen = []
    records = list(
        national_export.letter_records(
            Period(START, END), batch=2, progress=lambda section, n: seen.append((section, n))
        )
    )
    assert len(records) == 6
    assert seen == [("letters", 2), ("letters", 4), ("letters", 6)]


def test_a_visitor_whose_letter_is_not_yet_classified_is_withheld(world):
    """A visit recorded as nothing in particular, its letter unclassified: maybe a denunciation."""
    visit = sessions.record_session(
        {"citizen_name": "Phạm Văn Chưa Rõ", "content": "Phạm Văn Chưa Rõ trình bày", "matter_kind": None},
        actor=world.users["reception"],
        now=world.now,
    )
    db.session.commit()
    world.intake(reception_session_id=visit.id)
    text, _counts = run("json", Period(START, END, unit("HN")))
    [record] = json.loads(text)["reception"]
    assert record["identity_withheld"] is True and record["citizen_name"] is None
    assert "Phạm Văn Chưa Rõ" not in text
