"""Guards refuse with a reason a person can act on; bad parameters are refused per field."""

from datetime import timedelta

import pytest

from caseflow.errors import GuardFailed, InvalidInput
from caseflow.models import CaseStatus
from caseflow.services.cases.matching import child_case
from caseflow.services.cases.records import latest_decision


def test_propose_acceptance_needs_an_eligible_letter(world):
    case = world.new_case_at("complaint", CaseStatus.RECEIVED)
    world.act(case, "classify", eligible=False)
    with pytest.raises(GuardFailed, match="not eligible"):
        world.act(case, "propose_acceptance")


def test_guide_is_only_for_letters_outside_competence(world):
    case = world.new_case_at("petition", CaseStatus.CLASSIFIED)
    with pytest.raises(GuardFailed, match="within this agency's competence"):
        world.act(case, "guide")


def test_a_petitioner_is_guided_only_once_on_the_same_matter(world):
    world.new_case_at("petition", CaseStatus.GUIDED)
    again = world.new_case_at("petition", CaseStatus.CLASSIFIED, purpose="guide")
    with pytest.raises(GuardFailed, match="already guided"):
        world.act(again, "guide")
    other_matter = world.new_case_at(
        "petition",
        CaseStatus.CLASSIFIED,
        purpose="guide",
        subject="Phản ánh tiếng ồn quán karaoke",
        content="Quán karaoke hoạt động quá giờ gây mất trật tự khu dân cư",
    )
    assert world.act(other_matter, "guide").case.status == CaseStatus.GUIDED


def test_a_denunciation_is_forwarded_once_per_content(world):
    world.new_case_at("denunciation", CaseStatus.FORWARDED)
    again = world.new_case_at("denunciation", CaseStatus.CLASSIFIED, purpose="forward")
    with pytest.raises(GuardFailed, match="already forwarded"):
        world.act(again, "forward")


def test_only_a_forwarded_letter_returns_to_its_forwarder(world):
    case = world.new_case_at("complaint", CaseStatus.CLASSIFIED, purpose="guide")
    with pytest.raises(GuardFailed, match="forwarded by another body"):
        world.act(case, "return_to_forwarder")


@pytest.mark.parametrize(("assignee", "reason"), [("officer", "handler role"), ("sxd_handler", "unit")])
def test_assignee_must_be_a_handler_in_the_cases_unit(world, assignee, reason):
    case = world.new_case_at("complaint", CaseStatus.ACCEPTED)
    with pytest.raises(GuardFailed, match=reason):
        world.act(case, "assign", assignee=world.users[assignee].id)


def test_only_the_assigned_handler_reports(world):
    case = world.new_case_at("complaint", CaseStatus.VERIFYING)
    with pytest.raises(GuardFailed, match="assigned"):
        world.act(case, "submit_report", actor="handler2")


def test_level_1_complaint_needs_a_dialogue_when_findings_differ(world):
    case = world.new_case_at("complaint", CaseStatus.VERIFYING)
    world.act(case, "submit_report", matches_request=False)
    with pytest.raises(GuardFailed, match="dialogue"):
        world.act(case, "decide")
    world.act(case, "schedule_dialogue")
    world.act(case, "record_dialogue")
    assert world.act(case, "decide").case.status == CaseStatus.DECIDED


def test_level_2_complaint_always_needs_a_dialogue(world):
    parent = world.new_case_at("complaint", CaseStatus.DECIDED)
    world.act(parent, "appeal", actor="officer")
    child = child_case(parent)
    assert (child.level, child.unit.code, child.parent_case_id) == (2, "HN", parent.id)
    for action, actor in [
        ("classify", "city_officer"),
        ("propose_acceptance", "city_officer"),
        ("accept", "city_leader"),
        ("assign", "city_leader"),
        ("submit_report", "city_handler"),
    ]:
        extra = {"assignee": world.users["city_handler"].id} if action == "assign" else {}
        world.act(child, action, actor=actor, **extra)
    with pytest.raises(GuardFailed, match="second-time"):
        world.act(child, "decide", actor="city_leader")


def test_close_needs_the_decision_sent_after_signing(world):
    case = world.new_case_at("complaint", CaseStatus.DECIDED)
    signed_on = latest_decision(case).signed_on
    with pytest.raises(GuardFailed, match="before it was signed"):
        world.act(case, "close", sent_on=(signed_on - timedelta(days=1)).isoformat())


def test_denunciation_closes_only_when_published_with_measures(world):
    case = world.new_case_at("denunciation", CaseStatus.DECIDED)
    with pytest.raises(GuardFailed, match="published"):
        world.act(case, "close", published_on=None)
    with pytest.raises(GuardFailed, match="measures"):
        world.act(case, "close", measures="")


def test_complaint_extends_to_the_complex_limit_once(world):
    case = world.new_case_at("complaint", CaseStatus.ACCEPTED)
    world.act(case, "extend")
    with pytest.raises(GuardFailed, match="only once"):
        world.act(case, "extend")


@pytest.mark.parametrize(("complexity", "allowed"), [("complex", 1), ("especially_complex", 2)])
def test_denunciation_extensions_are_capped_by_complexity(world, complexity, allowed):
    case = world.new_case_at("denunciation", CaseStatus.VERIFYING)
    for _ in range(allowed):
        world.act(case, "extend", complexity=complexity)
    with pytest.raises(GuardFailed, match=f"at most {allowed}"):
        world.act(case, "extend", complexity=complexity)


def test_denunciation_that_must_continue_cannot_be_withdrawn(world):
    case = world.new_case_at("denunciation", CaseStatus.PENDING_ACCEPTANCE)
    world.act(case, "accept", must_continue=True)
    with pytest.raises(GuardFailed, match="cannot be withdrawn"):
        world.act(case, "withdraw")


def test_appeal_only_within_the_window_and_once(world):
    case = world.new_case_at("complaint", CaseStatus.DECIDED)
    world.act(case, "record_delivery")
    late = world.now + timedelta(days=40)
    with pytest.raises(GuardFailed, match="window ended"):
        world.act(case, "appeal", now=late, received_on=late.date().isoformat())
    world.act(case, "appeal")
    with pytest.raises(GuardFailed, match="already appealed"):
        world.act(case, "appeal")


def test_invalid_parameters_are_refused_per_field(world):
    case = world.intake()
    with pytest.raises(InvalidInput) as refused:
        world.act(case, "classify", kind="rumour", colour="red")
    assert set(refused.value.errors) == {"kind", "colour"}
    assert case.status == CaseStatus.RECEIVED and case.version == 1
