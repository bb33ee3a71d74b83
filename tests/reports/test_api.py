"""GET /api/v1/reports/{form}: JSON {columns, rows, totals}, CSV and XLSX by Accept, scope and errors."""

import io

import pytest
from openpyxl import load_workbook

from caseflow.services.reports.export import XLSX_TYPE
from tests.api.conftest import Api
from tests.reports.test_forms import letters  # noqa: F401 (the fixture)

URL = "/api/v1/reports/processing?period=q1-2027&unit=HN"


@pytest.fixture
def api(client, letters):  # noqa: F811
    return Api(client, letters)


def test_json_columns_rows_totals(api):
    answer = api.get(URL, who="inspector")
    assert answer.status_code == 200 and answer.mimetype == "application/json"
    body = answer.get_json()
    assert set(body) == {"form", "unit", "period", "columns", "rows", "totals"}
    codes = [c["code"] for c in body["columns"]]
    for code in (
        "received",
        "carried_over",
        "complaints",
        "denunciations",
        "petitions",
        "eligible",
        "ineligible",
        "within_competence",
        "accepted",
        "guided",
        "forwarded",
        "returned",
        "filed",
        "pending",
    ):
        assert code in codes
    assert body["columns"][1] == {
        "code": "carried_over",
        "title": "Kỳ trước chuyển sang",
        "group": "Tổng số đơn",
        "ratio": False,
    }
    assert [(r["unit"], r["total"]) for r in body["rows"]] == [("HN", 2), ("HN-SXD", 2), ("HN-TNMT", 1)]
    assert body["totals"]["total"] == 5 and body["totals"]["processed_ratio"] == 40.0


@pytest.mark.parametrize(
    ("form", "codes"),
    [
        (
            "reception",
            [
                "sessions",
                "people",
                "delegations",
                "matters_new",
                "matters_old",
                "dialogues",
                "dialogue_participants",
            ],
        ),
        (
            "complaints",
            [
                "accepted",
                "resolved",
                "on_time",
                "late",
                "in_progress",
                "withdrawn",
                "dialogues",
                "right",
                "partly_right",
                "wrong",
            ],
        ),
        (
            "denunciations",
            [
                "accepted",
                "resolved",
                "on_time",
                "late",
                "in_progress",
                "withdrawn",
                "dialogues",
                "true",
                "partly_true",
                "untrue",
            ],
        ),
    ],
)
def test_every_form_has_the_contract_columns(api, form, codes):
    body = api.get(f"/api/v1/reports/{form}?from=2026-12-15&to=2027-03-14", who="leader").get_json()
    assert set(codes) <= {c["code"] for c in body["columns"]}
    assert body["unit"]["code"] == "HN-TNMT"  # the caller's own unit by default


def test_csv_and_xlsx_by_accept(api):
    csv = api.get(URL, who="inspector", headers={"Accept": "text/csv"})
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    assert csv.data.startswith(b"\xef\xbb\xbf") and "Tổng cộng" in csv.data.decode("utf-8")
    xlsx = api.get(URL, who="inspector", headers={"Accept": XLSX_TYPE})
    assert xlsx.status_code == 200 and xlsx.mimetype == XLSX_TYPE
    assert load_workbook(io.BytesIO(xlsx.data)).active["C12"].value == 5


def test_errors_are_problem_documents(api):
    assert api.get(URL, who=None).status_code == 401
    assert api.get(URL, who="handler").status_code == 403
    assert api.get(URL, who="officer").status_code == 404  # HN is above the officer's unit
    assert api.get("/api/v1/reports/nope?period=q1-2027", who="leader").status_code == 404
    bad = api.get("/api/v1/reports/processing?period=q7-2027", who="leader")
    assert bad.status_code == 422 and bad.mimetype == "application/problem+json"
    assert "period" in bad.get_json()["errors"]
    assert (
        api.get("/api/v1/reports/processing?from=0001-01-01&to=0001-01-02", who="leader").status_code == 422
    )
    assert api.get("/api/v1/reports/processing?from=2027-01-01", who="leader").status_code == 422


def test_documented_in_openapi(api):
    spec = api.client.get("/api/v1/openapi.json").get_json()
    path = spec["paths"]["/api/v1/reports/{form}"]
    names = {p["name"] for p in path["get"]["parameters"] + path.get("parameters", [])}
    assert names >= {"from", "to", "period", "unit", "form"}
