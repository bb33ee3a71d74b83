"""The demo logins, who plays which role for which unit, and how to create the users that are missing."""

from dataclasses import dataclass
from datetime import datetime

from caseflow.demo.units import ROOT
from caseflow.models import User
from caseflow.services.accounts import users

DEMO_PASSWORD = "caseflow-demo"  # noqa: S105 - the published password of every demo login


@dataclass(frozen=True)
class UserSpec:
    """A demo login."""

    username: str
    full_name: str
    roles: tuple[str, ...]
    unit: str


USERS = (
    UserSpec("tiepdan", "Nguyễn Thị Thu Hà", ("reception",), ROOT),
    UserSpec("xulydon", "Trần Văn Minh", ("officer",), ROOT),
    UserSpec("lanhdao", "Lê Quang Huy", ("leader",), ROOT),
    UserSpec("xacminh", "Phạm Thị Ngọc Anh", ("handler",), ROOT),
    UserSpec("xacminh.tt", "Hoàng Đức Thắng", ("handler",), "HN-TT"),
    UserSpec("xacminh.tnmt", "Đỗ Minh Tuấn", ("handler",), "HN-TNMT"),
    UserSpec("thanhtra", "Vũ Thị Hồng Nhung", ("inspector",), ROOT),
    UserSpec("quantri", "Đặng Văn Tùng", ("admin",), ROOT),
    UserSpec("lanhdao.pcg", "Bùi Văn Long", ("leader",), "HN-PCG"),
    UserSpec("canbo.pcg", "Ngô Thị Mai", ("officer", "handler"), "HN-PCG"),
)
HEAD_HOST = "Lê Quang Huy, Phó Chủ tịch UBND thành phố"  # the leader `lanhdao` receiving citizens in person
DEFAULT_CREW = {"reception": "tiepdan", "officer": "xulydon", "leader": "lanhdao"}
CREWS = {"HN-PCG": {"reception": "canbo.pcg", "officer": "canbo.pcg", "leader": "lanhdao.pcg"}}
HANDLERS = {ROOT: "xacminh", "HN-TT": "xacminh.tt", "HN-TNMT": "xacminh.tnmt", "HN-PCG": "canbo.pcg"}


def ensure_users(now: datetime) -> None:
    """Create the demo users that do not exist yet, all with the demo password."""
    for spec in USERS:
        if users.user_by_username(spec.username) is None:
            users.create_user(
                spec.username,
                full_name=spec.full_name,
                password=DEMO_PASSWORD,
                roles=list(spec.roles),
                unit_code=spec.unit,
                now=now,
            )


class Cast:
    """The demo users, found by role and by the unit of the case they act on."""

    def __init__(self) -> None:
        self.users: dict[str, User] = {}

    def get(self, username: str) -> User:
        """The user (reloaded after each commit by the session)."""
        if username not in self.users:
            self.users[username] = users.user_by_username(username)
        return self.users[username]

    def for_role(self, role: str, unit_code: str) -> User:
        """Who plays `role` for a case of `unit_code`."""
        if role == "handler":
            return self.get(HANDLERS[unit_code])
        return self.get(CREWS.get(unit_code, DEFAULT_CREW)[role])
