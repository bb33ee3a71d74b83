"""XLSX and CSV exports, opened back and checked cell by cell."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell

from caseflow.services.reports import build_report
from caseflow.services.reports.export import csv_headers, file_name, to_csv, to_xlsx
from tests.reports.test_forms import Q1, letters, root  # noqa: F401 (the fixture)

MADE_ON = date(2027, 3, 20)


@pytest.fixture
def report(db, letters):  # noqa: F811
    return build_report("processing", unit=root(db), period=Q1)


def test_xlsx_is_laid_out_like_the_official_form(report):
    sheet = load_workbook(io.BytesIO(to_xlsx(report, made_on=MADE_ON))).active
    columns = report.form.columns
    last = 2 + len(columns)  # A: STT, B: unit, then one per column
    assert sheet.title == "Mẫu 01-XLD"
    assert sheet["A1"].value == "UBND THÀNH PHỐ HÀ NỘI"
    assert sheet.cell(1, last).value == "Mẫu 01/XLD"
    assert sheet["A2"].value == "TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN" and sheet["A2"].font.bold
    assert sheet["A3"].value == "Đơn vị: UBND thành phố Hà Nội (HN)"
    assert sheet["A4"].value == "Kỳ báo cáo: từ ngày 15/12/2026 đến ngày 14/03/2027 (q1-2027)"
    assert [sheet.cell(6, c).value for c in (1, 2, 3, 6, 10, 13)] == [
        "STT", "Đơn vị", "Tổng số đơn", "Phân loại theo nội dung", "Điều kiện xử lý", "Kết quả xử lý",
    ]  # fmt: skip
    assert [sheet.cell(7, c).value for c in range(3, 6)] == [
        "Tổng số",
        "Kỳ trước chuyển sang",
        "Tiếp nhận trong kỳ",
    ]
    assert sheet.cell(7, last - 1).value == "Tỷ lệ đã xử lý (%)"
    assert sheet.cell(6, last).value == "Số đơn được trợ giúp pháp lý"  # merged down, like the dialogues
    assert [sheet.cell(8, c).value for c in range(1, 5)] == ["A", "B", "(1)", "(2)"]
    assert sheet.cell(8, last).value == f"({len(columns)})"
    assert [sheet.cell(r, 2).value for r in (9, 10, 11)] == [
        "UBND thành phố Hà Nội (trực tiếp)", "Sở Xây dựng", "Sở Tài nguyên và Môi trường",
    ]  # fmt: skip
    for offset, code in enumerate(report.form.codes):
        for index, row in enumerate(report.rows):
            assert sheet.cell(9 + index, 3 + offset).value == row.values[code], (code, row.code)
        assert sheet.cell(12, 3 + offset).value == report.totals[code]
    assert sheet["A12"].value == "Tổng cộng" and sheet["C12"].font.bold
    assert [sheet.cell(12, c).value for c in (3, 4, 5)] == [5, 1, 4]
    ratio = last - 1
    assert sheet.cell(12, ratio).value == 40.0 and sheet.cell(12, ratio).number_format == "0.0"
    assert sheet.cell(12, last).value == 0  # no legal aid in these letters
    assert sheet["B14"].value == "Ngày lập: 20/03/2027"


def test_xlsx_merged_cells_borders_and_widths(report):
    sheet = load_workbook(io.BytesIO(to_xlsx(report, made_on=MADE_ON))).active
    last = 2 + len(report.form.columns)
    end = sheet.cell(1, last).column_letter
    before = sheet.cell(1, last - 1).column_letter
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert merged == {
        "A1:B1", f"A2:{end}2", f"A3:{end}3", f"A4:{end}4", "A6:A7", "B6:B7",
        "C6:E6", "F6:I6", "J6:L6", f"M6:{before}6", f"{end}6:{end}7", "A12:B12",
    }  # fmt: skip
    for row in sheet.iter_rows(min_row=6, max_row=12, max_col=last):
        for cell in row:
            sides = [cell.border.left, cell.border.right, cell.border.top, cell.border.bottom]
            if isinstance(cell, MergedCell):  # inside a merged range only the range's outline is drawn
                assert any(side.style == "thin" for side in sides), cell.coordinate
            else:
                assert all(side.style == "thin" for side in sides), cell.coordinate
    assert sheet.column_dimensions["A"].width == 6 and sheet.column_dimensions["B"].width == 42
    assert sheet.column_dimensions["C"].width == 13
    assert sheet.freeze_panes == "C9"


def test_resolution_form_xlsx_has_the_dialogues_column_merged_down(db, letters):  # noqa: F811
    report = build_report("complaints", unit=root(db), period=Q1)
    sheet = load_workbook(io.BytesIO(to_xlsx(report, made_on=MADE_ON))).active
    dialogues = sheet.cell(6, 3 + report.form.codes.index("dialogues"))
    assert dialogues.value == "Số cuộc đối thoại"
    assert f"{dialogues.coordinate}:{dialogues.column_letter}7" in {str(r) for r in sheet.merged_cells.ranges}
    satisfaction = 3 + report.form.codes.index("ratings")
    assert sheet.cell(6, satisfaction).value == "Mức độ hài lòng của người dân"
    assert sheet.cell(7, satisfaction + 1).value == "Điểm trung bình (1–5)"
    assert sheet.cell(7, 6).value == "Đã giải quyết" and sheet.cell(7, 7).value == "Khiếu nại đúng"


def test_csv_has_a_bom_vietnamese_headers_rows_and_totals(report):
    data = to_csv(report)
    assert data.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert lines[0] == csv_headers(report)
    assert lines[0][3] == "Tổng số đơn: Tổng số (total)"
    assert lines[1][:4] == ["1", "HN", "UBND thành phố Hà Nội (trực tiếp)", "2"]
    assert lines[-1][:6] == ["", "", "Tổng cộng", "5", "1", "4"]
    assert len(lines) == 1 + len(report.rows) + 1
    assert lines[-1][-2:] == ["40.0", "0"]


def test_file_names(report):
    assert file_name(report, "xlsx") == "bao-cao-processing-HN-2026-12-15-2027-03-14.xlsx"
