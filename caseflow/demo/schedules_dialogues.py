"""Demo additions for issue 6: heads' reception schedules with held and missed days, and two public dialogues.

The city leader receives citizens on the 10th and 20th (published in time, past days held with the desk's
sessions linked, one missed); the ward chairman of Cầu Giấy has one day a month, below the minimum of two, so
the city inspector is warned. Two dialogues carry issues; one issue became a petition case, answered.
Everything goes through the services; what exists already (a schedule of the same head, a dialogue at the
same place and date) is not made again.
"""

from datetime import datetime, timedelta

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import PublicDialogue, ReceptionDay, ReceptionSchedule, User
from caseflow.services.cases.actions import perform_action
from caseflow.services.engagement import public_dialogues, schedule
from caseflow.services.engagement.reception_minimums import warn_below_minimum
from caseflow.timeutil import local_date

SCHEDULES = (
    # head, actor, head kind, days of month, place
    ("lanhdao", "tiepdan", "agency_head", [10, 20], "Trụ sở Tiếp công dân thành phố, 1 Đinh Lễ"),
    ("lanhdao.pcg", "lanhdao.pcg", "commune_chair", [15], "Phòng tiếp công dân UBND phường Cầu Giấy"),
)
DIALOGUES = (
    {
        "days_ago": 40,
        "place": "Nhà văn hoá tổ dân phố 5, xã Sóc Sơn",
        "audience": "households",
        "audience_note": "Dự án mở rộng Quốc lộ 3 đoạn qua xã Sóc Sơn",
        "participants": 86,
        "minutes": "Phó Chủ tịch UBND thành phố chủ trì; các hộ dân nêu ý kiến về bồi thường, tái định cư.",
        "issues": [
            {
                "text": "Đề nghị công khai bảng giá đất tính bồi thường của dự án",
                "raised_by": "Ông Trần Văn Hùng",
            },
            {"text": "Đề nghị bố trí tái định cư tại chỗ cho các hộ bị thu hồi toàn bộ đất ở"},
        ],
    },
    {
        "days_ago": 12,
        "place": "Hội trường Sở Kế hoạch và Đầu tư",
        "audience": "businesses",
        "audience_note": "Doanh nghiệp trong khu công nghiệp Bắc Thăng Long",
        "participants": 45,
        "minutes": "Trao đổi về thủ tục cấp phép xây dựng nhà xưởng và cấp nước sạch.",
        "issues": [
            {
                "text": "Đề nghị rút ngắn thời gian cấp phép xây dựng nhà xưởng",
                "raised_by": "Công ty TNHH Minh Phát",
            },
            {
                "text": "Phản ánh tình trạng mất nước kéo dài tại khu công nghiệp",
                "raised_by": "Bà Lê Thu Trang",
            },
        ],
    },
)


def add_schedules_and_dialogues(*, now: datetime) -> int:
    """Make the demo's schedules and dialogues that are missing; how many were made (flushes)."""
    people = {u.username: u for u in db.session.scalars(sa.select(User))}
    if not {"lanhdao", "tiepdan", "xulydon", "xacminh", "lanhdao.pcg"} <= set(people):
        return 0
    made = sum(_schedule(people, *spec, now=now) for spec in SCHEDULES)
    warn_below_minimum(local_date(now), now=now)
    made += sum(_dialogue(people, spec, now) for spec in DIALOGUES)
    db.session.flush()
    return made


def _schedule(people: dict, head: str, actor: str, kind: str, days: list[int], place: str, *, now) -> int:
    """One head's schedule from three months ago, published in time, past days held or missed."""
    exists = sa.select(ReceptionSchedule.id).where(ReceptionSchedule.head_id == people[head].id)
    if db.session.scalar(exists):
        return 0
    start = (local_date(now).replace(day=1) - timedelta(days=80)).replace(day=1)
    data = {"head": people[head].id, "head_kind": kind, "days_of_month": days, "place": place}
    item = schedule.create_schedule({**data, "valid_from": start.isoformat()}, actor=people[actor], now=now)
    schedule.publish_days(item, actor=people[actor], now=_at(start, now) - timedelta(days=10))
    past = [d for d in schedule.days_of(item) if d.day < local_date(now)]
    for index, day in enumerate(past):
        _close_day(day, people[actor], now, missed=index == 1)
    return 1


def _at(day, now: datetime) -> datetime:
    """`now`'s time of day on `day`."""
    return now.replace(year=day.year, month=day.month, day=day.day)


def _close_day(day: ReceptionDay, actor: User, now: datetime, *, missed: bool) -> None:
    """Held, with the desk's sessions of that date linked; or missed, with the reason."""
    if missed:
        note = "Thủ trưởng đi công tác đột xuất, đã thông báo lịch thay thế"
        schedule.mark_day(day, {"state": "missed", "note": note}, actor=actor, now=now)
        return
    for session in schedule.linkable_sessions(day)[:3]:
        schedule.link_session(session, day, actor=actor, now=now)
    schedule.mark_day(day, {"state": "held"}, actor=actor, now=now)


def _dialogue(people: dict, spec: dict, now: datetime) -> int:
    """One dialogue of the city leader; in the first, the named issue becomes a petition, answered."""
    held_on = local_date(now) - timedelta(days=spec["days_ago"])
    exists = sa.select(PublicDialogue.id).where(
        PublicDialogue.place == spec["place"], PublicDialogue.held_on == held_on
    )
    if db.session.scalar(exists):
        return 0
    data = {k: v for k, v in spec.items() if k != "days_ago"} | {"held_on": held_on.isoformat()}
    dialogue = public_dialogues.record_dialogue(data, actor=people["lanhdao"], now=now)
    if spec["audience"] == "households":
        issue = public_dialogues.issues_of(dialogue, local_date(now))[0].issue
        case = public_dialogues.open_case(issue, actor=people["tiepdan"], now=now)
        _answer(case.id, people, now)
    return 1


def _answer(case_id: int, people: dict, now: datetime) -> None:
    """The petition through its workflow: classified, accepted, assigned, answered."""
    steps = (
        (
            "classify",
            "xulydon",
            {"kind": "petition", "field": "land", "eligible": True, "within_competence": True},
        ),
        ("propose_acceptance", "xulydon", {"note": "Kiến nghị tại hội nghị đối thoại, thuộc thẩm quyền"}),
        ("accept", "lanhdao", {"complexity": "normal"}),
        ("assign", "lanhdao", {"assignee": people["xacminh"].id}),
        (
            "answer",
            "xacminh",
            {"answer": "Bảng giá đất đã được niêm yết tại UBND xã.", "number": "15/TL-UBND"},
        ),
    )
    for action, who, params in steps:
        perform_action(case_id, action, actor=people[who], now=now, params=params, expected_version=None)
        db.session.flush()
