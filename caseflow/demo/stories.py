"""The plan's pieces: stories of steps, and the values a step only knows when it runs."""

import enum
from dataclasses import dataclass, field


class Ref(enum.Enum):
    """Values a step can only know when it runs."""

    UNIT = "unit"
    SESSION = "session"
    HANDLER = "handler"
    TODAY = "today"
    MEETING = "meeting"


@dataclass
class Step:
    """One call of a service: a reception session, an intake or an action on the main or the appealed case."""

    action: str
    role: str
    params: dict
    gap: float = 0.0
    target: str = "main"
    unit: str | None = None  # where the actor sits, when not the case's unit (an appeal goes to the city)


@dataclass
class Story:
    """Everything that happens to one letter (or one reception without a letter), oldest first."""

    label: str
    unit: str
    days_ago: float
    steps: list[Step] = field(default_factory=list)
