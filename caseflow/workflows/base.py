"""Workflow definitions as data, and the one shared `transitions` machine each of them runs on."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Any, Protocol

from marshmallow import Schema
from transitions import Machine, MachineError

from caseflow.models import Case, CaseKind, CaseStatus, Complexity, Decision, Dialogue, Role, User

GuardFn = Callable[["ActionContext"], str | None]


@dataclass(frozen=True)
class ActionSpec:
    """One row of the action table: everything an action is, declared here or named here.

    The label is `labels.ACTIONS[name]`; `effect` names an entry of `services.cases.effects.EFFECTS`;
    `notice` one of `services.notices.notifications.ACTION_NOTICES`; `watched_by_inspector` tells the
    inspector of an open inspection; the clocks it meets are the rules whose `stop_on` lists the name.
    tests/workflows/test_action_rows.py fails when any of these is missing or names nothing.
    """

    name: str
    sources: tuple[CaseStatus, ...]
    dest: CaseStatus | None  # None keeps the status (suspend, resume, extend, appeal)
    roles: frozenset[Role]
    params: type[Schema]
    guards: tuple[GuardFn, ...] = ()
    effect: str | None = None
    notice: str | None = None
    watched_by_inspector: bool = False

    @property
    def keeps_status(self) -> bool:
        """True for actions that change flags or clocks but not the status."""
        return self.dest is None


class AppealWindowLike(Protocol):
    """An appeal window: open after `opens_after` (if set), up to `ends_on` (if set)."""

    opens_after: date | None
    ends_on: date | None


class CaseLookups(Protocol):
    """The queries guards may ask, answered by the action service (workflows never import services)."""

    def user(self, user_id: int) -> User | None:
        """The user of that id."""

    def can_view(self, user: User, case: Case) -> bool:
        """Whether the case lies in the user's scope."""

    def earlier_case_on_same_matter(self, case: Case, *, status: str) -> Case | None:
        """Another case of the same person on the same matter, in that status."""

    def child_case(self, case: Case) -> Case | None:
        """The second-level case opened against this one."""

    def latest_decision(self, case: Case) -> Decision | None:
        """The case's most recent decision, conclusion or answer."""

    def latest_dialogue(self, case: Case) -> Dialogue | None:
        """The case's most recently scheduled dialogue."""

    def extension_refusal(self, case: Case, complexity: Complexity, *, days: int, on: date) -> str | None:
        """Why the case's resolution clock cannot be extended, or None."""

    def suspension_refusal(self, case: Case) -> str | None:
        """Why the case's resolution cannot be suspended, or None."""

    def appeal_window(self, case: Case) -> "AppealWindowLike | None":
        """When a second complaint may be lodged against the case (None: not started)."""

    def limitation_refusal(self, case: Case) -> str | None:
        """Why a first complaint is time-barred, or None."""

    def termination_bar_refusal(self, case: Case) -> str | None:
        """Why a complaint re-lodged after a termination is barred, or None."""

    def masks_identity(self, case: Case) -> bool:
        """Whether the case's sender side is protected as a (possible) denouncer's."""


@dataclass
class ActionContext:
    """What the guards see while one action is tried on one case; the machine's model for that call."""

    case: Case
    actor: User
    params: Mapping[str, Any]
    now: datetime
    spec: ActionSpec
    lookups: CaseLookups
    refusal: str | None = None

    @property
    def status(self) -> str:
        """The case's status, as the machine reads it."""
        return self.case.status.value

    @status.setter
    def status(self, value: str) -> None:
        self.case.status = CaseStatus(value)
        self.case.is_open = not self.case.status.is_terminal


@dataclass(frozen=True)
class WorkflowDefinition:
    """The states and actions of one kind of case."""

    kind: CaseKind | None
    title: str
    actions: tuple[ActionSpec, ...]
    initial: CaseStatus = CaseStatus.RECEIVED
    by_name: dict[str, ActionSpec] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {a.name: a for a in self.actions})

    @property
    def states(self) -> list[str]:
        """Every status the workflow can reach, in vocabulary order."""
        used = (
            {self.initial}
            | {s for a in self.actions for s in a.sources}
            | {a.dest for a in self.actions if a.dest}
        )
        return [s.value for s in CaseStatus if s in used]

    def action(self, name: str) -> ActionSpec | None:
        """The action of that name, or None when this workflow has none."""
        return self.by_name.get(name)

    def transitions(self) -> list[dict]:
        """The table in the form `transitions` takes; status-keeping actions are internal transitions."""
        return [
            {
                "trigger": a.name,
                "source": [s.value for s in a.sources],
                "dest": a.dest.value if a.dest else None,
                "conditions": [_as_condition(g) for g in a.guards],
            }
            for a in self.actions
        ]

    @cached_property
    def machine(self) -> Machine:
        """The one machine shared by every case of this kind (no model is ever attached)."""
        return Machine(
            model=None,
            states=self.states,
            transitions=self.transitions(),
            initial=None,
            auto_transitions=False,
            send_event=True,
            model_attribute="status",
        )

    def fire(self, context: ActionContext) -> bool:
        """Run the action on the shared machine; False when a guard refused (reason in context.refusal)."""
        try:
            return self.machine.events[context.spec.name].trigger(context)
        except MachineError as error:
            raise TransitionRefused(str(error)) from error

    def actions_from(self, status: CaseStatus) -> Iterable[ActionSpec]:
        """The actions that may fire from `status`."""
        return (a for a in self.actions if status in a.sources)


class TransitionRefused(Exception):
    """The shared machine has no such transition from the current status."""


def _as_condition(guard: GuardFn) -> Callable:
    """Wrap a guard that returns a reason into a `transitions` condition that records it."""

    def condition(event) -> bool:
        reason = guard(event.model)
        if reason:
            event.model.refusal = reason
        return reason is None

    condition.__name__ = guard.__name__
    condition.__qualname__ = guard.__name__
    return condition
