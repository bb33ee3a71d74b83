"""Public dialogues: recording, permissions, and an issue followed through the petition workflow."""

from datetime import date, timedelta

import pytest

from caseflow.errors import ConflictError, InvalidInput, NotFound, PermissionDenied
from caseflow.extensions import db
from caseflow.models import CaseKind, CaseStatus, Channel
from caseflow.services.engagement import public_dialogues as svc
from caseflow.timeutil import local_date


def dialogue_data(**overrides) -> dict:
    """A dialogue with the households of a land-clearance project, with two issues."""
    data = {
        "held_on": "2027-01-04",
        "place": "Nhà văn hoá thôn Đoài",
        "audience": "households",
        "audience_note": "Dự án mở rộng đường 23B",
        "participants": 64,
        "minutes": "Giám đốc Sở chủ trì; các hộ dân nêu ý kiến về giá bồi thường.",
        "issues": [
            {"text": "Đề nghị công khai bảng giá đất bồi thường", "raised_by": "Ông Nguyễn Văn Bình"},
            {"text": "Đề nghị bố trí tái định cư tại chỗ", "answer_due_on": "2027-01-15"},
        ],
    }
    return {**data, **overrides}


def record(world, actor="leader", **overrides):
    """Record and commit a dialogue."""
    dialogue = svc.record_dialogue(dialogue_data(**overrides), actor=world.users[actor], now=world.now)
    db.session.commit()
    return dialogue


def states(dialogue, today):
    """Each issue's state."""
    return [s.state for s in svc.issues_of(dialogue, today)]


def test_a_dialogue_is_recorded_with_its_issues(world):
    dialogue = record(world)
    assert dialogue.host_name == world.users["leader"].full_name
    assert dialogue.unit_id == world.users["leader"].unit_id
    assert states(dialogue, date(2027, 1, 4)) == ["not_a_case", "not_a_case"]
    assert states(dialogue, date(2027, 1, 16)) == ["not_a_case", "overdue"]


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("held_on", {"held_on": "2027-02-01"}),
        ("audience", {"audience": "tourists"}),
        ("participants", {"participants": 0}),
        ("place", {"place": ""}),
        ("issues", {"issues": [{"text": ""}]}),
    ],
)
def test_bad_dialogues_are_refused_next_to_the_field(world, field, overrides):
    with pytest.raises(InvalidInput) as refused:
        record(world, **overrides)
    assert field in refused.value.errors


@pytest.mark.parametrize("actor", ["handler", "officer", "inspector"])
def test_only_leaders_and_reception_record_dialogues(world, actor):
    with pytest.raises(PermissionDenied):
        record(world, actor=actor)


def test_everyone_in_scope_reads_and_others_get_not_found(world):
    dialogue = record(world, actor="reception")
    for who in ("handler", "inspector", "city_officer"):
        assert svc.get_dialogue(dialogue.id, world.users[who]) == dialogue
    for who in ("stranger", "sxd_handler"):
        with pytest.raises(NotFound):
            svc.get_dialogue(dialogue.id, world.users[who])


def test_an_issue_is_added_later_with_the_next_number(world):
    dialogue = record(world)
    issue = svc.add_issue(
        dialogue, {"text": "Hỏi về hỗ trợ chuyển đổi nghề"}, actor=world.users["reception"], now=world.now
    )
    assert issue.seq == 3


def test_an_issue_becomes_a_petition_once(world):
    dialogue = record(world)
    first = svc.issues_of(dialogue, local_date(world.now))[0].issue
    case = svc.open_case(first, actor=world.users["reception"], now=world.now)
    db.session.commit()
    assert (case.kind, case.channel, case.status) == (
        CaseKind.PETITION,
        Channel.DIALOGUE,
        CaseStatus.RECEIVED,
    )
    assert case.subject == "Đề nghị công khai bảng giá đất bồi thường"
    assert case.received_on == date(2027, 1, 4)
    assert [p.full_name for p in case.parties] == ["Ông Nguyễn Văn Bình"]
    assert first.case_id == case.id
    with pytest.raises(ConflictError):
        svc.open_case(first, actor=world.users["reception"], now=world.now)


def test_an_issue_nobody_named_becomes_an_anonymous_petition(world):
    dialogue = record(world)
    second = svc.issues_of(dialogue, local_date(world.now))[1].issue
    case = svc.open_case(second, actor=world.users["officer"], now=world.now)
    assert case.is_anonymous and case.parties == []


def test_leaders_without_a_desk_role_do_not_record_letters(world):
    dialogue = record(world)
    issue = svc.issues_of(dialogue, local_date(world.now))[0].issue
    with pytest.raises(PermissionDenied):
        svc.open_case(issue, actor=world.users["leader"], now=world.now)


def test_an_issue_raised_at_a_dialogue_is_followed_to_its_answer(world):
    dialogue = record(world)
    issue = svc.issues_of(dialogue, local_date(world.now))[0].issue
    case = svc.open_case(issue, actor=world.users["reception"], now=world.now)
    db.session.commit()
    world.kinds[case.id] = "petition"
    world.bring_to(case, CaseStatus.VERIFYING)
    progress = svc.issues_of(dialogue, local_date(world.now))[0]
    assert progress.state == "in_progress" and progress.due_on == case.due_on is not None
    late = case.due_on + timedelta(days=1)
    assert svc.issues_of(dialogue, late)[0].state == "overdue"
    world.bring_to(case, CaseStatus.DECIDED)
    assert case.status == CaseStatus.DECIDED
    assert svc.issues_of(dialogue, late)[0].state == "answered"
    world.act(case, "close")
    assert svc.issues_of(dialogue, late)[0].state == "answered"
