"""Fresh cases made through the services on the live database, so each browser flow starts where it needs.

The demo's logins play the roles: tiepdan receives, xulydon processes, lanhdao leads and xacminh verifies,
all in the city unit (HN); lanhdao.pcg leads a ward (HN-PCG) that cannot see the city's cases.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from caseflow.models import User
from caseflow.services.accounts import users
from caseflow.services.cases import intake
from caseflow.services.cases.actions import perform_action
from caseflow.timeutil import local_date, now_utc
from tests.browser.live import LiveServer

RECEPTION, OFFICER, LEADER, HANDLER, INSPECTOR, ADMIN = (
    "tiepdan", "xulydon", "lanhdao", "xacminh", "thanhtra", "quantri",
)
WARD_LEADER = "lanhdao.pcg"
PASSWORD = "caseflow-demo"  # the demo's published password

# Who takes each action, and the path a complaint takes to each point of the flows.
ACTORS = {
    "classify": OFFICER, "propose_acceptance": OFFICER, "accept": LEADER, "assign": LEADER,
    "submit_report": HANDLER, "schedule_dialogue": HANDLER, "record_dialogue": HANDLER,
}
TO_PENDING = ("classify", "propose_acceptance")
TO_VERIFYING = (*TO_PENDING, "accept", "assign")
TO_DIALOGUE_SCHEDULED = (*TO_VERIFYING, "submit_report", "schedule_dialogue")
TO_DIALOGUE_HELD = (*TO_DIALOGUE_SCHEDULED, "record_dialogue")
DIALOGUE_AHEAD = timedelta(days=6)  # the invitation goes out at least 5 days before (R18)


@dataclass(frozen=True)
class CaseRef:
    """What a test needs to find a case again in the browser."""

    id: int
    tracking_code: str
    subject: str
    marker: str


def user(username: str) -> User:
    """A demo login."""
    return users.user_by_username(username)


def letter(subject: str, marker: str) -> dict:
    """An ordinary complaint letter sent by post; `marker` makes it easy to search for."""
    return {
        "channel": "post",
        "subject": subject,
        "content": f"Đề nghị xem xét lại quyết định thu hồi đất (mã kiểm thử {marker}).",
        "petitioner": {
            "full_name": "Trần Thị Kiểm",
            "address": "Số 5 phố Hàng Bạc, phường Hoàn Kiếm",
            "id_number": "001190" + str(int(marker, 16) % 1_000_000).zfill(6),
            "phone": "0987654321",
        },
    }


def params_for(action: str, now: datetime) -> dict:
    """Parameters that satisfy the action's schema and guards (findings differ, so a dialogue is held)."""
    return {
        "classify": {"kind": "complaint", "field": "land", "level": 1, "eligible": True,
                     "within_competence": True},
        "propose_acceptance": {"note": "Đủ điều kiện thụ lý"},
        "accept": {"complexity": "normal"},
        "assign": {"assignee": user(HANDLER).id},
        "submit_report": {"findings": "Một phần nội dung khiếu nại là đúng", "matches_request": False},
        "schedule_dialogue": {"at": (now + DIALOGUE_AHEAD).isoformat(), "place": "Phòng tiếp dân số 1"},
        "record_dialogue": {"minutes": "Hai bên đã trao đổi", "present": ["Người khiếu nại"]},
    }[action]


def _make_case(subject: str, marker: str, actions: tuple[str, ...], days_ago: int) -> CaseRef:
    """Record the letter as the reception officer, then take each action as its usual actor."""
    now = now_utc() - timedelta(days=days_ago)
    case = intake.create_case(letter(subject, marker), actor=user(RECEPTION), now=now).case
    for action in actions:
        when = now + DIALOGUE_AHEAD if action == "record_dialogue" else now  # held on the day scheduled
        case = perform_action(
            case.id, action, actor=user(ACTORS[action]), now=when, params=params_for(action, now),
            expected_version=case.version,
        ).case
    return CaseRef(case.id, case.tracking_code, case.subject, marker)


def new_case(live: LiveServer, subject: str, actions: tuple[str, ...] = (), *, days_ago: int = 0) -> CaseRef:
    """A fresh complaint in the city unit, received `days_ago` and taken through `actions` that day.

    A dialogue is held on the day it was scheduled for, six days later: ask for `days_ago` of at least 7.
    """
    marker = uuid.uuid4().hex[:8]
    return live.run(_make_case, f"{subject} ({marker})", marker, actions, days_ago)


def user_id(live: LiveServer, username: str) -> int:
    """The id of a demo login."""
    return live.run(lambda: user(username).id)


def today_iso(days: int = 0) -> str:
    """Today (or `days` later) in the agency's zone, as a date input takes it."""
    return (local_date(now_utc()) + timedelta(days=days)).isoformat()
