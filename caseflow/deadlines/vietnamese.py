"""The Vietnamese phrasebook of due-date explanations (the composer is caseflow.deadlines.clock.compose)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from caseflow.deadlines.counts import DueDate, Extension, Pause, SkippedDay
    from caseflow.deadlines.rules import Rule

START_EVENTS_VI = {
    "received": "ngày tiếp nhận",
    "accepted": "ngày thụ lý",
    "decided": "ngày ban hành quyết định",
    "delivered": "ngày nhận được quyết định",
}
VARIANTS_VI = {
    "complex": "vụ việc phức tạp",
    "remote": "vùng sâu, vùng xa",
    "remote_complex": "vùng sâu, vùng xa, vụ việc phức tạp",
    "several_places": "xác minh ở nhiều nơi",
}
WEEKEND_VI = frozenset({"Thứ Bảy", "Chủ Nhật"})
UNVERIFIED = "(căn cứ pháp lý chưa được xác minh)"
WINDOW = (
    "Đây là thời hạn dành cho công dân, không phải nghĩa vụ của cơ quan, nên không bao giờ bị coi là quá hạn."
)


def vi_date(day: date) -> str:
    """A date as Vietnamese officials write it: 05/02/2027."""
    return day.strftime("%d/%m/%Y")


def unconfirmed(years: list[int]) -> str:
    """The years whose official calendar of days off is not confirmed yet."""
    return f"(lịch nghỉ năm {', '.join(map(str, years))} chưa được xác nhận)"


def header(rule: Rule) -> str:
    """Which rule, which version, on what legal basis."""
    return f"Quy định {rule.id} (phiên bản {rule.version}): {rule.title_vi} — {rule.basis_vi.rstrip('.')}."


def period(rule: Rule, days: int, variant: str, start_on: date) -> str:
    """How many days of which kind, counted from when."""
    kind = "ngày làm việc" if rule.day_kind == "working" else "ngày"
    variant_note = f" (trường hợp {VARIANTS_VI.get(variant, variant)})" if variant != "standard" else ""
    return (
        f"{days} {kind}{variant_note}, tính từ ngày tiếp theo sau {vi_date(start_on)} "
        f"({START_EVENTS_VI.get(rule.start_event, rule.start_event)})."
    )


CRITERIA_VI = {
    "several_places": "phải xác minh ở nhiều nơi",
    "several_contents": "có nhiều nội dung",
    "many_people": "có nhiều người liên quan",
    "foreign_element": "có yếu tố nước ngoài",
    "several_bodies": "liên quan trách nhiệm quản lý của nhiều cơ quan",
    "bodies_disagree": "các cơ quan còn ý kiến khác nhau",
    "contradictory_evidence": "tình tiết mâu thuẫn, cần thời gian hoặc ý kiến chuyên môn",
}


def extension(granted: Extension) -> str:
    """One extension in words."""
    criterion = CRITERIA_VI.get(granted.criterion, granted.criterion)
    why = f" (vụ việc phức tạp: {criterion})" if granted.criterion else ""
    reason = f": {granted.reason}" if granted.reason else ""
    return f"Đã gia hạn thêm {granted.days} ngày vào ngày {vi_date(granted.on)}{why}{reason}."


def pause(suspension: Pause, paused_days: int | None) -> str:
    """One suspension in words (paused_days is None while it lasts)."""
    if paused_days is None:
        return (
            f"Tạm đình chỉ từ ngày {vi_date(suspension.start_on)}, chưa tiếp tục giải quyết: thời hạn đang "
            "tạm dừng và hạn dưới đây sẽ lùi tương ứng với thời gian tạm đình chỉ."
        )
    return (
        f"Tạm đình chỉ từ {vi_date(suspension.start_on)} đến {vi_date(suspension.end_on)}: "
        f"{paused_days} ngày không tính."
    )


def skipped(rule: Rule, days: int, due: DueDate, days_off: list[SkippedDay]) -> list[str]:
    """The days off left out (working-day limits) or moved over (calendar-day limits)."""
    if rule.day_kind == "working":
        weekend = sum(1 for item in days_off if item.reason_vi in WEEKEND_VI)
        holidays = [f"{vi_date(i.day)} {i.reason_vi}" for i in days_off if i.reason_vi not in WEEKEND_VI]
        parts = [f"{weekend} ngày nghỉ cuối tuần"] if weekend else []
        parts += [f"ngày nghỉ lễ: {', '.join(holidays)}"] if holidays else []
        return [f"Không tính: {'; '.join(parts)}."]
    last = days_off[0]
    return [
        f"Ngày thứ {days} là {vi_date(last.day)}, không phải ngày làm việc ({last.reason_vi}), nên thời hạn "
        f"kết thúc vào ngày làm việc tiếp theo, {vi_date(due.due_on)} (khoản 5 Điều 148 Bộ luật Dân sự 2015)."
    ]


def due(due_on: date) -> str:
    """The result."""
    return f"Hạn giải quyết: {vi_date(due_on)}."
