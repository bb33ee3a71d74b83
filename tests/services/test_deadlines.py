"""Legal clocks on real cases and real calendars (holidays.VN, Tết, make-up Saturdays)."""

from datetime import UTC, date, datetime, timedelta

from caseflow.extensions import db
from caseflow.jobs.sweep import sweep
from caseflow.models import CalendarOverride, CaseStatus, ClockState
from caseflow.services.cases import deadlines


def local_morning(day: date) -> datetime:
    """09:00 in Hà Nội on `day`, as UTC."""
    return datetime(day.year, day.month, day.day, 2, 0, tzinfo=UTC)


def clock(case, rule_id):
    return next(c for c in case.deadlines if c.rule_id == rule_id)


def test_level_1_complaint_accepted_before_tet_is_due_after_the_holiday(world):
    case = world.new_case_at("complaint", CaseStatus.PENDING_ACCEPTANCE)
    world.act(case, "accept", now=local_morning(date(2027, 1, 6)))
    resolve = clock(case, "resolve_complaint_l1")
    assert resolve.start_on == date(2027, 1, 6)
    assert resolve.due_on == date(2027, 2, 11)  # 30th day 2027-02-05 is Tết; first working day after
    assert case.due_on == date(2027, 2, 11)
    explanation = deadlines.explain_clock(resolve)
    assert explanation["rule"] == "resolve_complaint_l1" and explanation["version"] == "2026-07-01"
    assert "Luật Khiếu nại" in explanation["basis"]
    assert "2027-02-05" in explanation["text"] and "Lunar New Year" in explanation["text"]
    assert {s["day"] for s in explanation["skipped"]} >= {"2027-02-05", "2027-02-08", "2027-02-10"}


def test_working_days_count_the_make_up_saturday(world):
    case = world.intake(now=local_morning(date(2026, 8, 20)), received_on="2026-08-20")
    process = clock(case, "process_letter")
    # Fri 21, Sat 22 (make-up working day), Mon 24 … Fri 28 are days 1-7; Mon 31 (the substituted day
    # off) and 1-2 Sep (National Day) are skipped; Thu 3, Fri 4, Mon 7 are days 8-10.
    assert process.due_on == date(2026, 9, 7)
    skipped = {s["day"] for s in deadlines.explain_clock(process)["skipped"]}
    assert "2026-08-22" not in skipped
    assert {"2026-08-23", "2026-08-31", "2026-09-01", "2026-09-02"} <= skipped


def test_a_five_day_suspension_moves_the_due_date_by_five_days(world):
    case = world.new_case_at("complaint", CaseStatus.PENDING_ACCEPTANCE)
    world.act(case, "accept", now=local_morning(date(2027, 3, 1)))
    before = clock(case, "resolve_complaint_l1").due_on
    world.act(case, "suspend", now=local_morning(date(2027, 3, 10)))
    assert clock(case, "resolve_complaint_l1").state == ClockState.PAUSED
    assert case.due_on == clock(case, "send_suspension_complaint").due_on  # only the R19 notice runs
    world.act(case, "resume", now=local_morning(date(2027, 3, 15)))
    resumed = clock(case, "resolve_complaint_l1")
    assert resumed.state == ClockState.RUNNING
    assert resumed.due_on == before + timedelta(days=5)
    assert "Suspended 2027-03-10" in deadlines.explain_clock(resumed)["text"]


def test_the_rule_version_in_force_on_the_start_date_applies(world):
    before = world.intake("complaint", now=local_morning(date(2026, 7, 2)), received_on="2026-06-30")
    after = world.intake("complaint", now=local_morning(date(2026, 7, 2)), received_on="2026-07-01")
    for case in (before, after):
        world.act(case, "classify", now=local_morning(date(2026, 7, 2)))
    old, new = clock(before, "accept_complaint"), clock(after, "accept_complaint")
    assert (old.rule_version, old.days) == ("2021-11-15", 10)
    assert (new.rule_version, new.days) == ("2026-07-01", 7)
    assert "(legal basis not yet verified)" in deadlines.explain_clock(new)["text"]
    assert "(căn cứ pháp lý chưa được xác minh)" in deadlines.explain_clock(new)["text_vi"]


def test_remote_complex_complaint_gets_the_longest_limit(world):
    case = world.new_case_at("complaint", CaseStatus.PENDING_ACCEPTANCE)
    world.act(case, "accept", complexity="complex", is_remote_area=True, now=local_morning(date(2027, 3, 1)))
    resolve = clock(case, "resolve_complaint_l1")
    assert (resolve.days, resolve.variant) == (60, "remote_complex")


def test_denunciation_extension_adds_thirty_days(world):
    case = world.new_case_at("denunciation", CaseStatus.PENDING_ACCEPTANCE)
    world.act(case, "accept", now=local_morning(date(2027, 3, 1)))
    base = clock(case, "resolve_denunciation").days
    world.act(case, "extend", complexity="complex", days=30, now=local_morning(date(2027, 3, 20)))
    extended = clock(case, "resolve_denunciation")
    assert extended.days == base + 30 and len(extended.extensions) == 1
    assert "Vụ việc phức tạp" in deadlines.explain_clock(extended)["text"]


def test_an_administrator_day_off_moves_working_day_deadlines(world):
    plain = world.intake(now=local_morning(date(2027, 3, 1)), received_on="2027-03-01")
    db.session.add(
        CalendarOverride(
            day=date(2027, 3, 5), is_working=False, note="Ngày nghỉ bù của tỉnh", created_dt=world.now
        )
    )
    db.session.commit()
    deadlines.invalidate_cache()
    shifted = world.intake(now=local_morning(date(2027, 3, 1)), received_on="2027-03-01")
    assert clock(shifted, "process_letter").due_on > clock(plain, "process_letter").due_on
    skipped = deadlines.explain_clock(clock(shifted, "process_letter"))["skipped"]
    assert any("Ngày nghỉ bù" in s["reason"] for s in skipped)


def test_meeting_a_clock_late_is_recorded(world):
    case = world.intake(now=local_morning(date(2027, 3, 1)), received_on="2027-03-01")
    world.act(case, "classify", now=local_morning(date(2027, 3, 1)))
    world.act(case, "propose_acceptance", now=local_morning(date(2027, 4, 1)))
    process = clock(case, "process_letter")
    assert process.state == ClockState.MET and process.is_late is True


def test_a_clock_counted_into_an_unconfirmed_year_says_so_plainly(world):
    case = world.new_case_at("complaint", CaseStatus.PENDING_ACCEPTANCE)
    world.act(case, "accept", now=local_morning(date(2027, 1, 6)))
    explanation = deadlines.explain_clock(clock(case, "resolve_complaint_l1"))
    assert explanation["unconfirmed_years"] == [2027]
    assert explanation["text_vi"].endswith("(lịch nghỉ năm 2027 chưa được xác nhận)")
    assert explanation["text"].endswith("(the 2027 calendar of days off is not yet confirmed)")
    assert "domain.md" not in explanation["text_vi"] and "Luật Khiếu nại" in explanation["text_vi"]


def test_the_new_year_2026_swap_is_counted_from_its_announcement(world):
    case = world.intake(now=local_morning(date(2025, 12, 29)), received_on="2025-12-29")
    process = clock(case, "process_letter")
    # 10 working days: 30, 31 Dec; (1 Jan holiday, Fri 2 Jan swapped off) 5–9 Jan; Sat 10 Jan; 12, 13 Jan.
    assert process.due_on == date(2026, 1, 13)
    explanation = deadlines.explain_clock(process)
    assert explanation["unconfirmed_years"] == []
    assert "Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)" in explanation["text_vi"]


def test_a_complaint_received_in_2015_gets_its_due_dates_under_the_rules_of_then(world):
    case = world.intake("complaint", now=local_morning(date(2027, 1, 4)), received_on="2015-03-02")
    letter = clock(case, "process_letter")
    assert (letter.rule_version, letter.due_on) == ("2012-07-01", date(2015, 3, 16))  # 10 working days
    world.act(case, "classify", now=local_morning(date(2027, 1, 4)))
    accept = clock(case, "accept_complaint")
    assert (accept.rule_version, accept.days, accept.due_on) == ("2012-07-01", 10, date(2015, 3, 16))
    explained = deadlines.explain_clock(accept)
    assert "(the 2015 calendar of days off is not yet confirmed)" in explained["text"]  # holidays.VN only
    assert "lịch nghỉ năm 2015 chưa được xác nhận" in explained["text_vi"]
    assert "(legal basis not yet verified)" in explained["text"]
    sweep(now=local_morning(date(2027, 1, 5)))
    db.session.rollback()
    assert clock(case, "accept_complaint").state == ClockState.OVERDUE  # an earlier year shows what was late


def test_a_tet_2015_holiday_is_skipped_on_the_calendar_of_then(world):
    case = world.intake("complaint", now=local_morning(date(2027, 1, 4)), received_on="2015-02-13")
    letter = clock(case, "process_letter")
    skipped = {item["day"] for item in deadlines.explain_clock(letter)["skipped"]}
    assert {"2015-02-16", "2015-02-18", "2015-02-20", "2015-02-23"} <= skipped  # Tết Ất Mùi, holidays.VN
    assert letter.due_on == date(2015, 3, 6)  # Saturday 14/02/2015 was worked in exchange for Monday 16/02


def test_a_denunciation_of_2018_and_one_of_2019_run_under_their_own_laws(world):
    old = world.intake("denunciation", now=local_morning(date(2027, 1, 4)), received_on="2018-12-20")
    new = world.intake("denunciation", now=local_morning(date(2027, 1, 4)), received_on="2019-01-02")
    for case in (old, new):
        world.act(case, "classify", now=local_morning(date(2027, 1, 4)))
    first, second = clock(old, "denunciation_initial"), clock(new, "denunciation_initial")
    assert (first.rule_version, first.days, first.day_kind) == ("2012-07-01", 10, "calendar")
    assert (second.rule_version, second.days, second.day_kind) == ("2019-01-01", 7, "working")
