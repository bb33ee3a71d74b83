"""Demo additions for issue 6: citizens' ratings of finished cases and legal aid on a few cases.

Published decisions come from the plan itself (closing a denunciation or a second-level complaint publishes
it). Picks are deterministic (finished cases whose id is a multiple of 3; cases whose id is a multiple of 4
for legal aid) and capped, and cases already rated or with legal aid are skipped, so a second run adds
nothing.
"""

from datetime import datetime, timedelta

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import Case, CaseKind, Role, SatisfactionRating, User, UserRole
from caseflow.services.cases.scope import can_view
from caseflow.services.engagement import legal_aid, ratings
from caseflow.timeutil import local_date

RATINGS = 15
LEGAL_AID = 6
SCORES = (5, 4, 4, 3, 5, 2, 4, 5, 1, 4, 3, 5, 4, 5, 2)
COMMENTS = (
    "Cán bộ tiếp nhận nhiệt tình, hướng dẫn rõ ràng.",
    "Giải quyết đúng hạn, tôi hài lòng.",
    "",
    "Thời gian giải quyết còn kéo dài.",
    "Kết quả giải quyết thỏa đáng.",
    "Chưa được giải thích đầy đủ lý do.",
)
AID_PROVIDER = "Trung tâm Trợ giúp pháp lý nhà nước thành phố Hà Nội"


def add_ratings_and_legal_aid(*, now: datetime) -> tuple[int, int]:
    """Rate some finished cases (online and at the desk) and record legal aid on some cases; flushes."""
    return _rate(now), _aid(now)


def _rate(now: datetime) -> int:
    """Ratings on finished cases without one (ids that are multiples of 3), up to RATINGS in all."""
    done = db.session.scalar(sa.select(sa.func.count(SatisfactionRating.id)))
    rated = sa.select(SatisfactionRating.case_id)
    statement = (
        sa.select(Case)
        .where(Case.status.in_(ratings.RATEABLE_STATUSES), Case.id.not_in(rated))
        .order_by(Case.id)
    )
    added = 0
    for case in db.session.scalars(statement.where(Case.id % 3 == 0)).all():
        if done + added >= RATINGS:
            break
        desk = _official(case, Role.RECEPTION, Role.LEADER) if case.id % 2 else None
        slot = done + added
        ratings.record_rating(
            case, SCORES[slot % len(SCORES)], COMMENTS[slot % len(COMMENTS)],
            source="desk" if desk else "online", actor=desk, now=now, request_id="demo",
        )  # fmt: skip
        added += 1
    return added


def _aid(now: datetime) -> int:
    """Legal aid on complaints and denunciations with a named petitioner, up to LEGAL_AID cases in all."""
    done = db.session.scalar(sa.select(sa.func.count(Case.id)).where(Case.legal_aid == sa.true()))
    statement = (
        sa.select(Case)
        .where(Case.kind.in_([CaseKind.COMPLAINT, CaseKind.DENUNCIATION]), Case.legal_aid == sa.false())
        .where(Case.is_anonymous == sa.false())
        .order_by(Case.id)
        .where(Case.id % 4 == 0)
    )
    added = 0
    for case in db.session.scalars(statement).all():
        if done + added >= LEGAL_AID:
            break
        leader = _official(case, Role.LEADER)
        if leader is None or case.petitioner is None:
            continue
        given_on = min(case.received_on + timedelta(days=3), local_date(now))
        whom = f"{case.petitioner.full_name} (qua {AID_PROVIDER})"
        legal_aid.record_legal_aid(case.id, leader, now, whom, given_on, "Tư vấn pháp luật miễn phí", "demo")
        added += 1
    return added


def _official(case: Case, *roles: Role) -> User | None:
    """The official with one of `roles` closest above the case's unit."""
    statement = sa.select(User).join(UserRole, UserRole.user_id == User.id).where(UserRole.role.in_(roles))
    candidates = [u for u in db.session.scalars(statement).unique() if can_view(u, case)]
    return max(candidates, key=lambda u: len(u.unit.path), default=None)
