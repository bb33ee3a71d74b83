"""What the demo holds once loaded: counts by status and kind, reception sessions, and the logins."""

from collections import Counter as Tally
from dataclasses import dataclass

import sqlalchemy as sa

from caseflow.demo.people import DEMO_PASSWORD, USERS
from caseflow.demo.units import ROOT
from caseflow.extensions import db
from caseflow.models import Case, ReceptionSession, Unit
from caseflow.services.accounts import users


@dataclass
class Login:
    """A printed demo login."""

    username: str
    full_name: str
    roles: list[str]
    unit: str
    password: str = DEMO_PASSWORD


@dataclass
class DemoReport:
    """What `load_demo` found or made."""

    already_loaded: bool
    stories_run: int
    units: int
    logins: list[Login]
    by_status: dict[str, int]
    by_kind: dict[str, int]
    cases: int
    overdue: int
    suspended: int
    sessions: int
    cases_from_sessions: int


def build_report(*, already_loaded: bool, stories_run: int) -> DemoReport:
    """Count what the demo units hold."""
    root = users.unit_by_code(ROOT)
    in_tree = Case.unit_id.in_(sa.select(Unit.id).where(Unit.path.startswith(root.path)))
    counts = _case_counts(in_tree)
    sessions_in_tree = ReceptionSession.unit_id.in_(sa.select(Unit.id).where(Unit.path.startswith(root.path)))
    return DemoReport(
        already_loaded=already_loaded,
        stories_run=stories_run,
        units=db.session.scalar(sa.select(sa.func.count()).where(Unit.path.startswith(root.path))),
        logins=_logins(),
        **counts,
        sessions=db.session.scalar(sa.select(sa.func.count()).where(sessions_in_tree)),
        cases_from_sessions=db.session.scalar(
            sa.select(sa.func.count()).where(in_tree, Case.reception_session_id.is_not(None))
        ),
    )


def _case_counts(in_tree: sa.ColumnElement[bool]) -> dict:
    """The report's case counts (by status, by kind, in all, overdue, suspended) for cases `in_tree`."""
    rows = db.session.execute(
        sa.select(Case.status, Case.kind, Case.is_overdue, Case.is_suspended).where(in_tree)
    )
    statuses, kinds, overdue, suspended, total = Tally(), Tally(), 0, 0, 0
    for status, kind, is_overdue, is_suspended in rows:
        statuses[status.value] += 1
        kinds[kind.value if kind else "unclassified"] += 1
        overdue, suspended, total = overdue + is_overdue, suspended + is_suspended, total + 1
    return {
        "by_status": dict(statuses),
        "by_kind": dict(kinds),
        "cases": total,
        "overdue": overdue,
        "suspended": suspended,
    }


def _logins() -> list[Login]:
    """The demo logins as they are in the database."""
    found = []
    for spec in USERS:
        user = users.user_by_username(spec.username)
        if user is not None:
            roles = sorted(r.value for r in user.roles)
            found.append(Login(user.username, user.full_name, roles, user.unit.code))
    return found
