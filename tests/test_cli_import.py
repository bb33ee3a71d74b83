"""caseflow import letters: headers, dd/mm/yyyy, BOM or not, rows checked first, all or none, idempotent."""

from datetime import date
from pathlib import Path

import sqlalchemy as sa
from openpyxl import Workbook

from caseflow.extensions import db
from caseflow.models import Case, CaseStatus
from caseflow.services.reports import build_report
from caseflow.services.reports.periods import Period

SAMPLE = Path(__file__).resolve().parents[1] / "docs" / "import" / "letters-sample.csv"
HEADERS = ["Số vào sổ", "Ngày nhận", "Người gửi", "Địa chỉ", "Trích yếu", "Nội dung", "Loại đơn", "Lĩnh vực"]


def importer(world):
    """An official with both roles the import needs."""
    if "importer" not in world.users:
        world.users["importer"] = world.user("importer", ["reception", "officer"], "HN-TNMT")
        db.session.commit()
    return world.users["importer"]


def run(runner, world, path):
    """The command as the importer."""
    importer(world)
    return runner.invoke(args=["import", "letters", str(path), "--user", "importer"])


def letters():
    """The imported cases by register number (a fresh read)."""
    db.session.rollback()
    imported = db.session.scalars(sa.select(Case).where(Case.register_no.is_not(None)))
    return {case.register_no: case for case in imported}


def test_the_sample_imports_once_with_its_dates_and_classification(runner, world):
    first = run(runner, world, SAMPLE)
    assert first.exit_code == 0, first.output
    assert "OK: 4 đơn đã nhập, 0 dòng đã có" in first.output
    found = letters()
    assert set(found) == {"01/2025", "02/2025", "03/2025", "04/2025"}
    complaint = found["01/2025"]
    assert complaint.received_on == date(2025, 1, 6)
    assert (complaint.kind.value, complaint.field.value) == ("complaint", "land")
    assert complaint.status == CaseStatus.CLASSIFIED and found["04/2025"].kind is None
    clock = next(c for c in complaint.deadlines if c.rule_id == "accept_complaint")
    assert clock.rule_version == "2021-11-15" and clock.start_on == date(2025, 1, 6)
    january = Period(date(2025, 1, 1), date(2025, 1, 31))
    totals = build_report("processing", unit=complaint.unit, period=january).totals
    by_kind = (totals["complaints"], totals["denunciations"], totals["petitions"], totals["unclassified"])
    assert totals["received"] == 4 and by_kind == (1, 1, 1, 1)
    again = run(runner, world, SAMPLE)
    assert again.exit_code == 0 and "OK: 0 đơn đã nhập, 4 dòng đã có" in again.output
    assert len(letters()) == 4


def test_a_file_with_errors_imports_nothing_and_says_why_row_by_row(runner, world, tmp_path):
    path = tmp_path / "so.csv"  # no BOM, ; between columns
    path.write_text(
        ";".join(HEADERS) + "\n"
        "1;06/01/2025;Nguyễn Văn An;;;Khiếu nại việc thu hồi đất;Khiếu nại;Đất đai\n"
        "2;31/02/2025;Trần Bình;;;Tố cáo cán bộ;Tố cáo;\n"
        "1;07/01/2025;;;;Nội dung;Khiếu nại;Vũ trụ\n",
        encoding="utf-8",
    )
    result = run(runner, world, path)
    assert result.exit_code == 1
    for message in ("Dòng 3: “Ngày nhận” phải là ngày dạng dd/mm/yyyy",
                    "Dòng 3: ghi “Loại đơn” thì phải ghi cả “Lĩnh vực”",
                    "Dòng 4: thiếu cột “Người gửi”", "Dòng 4: “Lĩnh vực” không có trong danh mục",
                    "Dòng 4: số vào sổ “1” đã có ở dòng 2"):  # fmt: skip
        assert message in result.output
    assert letters() == {}


def test_an_xlsx_register_and_missing_headers(runner, world, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    row = ["A-7", date(2024, 11, 4), "Hoàng Văn Dũng", "Mê Linh", "", "Phản ánh ô nhiễm", "Phản ánh", "Khác"]
    sheet.append(row)
    book.save(tmp_path / "so.xlsx")
    done = run(runner, world, tmp_path / "so.xlsx")
    assert done.exit_code == 0, done.output
    assert letters()["A-7"].received_on == date(2024, 11, 4)
    (tmp_path / "bad.csv").write_text("Số,Ngày\n1,01/01/2025\n", encoding="utf-8")
    bad = run(runner, world, tmp_path / "bad.csv")
    assert bad.exit_code == 1
    assert "Tệp thiếu các cột bắt buộc: Số vào sổ, Ngày nhận, Người gửi, Nội dung" in bad.output


def test_only_an_official_with_both_roles_imports(runner, world):
    result = runner.invoke(args=["import", "letters", str(SAMPLE), "--user", "reception"])
    assert result.exit_code == 1 and letters() == {}
