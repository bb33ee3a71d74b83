"""caseflow report: the forms from the command line, as CSV, JSON and XLSX."""

import io
import json

from openpyxl import load_workbook

from tests.reports.test_forms import letters  # noqa: F401 (the fixture)


def test_json_to_stdout(runner, letters):  # noqa: F811
    result = runner.invoke(
        args=["report", "processing", "--period", "q1-2027", "--format", "json", "--unit", "HN"]
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["unit"]["code"] == "HN" and body["period"] == {
        "from": "2026-12-15",
        "to": "2027-03-14",
        "code": "q1-2027",
    }
    assert [c["code"] for c in body["columns"]][:3] == ["total", "carried_over", "received"]
    assert [r["unit"] for r in body["rows"]] == ["HN", "HN-SXD", "HN-TNMT"]
    assert body["totals"]["total"] == 5


def test_csv_custom_dates_for_a_unit(runner, letters):  # noqa: F811
    args = ["report", "complaints", "--from", "2026-12-15", "--to", "2027-03-14", "--unit", "hn-tnmt"]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    lines = result.stdout_bytes.decode("utf-8-sig").splitlines()
    assert lines[1].startswith("1,HN-TNMT,Sở Tài nguyên và Môi trường,2,1,1,2,1,1,0")


def test_xlsx_to_a_file(runner, letters, tmp_path):  # noqa: F811
    path = tmp_path / "q1.xlsx"
    result = runner.invoke(
        args=[
            "report",
            "reception",
            "--period",
            "q1-2027",
            "--format",
            "xlsx",
            "--output",
            str(path),
            "--unit",
            "HN",
        ]
    )
    assert result.exit_code == 0, result.output
    sheet = load_workbook(io.BytesIO(path.read_bytes())).active
    assert sheet["A2"].value == "TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN"


def test_bad_input_is_a_usage_error(runner, letters):  # noqa: F811
    assert runner.invoke(args=["report", "processing", "--period", "q9-2027", "--unit", "HN"]).exit_code == 2
    assert runner.invoke(args=["report", "processing"]).exit_code == 2
    assert (
        "No unit with code nope"
        in runner.invoke(args=["report", "processing", "--period", "q1-2027", "--unit", "nope"]).output
    )
    assert runner.invoke(args=["report", "nope", "--period", "q1-2027"]).exit_code == 2


def test_several_roots_need_a_unit(runner, world):
    result = runner.invoke(args=["report", "processing", "--period", "q1-2027"])
    assert result.exit_code == 2 and "--unit" in result.output  # the world has HN and HP
