"""Letters driven through the real action service along chosen paths at chosen times, and an oracle that
recomputes every report figure in Python by replaying each case's audit trail."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from caseflow.extensions import db
from caseflow.models import RESOLUTION_RESULTS, Case, CaseEvent, Deadline, Dialogue, Unit
from caseflow.services.reports.queries import PROCESSING_STAGE, RESOLUTION_STAGE
from caseflow.timeutil import local_date
from tests.factories import World

ACCEPTED = ["classify", "propose_acceptance", "accept", "assign"]
PATHS = {
    None: [["file"], ["withdraw"], ["terminate"]],
    "complaint": [
        ACCEPTED + ["submit_report", "decide", "close"],
        ACCEPTED + ["submit_report:differs", "schedule_dialogue", "record_dialogue", "decide", "close"],
        ["classify:outside", "guide"],
        ["classify:outside", "forward"],
        ["classify:outside", "return_to_forwarder"],
        ["classify:ineligible", "file"],
        ["classify", "propose_acceptance", "reject"],
        ACCEPTED + ["withdraw"],
        ["classify", "propose_acceptance", "accept", "terminate"],
    ],
    "denunciation": [
        ACCEPTED + ["submit_report", "decide", "close"],
        ["classify:outside", "forward"],
        ["classify", "file"],
        ["classify", "propose_acceptance", "reject"],
        ACCEPTED + ["withdraw"],
        ACCEPTED + ["submit_report", "terminate"],
    ],
    "petition": [
        ACCEPTED + ["answer", "close"],
        ["classify:outside", "guide"],
        ["classify", "propose_acceptance", "accept", "withdraw"],
    ],
}
ACTORS = {
    "submit_report": "city_handler",
    "record_dialogue": "city_handler",
    "answer": "city_handler",
    "schedule_dialogue": "city_handler",
    "accept": "city_leader",
    "assign": "city_leader",
    "decide": "city_leader",
    "close": "city_leader",
    "terminate": "city_leader",
    "reject": "city_leader",
}


@dataclass
class LetterPlan:
    """One letter: its kind, its path (cut after `steps` actions), when it arrives, the gaps between steps."""

    kind: str | None
    path: int
    steps: int
    unit: str
    arrive_days: int
    gaps: list[int] = field(default_factory=list)
    outcome: int = 0
    present: int = 1
    results: dict[str, int] = field(default_factory=dict)

    def actions(self) -> list[str]:
        """The actions this letter goes through."""
        return PATHS[self.kind][self.path % len(PATHS[self.kind])][: self.steps]


def drive(world: World, plan: LetterPlan, number: int, base: datetime) -> Case:
    """Record the letter at its arrival time in its unit, then take its actions at their times."""
    at = base + timedelta(days=plan.arrive_days, hours=number % 7)
    actions = plan.actions()
    forwarded = any(a.startswith("return_to_forwarder") for a in actions)
    extra = {"channel": "forwarded", "forwarded_by": "Ban Tiếp công dân"} if forwarded else {}
    case = world.intake(
        plan.kind or "complaint",
        now=at,
        subject=f"Đơn số {number} về việc riêng {number}",
        content=f"Nội dung riêng của đơn số {number}",
        received_on=local_date(at).isoformat(),
        petitioner={"full_name": f"Người gửi {number}", "address": f"Số {number} phố Huế"},
        **extra,
    )
    unit_id = db.session.scalar(sa.select(Unit.id).where(Unit.code == plan.unit))
    db.session.execute(sa.update(Case).where(Case.id == case.id).values(unit_id=unit_id))
    db.session.commit()
    meeting = at
    for index, action in enumerate(actions):
        at += timedelta(days=plan.gaps[index % len(plan.gaps)] if plan.gaps else 1, minutes=5)
        if action == "schedule_dialogue":
            meeting = at + DIALOGUE_AHEAD
        if action == "record_dialogue":
            at = max(at, meeting + timedelta(minutes=5))  # held as scheduled, not before
        take(world, case, action, at, plan)
    return case


DIALOGUE_AHEAD = timedelta(days=6)  # invitations go out at least 5 days before the dialogue (R18)


def take(world: World, case: Case, action: str, at: datetime, plan: LetterPlan) -> None:
    """One action at time `at`, with parameters that fit the letter and the time."""
    name, _, variant = action.partition(":")
    day = local_date(at).isoformat()
    params: dict = {}
    if name == "classify":
        params = {"within_competence": variant != "outside", "eligible": variant != "ineligible"}
    outcomes = {
        "complaint": ["right", "partly_right", "wrong"],
        "denunciation": ["true", "partly_true", "untrue"],
    }
    if name == "decide":
        params = {"outcome": outcomes[plan.kind][plan.outcome % 3], "signed_on": day, **plan.results}
    if name == "close":
        params = {"sent_on": day, "published_on": day}
    if name == "submit_report":
        params = {"matches_request": variant != "differs"}
    if name == "assign":
        params = {"assignee": world.users["city_handler"].id}
    if name == "schedule_dialogue":
        params = {"at": (at + DIALOGUE_AHEAD).isoformat()}
    if name == "record_dialogue":
        params = {"present": [f"Người {i}" for i in range(plan.present)]}
    if name == "answer":
        params = {"signed_on": day}
    world.act(case, name, actor=ACTORS.get(name, "city_officer"), now=at, **params)


class Oracle:
    """Report figures recomputed case by case from the replayed audit trail (a test may loop)."""

    def __init__(self) -> None:
        self.cases = list(db.session.scalars(sa.select(Case).order_by(Case.id)))
        self.units = {u.id: u for u in db.session.scalars(sa.select(Unit))}
        self.events: dict[int, list[CaseEvent]] = {}
        for event in db.session.scalars(sa.select(CaseEvent).order_by(CaseEvent.case_id, CaseEvent.seq)):
            self.events.setdefault(event.case_id, []).append(event)
        late = sa.select(Deadline.case_id).where(Deadline.start_event == "accepted", Deadline.is_late)
        self.late = set(db.session.scalars(late))
        self.dialogues = list(db.session.scalars(sa.select(Dialogue)))

    def status_at(self, case: Case, moment: datetime) -> str | None:
        """The case's status just before `moment` (None before its intake)."""
        status = None
        for event in self.events.get(case.id, []):
            if event.created_dt < moment and event.to_status:
                status = event.to_status
        return status

    def first_after(self, case: Case, stage: tuple[str, ...]) -> tuple[str, datetime] | tuple[None, None]:
        """The first status outside `stage` reached from inside it, and when."""
        for event in self.events.get(case.id, []):
            if event.from_status in stage and event.to_status not in stage:
                return event.to_status, event.created_dt
        return None, None

    def in_subtree(self, case: Case, unit: Unit) -> bool:
        """True when the case's unit is `unit` or below it."""
        return self.units[case.unit_id].path.startswith(unit.path)

    def processing(self, unit: Unit, start, end, first, after) -> dict[str, int]:
        """The processing form's totals for `unit`'s subtree."""
        counts: dict[str, int] = {}

        def add(code: str) -> None:
            counts[code] = counts.get(code, 0) + 1

        for case in self.cases:
            if not self.in_subtree(case, unit) or case.received_on > end:
                continue
            at_start = self.status_at(case, first)
            if case.received_on < start and at_start not in (None, *PROCESSING_STAGE):
                continue
            add("total")
            add("received" if case.received_on >= start else "carried_over")
            add(f"{case.kind}s" if case.kind else "unclassified")
            if case.is_eligible is not None:
                add("eligible" if case.is_eligible else "ineligible")
            if case.is_within_competence:
                add("within_competence")
            outcome, when = self.first_after(case, PROCESSING_STAGE)
            if outcome and when < after:
                add("processed")
                add(outcome)
            else:
                add("pending")
        return counts

    def resolution(self, unit: Unit, kind: str, first, after) -> dict[str, int]:
        """The complaint or denunciation form's totals for `unit`'s subtree."""
        counts: dict[str, int] = {}

        def add(code: str) -> None:
            counts[code] = counts.get(code, 0) + 1

        for case in self.cases:
            accepted = [e.created_dt for e in self.events.get(case.id, []) if e.to_status == "accepted"]
            if case.kind != kind or not self.in_subtree(case, unit) or not accepted or accepted[0] >= after:
                continue
            if accepted[0] < first and self.status_at(case, first) not in RESOLUTION_STAGE:
                continue
            add("accepted")
            add("newly_accepted" if accepted[0] >= first else "carried_over")
            result, when = self.first_after(case, RESOLUTION_STAGE)
            if result is None or when >= after:
                add("in_progress")
            elif result == "decided":
                decided = next(e for e in self.events[case.id] if e.action == "decide")
                for name in RESOLUTION_RESULTS:  # the results as the audit trail recorded them
                    counts[name] = counts.get(name, 0) + (decided.params.get(name) or 0)
                add("resolved")
                add(case.outcome)
                add("late" if case.id in self.late else "on_time")
                age = (local_date(when) - case.received_on).days
                if case.id in self.late or age > current_app.config["CASEFLOW_PROLONGED_AGE_DAYS"]:
                    add("prolonged_resolved")
            else:
                add(result)
        counts["dialogues"] = sum(
            1
            for d in self.dialogues
            if d.held_dt and first <= d.held_dt < after
            for c in self.cases
            if c.id == d.case_id and c.kind == kind and self.in_subtree(c, unit)
        )
        return counts
