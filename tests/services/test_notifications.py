"""Actions queue notifications for the right people, once each."""

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import CaseStatus, Notification
from caseflow.services.notices.notifications import queue, unread_count


def inbox(user) -> list[tuple[str, str]]:
    rows = db.session.execute(
        sa.select(Notification.kind, Notification.subject)
        .where(Notification.user_id == user.id)
        .order_by(Notification.id)
    )
    return [tuple(row) for row in rows]


def test_a_proposal_asks_the_unit_leaders_to_decide(world):
    case = world.new_case_at("complaint", CaseStatus.PENDING_ACCEPTANCE)
    assert inbox(world.users["leader"]) == [
        ("decision_needed", f"Case {case.tracking_code} awaits your decision")
    ]
    assert "decision_needed" not in dict(inbox(world.users["officer"]))


def test_an_assignment_tells_the_handler(world):
    case = world.new_case_at("complaint", CaseStatus.VERIFYING)
    assert inbox(world.users["handler"]) == [("assigned", f"Case {case.tracking_code} was assigned to you")]
    assert unread_count(world.users["handler"]) == 1
    assert inbox(world.users["handler2"]) == []


def test_the_same_key_queues_nothing_twice(world):
    case = world.intake()
    for _ in range(2):
        queue(
            [world.users["leader"].id], kind="urge", subject="Đôn đốc", case=case, key="urge:1", now=world.now
        )
    assert inbox(world.users["leader"]) == [("urge", "Đôn đốc")]
