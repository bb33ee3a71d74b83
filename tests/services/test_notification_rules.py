"""Who hears of what: one test per rule of services/notifications.py, and never the actor."""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask_babel import force_locale

from caseflow.extensions import db
from caseflow.jobs.sweep import sweep
from caseflow.models import CaseStatus, Notification
from caseflow.services.notices.inbox import localized_subject
from caseflow.services.oversight import inspection
from caseflow.timeutil import local_date


def heard(world, kind: str, case=None) -> set[str]:
    """The usernames that got a notification of `kind` (about `case`, if given)."""
    statement = sa.select(Notification.user_id).where(Notification.kind == kind)
    if case is not None:
        statement = statement.where(Notification.case_id == case.id)
    ids = set(db.session.scalars(statement))
    return {name for name, user in world.users.items() if user.id in ids}


def colleagues(world) -> None:
    """A second officer and a second leader in the department."""
    world.users["officer2"] = world.user("officer2", ["officer"], "HN-TNMT")
    world.users["leader2"] = world.user("leader2", ["leader"], "HN-TNMT")
    db.session.commit()


def test_a_new_letter_goes_to_the_units_officers_but_not_to_an_officer_who_recorded_it(world):
    colleagues(world)
    case = world.intake()
    assert heard(world, "new_letter", case) == {"officer", "officer2"}
    own = world.intake(actor="officer")
    assert heard(world, "new_letter", own) == {"officer2"}


def test_a_classified_letter_asks_the_other_officers_for_the_processing_decision(world):
    colleagues(world)
    case = world.new_case_at("complaint", CaseStatus.CLASSIFIED)
    notices = db.session.scalars(sa.select(Notification).where(Notification.kind == "decision_needed")).all()
    assert {n.user_id for n in notices} == {world.users["officer2"].id}
    expected = f"Case {case.tracking_code} was classified and awaits the processing decision"
    assert notices[0].subject == expected


def test_a_proposal_a_report_and_a_dialogue_ask_the_leaders_to_decide(world):
    colleagues(world)
    case = world.new_case_at("complaint", CaseStatus.DIALOGUE_SCHEDULED)
    world.act(case, "record_dialogue")
    subjects = db.session.scalars(
        sa.select(Notification.subject).where(
            Notification.user_id == world.users["leader2"].id, Notification.kind == "decision_needed"
        )
    ).all()
    # propose, report and dialogue each ask; the unread notice is brought up to date, not repeated
    assert subjects == [f"Case {case.tracking_code} awaits your decision"]


def test_a_read_notice_does_not_hide_the_next_request(world):
    colleagues(world)
    case = world.new_case_at("complaint", CaseStatus.VERIFYING)
    world.act(case, "submit_report", matches_request=False)
    leader2 = world.users["leader2"].id
    open_notices = sa.select(Notification).where(
        Notification.user_id == leader2,
        Notification.kind == "decision_needed",
        Notification.read_dt.is_(None),
    )
    assert len(db.session.scalars(open_notices).all()) == 1
    db.session.scalars(open_notices).one().read_dt = world.now
    db.session.commit()
    world.act(case, "schedule_dialogue", actor="handler")
    world.act(case, "record_dialogue", actor="handler")
    assert len(db.session.scalars(open_notices).all()) == 1


def test_acting_on_the_case_marks_the_actors_notices_of_it_read(world):
    colleagues(world)
    case = world.new_case_at("complaint", CaseStatus.PENDING_ACCEPTANCE)
    other = world.new_case_at("complaint", CaseStatus.PENDING_ACCEPTANCE)
    leader2 = world.users["leader2"]

    def unread(of_case):
        return db.session.scalars(
            sa.select(Notification).where(
                Notification.user_id == leader2.id,
                Notification.case_id == of_case.id,
                Notification.read_dt.is_(None),
            )
        ).all()

    assert unread(case) and unread(other)
    world.act(case, "accept", actor="leader2")
    assert unread(case) == [] and unread(other)


def test_an_accepted_case_asks_the_other_leaders_for_a_handler(world):
    colleagues(world)
    case = world.new_case_at("complaint", CaseStatus.ACCEPTED)
    subject = f"Case {case.tracking_code} was accepted and awaits a handler"
    users = db.session.scalars(sa.select(Notification.user_id).where(Notification.subject == subject)).all()
    assert users == [world.users["leader2"].id]  # not the leader who accepted


def test_an_assignment_tells_the_handler_and_a_reassignment_the_previous_one(world):
    case = world.new_case_at("complaint", CaseStatus.VERIFYING)
    world.act(case, "assign", assignee=world.users["handler2"].id)
    assert heard(world, "assigned", case) == {"handler", "handler2"}
    assert heard(world, "reassigned", case) == {"handler"}


def test_a_decision_tells_the_handler_and_the_inspector_of_an_open_inspection(world):
    case = world.new_case_at("complaint", CaseStatus.REPORTED)
    inspection.open_inspection(case.id, world.users["inspector"], world.now, "Chậm", "Giải quyết ngay", None)
    db.session.commit()
    world.act(case, "decide")
    assert heard(world, "decided", case) == {"handler"}
    assert heard(world, "inspected_progress", case) == {"inspector"}
    progress = sa.select(Notification).where(Notification.kind == "inspected_progress")
    after_decision = db.session.scalars(progress).one().subject
    world.act(case, "close")
    notice = db.session.scalars(progress).one()  # the unread notice is brought up to date, not repeated
    assert notice.read_dt is None and notice.subject != after_decision


def test_a_petition_answered_by_its_handler_tells_nobody_of_their_own_answer(world):
    case = world.new_case_at("petition", CaseStatus.DECIDED)
    assert heard(world, "decided", case) == set()


def test_an_overdue_unprocessed_letter_warns_officers_and_leaders(world):
    old = world.intake(now=datetime(2026, 11, 2, 2, tzinfo=UTC), received_on="2026-11-02")
    sweep(now=world.now)
    assert heard(world, "overdue", old) == {"officer", "leader"}


def test_a_clock_due_soon_warns_the_handler_and_leaders_not_the_officers(world):
    case = world.new_case_at("complaint", CaseStatus.VERIFYING)
    clock = next(c for c in case.deadlines if c.state == "running" and c.is_obligation)
    clock.due_on = local_date(world.now) + timedelta(days=1)
    db.session.commit()
    sweep(now=world.now)
    assert heard(world, "due_soon", case) == {"handler", "leader"}


def test_an_inspection_opened_urged_and_closed_tells_the_handler_and_the_leaders(world):
    case = world.new_case_at("complaint", CaseStatus.VERIFYING)
    found = inspection.open_inspection(case.id, world.users["inspector"], world.now, "Chậm", "Báo cáo", None)
    inspection.urge(inspector=world.users["inspector"], now=world.now, message="Khẩn", inspection_id=found.id)
    inspection.close_inspection(found.id, world.users["inspector"], world.now, "Đã giải quyết")
    db.session.commit()
    for kind in ("inspection_opened", "urged", "inspection_closed"):
        assert heard(world, kind, case) == {"handler", "leader"}, kind
    bodies = dict(db.session.execute(sa.select(Notification.kind, Notification.body)).all())
    assert (bodies["inspection_opened"], bodies["inspection_closed"]) == ("Báo cáo", "Đã giải quyết")


def test_an_appeal_is_a_new_letter_for_the_officers_of_the_superior_unit(world):
    case = world.new_case_at("complaint", CaseStatus.DECIDED)
    world.act(case, "appeal")
    newest = sa.select(Notification).where(Notification.kind == "new_letter").order_by(Notification.id.desc())
    child = db.session.scalars(newest).first()
    assert child.user_id == world.users["city_officer"].id and child.case_id != case.id


def test_every_subject_reads_in_vietnamese(world):
    case = world.new_case_at("complaint", CaseStatus.VERIFYING)
    old = world.intake(now=datetime(2026, 11, 2, 2, tzinfo=UTC), received_on="2026-11-02")
    sweep(now=world.now)
    subjects = set(db.session.scalars(sa.select(Notification.subject)))
    with force_locale("vi"):
        shown = {localized_subject(s) for s in subjects}
        assert localized_subject("Hello") == "Hello"  # a subject of no known template is shown as stored
    assert f"Hồ sơ {case.tracking_code} đã được giao cho đồng chí" in shown
    assert any(s.startswith(f"Hồ sơ {old.tracking_code} đã quá hạn (Xử lý đơn, hạn ") for s in shown)
    assert not any(s.startswith("Case ") for s in shown)
