"""The explanation of a due date in Vietnamese, sentence for sentence like the English one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from caseflow.deadlines.rules import Rule

if TYPE_CHECKING:
    from caseflow.deadlines.clock import DueDate, Extension, Pause

START_EVENTS_VI = {
    "received": "ngày tiếp nhận",
    "accepted": "ngày thụ lý",
    "decided": "ngày ban hành quyết định",
}
VARIANTS_VI = {
    "complex": "vụ việc phức tạp",
    "remote": "vùng sâu, vùng xa",
    "remote_complex": "vùng sâu, vùng xa, vụ việc phức tạp",
    "several_places": "xác minh ở nhiều nơi",
}
WEEKEND_VI = frozenset({"Thứ Bảy", "Chủ Nhật"})
UNVERIFIED_VI = "Căn cứ pháp lý của quy định này chưa được đối chiếu với văn bản gốc."
WINDOW_VI = (
    "Đây là thời hạn dành cho công dân, không phải nghĩa vụ của cơ quan, nên không bao giờ bị coi là quá hạn."
)


def vi_date(day: date) -> str:
    """A date as Vietnamese officials write it: 05/02/2027."""
    return day.strftime("%d/%m/%Y")


def vietnamese_sentences(
    rule: Rule,
    start_on: date,
    variant: str,
    days: int,
    due: DueDate,
    pauses: Sequence[Pause],
    extensions: Sequence[Extension],
) -> list[str]:
    """Build the Vietnamese sentences of the explanation, in reading order."""
    kind = "ngày làm việc" if rule.day_kind == "working" else "ngày"
    variant_note = f" (trường hợp {VARIANTS_VI.get(variant, variant)})" if variant != "standard" else ""
    sentences = [
        f"Quy định {rule.id} (phiên bản {rule.version}): {rule.title_vi} — {rule.basis.rstrip('.')}.",
        f"{days} {kind}{variant_note}, tính từ ngày tiếp theo sau {vi_date(start_on)} "
        f"({START_EVENTS_VI.get(rule.start_event, rule.start_event)}).",
    ]
    sentences += [_extension(extension) for extension in extensions]
    sentences += [_pause(pause, due) for pause in pauses]
    sentences += _skipped(rule, days, due)
    sentences.append(f"Hạn giải quyết: {vi_date(due.due_on)}.")
    sentences += [] if rule.obligation else [WINDOW_VI]
    return sentences + ([] if rule.verified else [UNVERIFIED_VI])


def _extension(extension: Extension) -> str:
    """One extension in words."""
    reason = f": {extension.reason}" if extension.reason else ""
    return f"Đã gia hạn thêm {extension.days} ngày vào ngày {vi_date(extension.on)}{reason}."


def _pause(pause: Pause, due: DueDate) -> str:
    """One suspension in words."""
    from caseflow.deadlines.clock import PAUSED

    if pause.end_on is None:
        return (
            f"Tạm đình chỉ từ ngày {vi_date(pause.start_on)}, chưa tiếp tục giải quyết: thời hạn đang "
            "tạm dừng và hạn dưới đây sẽ lùi tương ứng với thời gian tạm đình chỉ."
        )
    paused = sum(1 for item in due.skipped if item.reason == PAUSED and pause.covers(item.day))
    return f"Tạm đình chỉ từ {vi_date(pause.start_on)} đến {vi_date(pause.end_on)}: {paused} ngày không tính."


def _skipped(rule: Rule, days: int, due: DueDate) -> list[str]:
    """The days off left out (working-day limits) or moved over (calendar-day limits)."""
    from caseflow.deadlines.clock import PAUSED

    days_off = [item for item in due.skipped if item.reason != PAUSED]
    if not days_off:
        return []
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
