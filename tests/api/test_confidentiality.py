"""A denouncer's name, ID number, phone and address never reach anyone not granted them, by any endpoint.

The canaries are unique ASCII strings. The leader's reception book is the positive control; in the case body
even the leader reads "(protected)": identities are revealed on purpose, audited, on the case page.
"""

import pytest

from caseflow.extensions import db
from caseflow.models import Case, CaseStatus
from caseflow.services.cases import intake
from caseflow.services.reception import sessions
from tests.views.helpers import post_form

CANARIES = {
    "name": "Canaryname Qzxwv",
    "id_number": "CANARY7731ID",
    "phone": "0977000111",
    "address": "Canary Street 77",
}
NOT_GRANTED = (
    *("reception", "officer", "handler", "handler2", "inspector", "admin"),
    *("city_officer", "city_handler", "stranger"),
)


@pytest.fixture
def denunciation(world):
    """A denunciation taken at the desk from a reception session, accepted and assigned; with its PIN."""
    actor = world.users["reception"]
    session = sessions.record_session(
        {
            "citizen_name": CANARIES["name"],
            "citizen_address": CANARIES["address"],
            "citizen_id_number": CANARIES["id_number"],
            "content": "Tố cáo cán bộ địa chính nhận tiền",
            "matter_kind": "denunciation",
        },
        actor=actor,
        now=world.now,
    )
    person = {
        "full_name": CANARIES["name"],
        "address": CANARIES["address"],
        "id_number": CANARIES["id_number"],
        "phone": CANARIES["phone"],
    }
    letter = world.letter(
        subject="Tố cáo cán bộ địa chính",
        content="Cán bộ địa chính xã nhận tiền để làm sổ đỏ",
        channel="in_person",
        petitioner=person,
        reception_session_id=session.id,
        respondents=[{"full_name": "Lê Văn Bị Tố", "address": "UBND xã"}],
    )
    result = intake.create_case(letter, actor=actor, now=world.now)
    db.session.commit()
    world.kinds[result.case.id] = "denunciation"
    world.bring_to(result.case, CaseStatus.VERIFYING)
    return result.case, result.pin


def leaks(response) -> list[str]:
    """The canaries found in a response's body or headers."""
    text = response.get_data(as_text=True) + str(response.headers)
    return [name for name, value in CANARIES.items() if value in text or value.lower() in text.lower()]


def api_reads(case: Case) -> list[str]:
    """Every API read path that may touch the case."""
    queues = ("mine", "unit", "unassigned", "decide", "due_soon", "overdue")
    return [
        "/api/v1/me",
        "/api/v1/users",
        "/api/v1/cases",
        *[f"/api/v1/cases?queue={q}" for q in queues],
        f"/api/v1/cases?q={CANARIES['id_number']}",
        "/api/v1/cases?q=Canaryname",
        f"/api/v1/cases?q={case.tracking_code}",
        f"/api/v1/cases/{case.id}",
        f"/api/v1/cases/{case.id}/events",
        "/api/v1/reception-sessions",
    ]


def test_the_leader_sees_the_book_and_reads_identities_only_on_purpose(api, denunciation):
    case, _pin = denunciation
    assert {"name", "id_number", "address"} <= set(leaks(api.get("/api/v1/reception-sessions", who="leader")))
    body = api.get(f"/api/v1/cases/{case.id}", who="leader").json
    assert body["petitioner"]["is_protected"] and body["petitioner"]["full_name"] == "(protected)"


@pytest.mark.parametrize("who", NOT_GRANTED)
def test_no_api_read_shows_them(api, denunciation, who):
    case, _pin = denunciation
    for path in api_reads(case):
        response = api.get(path, who=who)
        assert response.status_code < 500, path
        assert leaks(response) == [], (who, path)


@pytest.mark.parametrize("who", NOT_GRANTED)
def test_no_action_answer_shows_them(api, denunciation, who):
    case, _pin = denunciation
    for action, body in (
        ("suspend", {"reason": "x"}),
        ("submit_report", {"findings": "x"}),
        ("classify", {}),
    ):
        response = api.act(case.id, action, body, case.version + 5, who)
        assert leaks(response) == [], (who, action)


def test_the_assigned_handlers_report_answer_hides_them(api, denunciation):
    case, _pin = denunciation
    db.session.refresh(case)
    response = api.act(
        case.id, "submit_report", {"findings": "Đúng", "matches_request": True}, case.version, "handler"
    )
    assert response.status_code == 200 and leaks(response) == []


def test_intake_duplicates_do_not_reveal_them(api, denunciation):
    letter = {
        "channel": "post",
        "subject": "Tố cáo cán bộ địa chính",
        "content": "Cán bộ địa chính xã nhận tiền để làm sổ đỏ",
        "petitioner": {"full_name": "Người Khác", "address": "Nơi khác"},
    }
    response = api.post("/api/v1/cases", letter, who="reception")
    assert response.status_code == 201 and response.json["duplicates"]
    assert leaks(response) == []


def test_anonymous_endpoints_never_show_them(api, client, denunciation):
    case, pin = denunciation
    anonymous = [
        f"/api/v1/public/track/{case.tracking_code}?pin={pin}",
        f"/api/v1/public/track/{case.tracking_code}?pin={pin}&lang=en",
        "/open311/v2/requests.json?start_date=2026-12-01T00:00:00Z&end_date=2027-02-01T00:00:00Z",
        "/open311/v2/requests.xml?start_date=2026-12-01T00:00:00Z&end_date=2027-02-01T00:00:00Z",
        f"/open311/v2/requests/{case.tracking_code}.json",
        f"/open311/v2/requests/{case.tracking_code}.xml",
        f"/open311/v2/tokens/{case.tracking_code}.json",
        "/api/v1/docs",
    ]
    for path in anonymous:
        response = client.get(path)
        assert response.status_code == 200, path
        assert leaks(response) == [], path
    page = post_form(client, "/public/track", {"tracking_code": case.tracking_code, "pin": pin})
    assert page.status_code == 200 and case.tracking_code in page.get_data(as_text=True)
    assert leaks(page) == []
