"""Official documents: when each may be issued and by whom, numbering, reprints, DOCX contents, redaction."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from caseflow.errors import InvalidInput, NotFound, PermissionDenied, TransitionNotAllowed
from caseflow.extensions import begin_write, db
from caseflow.models import Case, CaseEvent, CaseStatus, IssuedDocument, User
from caseflow.services.cases.attachments import add_attachment
from caseflow.services.cases.identity import grant_identity
from caseflow.services.documents import issuing
from caseflow.services.documents.composer import compose
from caseflow.services.documents.docx_file import to_docx
from caseflow.services.documents.text import SECRET, place_date
from tests.document_checks import CANARIES, docx_text, docx_xml, leaks, seed_denunciation
from tests.services.test_attachments import PDF
from tests.test_concurrency import run_together


def issue(world, case, kind, addressee="citizen", actor="leader", **kwargs):
    """Issue through the service and commit."""
    document = issuing.issue_document(
        case.id,
        kind,
        addressee=addressee,
        actor=world.users[actor],
        now=kwargs.pop("now", world.now),
        **kwargs,
    )
    db.session.commit()
    return document


def render(world, document, viewer="leader", pin=None):
    """The document composed for a viewer, and its DOCX text."""
    case = db.session.get(Case, document.case_id)
    official = compose(document, case, viewer=world.users[viewer], pin=pin)
    data = to_docx(official)
    return official, data


def events(case, action="document_issued"):
    """The case's events of one action."""
    return db.session.scalars(
        sa.select(CaseEvent)
        .where(CaseEvent.case_id == case.id, CaseEvent.action == action)
        .order_by(CaseEvent.seq)
    ).all()


def test_place_date_follows_the_official_style(app):
    with app.app_context():
        assert place_date(datetime(2027, 1, 4).date()) == "Hà Nội, ngày 04 tháng 01 năm 2027"
        assert place_date(datetime(2027, 11, 23).date()) == "Hà Nội, ngày 23 tháng 11 năm 2027"
        assert place_date(datetime(2027, 3, 9).date()) == "Hà Nội, ngày 09 tháng 3 năm 2027"


def test_receipt_docx_has_number_date_unit_code_and_documents(world):
    case = world.intake()
    add_attachment(case, PDF, "letter", actor=world.users["reception"], now=world.now, filename="don.pdf")
    db.session.commit()
    document = issue(world, case, "receipt", actor="reception")
    assert (document.number, document.seq, document.issued_on.isoformat()) == ("1/BN-TNMT", 1, "2027-01-04")
    official, data = render(world, document, viewer="reception")
    text = docx_text(data)
    for expected in (
        "Số: 1/BN-TNMT",
        "Hà Nội, ngày 04 tháng 01 năm 2027",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
        "UBND THÀNH PHỐ HÀ NỘI",
        "GIẤY BIÊN NHẬN",
        f"Mã số theo dõi: {case.tracking_code}",
        "Mã PIN tra cứu: đã cấp khi tiếp nhận đơn (không in lại)",
        "don.pdf",
        "Ông/Bà Nguyễn Văn Đức",
        "Cán bộ reception",
    ):
        assert expected in text, expected
    assert official.filename == f"receipt-1-BN-TNMT-{case.tracking_code}.docx"


def test_the_pin_appears_only_when_given_at_intake_and_is_never_stored(world):
    case = world.intake()
    document = issue(world, case, "receipt", actor="reception")
    _official, data = render(world, document, viewer="reception", pin="12345678")
    assert "Mã PIN tra cứu: 12345678" in docx_text(data)
    assert "12345678" not in str(events(case)[0].params)
    _official, again = render(world, document, viewer="reception")
    assert "12345678" not in docx_text(again)


def test_numbers_run_per_unit_series_and_year(world):
    cases = [world.new_case_at("complaint", CaseStatus.ACCEPTED) for _ in range(2)]
    refused = world.new_case_at("complaint", CaseStatus.NOT_ACCEPTED)
    numbers = [issue(world, c, "acceptance").number for c in cases]
    numbers.append(issue(world, refused, "non_acceptance").number)
    assert numbers == ["1/TB-TNMT", "2/TB-TNMT", "3/TB-TNMT"]  # both notices share the TB series
    assert issue(world, cases[0], "receipt").number == "1/BN-TNMT"
    next_year = datetime(2028, 1, 3, 3, tzinfo=UTC)
    assert issue(world, cases[1], "acceptance", again=True, now=next_year).number == "1/TB-TNMT"
    city = world.intake(actor="city_officer")
    assert issue(world, city, "receipt", actor="city_officer").number == "1/BN-HN"


def test_reprint_keeps_the_number_and_again_takes_a_new_one(world):
    case = world.new_case_at("complaint", CaseStatus.ACCEPTED)
    version = case.version
    first = issue(world, case, "acceptance")
    assert issue(world, case, "acceptance").id == first.id
    second = issue(world, case, "acceptance", again=True)
    assert (first.number, second.number) == ("1/TB-TNMT", "2/TB-TNMT")
    assert [e.params["number"] for e in events(case)] == ["1/TB-TNMT", "2/TB-TNMT"]
    assert events(case)[0].params == {
        "document": first.id,
        "kind": "acceptance",
        "number": "1/TB-TNMT",
        "addressee": "citizen",
    }
    db.session.refresh(case)
    assert case.version == version  # issuing does not change the case


def test_a_decision_signed_under_its_own_number_keeps_it(world):
    case = world.new_case_at("complaint", CaseStatus.DECIDED)
    document = issue(world, case, "decision")
    assert document.number == "12/QĐ-UBND"
    assert issue(world, case, "decision", again=True).id == document.id
    respondent_copy = issue(world, case, "decision", addressee="respondent")
    assert respondent_copy.number == "12/QĐ-UBND"


@pytest.mark.parametrize(
    ("kind", "status", "purpose"),
    [
        ("acceptance", CaseStatus.PENDING_ACCEPTANCE, ""),
        ("non_acceptance", CaseStatus.ACCEPTED, ""),
        ("forwarding", CaseStatus.GUIDED, "guide"),
        ("guidance", CaseStatus.FORWARDED, "forward"),
        ("dialogue_minutes", CaseStatus.DIALOGUE_SCHEDULED, ""),
        ("decision", CaseStatus.REPORTED, ""),
        ("conclusion", CaseStatus.DECIDED, ""),
    ],
)
def test_a_document_the_case_does_not_call_for_is_refused(world, kind, status, purpose):
    case = world.new_case_at("complaint", status, purpose=purpose)
    with pytest.raises(TransitionNotAllowed):
        issue(world, case, kind, addressee=issuing.KINDS[kind].addressees[0])
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(IssuedDocument)) == 0


@pytest.mark.parametrize(
    ("kind", "case_kind", "status", "purpose", "expected"),
    [
        ("non_acceptance", "complaint", CaseStatus.NOT_ACCEPTED, "", "Đã hết thời hiệu khiếu nại"),
        ("forwarding", "petition", CaseStatus.FORWARDED, "forward", "Kính gửi: Công an thành phố"),
        ("guidance", "complaint", CaseStatus.GUIDED, "guide", "UBND xã Đông Anh"),
        ("answer", "petition", CaseStatus.DECIDED, "", "Trả lời kiến nghị"),
        ("acceptance", "petition", CaseStatus.ACCEPTED, "", "Về việc thụ lý giải quyết kiến nghị, phản ánh"),
    ],
)
def test_each_kind_carries_its_case_data(world, kind, case_kind, status, purpose, expected):
    case = world.new_case_at(case_kind, status, purpose=purpose)
    addressee = issuing.KINDS[kind].addressees[0]
    _official, data = render(world, issue(world, case, kind, addressee=addressee))
    text = docx_text(data)
    assert expected in text
    assert case.tracking_code in text


def test_dialogue_minutes_record_who_came_and_what_was_agreed(world):
    case = world.new_case_at("complaint", CaseStatus.DIALOGUE_SCHEDULED)
    world.act(
        case, "record_dialogue", present=["Ông Trần Văn Có Mặt"], absent=["Bà Vắng"], agreed="Giữ nguyên"
    )
    _official, data = render(world, issue(world, case, "dialogue_minutes", actor="handler"))
    text = docx_text(data)
    for expected in (
        "BIÊN BẢN ĐỐI THOẠI",
        "1/BB-TNMT",
        "Ông Trần Văn Có Mặt",
        "Bà Vắng",
        "Giữ nguyên",
        "Hai bên đã đối thoại",
        "Trụ sở Sở TNMT",
    ):
        assert expected in text, expected


def test_decision_docx_has_number_outcome_unit_and_signer(world):
    case = world.new_case_at("complaint", CaseStatus.DECIDED)
    _official, data = render(world, issue(world, case, "decision"))
    text = docx_text(data)
    for expected in (
        "Số: 12/QĐ-UBND",
        "QUYẾT ĐỊNH",
        "(lần 1)",
        "nội dung khiếu nại là đúng",
        "Điều 1. Giải quyết",
        "THỦ TRƯỞNG SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
        "Cán bộ leader",
        "Nội dung đơn đúng",
    ):
        assert expected in text, expected


def test_roles_scope_and_addressees_are_checked(world):
    case = world.new_case_at("complaint", CaseStatus.ACCEPTED)
    with pytest.raises(PermissionDenied):
        issue(world, case, "acceptance", actor="reception")
    with pytest.raises(NotFound):
        issue(world, case, "receipt", actor="stranger")
    with pytest.raises(InvalidInput):
        issue(world, case, "receipt", addressee="public")
    with pytest.raises(InvalidInput):
        issue(world, case, "no_such_kind")
    with pytest.raises(NotFound):
        issuing.document_for(issue(world, case, "receipt").id, world.users["stranger"])
    assert [i.kind.code for i in issuing.issuable(case, world.users["reception"])] == ["receipt"]
    assert issuing.issuable(case, world.users["stranger"]) == []


# --- redaction -------------------------------------------------------------------------------------------


def _redacted_documents(world, case):
    """Every document of the closed denunciation addressed to the denounced or published."""
    issued = []
    for kind in ("acceptance", "conclusion"):
        for addressee in issuing.KINDS[kind].addressees:
            if addressee in issuing.REDACTED_ADDRESSEES and (addressee != "forwarder" or case.forwarded_by):
                issued.append(issue(world, case, kind, addressee=addressee))
    return issued


def test_the_denouncer_never_appears_in_documents_to_the_denounced_or_published(world):
    case = seed_denunciation(world)
    issued = _redacted_documents(world, case)
    assert {(d.kind, d.addressee) for d in issued} == {
        ("acceptance", "respondent"),
        ("conclusion", "respondent"),
        ("conclusion", "public"),
    }
    for document in issued:
        official, data = render(world, document, viewer="leader")  # even for the leader who may see it
        assert official.is_redacted and not official.reveals_identity
        assert leaks(docx_text(data)) == [] and leaks(docx_xml(data)) == [] and leaks(official.text()) == []
        assert SECRET in docx_text(data)
    assert "Lê Văn Bị Tố" in docx_text(render(world, issued[0])[1])


@pytest.mark.parametrize("viewer", ["officer", "handler", "inspector", "city_officer", "reception"])
def test_viewers_who_may_not_see_the_identity_get_every_document_redacted(world, viewer):
    case = seed_denunciation(world)
    for kind in ("receipt", "acceptance", "conclusion"):
        official, data = render(world, issue(world, case, kind), viewer=viewer)
        assert leaks(docx_xml(data)) == [] and leaks(official.text()) == [], (kind, viewer)
        assert official.is_redacted


def test_the_leader_and_granted_users_see_the_denouncer_in_documents_to_the_denouncer(world):
    case = seed_denunciation(world)
    document = issue(world, case, "acceptance")
    official, data = render(world, document, viewer="leader")
    assert official.reveals_identity and CANARIES["full_name"] in docx_text(data)
    grant_identity(
        case,
        grantee=world.users["handler"],
        granted_by=world.users["leader"],
        now=world.now,
        reason="Xác minh",
    )
    db.session.commit()
    assert render(world, document, viewer="handler")[0].reveals_identity


def test_opening_a_document_that_names_the_denouncer_is_audited(world):
    case = seed_denunciation(world)
    document = issue(world, case, "acceptance")
    issuing.record_identity_read(case, document, viewer=world.users["leader"], now=world.now)
    db.session.commit()
    [event] = events(case, "identity_viewed")
    assert event.params == {"document": document.id, "number": document.number}
    assert leaks(str(event.params) + event.reason) == []


def test_complainants_are_named_in_published_decisions(world):
    case = world.new_case_at("complaint", CaseStatus.DECIDED)
    official, _data = render(world, issue(world, case, "decision", addressee="public"))
    assert not official.is_redacted and "Nguyễn Văn Đức" in official.text()


# --- concurrency -----------------------------------------------------------------------------------------


def _issuer(case_id, username, times, now):
    """A leader who issues the acceptance notice again `times` times, committing each."""

    def job(barrier):
        user_id = db.session.scalar(sa.select(User.id).where(User.username == username))
        db.session.commit()
        barrier.wait()
        numbers = []
        for _ in range(times):
            begin_write()
            actor = db.session.get(User, user_id)
            document = issuing.issue_document(
                case_id, "acceptance", addressee="citizen", actor=actor, now=now, again=True
            )
            numbers.append(document.seq)
            db.session.commit()
        return numbers

    return job


def test_two_issuers_at_once_get_unique_sequential_numbers(app, world):
    first, second = (world.new_case_at("complaint", CaseStatus.ACCEPTED) for _ in range(2))
    ids = first.id, second.id
    db.session.commit()
    now = world.now + timedelta(hours=1)
    outcomes = run_together(app, _issuer(ids[0], "leader", 6, now), _issuer(ids[1], "leader", 6, now))
    assert all(isinstance(o, list) for o in outcomes), outcomes
    assert sorted(outcomes[0] + outcomes[1]) == list(range(1, 13))
    db.session.expire_all()
    numbers = db.session.scalars(sa.select(IssuedDocument.number)).all()
    assert len(numbers) == len(set(numbers)) == 12
