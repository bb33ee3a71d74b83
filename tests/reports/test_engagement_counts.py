"""The issue-6 counts of the forms (docs/engagement.md): public dialogues and heads' reception days on the
reception form; prolonged cases resolved, legal aid and satisfaction on the resolution forms; Q1-2027 runs
from 15 Dec 2026 to 14 Mar 2027, and the unit subtree and the period's first and last days are checked."""

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from caseflow.models import (
    DIALOGUE_AUDIENCES,
    Case,
    Dialogue,
    PublicDialogue,
    ReceptionDay,
    ReceptionSchedule,
    SatisfactionRating,
    Unit,
)
from caseflow.services.reports import build_report
from caseflow.services.reports.periods import parse_period_code
from tests.reports.test_forms import letter, letters, root  # noqa: F401

Q1 = parse_period_code("q1-2027")
T0 = datetime(2026, 12, 1, tzinfo=UTC)


def unit_id(db, code: str) -> int:
    """The id of unit `code`."""
    return db.session.scalar(sa.select(Unit.id).where(Unit.code == code))


def public_dialogue(db, unit: str, held_on: str, participants: int, audience: str = "citizens") -> None:
    """A public dialogue of `unit` on `held_on` with `audience`."""
    db.session.add(
        PublicDialogue(
            unit_id=unit_id(db, unit),
            held_on=date.fromisoformat(held_on),
            place="Hội trường",
            audience=audience,
            participants=participants,
            created_dt=T0,
        )
    )


def test_reception_form_counts_public_dialogues_of_the_subtree_in_the_period(db, world):
    for unit, day, people in [
        ("HN-TNMT", "2026-12-15", 30),  # first day of Q1
        ("HN-SXD", "2027-03-14", 20),  # last day
        ("HN", "2027-01-10", 5),
        ("HN", "2026-12-14", 99),  # the quarter before
        ("HN-TNMT", "2027-03-15", 99),  # the quarter after
        ("HP", "2027-01-10", 99),  # another tree
    ]:
        public_dialogue(db, unit, day, people)
    db.session.commit()
    report = build_report("reception", unit=root(db), period=Q1)
    assert (report.totals["dialogues"], report.totals["dialogue_participants"]) == (3, 55)
    by_unit = {r.code: (r.values["dialogues"], r.values["dialogue_participants"]) for r in report.rows}
    assert by_unit == {"HN": (1, 5), "HN-SXD": (1, 20), "HN-TNMT": (1, 30)}
    child = build_report("reception", unit=db.session.get(Unit, unit_id(db, "HN-TNMT")), period=Q1)
    assert (child.totals["dialogues"], child.totals["dialogue_participants"]) == (1, 30)


def test_case_dialogues_stay_on_the_resolution_forms_only(db, letters):  # noqa: F811
    case = db.session.scalars(sa.select(Case).where(Case.kind == "complaint")).first()
    db.session.add(Dialogue(
            case_id=case.id,
            scheduled_dt=datetime(2027, 1, 4, 3, tzinfo=UTC),
            place="Trụ sở",
            held_dt=datetime(2027, 1, 5, 3, tzinfo=UTC),
            present=["A", "B"],
        ))
    db.session.commit()
    assert build_report("reception", unit=root(db), period=Q1).totals["dialogues"] == 0
    assert build_report("complaints", unit=root(db), period=Q1).totals["dialogues"] == 1


def test_reception_form_counts_reception_days_scheduled_and_held(db, world):
    tnmt = unit_id(db, "HN-TNMT")
    head = world.users["leader"]
    schedule = ReceptionSchedule(
        unit_id=tnmt, head_id=head.id, days_of_month=[10, 15], valid_from=date(2026, 12, 1), created_dt=T0
    )
    db.session.add(schedule)
    db.session.flush()
    for day, state in [
        ("2026-12-14", "held"),  # before the period
        ("2026-12-15", "held"),
        ("2027-01-10", "missed"),
        ("2027-02-10", "cancelled"),  # off the schedule
        ("2027-03-10", "planned"),
        ("2027-03-14", "held"),
        ("2027-03-15", "held"),  # after the period
    ]:
        db.session.add(
            ReceptionDay(
                schedule_id=schedule.id,
                unit_id=tnmt,
                head_id=head.id,
                day=date.fromisoformat(day),
                state=state,
                updated_dt=T0,
            )
        )
    db.session.commit()
    report = build_report("reception", unit=root(db), period=Q1)
    assert (report.totals["reception_days_scheduled"], report.totals["reception_days_held"]) == (4, 2)
    assert [r.values["reception_days_held"] for r in report.rows] == [0, 0, 2]
    sxd = build_report("reception", unit=db.session.get(Unit, unit_id(db, "HN-SXD")), period=Q1)
    assert sxd.totals["reception_days_scheduled"] == 0


def test_prolonged_resolved_is_late_or_open_longer_than_the_age_threshold(app, db, letters):  # noqa: F811
    # In Q1: complaint A received 1 Dec, decided 20 Jan (50 days); complaint B received 20 Dec, decided 10 Jan
    # (21 days), late on its resolution clock in this data. Neither counts by age at the default 90 days.
    assert build_report("complaints", unit=root(db), period=Q1).totals["late"] == 1
    figures = {}
    for age_days in (90, 50, 49, 20):
        app.config["CASEFLOW_PROLONGED_AGE_DAYS"] = age_days
        figures[age_days] = build_report("complaints", unit=root(db), period=Q1).totals["prolonged_resolved"]
    app.config["CASEFLOW_PROLONGED_AGE_DAYS"] = 90
    assert figures[90] == 1  # the late one only
    assert figures[50] == figures[90] and figures[49] >= figures[90]  # 50 days is not "longer than 50"
    assert figures[20] == 2
    q2 = build_report("complaints", unit=root(db), period=parse_period_code("q2-2027"))
    assert q2.totals["prolonged_resolved"] == 0  # resolved in Q1, not again in Q2


def test_legal_aid_counts_cases_of_the_form_by_the_date_given(db, letters):  # noqa: F811
    complaints = list(db.session.scalars(sa.select(Case).where(Case.kind == "complaint").order_by(Case.id)))
    denunciation = db.session.scalars(sa.select(Case).where(Case.kind == "denunciation")).first()
    given = [(complaints[0], "2026-12-15"), (complaints[1], "2027-03-14"), (complaints[2], "2027-03-15"),
             (denunciation, "2027-01-01")]  # fmt: skip
    for case, day in given:
        case.legal_aid, case.legal_aid_to, case.legal_aid_on = True, "Người gửi", date.fromisoformat(day)
    db.session.commit()
    complaints_report = build_report("complaints", unit=root(db), period=Q1)
    assert complaints_report.totals["legal_aid"] == 2
    assert sum(r.values["legal_aid"] for r in complaints_report.rows) == 2
    assert build_report("denunciations", unit=root(db), period=Q1).totals["legal_aid"] == 1


@pytest.mark.parametrize("form", ["complaints"])
def test_satisfaction_counts_ratings_by_their_local_date(db, letters, form):  # noqa: F811
    complaints = list(db.session.scalars(sa.select(Case).where(Case.kind == "complaint").order_by(Case.id)))
    for case, score, moment in [
        (complaints[0], 5, datetime(2026, 12, 14, 17, 0, tzinfo=UTC)),  # 00:00 on 15 Dec in Hà Nội
        (complaints[1], 2, datetime(2027, 3, 14, 16, 59, tzinfo=UTC)),  # 23:59 on 14 Mar
        (complaints[2], 1, datetime(2027, 3, 14, 17, 0, tzinfo=UTC)),  # 00:00 on 15 Mar: next quarter
    ]:
        db.session.add(SatisfactionRating(case_id=case.id, score=score, created_dt=moment))
    db.session.commit()
    report = build_report(form, unit=root(db), period=Q1)
    assert (report.totals["ratings"], report.totals["satisfaction_avg"]) == (2, 3.5)
    assert "rating_points" not in report.totals
    rows = {r.code: (r.values["ratings"], r.values["satisfaction_avg"]) for r in report.rows}
    units = {c.id: c.unit.code for c in complaints}
    assert rows[units[complaints[0].id]][0] >= 1 and rows["HN-SXD"] == (0, None)
    assert build_report("denunciations", unit=root(db), period=Q1).totals["satisfaction_avg"] is None
    api = report.as_dict()
    codes = {c["code"] for c in api["columns"]}
    assert {"ratings", "satisfaction_avg", "legal_aid", "prolonged_resolved"} <= codes
    assert api["totals"]["satisfaction_avg"] == 3.5


def test_reception_form_counts_dialogues_and_participants_per_audience(db, world):
    for unit, audience, people in [
        ("HN-TNMT", "households", 40),
        ("HN-TNMT", "households", 12),
        ("HN-SXD", "businesses", 25),
        ("HN", "students", 200),
        ("HN", "other", 7),
        ("HN", "citizens", 3),
    ]:
        public_dialogue(db, unit, "2027-01-10", people, audience)
    db.session.commit()
    report = build_report("reception", unit=root(db), period=Q1)
    t = report.totals
    assert [t[f"dialogues_{a}"] for a in DIALOGUE_AUDIENCES] == [1, 1, 1, 2, 1]
    assert [t[f"participants_{a}"] for a in DIALOGUE_AUDIENCES] == [3, 200, 25, 52, 7]
    assert sum(t[f"participants_{a}"] for a in DIALOGUE_AUDIENCES) == t["dialogue_participants"] == 287
    assert sum(t[f"dialogues_{a}"] for a in DIALOGUE_AUDIENCES) == t["dialogues"] == 6
    tnmt = next(r for r in report.rows if r.code == "HN-TNMT")
    assert (tnmt.values["dialogues_households"], tnmt.values["participants_households"]) == (2, 52)
    titles = {c.code: (c.group_vi, c.title_vi) for c in report.form.columns}
    assert titles["participants_households"] == (
        "Số người tham gia đối thoại theo đối tượng", "Hộ dân vùng giải phóng mặt bằng"
    )
