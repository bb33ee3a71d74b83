"""A small world of units and officials, and helpers that drive cases through the action service."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from caseflow.extensions import db
from caseflow.models import Case, CaseStatus, Role, User
from caseflow.services.accounts import users
from caseflow.services.cases import intake
from caseflow.services.cases.actions import ActionResult, perform_action
from caseflow.services.cases.records import latest_dialogue
from caseflow.timeutil import local_date

PASSWORD = "correct-horse-9"
NOW = datetime(2027, 1, 4, 3, 0, tzinfo=UTC)
ROLE_USERS = ("reception", "officer", "leader", "handler", "inspector", "admin")

# How a case of each kind reaches a status: (previous status, action).
PATHS = {
    CaseStatus.CLASSIFIED: (CaseStatus.RECEIVED, "classify"),
    CaseStatus.PENDING_ACCEPTANCE: (CaseStatus.CLASSIFIED, "propose_acceptance"),
    CaseStatus.ACCEPTED: (CaseStatus.PENDING_ACCEPTANCE, "accept"),
    CaseStatus.VERIFYING: (CaseStatus.ACCEPTED, "assign"),
    CaseStatus.REPORTED: (CaseStatus.VERIFYING, "submit_report"),
    CaseStatus.DIALOGUE_SCHEDULED: (CaseStatus.REPORTED, "schedule_dialogue"),
    CaseStatus.DECIDED: (CaseStatus.REPORTED, "decide"),
    CaseStatus.CLOSED: (CaseStatus.DECIDED, "close"),
    CaseStatus.GUIDED: (CaseStatus.CLASSIFIED, "guide"),
    CaseStatus.FORWARDED: (CaseStatus.CLASSIFIED, "forward"),
    CaseStatus.RETURNED: (CaseStatus.CLASSIFIED, "return_to_forwarder"),
    CaseStatus.FILED: (CaseStatus.RECEIVED, "file"),
    CaseStatus.NOT_ACCEPTED: (CaseStatus.PENDING_ACCEPTANCE, "reject"),
    CaseStatus.WITHDRAWN: (CaseStatus.RECEIVED, "withdraw"),
    CaseStatus.TERMINATED: (CaseStatus.RECEIVED, "terminate"),
}
OUTSIDE_COMPETENCE = {"guide", "forward", "return_to_forwarder"}


def default_params(action: str, case: Case, world: "World", kind: str) -> dict:
    """Parameters that satisfy the action's schema and guards on an ordinary case."""
    today = local_date(world.now).isoformat()
    outcome = {"complaint": "right", "denunciation": "true"}.get(kind, "right")
    return {
        "classify": {
            "kind": kind,
            "field": "land",
            "eligible": True,
            "within_competence": action not in OUTSIDE_COMPETENCE,
        },
        "propose_acceptance": {"note": "Đủ điều kiện thụ lý"},
        "guide": {"guidance": "Hướng dẫn gửi đơn đến UBND xã", "to_agency": "UBND xã Đông Anh"},
        "forward": {"to_agency": "Công an thành phố"},
        "return_to_forwarder": {"reason": "Không thuộc thẩm quyền"},
        "file": {"reason": "duplicate"},
        "accept": {"complexity": "normal"},
        "reject": {"reason": "Đã hết thời hiệu khiếu nại (Luật KN Art 11)"},
        "assign": {"assignee": world.users["handler"].id},
        "submit_report": {"findings": "Nội dung đơn đúng", "matches_request": True},
        "schedule_dialogue": {"at": (world.now + timedelta(days=6)).isoformat(), "place": "Trụ sở Sở TNMT"},
        "record_dialogue": {"minutes": "Hai bên đã đối thoại", "present": ["Ông A"]},
        "decide": {"outcome": outcome, "number": "12/QĐ-UBND", "signed_on": today, "summary": "Giải quyết"},
        "answer": {"answer": "Trả lời kiến nghị", "number": "5/TL"},
        "close": {
            "sent_on": today,
            "recipients": ["Người khiếu nại"],
            "published_on": today,
            "measures": "Xử lý kỷ luật",
        },
        "extend": {
            "reason": "Vụ việc phức tạp",
            "complexity": "complex",
            "criterion": "several_places",
            "days": 15,
        },
        "suspend": {"reason": "Chờ kết quả giám định"},
        "resume": {"note": "Đã có kết quả giám định"},
        "withdraw": {"note": "Người khiếu nại rút đơn"},
        "terminate": {"reason": "Người khiếu nại đã chết"},
        "appeal": {"received_on": today},
        "record_delivery": {"recipient": "Nguyễn Văn Đức", "received_on": today, "method": "post"},
        "record_waiver": {"agreed_on": today, "consent": "Văn bản đồng ý công khai danh tính"},
        "request_report": {"reason": "Tố cáo đã quá hạn giải quyết"},
        "review_redenunciation": {
            "received_on": today,
            "outcome": "keep_conclusion",
            "reason": "Kết luận đúng pháp luật",
        },
    }[action]


ACTORS = {
    "classify": "officer",
    "propose_acceptance": "officer",
    "guide": "officer",
    "forward": "officer",
    "return_to_forwarder": "officer",
    "file": "officer",
    "accept": "leader",
    "reject": "leader",
    "assign": "leader",
    "submit_report": "handler",
    "schedule_dialogue": "handler",
    "record_dialogue": "handler",
    "decide": "leader",
    "answer": "handler",
    "close": "leader",
    "extend": "leader",
    "suspend": "leader",
    "resume": "leader",
    "withdraw": "officer",
    "terminate": "leader",
    "appeal": "reception",
    "record_delivery": "officer",
    "record_waiver": "officer",
    "request_report": "city_leader",
    "review_redenunciation": "city_leader",
}


@dataclass
class World:
    """Units HN → HN-TNMT, HN-SXD; a stranger tree HP; users of every role in HN-TNMT."""

    users: dict[str, User] = field(default_factory=dict)
    now: datetime = NOW
    kinds: dict[int, str] = field(default_factory=dict)

    @classmethod
    def build(cls) -> "World":
        """Create the units and users and commit them."""
        world = cls()
        users.create_unit("HN", "UBND thành phố Hà Nội")
        users.create_unit("HN-TNMT", "Sở Tài nguyên và Môi trường", parent_code="HN")
        users.create_unit("HN-SXD", "Sở Xây dựng", parent_code="HN")
        users.create_unit("HP", "UBND thành phố Hải Phòng")
        for role in ROLE_USERS:
            unit = "HN" if role == "inspector" else "HN-TNMT"
            world.users[role] = world.user(role, [role], unit)
        world.users["handler2"] = world.user("handler2", ["handler"], "HN-TNMT")
        world.users["sxd_handler"] = world.user("sxd_handler", ["handler"], "HN-SXD")
        for role in ("officer", "leader", "handler"):
            world.users[f"city_{role}"] = world.user(f"city_{role}", [role], "HN")
        world.users["stranger"] = world.user("stranger", [r.value for r in Role], "HP")
        db.session.commit()
        return world

    def user(self, username: str, roles: list[str], unit: str) -> User:
        """Create one official."""
        return users.create_user(
            username,
            full_name=f"Cán bộ {username}",
            password=PASSWORD,
            roles=roles,
            unit_code=unit,
            now=self.now,
        )

    def letter(self, **overrides) -> dict:
        """An ordinary letter from a named petitioner."""
        data = {
            "channel": "post",
            "subject": "Khiếu nại việc thu hồi đất nông nghiệp",
            "content": "Đề nghị xem xét lại quyết định thu hồi đất số 123 của UBND xã Đông Anh",
            "petitioner": {
                "full_name": "Nguyễn Văn Đức",
                "address": "Thôn Đoài, xã Đông Anh",
                "id_number": "001088012345",
                "phone": "0912345678",
            },
        }
        return {**data, **overrides}

    def intake(
        self, kind: str = "complaint", *, actor: str = "reception", now: datetime | None = None, **overrides
    ) -> Case:
        """Record a letter and commit; remember which kind it will be classified as."""
        result = intake.create_case(self.letter(**overrides), actor=self.users[actor], now=now or self.now)
        db.session.commit()
        self.kinds[result.case.id] = kind
        return result.case

    def act(
        self,
        case: Case,
        action: str,
        *,
        actor: str | None = None,
        now: datetime | None = None,
        version: int | None = None,
        **params,
    ) -> ActionResult:
        """Run one action through the service with sensible defaults, and commit."""
        kind = self.kinds.get(case.id, "complaint")
        merged = {**default_params(action, case, self, kind), **params}
        dialogue = latest_dialogue(case) if action == "record_dialogue" and now is None else None
        if dialogue:
            now = dialogue.scheduled_dt + timedelta(hours=2)  # held as scheduled
        result = perform_action(
            case.id,
            action,
            actor=self.users[actor or ACTORS[action]],
            now=now or self.now,
            params=merged,
            expected_version=case.version if version is None else version,
        )
        db.session.commit()
        return result

    def bring_to(self, case: Case, status: CaseStatus, *, purpose: str = "") -> Case:
        """Drive a case to `status` along the usual path (outside competence when `purpose` needs it)."""
        if case.status == status:
            return case
        previous, action = PATHS[status]
        if status == CaseStatus.DECIDED and self.kinds.get(case.id) == "petition":
            action = "answer"
        self.bring_to(case, previous, purpose=purpose or action)
        params = {}
        if action == "classify":
            params["within_competence"] = purpose not in OUTSIDE_COMPETENCE
        self.act(case, action, **params)
        return case

    def new_case_at(self, kind: str, status: CaseStatus, *, purpose: str = "", **overrides) -> Case:
        """A fresh case of `kind` driven to `status`."""
        if purpose == "return_to_forwarder" or status == CaseStatus.RETURNED:
            overrides.setdefault("channel", "forwarded")
            overrides.setdefault("forwarded_by", "Ban Tiếp công dân Trung ương")
        case = self.intake(kind, **overrides)
        return self.bring_to(case, status, purpose=purpose)
