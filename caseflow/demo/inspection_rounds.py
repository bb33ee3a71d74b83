"""Demo additions for issue 6: two inspection rounds of the city inspector, one closed and one in progress.

The closed round covered last quarter's letters of two units, with findings and a corrective action done;
the round in progress has findings on some sampled cases, an overdue corrective action and one not yet due.
Everything goes through services/rounds.py. A round whose title exists already is not made again, so a second
run adds nothing.
"""

from datetime import datetime, timedelta

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import Case, InspectionRound, RoundCase, Unit, User
from caseflow.services.oversight import rounds
from caseflow.timeutil import local_date

INSPECTOR = "thanhtra"
CLOSED_TITLE = "Kiểm tra công tác tiếp nhận, giải quyết đơn quý trước (Sở TNMT, phường Cầu Giấy)"
OPEN_TITLE = "Kiểm tra việc giải quyết đơn kéo dài, quá hạn (Sở Xây dựng, xã Sóc Sơn)"
PER_UNIT = 6


def add_inspection_rounds(*, now: datetime) -> int:
    """Make the demo's inspection rounds that are missing; how many were made (flushes)."""
    inspector = db.session.scalar(sa.select(User).where(User.username == INSPECTOR))
    if inspector is None:
        return 0
    existing = set(db.session.scalars(sa.select(InspectionRound.title)))
    made = 0
    if CLOSED_TITLE not in existing:
        _closed_round(inspector, now)
        made += 1
    if OPEN_TITLE not in existing:
        _open_round(inspector, now)
        made += 1
    return made


def _closed_round(inspector: User, now: datetime) -> None:
    """A round over last quarter's letters, closed with its corrective action done.

    Case events of the demo end at `now`, so the round's events on cases are dated `now` too.
    """
    found = _plan(inspector, now, CLOSED_TITLE, ("HN-TNMT", "HN-PCG"), days=(120, 31))
    rounds.start_round(found.id, inspector, now)
    findings = {
        "HN-TNMT": "Sổ tiếp công dân ghi đầy đủ; một số đơn phân loại chậm so với thời hạn 10 ngày.",
        "HN-PCG": "Thực hiện đúng quy trình; hồ sơ giải quyết lưu trữ chưa đầy đủ biên bản đối thoại.",
    }
    _unit_findings(found, inspector, findings)
    _case_findings(found, inspector, now, 2, "Giải quyết đúng thẩm quyền, đúng thời hạn.")
    action = rounds.add_corrective_action(
        found.id, inspector, now, unit_id=_unit_id("HN-PCG"), due_on=local_date(now) + timedelta(days=15),
        action="Bổ sung biên bản đối thoại vào hồ sơ giải quyết.",
    )  # fmt: skip
    rounds.complete_action(
        action.id, inspector, now, done_on=local_date(now),
        note="Đã bổ sung đầy đủ biên bản đối thoại vào 4 hồ sơ.",
    )  # fmt: skip
    summary = "Các đơn vị cơ bản thực hiện đúng quy định; đã khắc phục thiếu sót về lưu trữ hồ sơ."
    rounds.close_round(found.id, inspector, now, summary)


def _open_round(inspector: User, now: datetime) -> None:
    """A round in progress: findings on two cases, an overdue corrective action and one not yet due.

    The overdue action is recorded as added 20 days ago (due 10 days ago) so the page shows it highlighted.
    """
    found = _plan(inspector, now, OPEN_TITLE, ("HN-SXD", "HN-XSS"), days=(365, 0))
    rounds.start_round(found.id, inspector, now)
    _unit_findings(found, inspector, {"HN-SXD": "Còn vụ việc quá hạn giải quyết chưa có văn bản gia hạn."})
    _case_findings(found, inspector, now, 2, "Quá thời hạn giải quyết, chưa báo cáo lý do.")
    then = now - timedelta(days=20)
    rounds.add_corrective_action(
        found.id, inspector, then, unit_id=_unit_id("HN-SXD"), case_id=_first_case_of(found, "HN-SXD"),
        action="Khẩn trương ban hành quyết định giải quyết, báo cáo lý do chậm.",
        due_on=local_date(then) + timedelta(days=10),
    )  # fmt: skip
    rounds.add_corrective_action(
        found.id, inspector, now, unit_id=_unit_id("HN-XSS"), action="Rà soát, cập nhật sổ theo dõi đơn.",
        due_on=local_date(now) + timedelta(days=20),
    )  # fmt: skip


def _plan(inspector: User, then: datetime, title: str, codes: tuple[str, ...], *, days: tuple[int, int]):
    """Plan a round over units by code, letters received `days` (from, to) days before `then`."""
    today = local_date(then)
    return rounds.plan_round(
        inspector, then, title=title, unit_ids=[_unit_id(code) for code in codes],
        period_from=today - timedelta(days=days[0]), period_to=today - timedelta(days=days[1]),
        per_unit=PER_UNIT, request_id="demo",
    )  # fmt: skip


def _unit_findings(found: InspectionRound, inspector: User, findings: dict[str, str]) -> None:
    """Findings about units by code."""
    for code, text in findings.items():
        rounds.record_unit_findings(found.id, _unit_id(code), inspector, text)


def _case_findings(found: InspectionRound, inspector: User, then: datetime, count: int, text: str) -> None:
    """Findings on the first `count` sampled cases."""
    statement = sa.select(RoundCase.case_id).where(RoundCase.round_id == found.id).order_by(RoundCase.id)
    for case_id in list(db.session.scalars(statement.limit(count))):
        rounds.record_case_findings(found.id, case_id, inspector, then, text, request_id="demo")


def _first_case_of(found: InspectionRound, code: str) -> int | None:
    """The first case sampled in the round for a unit, if any."""
    statement = (
        sa.select(RoundCase.case_id)
        .join(Case, Case.id == RoundCase.case_id)
        .where(RoundCase.round_id == found.id, Case.unit_id == _unit_id(code))
        .order_by(RoundCase.id)
    )
    return db.session.scalars(statement).first()


def _unit_id(code: str) -> int:
    """The id of a demo unit by its code."""
    return db.session.scalar(sa.select(Unit.id).where(Unit.code == code))
