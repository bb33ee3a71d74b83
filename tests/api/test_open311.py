"""Open311 GeoReport v2: discovery, services, definitions, requests (GET and POST with api_key), tokens.

The client libraries from PyPI talk to a live server: `georeport` reads (JSON and XML) and `three` posts.
`three` 0.8.0 is Python 2 code that imports itertools.ifilter; it gets `filter` in its place, nothing else.
"""

import itertools
import xml.etree.ElementTree as ElementTree

import pytest

from caseflow.extensions import db
from caseflow.models import Case, CaseStatus

itertools.ifilter = filter  # the one shim `three` needs on Python 3
import three  # noqa: E402
from georeport import GeoReport  # noqa: E402


def test_clients_create_a_request_and_read_it_back(live_server, api):
    key = api.token("reception")
    poster = three.Three(f"{live_server}/open311/v2", api_key=key)
    created = poster.post(
        "complaint",
        address_string="Thôn Đoài, xã Đông Anh",
        first_name="Đức",
        last_name="Nguyễn Văn",
        phone="0912345678",
        description="Đề nghị xem xét lại quyết định thu hồi đất số 123",
        **{"attribute[subject]": "Khiếu nại thu hồi đất", "attribute[field]": "land"},
    )
    assert poster.post_response.status_code == 201, created
    request_id = created[0]["service_request_id"]
    assert created[0]["pin"] and request_id in created[0]["service_notice"]

    for fmt in ("json", "xml"):
        reader = GeoReport(f"{live_server}/open311/v2", output_format=fmt)
        read = reader.get_service_request(request_id)
        assert read["service_request_id"] == request_id
        assert read["status"] == "open" and read["service_code"] == "letter"
        assert read["agency_responsible"] == "Sở Tài nguyên và Môi trường"
        assert read["expected_datetime"].endswith("+07:00")
        listed = reader.get_service_requests(service_request_id=request_id)
        listed = listed if isinstance(listed, list) else [listed]
        assert [r["service_request_id"] for r in listed] == [request_id]
    assert poster.token(request_id)[0]["service_request_id"] == request_id
    db.session.rollback()
    case = db.session.scalars(db.select(Case)).one()
    assert case.channel.value == "online" and case.petitioner.full_name == "Nguyễn Văn Đức"


def test_service_list_and_definitions_in_both_formats(live_server):
    for fmt in ("json", "xml"):
        reader = GeoReport(f"{live_server}/open311/v2", output_format=fmt)
        codes = [s["service_code"] for s in reader.get_service_list()]
        assert codes == ["letter", "complaint", "denunciation", "petition"]
        definition = reader.get_service_definition("denunciation")
        assert definition["service_code"] == "denunciation"


def test_discovery_lists_both_formats(client):
    body = client.get("/open311/v2/discovery.json").json
    assert body["endpoints"][0]["formats"] == ["text/xml", "application/json"]
    xml = ElementTree.fromstring(client.get("/open311/v2/discovery.xml").data)
    assert [f.text for f in xml.iter("format")] == ["text/xml", "application/json"]


def test_post_needs_an_intake_officers_key(client, api):
    form = {"service_code": "petition", "address_string": "Hà Nội", "description": "Đề nghị sửa đường"}
    assert client.post("/open311/v2/requests.json", data=form).status_code == 403
    handler = client.post("/open311/v2/requests.json", data={**form, "api_key": api.token("handler")})
    assert handler.status_code == 403
    assert handler.json[0]["code"] == 403 and handler.json[0]["description"]
    xml = client.post("/open311/v2/requests.xml", data=form)
    assert xml.status_code == 403 and ElementTree.fromstring(xml.data).tag == "errors"


def test_post_validation_errors_are_400_naming_the_fields(client, api):
    key = api.token("officer")
    answer = client.post("/open311/v2/requests.json", data={"api_key": key, "service_code": "nope"})
    assert answer.status_code == 400
    text = " ".join(e["description"] for e in answer.json)
    assert "service_code" in text and "description" in text and "address_string" in text


def test_anonymous_post_makes_an_anonymous_letter(client, api):
    form = {
        "api_key": api.token("officer"),
        "service_code": "petition",
        "lat": "21.0",
        "long": "105.8",
        "description": "Đèn đường hỏng nhiều ngày",
    }
    answer = client.post("/open311/v2/requests.json", data=form)
    assert answer.status_code == 201
    db.session.rollback()
    assert db.session.scalars(db.select(Case)).one().is_anonymous


def test_requests_filter_by_status_service_and_dates(client, world):
    open_case = world.intake()
    closed = world.new_case_at("petition", CaseStatus.GUIDED)

    def ids(query: str) -> list[str]:
        return [r["service_request_id"] for r in client.get(f"/open311/v2/requests.json?{query}").json]

    start, end = "2026-12-01T00:00:00Z", "2027-01-31T00:00:00Z"
    window = f"start_date={start}&end_date={end}"
    assert set(ids(window)) == {open_case.tracking_code, closed.tracking_code}
    assert ids(f"{window}&status=closed") == [closed.tracking_code]
    assert ids(f"{window}&service_code=petition") == [closed.tracking_code]
    assert ids(f"{window}&service_code=letter") == [open_case.tracking_code]
    closed_view = client.get(f"/open311/v2/requests/{closed.tracking_code}.json").json[0]
    assert closed_view["status"] == "closed" and closed_view["status_notes"]
    assert closed_view["expected_datetime"] is None


@pytest.mark.parametrize(
    "query",
    [
        "start_date=2020-01-01T00:00:00Z&end_date=2021-01-01T00:00:00Z",
        "start_date=yesterday",
        "status=lost",
        "service_code=unknown",
        "start_date=2020-01-01T00:00:00",
    ],
)
def test_bad_queries_are_400_in_the_open311_format(client, query):
    answer = client.get(f"/open311/v2/requests.json?{query}")
    assert answer.status_code == 400 and answer.json[0]["description"]


def test_unknown_request_service_and_token_are_404(client):
    assert client.get("/open311/v2/requests/HN-1999-000001.json").status_code == 404
    assert client.get("/open311/v2/services/nothing.xml").status_code == 404
    assert client.get("/open311/v2/tokens/nothing.json").status_code == 404
