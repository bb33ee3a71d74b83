"""The public register: published decisions and conclusions only, searchable, paged, with no personal data."""

from datetime import date

import pytest

from caseflow.errors import InvalidInput
from caseflow.models import CaseStatus
from caseflow.services.engagement import register
from caseflow.text import fold

TODAY = date(2027, 1, 4)
DENOUNCER = {
    "full_name": "Hoàng Canary Tốcáo",
    "address": "Số 9 ngõ Canary Zt",
    "id_number": "099912345678",
    "phone": "0999111222",
    "email": "canary.denouncer@example.vn",
}
COMPLAINANT = {
    "full_name": "Đặng Canary Khiếunại",
    "address": "Thôn Canary Qx",
    "id_number": "088812345678",
    "phone": "0888111222",
}
DENOUNCER_SUMMARY = (
    "Kết luận tố cáo của ông Hoàng Canary Tốcáo (HOANG CANARY TOCAO), CCCD 0999 1234 5678, "
    "ĐT 0999.111.222 hoặc +84 999 111 222, thư canary.denouncer@example.vn, trú tại Số 9 ngõ Canary Zt: "
    "tố cáo đúng một phần về việc cấp giấy chứng nhận quyền sử dụng đất"
)
COMPLAINT_SUMMARY = (
    "Quyết định giải quyết khiếu nại của bà Dang Canary Khieunai, Thôn Canary Qx, CCCD 088812345678, "
    "ĐT 0888111222: khiếu nại đúng về bồi thường giải phóng mặt bằng"
)
CANARIES = [*DENOUNCER.values(), *COMPLAINANT.values(), "Canary"]


def decided_and_closed(world, kind, petitioner, summary, number, **close):
    """A case of `kind` decided with `summary` and closed."""
    case = world.new_case_at(kind, CaseStatus.REPORTED, petitioner=petitioner)
    world.act(case, "decide", summary=summary, number=number)
    world.act(case, "close", **close)
    return case


@pytest.fixture
def seeded(world):
    denunciation = decided_and_closed(world, "denunciation", DENOUNCER, DENOUNCER_SUMMARY, "7/KL-UBND")
    complaint = decided_and_closed(world, "complaint", COMPLAINANT, COMPLAINT_SUMMARY, "12/QĐ-UBND")
    unpublished = decided_and_closed(
        world, "complaint", COMPLAINANT, "Chưa công bố", "13/QĐ", published_on=None
    )
    petition = world.new_case_at("petition", CaseStatus.CLOSED)
    return denunciation, complaint, unpublished, petition


def everything(page) -> str:
    return " ".join(str(entry) for entry in page.items)


def test_lists_published_decisions_and_conclusions_only(seeded):
    page = register.published_decisions(today=TODAY)
    assert sorted(e.number for e in page.items) == ["12/QĐ-UBND", "7/KL-UBND"]
    assert {e.kind for e in page.items} == {"decision", "conclusion"}
    assert page.next_cursor is None


def test_no_canary_survives_in_any_form(seeded):
    text = everything(register.published_decisions(today=TODAY))
    for canary in CANARIES[:-1]:
        assert canary not in text
        assert fold(canary) not in fold(text)
    assert "0999" not in text and "0888" not in text and "@" not in text
    assert "đúng một phần" in text and "bồi thường" in text


def test_search_reads_only_what_is_published(seeded):
    assert register.published_decisions(today=TODAY, q="Canary Tocao").items == []
    assert register.published_decisions(today=TODAY, q="099912345678").items == []
    [found] = register.published_decisions(today=TODAY, q="boi thuong giai phong").items
    assert found.number == "12/QĐ-UBND"


def test_filters_kind_unit_year(seeded):
    [conclusion] = register.published_decisions(today=TODAY, kind="conclusion").items
    assert conclusion.case_kind == "denunciation" and conclusion.outcome == "true"
    assert len(register.published_decisions(today=TODAY, unit_code="HN").items) == 2
    assert register.published_decisions(today=TODAY, unit_code="HN-SXD").items == []
    assert register.published_decisions(today=TODAY, year=2026).items == []
    with pytest.raises(InvalidInput):
        register.published_decisions(today=TODAY, unit_code="NOPE")
    with pytest.raises(InvalidInput):
        register.published_decisions(today=TODAY, kind="answer")


def test_not_yet_published_is_not_listed(seeded):
    assert register.published_decisions(today=date(2027, 1, 3)).items == []


def test_keyset_pages_cover_everything_once(seeded):
    first = register.published_decisions(today=TODAY, limit=1)
    second = register.published_decisions(today=TODAY, limit=1, cursor=first.next_cursor)
    assert first.next_cursor and second.next_cursor is None
    assert {first.items[0].id, second.items[0].id} == {
        e.id for e in register.published_decisions(today=TODAY).items
    }
    with pytest.raises(InvalidInput):
        register.published_decisions(today=TODAY, cursor="bm90LWEtY3Vyc29y")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ông Nguyễn Văn A, 0912 345 678", "Ông [\u2026], [\u2026]"),
        ("ong NGUYEN VAN A den", "ong [\u2026] den"),
        ("Số tiền 150.000.000 đồng, quyết định 12/QĐ-UBND ngày 04/01/2027", None),
    ],
)
def test_redact(text, expected):
    assert register.redact(text, ["Nguyễn Văn A"]) == (expected or text)
