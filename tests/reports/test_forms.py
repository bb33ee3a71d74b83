"""The four forms on a small, hand-checked set of letters in Q1-2027 (15 Dec 2026 – 14 Mar 2027)."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from caseflow.errors import NotFound, PermissionDenied
from caseflow.models import ReceptionSession, SessionKind, Unit
from caseflow.services.reports import build_report, report_for
from caseflow.services.reports.periods import parse_period_code
from tests.reports.letters import LetterPlan, drive
from tests.views.helpers import count_statements

Q1 = parse_period_code("q1-2027")


def at(day: str) -> datetime:
    """10:00 in Hà Nội on `day`."""
    return datetime.fromisoformat(f"{day}T03:00:00+00:00").astimezone(UTC)


def letter(world, kind, unit, received, steps: list[tuple[str, str]], **params):
    """A letter received on `received`, then the (action, day) steps."""
    from tests.reports.letters import take

    plan = LetterPlan(kind=kind, path=0, steps=0, unit=unit, arrive_days=0, **params)
    case = drive(world, plan, len(world.kinds), at(received))
    for action, day in steps:
        take(world, case, action, at(day), plan)
    return case


@pytest.fixture
def letters(world):
    """Six letters around Q1-2027 in three units."""
    accepted = [("classify", "2026-12-02"), ("propose_acceptance", "2026-12-03"), ("accept", "2026-12-10")]
    letter(
        world,
        "complaint",
        "HN-TNMT",
        "2026-12-01",
        accepted + [("assign", "2026-12-11"), ("submit_report", "2027-01-10"), ("decide", "2027-01-20")],
        outcome=0,
        results={"state_money_vnd": 1_500_000_000, "citizens_land_m2": 120, "people_disciplined": 2},
    )
    letter(
        world,
        "complaint",
        "HN-TNMT",
        "2026-12-20",
        [
            ("classify", "2026-12-21"),
            ("propose_acceptance", "2026-12-22"),
            ("accept", "2026-12-23"),
            ("assign", "2026-12-24"),
            ("submit_report", "2027-01-05"),
            ("decide", "2027-01-10"),
        ],
        outcome=1,
        results={"state_money_vnd": 500_000_000, "cases_referred": 1, "state_land_m2": None},
    )
    letter(
        world,
        "denunciation",
        "HN",
        "2027-01-05",
        [("classify:outside", "2027-01-06"), ("forward", "2027-01-06")],
    )
    letter(world, "petition", "HN-SXD", "2026-12-05", [("classify", "2026-12-06")])
    letter(world, None, "HN-SXD", "2027-02-01", [])
    letter(
        world,
        "complaint",
        "HN",
        "2027-03-10",
        [("classify", "2027-03-11"), ("propose_acceptance", "2027-03-12"), ("accept", "2027-03-20")],
    )
    return world


def root(db) -> Unit:
    return db.session.scalar(sa.select(Unit).where(Unit.code == "HN"))


def test_processing_form(db, letters):
    report = build_report("processing", unit=root(db), period=Q1)
    assert [(r.code, r.is_own) for r in report.rows] == [("HN", True), ("HN-SXD", False), ("HN-TNMT", False)]
    t = report.totals
    assert (t["total"], t["carried_over"], t["received"]) == (5, 1, 4)
    assert (t["complaints"], t["denunciations"], t["petitions"], t["unclassified"]) == (2, 1, 1, 1)
    assert (t["processed"], t["accepted"], t["forwarded"], t["pending"]) == (2, 1, 1, 3)
    assert t["processed_ratio"] == 40.0
    by_unit = {r.code: r.values for r in report.rows}
    assert by_unit["HN"]["received"] == 2 and by_unit["HN"]["pending"] == 1  # accepted only after 14 March
    assert by_unit["HN-SXD"]["carried_over"] == 1 and by_unit["HN-SXD"]["unclassified"] == 1
    assert by_unit["HN-TNMT"]["accepted"] == 1


def test_complaints_form(db, letters):
    t = build_report("complaints", unit=root(db), period=Q1).totals
    assert (t["accepted"], t["carried_over"], t["newly_accepted"]) == (2, 1, 1)
    assert (t["resolved"], t["right"], t["partly_right"], t["wrong"], t["in_progress"]) == (2, 1, 1, 0, 0)
    assert (t["on_time"], t["late"], t["on_time_ratio"], t["resolved_ratio"]) == (1, 1, 50.0, 100.0)
    assert (t["state_money_vnd"], t["state_land_m2"], t["citizens_money_vnd"], t["citizens_land_m2"]) == (
        2_000_000_000, 0, 0, 120
    )
    assert (t["people_disciplined"], t["cases_referred"]) == (2, 1)


def test_results_count_in_the_period_the_matter_is_resolved(db, letters):
    before = build_report("complaints", unit=root(db), period=parse_period_code("q4-2026")).totals
    assert before["resolved"] == 0 and before["state_money_vnd"] == 0 and before["people_disciplined"] == 0


def test_denunciations_form_counts_only_accepted_matters(db, letters):
    t = build_report("denunciations", unit=root(db), period=Q1).totals
    assert t["accepted"] == 0 and t["on_time_ratio"] is None


def test_reception_form(db, world):
    unit_id = db.session.scalar(sa.select(Unit.id).where(Unit.code == "HN-TNMT"))
    for day, kind, people, group, repeat in [
        ("2026-12-15", SessionKind.REGULAR, 1, False, False),
        ("2027-01-10", SessionKind.PERIODIC_HEAD, 12, True, True),
        ("2027-03-14", SessionKind.ONLINE, 2, False, False),
        ("2027-03-15", SessionKind.REGULAR, 3, False, False),  # the next quarter
    ]:
        db.session.add(
            ReceptionSession(
                unit_id=unit_id,
                received_on=datetime.fromisoformat(day).date(),
                kind=kind,
                citizen_name="Công dân",
                content="Nội dung",
                people_count=people,
                is_group=group,
                is_repeat=repeat,
                created_dt=at(day),
            )
        )
    db.session.commit()
    report = build_report("reception", unit=root(db), period=Q1)
    t = report.totals
    assert (t["sessions"], t["people"], t["delegations"], t["matters_new"], t["matters_old"]) == (
        3,
        15,
        1,
        2,
        1,
    )
    assert (t["regular"], t["by_heads"], t["online"]) == (1, 1, 1)
    assert [r.values["sessions"] for r in report.rows] == [0, 0, 3]


def test_a_child_unit_reports_on_its_own_subtree(db, letters):
    unit = db.session.scalar(sa.select(Unit).where(Unit.code == "HN-TNMT"))
    report = build_report("processing", unit=unit, period=Q1)
    assert [r.code for r in report.rows] == ["HN-TNMT"]
    assert report.totals["total"] == 1


def test_scope_and_roles(db, letters):
    users = letters.users
    assert report_for(users["inspector"], "processing", unit_code="HN-SXD", period=Q1).totals["total"] == 2
    with pytest.raises(NotFound):
        report_for(users["officer"], "processing", unit_code="HN", period=Q1)  # above the officer's unit
    with pytest.raises(NotFound):
        report_for(users["inspector"], "processing", unit_code="HP", period=Q1)
    with pytest.raises(PermissionDenied):
        report_for(users["handler"], "processing", unit_code=None, period=Q1)


def test_each_form_is_a_fixed_number_of_statements(db, letters):
    unit = root(db)
    for form, expected in {"processing": 3, "complaints": 5, "denunciations": 5, "reception": 4}.items():
        with count_statements() as statements:
            build_report(form, unit=unit, period=Q1)
        assert len(statements) == expected, (form, statements)  # the children, then the aggregates
