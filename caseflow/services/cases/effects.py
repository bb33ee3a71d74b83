"""What each action does to the case beyond its status: fields, records and clocks."""

from collections.abc import Callable

from caseflow.extensions import db
from caseflow.models import (
    RESOLUTION_RESULTS,
    Case,
    CaseField,
    CaseKind,
    Complexity,
    Decision,
    Delivery,
    Dialogue,
    User,
    VerificationReport,
)
from caseflow.services.cases import deadlines
from caseflow.services.cases.intake import open_appeal, rebuild_search_text
from caseflow.services.cases.records import latest_decision, latest_dialogue
from caseflow.timeutil import local_date
from caseflow.workflows import ActionContext

Effect = Callable[[ActionContext], None]
TRACKED_FIELDS = (
    "status",
    "kind",
    "level",
    "field",
    "is_eligible",
    "is_within_competence",
    "signatories",
    "assignee_id",
    "complexity",
    "is_remote_area",
    "is_suspended",
    "is_must_continue",
    "to_agency",
    "outcome",
    "dialogue_held",
    "findings_match_request",
    "extension_count",
    "due_on",
    "is_overdue",
)


def snapshot(case: Case) -> dict:
    """The tracked fields' values, to diff after the action."""
    return {name: getattr(case, name) for name in TRACKED_FIELDS}


def diff(before: dict, case: Case) -> dict:
    """{field: [old, new]} for every tracked field that changed."""
    return {name: [old, getattr(case, name)] for name, old in before.items() if getattr(case, name) != old}


def _classify(ctx: ActionContext) -> None:
    """Set what the letter is and start the kind's processing clocks."""
    case, params = ctx.case, ctx.params
    case.kind, case.field = CaseKind(params["kind"]), CaseField(params["field"])
    case.level = (params.get("level") or case.level or 1) if case.kind == CaseKind.COMPLAINT else None
    case.is_eligible, case.is_within_competence = params["eligible"], params["within_competence"]
    case.signatories = params.get("signatories") or case.signatories
    case.learned_on, case.obstacle_days = params.get("learned_on"), params.get("obstacle_days") or 0
    rebuild_search_text(case)
    deadlines.drop_inapplicable(case, now=ctx.now)
    deadlines.start_clocks(
        case,
        "received",
        on=case.received_on,
        now=ctx.now,
        options={"several_places": params["several_places"]},
    )


def _forward(ctx: ActionContext) -> None:
    """Note where the letter went."""
    ctx.case.to_agency = ctx.params["to_agency"]


def _guide(ctx: ActionContext) -> None:
    """Note which body the petitioner was guided to."""
    ctx.case.to_agency = ctx.params.get("to_agency") or None


def _accept(ctx: ActionContext) -> None:
    """Thụ lý: set complexity and area, start the resolution clock."""
    case = ctx.case
    case.complexity = Complexity(ctx.params["complexity"])
    case.is_remote_area = ctx.params["is_remote_area"] or case.is_remote_area
    case.is_must_continue = ctx.params["must_continue"]
    deadlines.start_clocks(case, "accepted", on=local_date(ctx.now), now=ctx.now)


def _assign(ctx: ActionContext) -> None:
    """Give the case to a handler."""
    ctx.case.assignee = db.session.get(User, ctx.params["assignee"])
    ctx.case.assignee_id = ctx.case.assignee.id  # set now: the flush comes after the audit diff


def _submit_report(ctx: ActionContext) -> None:
    """Record the verification report."""
    ctx.case.findings_match_request = ctx.params["matches_request"]
    db.session.add(
        VerificationReport(
            case_id=ctx.case.id,
            author_id=ctx.actor.id,
            submitted_dt=ctx.now,
            findings=ctx.params["findings"],
            matches_request=ctx.params["matches_request"],
        )
    )


def _schedule_dialogue(ctx: ActionContext) -> None:
    """Record when and where the dialogue will be."""
    db.session.add(
        Dialogue(
            case_id=ctx.case.id,
            scheduled_dt=ctx.params["at"],
            place=ctx.params["place"],
            invitees=ctx.params["invitees"],
        )
    )


def _record_dialogue(ctx: ActionContext) -> None:
    """Record the minutes of the dialogue and mark it held."""
    dialogue = latest_dialogue(ctx.case)
    for name in ("minutes", "present", "absent", "agreed", "disputed"):
        setattr(dialogue, name, ctx.params[name])
    dialogue.held_dt = ctx.now
    ctx.case.dialogue_held = True


def _decide(ctx: ActionContext) -> None:
    """Record the decision or conclusion and start the clocks that run from it."""
    params, case = ctx.params, ctx.case
    kind = "conclusion" if case.kind == CaseKind.DENUNCIATION else "decision"
    decision = _add_decision(
        ctx, kind, params["outcome"], params["number"], params["signed_on"], params["summary"]
    )
    for name in RESOLUTION_RESULTS:  # what the decision recovers, returns and refers, when recorded
        setattr(decision, name, params.get(name))
    deadlines.start_clocks(case, "decided", on=params["signed_on"], now=ctx.now)


def _answer(ctx: ActionContext) -> None:
    """Record the answer to a petition."""
    signed_on = ctx.params.get("signed_on") or local_date(ctx.now)
    _add_decision(ctx, "answer", "answered", ctx.params["number"], signed_on, ctx.params["answer"])
    deadlines.start_clocks(ctx.case, "decided", on=signed_on, now=ctx.now)


def _add_decision(
    ctx: ActionContext, kind: str, outcome: str, number: str, signed_on, summary: str
) -> Decision:
    """Add a decision row and set the case outcome."""
    ctx.case.outcome = outcome
    decision = Decision(
        case_id=ctx.case.id,
        kind=kind,
        outcome=outcome,
        number=number,
        signed_on=signed_on,
        summary=summary,
        signed_by_id=ctx.actor.id,
        created_dt=ctx.now,
    )
    db.session.add(decision)
    return decision


def _close(ctx: ActionContext) -> None:
    """Record how the decision was sent and published."""
    decision = latest_decision(ctx.case)
    if decision:
        decision.sent_on, decision.recipients = ctx.params["sent_on"], ctx.params["recipients"]
        decision.published_on, decision.measures = ctx.params.get("published_on"), ctx.params["measures"]


def _record_delivery(ctx: ActionContext) -> None:
    """Record who received the decision; the complainant's receipt starts the appeal window."""
    params, case = ctx.params, ctx.case
    db.session.add(
        Delivery(
            case_id=case.id,
            decision_id=latest_decision(case).id,
            recipient=params["recipient"],
            party=params["party"],
            received_on=params["received_on"],
            method=params["method"],
            recorded_by_id=ctx.actor.id,
            created_dt=ctx.now,
        )
    )
    if params["party"] == "petitioner":
        deadlines.start_clocks(case, "delivered", on=params["received_on"], now=ctx.now)


def _record_waiver(ctx: ActionContext) -> None:
    """The denouncer agreed to disclosure: the masking is lifted and search may find them again."""
    ctx.case.identity_waived_on = ctx.params["agreed_on"]
    rebuild_search_text(ctx.case)


def _review_redenunciation(ctx: ActionContext) -> None:
    """The superior's review of a re-denunciation: its 20-day clock runs from receipt and is met now (R35)."""
    deadlines.start_clocks(ctx.case, "redenounced", on=ctx.params["received_on"], now=ctx.now)
    deadlines.meet_clocks(ctx.case, "review_redenunciation", now=ctx.now)


def _request_report(ctx: ActionContext) -> None:
    """A superior asked for a report on the overdue denunciation: the resolver's 5 working days (R36)."""
    deadlines.start_clocks(ctx.case, "report_requested", on=local_date(ctx.now), now=ctx.now)


def _extend(ctx: ActionContext) -> None:
    """Lengthen the resolution clock."""
    complexity, params = Complexity(ctx.params["complexity"]), ctx.params
    deadlines.extend(
        ctx.case,
        complexity,
        days=params["days"],
        criterion=params["criterion"],
        reason=params["reason"],
        on=local_date(ctx.now),
    )
    ctx.case.complexity = complexity
    ctx.case.extension_count += 1


def _suspend(ctx: ActionContext) -> None:
    """Pause the resolution clock (Luật TC Art 34, Luật KN Art 11a); other clocks keep running."""
    ctx.case.is_suspended = True
    deadlines.pause_suspendable(ctx.case, on=local_date(ctx.now))
    deadlines.start_clocks(ctx.case, "suspended", on=local_date(ctx.now), now=ctx.now)


def _resume(ctx: ActionContext) -> None:
    """Restart the paused clocks; due dates move by the paused time."""
    ctx.case.is_suspended = False
    deadlines.resume_paused(ctx.case, on=local_date(ctx.now))
    deadlines.start_clocks(ctx.case, "resumed", on=local_date(ctx.now), now=ctx.now)


def _appeal(ctx: ActionContext) -> None:
    """Open the linked level-2 case at the superior unit."""
    child = open_appeal(
        ctx.case,
        actor=ctx.actor,
        now=ctx.now,
        received_on=ctx.params["received_on"],
        subject=ctx.params["subject"],
        content=ctx.params["content"],
    )
    ctx.params = {**ctx.params, "level2_case": child.tracking_code}


EFFECTS: dict[str, Effect] = {
    "classify": _classify,
    "forward": _forward,
    "guide": _guide,
    "accept": _accept,
    "assign": _assign,
    "submit_report": _submit_report,
    "schedule_dialogue": _schedule_dialogue,
    "record_dialogue": _record_dialogue,
    "decide": _decide,
    "answer": _answer,
    "close": _close,
    "record_delivery": _record_delivery,
    "record_waiver": _record_waiver,
    "request_report": _request_report,
    "review_redenunciation": _review_redenunciation,
    "extend": _extend,
    "suspend": _suspend,
    "resume": _resume,
    "appeal": _appeal,
}


def apply_effects(ctx: ActionContext) -> None:
    """Run the action's effect, then meet the clocks it stops (or all of them on a terminal status)."""
    if ctx.spec.effect:
        EFFECTS[ctx.spec.effect](ctx)
    if ctx.case.status.is_terminal:
        deadlines.meet_all(ctx.case, now=ctx.now)
    else:
        deadlines.meet_clocks(ctx.case, ctx.spec.name, now=ctx.now)
    deadlines.refresh_case_due(ctx.case)
