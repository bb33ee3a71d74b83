"""A denouncer's identity: masked for everyone but the leader and granted users; every read audited."""

import pytest
import sqlalchemy as sa

from caseflow.errors import PermissionDenied
from caseflow.extensions import db
from caseflow.models import CaseEvent, CaseStatus
from caseflow.services.cases import identity
from caseflow.services.cases.queues import list_queue

CANARY = {
    "full_name": "Canary Denouncer Xq7",
    "address": "Canary Street 9Zt",
    "id_number": "099912345678",
    "phone": "0999111222",
}


@pytest.fixture
def denunciation(world):
    case = world.intake(
        "denunciation",
        petitioner=CANARY,
        subject="Tố cáo cán bộ địa chính nhận hối lộ",
        content="Tố cáo ông Trần Văn B, cán bộ địa chính xã, nhận tiền để cấp sổ đỏ",
    )
    return world.bring_to(case, CaseStatus.VERIFYING)


def test_handler_sees_the_denouncer_masked(world, denunciation):
    views = [identity.party_view(denunciation, p) for p in denunciation.parties]
    assert all(v["full_name"] == identity.MASK for v in views if v["role"] == "petitioner")
    assert not identity.may_see_identity(world.users["handler"], denunciation)
    with pytest.raises(PermissionDenied):
        identity.reveal_identity(denunciation, viewer=world.users["handler"], now=world.now)


def test_leader_reads_the_identity_and_the_read_is_audited(world, denunciation):
    version = denunciation.version
    revealed = identity.reveal_identity(denunciation, viewer=world.users["leader"], now=world.now)
    db.session.commit()
    assert revealed[0]["full_name"] == CANARY["full_name"]
    last = db.session.scalars(
        sa.select(CaseEvent).where(CaseEvent.case_id == denunciation.id).order_by(CaseEvent.seq.desc())
    ).first()
    assert (last.action, last.actor) == ("identity_viewed", "user:leader")
    assert CANARY["full_name"] not in str(last.params)
    assert denunciation.version == version  # a read is not a change to the case


def test_leader_grants_a_handler_access(world, denunciation):
    identity.grant_identity(
        denunciation,
        grantee=world.users["handler"],
        granted_by=world.users["leader"],
        now=world.now,
        reason="Cần xác minh trực tiếp",
    )
    db.session.commit()
    assert identity.may_see_identity(world.users["handler"], denunciation)
    assert not identity.may_see_identity(world.users["handler2"], denunciation)
    with pytest.raises(PermissionDenied):
        identity.grant_identity(
            denunciation,
            grantee=world.users["handler2"],
            granted_by=world.users["handler"],
            now=world.now,
            reason="",
        )


def test_a_complainant_is_not_masked(world):
    case = world.new_case_at("complaint", CaseStatus.CLASSIFIED)
    assert identity.party_view(case, case.petitioner)["full_name"] == "Nguyễn Văn Đức"


@pytest.mark.parametrize("query", [CANARY["full_name"], "canary denouncer", CANARY["id_number"]])
def test_searching_for_the_denouncer_finds_nothing(world, denunciation, query):
    assert list_queue(world.users["handler"], None, now=world.now, query=query).cases == []


def test_no_event_of_a_denunciation_carries_the_identity(world, denunciation):
    identity.reveal_identity(denunciation, viewer=world.users["leader"], now=world.now)
    db.session.commit()
    rows = db.session.scalars(sa.select(CaseEvent).where(CaseEvent.case_id == denunciation.id)).all()
    dumped = " ".join(f"{e.params} {e.changes} {e.reason}" for e in rows)
    for value in CANARY.values():
        assert value not in dumped
