"""Guards: each returns None when the action may go ahead, or the reason it may not."""

from datetime import timedelta

from caseflow.i18n import N_, phrase
from caseflow.models import CaseKind, Channel, Complexity, Role
from caseflow.timeutil import local_date
from caseflow.workflows.base import ActionContext


def eligible_and_competent(ctx: ActionContext) -> str | None:
    """propose_acceptance needs an eligible letter within the agency's competence."""
    if not ctx.case.is_eligible:
        return N_("The letter was classified as not eligible for processing.")
    if not ctx.case.is_within_competence:
        return N_("The letter was classified as outside this agency's competence.")
    return None


def not_within_competence(ctx: ActionContext) -> str | None:
    """guide, forward and return are for letters outside the agency's competence."""
    if ctx.case.is_within_competence:
        return N_("The letter is within this agency's competence; propose acceptance instead.")
    return None


def not_guided_before(ctx: ActionContext) -> str | None:
    """A petitioner is guided only once on the same matter (TT 05/2021 Art 6(2)(b))."""
    earlier = ctx.lookups.earlier_case_on_same_matter(ctx.case, status="guided")
    if earlier:
        return (
            f"The petitioner was already guided on the same matter (case {earlier.tracking_code}); file it."
        )
    return None


def not_forwarded_before(ctx: ActionContext) -> str | None:
    """A denunciation is forwarded only once for the same content (TT 05/2021 Art 14)."""
    if ctx.case.kind != CaseKind.DENUNCIATION:
        return None
    earlier = ctx.lookups.earlier_case_on_same_matter(ctx.case, status="forwarded")
    if earlier:
        return f"This denunciation was already forwarded for the same content (case {earlier.tracking_code})."
    return None


def came_forwarded(ctx: ActionContext) -> str | None:
    """Only a letter forwarded by another body can be returned to it."""
    if ctx.case.channel != Channel.FORWARDED:
        return N_("Only a letter forwarded by another body can be returned to the forwarder.")
    return None


def assignee_is_handler_in_scope(ctx: ActionContext) -> str | None:
    """The assignee must be an active handler in the leader's scope who can see the case."""
    user = ctx.lookups.user(ctx.params["assignee"])
    if user is None or not user.is_active or Role.HANDLER not in user.roles:
        return N_("The assignee must be an active user with the handler role.")
    if not ctx.actor.unit.contains(user.unit) or not ctx.lookups.can_view(user, ctx.case):
        return N_("The assignee must work in the case's unit (or a unit above it, within your own).")
    return None


def handler_is_assignee(ctx: ActionContext) -> str | None:
    """A handler acts only on the cases assigned to them (leaders may act on any in scope)."""
    if Role.LEADER in ctx.actor.roles and Role.LEADER in ctx.spec.roles:
        return None
    if ctx.case.assignee_id != ctx.actor.id:
        return N_("Only the handler assigned to this case can do this.")
    return None


DIALOGUE_NOTICE_DAYS = 5  # R18: NĐ 124/2020 Art 28(1) as amended by NĐ 155/2026 Art 11, plain days


def dialogue_far_enough_ahead(ctx: ActionContext) -> str | None:
    """The invitation reaches the parties at least 5 days before the dialogue (R18); never in the past."""
    on, today = local_date(ctx.params["at"]), local_date(ctx.now)
    if on < today:
        return N_("A dialogue cannot be scheduled in the past.")
    earliest = today + timedelta(days=DIALOGUE_NOTICE_DAYS)
    if on < earliest:
        return phrase(
            "The invitation must be sent at least {days} days before the dialogue: schedule it on {earliest} "
            "or later.",
            days=DIALOGUE_NOTICE_DAYS,
            earliest=earliest.isoformat(),
        )
    return None


def dialogue_not_before_scheduled(ctx: ActionContext) -> str | None:
    """A dialogue is recorded on or after the day it was scheduled for."""
    dialogue = ctx.lookups.latest_dialogue(ctx.case)
    if dialogue and local_date(ctx.now) < local_date(dialogue.scheduled_dt):
        return phrase(
            "The dialogue is scheduled for {day}; it cannot be recorded before that day.",
            day=local_date(dialogue.scheduled_dt).isoformat(),
        )
    return None


def complaint_ready_for_decision(ctx: ActionContext) -> str | None:
    """A dialogue is needed for a level-2 complaint, or a level-1 one whose findings differ from it."""
    case = ctx.case
    needs_dialogue = case.level == 2 or case.findings_match_request is False
    if needs_dialogue and not case.dialogue_held:
        why = "a second-time complaint" if case.level == 2 else "the findings differ from the request"
        return f"A dialogue must be held before deciding ({why}; Luật KN Arts 30, 39)."
    return None


def decision_sent(ctx: ActionContext) -> str | None:
    """close needs the decision sent (not before it was signed) and published where the law requires."""
    decision = ctx.lookups.latest_decision(ctx.case)
    sent_on, published_on = ctx.params["sent_on"], ctx.params.get("published_on")
    if decision and sent_on < decision.signed_on:
        return f"The decision cannot be sent ({sent_on}) before it was signed ({decision.signed_on})."
    if sent_on > local_date(ctx.now):
        return N_("The sending date cannot be in the future.")
    if _must_publish(ctx) and not published_on:
        return N_("This decision must be published before the case is closed (published_on).")
    if ctx.case.kind == CaseKind.DENUNCIATION and not ctx.params.get("measures"):
        return N_("Record the measures taken to handle the conclusion (measures).")
    return None


def _must_publish(ctx: ActionContext) -> bool:
    """Second-time complaint decisions and denunciation conclusions are published."""
    return (
        ctx.case.kind == CaseKind.COMPLAINT and ctx.case.level == 2
    ) or ctx.case.kind == CaseKind.DENUNCIATION


def extension_allowed(ctx: ActionContext) -> str | None:
    """An extension is granted before the due date, within the rule's caps and its maximum of days."""
    return ctx.lookups.extension_refusal(
        ctx.case, Complexity(ctx.params["complexity"]), days=ctx.params["days"], on=local_date(ctx.now)
    )


def suspension_allowed(ctx: ActionContext) -> str | None:
    """Only a resolution the rules let be suspended (accepted, not decided; complaints from 2026-07-01)."""
    return ctx.lookups.suspension_refusal(ctx.case)


def may_withdraw(ctx: ActionContext) -> str | None:
    """A denunciation the resolver must continue cannot be withdrawn (Luật TC Art 33(3))."""
    if ctx.case.kind == CaseKind.DENUNCIATION and ctx.case.is_must_continue:
        return N_(
            "This denunciation shows signs of a violation and must be resolved; it cannot be withdrawn."
        )
    return None


def level_one(ctx: ActionContext) -> str | None:
    """Only a first-time complaint can be appealed."""
    if ctx.case.level != 1:
        return N_("Only a first-time (level 1) complaint decision can be appealed to the second level.")
    return None


def within_appeal_window(ctx: ActionContext) -> str | None:
    """A second complaint comes after the L1 period ended undecided, or within 30 days of receipt (Art 33)."""
    received_on = ctx.params["received_on"]
    if received_on > local_date(ctx.now):
        return N_("The appeal cannot be received in the future.")
    window = ctx.lookups.appeal_window(ctx.case)
    if window is None:
        return N_("The appeal window has not started: the case has no first-time decision.")
    if window.opens_after and received_on <= window.opens_after:
        return phrase(
            "The first-time resolution period is still running (due {due}); a second complaint can be "
            "lodged once it ends without a decision.",
            due=window.opens_after.isoformat(),
        )
    if window.ends_on and received_on > window.ends_on:
        return phrase("The appeal window ended on {day}.", day=window.ends_on.isoformat())
    return None


def delivery_after_decision(ctx: ActionContext) -> str | None:
    """A decision is received after it was signed, and not in the future."""
    decision = ctx.lookups.latest_decision(ctx.case)
    received_on = ctx.params["received_on"]
    if decision is None:
        return N_("The case has no decision or conclusion to deliver.")
    if received_on < decision.signed_on:
        return phrase(
            "The decision cannot be received ({received}) before it was signed ({signed}).",
            received=received_on.isoformat(),
            signed=decision.signed_on.isoformat(),
        )
    if received_on > local_date(ctx.now):
        return N_("The date of receipt cannot be in the future.")
    return None


def no_open_appeal(ctx: ActionContext) -> str | None:
    """Only one second-level case per first-level case."""
    child = ctx.lookups.child_case(ctx.case)
    if child:
        return f"This decision was already appealed (case {child.tracking_code})."
    return None


def waiver_allowed(ctx: ActionContext) -> str | None:
    """record_waiver: a protected, named sender who agreed on a date between receipt and the action's date."""
    case, agreed_on = ctx.case, ctx.params["agreed_on"]
    if not ctx.lookups.masks_identity(case):
        return N_("The sender's identity is not protected on this case.")
    if case.is_anonymous or case.petitioner is None:
        return N_("The letter names no sender whose identity could be disclosed.")
    if agreed_on < case.received_on:
        return phrase(
            "The denouncer cannot agree before the letter was received ({received}).",
            received=case.received_on.isoformat(),
        )
    if agreed_on > local_date(ctx.now):
        return N_("The date of agreement cannot be in the future.")
    return None


def within_limitation(ctx: ActionContext) -> str | None:
    """accept: a first complaint lodged after the 90-day limitation (R7, Luật KN Art 9), or more than 30 days
    after the same complaint was terminated (R20, Art 11(8)), is refused."""
    return ctx.lookups.limitation_refusal(ctx.case) or ctx.lookups.termination_bar_refusal(ctx.case)


def superior_and_overdue(ctx: ActionContext) -> str | None:
    """request_report: a leader of a unit above the resolver's asks when the resolution is overdue (R36)."""
    if ctx.actor.unit_id == ctx.case.unit_id:
        return N_("Only a leader of a superior unit may request a report on this denunciation.")
    today = local_date(ctx.now)
    resolving = [c for c in ctx.case.deadlines if c.rule_id == "resolve_denunciation" and c.met_on is None]
    if not resolving or resolving[0].due_on >= today:
        return N_("The resolution of this denunciation is not overdue.")
    return None


def superior_reviews_after_conclusion(ctx: ActionContext) -> str | None:
    """review_redenunciation: a superior unit's leader, on a re-denunciation received after the conclusion."""
    if ctx.actor.unit_id == ctx.case.unit_id:
        return N_("Only a leader of a superior unit may review a re-denunciation.")
    decision, received_on = ctx.lookups.latest_decision(ctx.case), ctx.params["received_on"]
    if decision and received_on < decision.signed_on:
        return phrase(
            "The re-denunciation cannot be received ({received}) before the conclusion was signed "
            "({signed}).",
            received=received_on.isoformat(),
            signed=decision.signed_on.isoformat(),
        )
    if received_on > local_date(ctx.now):
        return N_("The date of receipt cannot be in the future.")
    return None
