"""Intake: tracking code, PIN, parties, first clocks and event; likely duplicates; nothing half-saved."""

import re

import pytest
import sqlalchemy as sa

from caseflow.errors import InvalidInput, PermissionDenied
from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, Party
from caseflow.services.cases import intake
from caseflow.services.cases.matching import PersonKey, find_duplicates
from caseflow.services.reception.sessions import record_session
from caseflow.text import fold


def create(world, actor="reception", **overrides):
    result = intake.create_case(world.letter(**overrides), actor=world.users[actor], now=world.now)
    db.session.commit()
    return result


def test_intake_gives_a_tracking_code_and_a_pin_checked_against_its_hash(world):
    result = create(world)
    assert re.fullmatch(r"HN-2027-\d{6}", result.case.tracking_code)
    assert re.fullmatch(r"\d{8}", result.pin) and result.pin not in result.case.pin_hash
    assert intake.check_pin(result.case, result.pin)
    assert not intake.check_pin(result.case, "00000000")
    assert create(world).case.tracking_code != result.case.tracking_code


def test_intake_records_one_event_without_personal_data(world):
    case = create(world).case
    event = db.session.scalars(sa.select(CaseEvent).where(CaseEvent.case_id == case.id)).one()
    assert (event.action, event.seq, event.to_status) == ("intake", 1, "received")
    assert "Nguyễn Văn Đức" not in str(event.params) and "001088012345" not in str(event.params)
    assert [c.rule_id for c in case.deadlines] == ["process_letter"]


def test_same_petitioner_by_id_number_is_a_likely_duplicate(world):
    first = create(world).case
    second = create(
        world,
        subject="Đơn đề nghị cấp giấy chứng nhận quyền sử dụng đất",
        content="Đề nghị cấp sổ đỏ cho thửa đất số 45",
    )
    assert [d.case.id for d in second.duplicates] == [first.id]
    assert "same ID number" in second.duplicates[0].reasons


def test_same_name_and_address_without_diacritics_is_a_likely_duplicate(world):
    first = create(world).case
    folded = {"full_name": "NGUYEN VAN DUC", "address": "thon doai, xa dong anh"}
    second = create(world, petitioner=folded)
    assert second.duplicates and second.duplicates[0].case.id == first.id
    assert second.duplicates[0].score > 0.8
    assert "same name and address" in second.duplicates[0].reasons


def test_similar_content_alone_is_found_with_a_lower_score(world):
    first = create(world).case
    other_person = {"full_name": "Trần Thị Bình", "address": "Phường Hoàn Kiếm"}
    same_text = create(world, petitioner=other_person)
    different = create(
        world,
        petitioner={"full_name": "Lê Văn Cường", "address": "Xã Sóc Sơn"},
        subject="Phản ánh tiếng ồn quán karaoke",
        content="Quán karaoke hát quá giờ quy định",
    )
    assert [d.case.id for d in same_text.duplicates][:1] == [first.id]
    assert same_text.duplicates[0].score < 1.0
    assert first.id not in [d.case.id for d in different.duplicates]


def test_duplicates_are_only_searched_in_the_users_scope(world):
    create(world)
    elsewhere = intake.create_case(world.letter(), actor=world.users["stranger"], now=world.now)
    assert elsewhere.duplicates == []


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Nguyễn Văn Đức", "nguyen van duc"),
        ("ĐỖ THỊ HƯƠNG  Giang", "do thi huong giang"),
        ("Phường Đống Đa", "phuong dong da"),
    ],
)
def test_fold_removes_diacritics_and_d_stroke(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"petitioner": None}, "petitioner"),
        ({"is_anonymous": True}, "petitioner"),
        ({"channel": "forwarded"}, "forwarded_by"),
        ({"channel": "pigeon"}, "channel"),
        ({"signatories": 3, "representatives": [{"full_name": "A"}, {"full_name": "B"}]}, "representatives"),
        ({"received_on": "2099-01-01"}, "received_on"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_bad_letters_are_refused_per_field_and_nothing_is_saved(world, overrides, field):
    with pytest.raises(InvalidInput) as refused:
        create(world, **overrides)
    db.session.rollback()
    assert field in refused.value.errors
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Case)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Party)) == 0


def test_group_letter_keeps_its_representatives_and_co_petitioners(world):
    people = [{"full_name": f"Hộ dân {i}", "address": "Thôn Đoài"} for i in range(11)]
    case = create(world, signatories=12, co_petitioners=people, representatives=people[:3]).case
    roles = sorted(p.role.value for p in case.parties)
    assert roles.count("co_petitioner") == 11 and roles.count("representative") == 3


def test_anonymous_letter_has_no_petitioner(world):
    case = create(world, petitioner=None, is_anonymous=True).case
    assert case.is_anonymous and case.petitioner is None


def test_only_reception_and_officers_record_letters(world):
    with pytest.raises(PermissionDenied):
        create(world, actor="handler")


def test_a_letter_from_a_reception_session_gets_the_notify_visitor_clock(world):
    session = record_session(
        {"citizen_name": "Phạm Văn Hùng", "content": "Khiếu nại về bồi thường"},
        actor=world.users["reception"],
        now=world.now,
    )
    case = create(world, channel="in_person", reception_session_id=session.id).case
    assert {c.rule_id for c in case.deadlines} == {"process_letter", "notify_visitor"}


def test_a_group_reception_session_needs_representatives(world):
    with pytest.raises(InvalidInput) as refused:
        record_session(
            {"citizen_name": "Đoàn hộ dân", "content": "Bồi thường", "people_count": 20},
            actor=world.users["reception"],
            now=world.now,
        )
    assert "representatives" in refused.value.errors


def test_a_denouncer_is_never_matched_by_person_for_someone_who_may_not_know_them(world):
    denunciation = world.intake("denunciation")
    world.act(denunciation, "classify", actor="officer", kind="denunciation")
    other = {"subject": "Đề nghị cấp giấy chứng nhận", "content": "Cấp sổ đỏ cho thửa 45"}
    seen_by_reception = find_duplicates(
        viewer=world.users["reception"],
        person=PersonKey.of("Nguyễn Văn Đức", "Thôn Đoài, xã Đông Anh", "001088012345"),
        **other,
    )
    assert all("same ID number" not in d.reasons for d in seen_by_reception)
    seen_by_leader = find_duplicates(
        viewer=world.users["leader"],
        person=PersonKey.of("Nguyễn Văn Đức", "Thôn Đoài, xã Đông Anh", "001088012345"),
        **other,
    )
    assert [d.case.id for d in seen_by_leader] == [denunciation.id]
