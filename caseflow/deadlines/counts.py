"""What a count reads and produces: suspensions, extensions, skipped days and the due date (plain values)."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Pause:
    """A suspension: suspended on start_on, resumed on end_on (None = still suspended)."""

    start_on: date
    end_on: date | None = None

    def __post_init__(self) -> None:
        """Refuse a suspension that ends before it starts."""
        if self.end_on is not None and self.end_on < self.start_on:
            raise ValueError(f"suspension ends ({self.end_on}) before it starts ({self.start_on})")

    @property
    def is_open(self) -> bool:
        """Whether the suspension has not been lifted yet."""
        return self.end_on is None

    def covers(self, day: date) -> bool:
        """Whether `day` lies in [start_on, end_on) of a closed suspension."""
        return self.end_on is not None and self.start_on <= day < self.end_on


@dataclass(frozen=True)
class Extension:
    """Extra days granted on a date, with the reason given."""

    on: date
    days: int
    reason: str
    criterion: str = ""


@dataclass(frozen=True)
class SkippedDay:
    """A day that was not counted, or that the due date moved past, and why (in English and Vietnamese)."""

    day: date
    reason: str
    reason_vi: str = ""


@dataclass(frozen=True)
class DueDate:
    """The end of a time limit and how it was reached."""

    due_on: date
    counted_days: int
    skipped: tuple[SkippedDay, ...]
    rolled_over: bool
