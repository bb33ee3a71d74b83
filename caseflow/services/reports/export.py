"""Exports of a computed report: XLSX laid out like the official form, and CSV (UTF-8 with BOM for Excel).

The headers are the official Vietnamese ones whatever the language of the page: the file goes up the chain.
"""

import csv
import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from caseflow.services.reports import Report

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
HEADER_ROW = 6  # group headers; column headers on 7, column numbers on 8, data from 9
FIRST_VALUE_COLUMN = 3  # A: STT, B: unit
THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
BOLD = Font(bold=True)
TOTAL_LABEL = "Tổng cộng"
OWN_SUFFIX = " (trực tiếp)"


def vn(day: date) -> str:
    """dd/mm/yyyy."""
    return day.strftime("%d/%m/%Y")


def period_line(report: Report) -> str:
    """Kỳ báo cáo: từ ngày … đến ngày … (and the period's code when it has one)."""
    line = f"Kỳ báo cáo: từ ngày {vn(report.period.start)} đến ngày {vn(report.period.end)}"
    return f"{line} ({report.period.code})" if report.period.code else line


def row_name(report: Report, index: int) -> str:
    """The unit's name; the chosen unit's own row says it counts only its own cases."""
    row = report.rows[index]
    return row.name + OWN_SUFFIX if row.is_own and len(report.rows) > 1 else row.name


def to_xlsx(report: Report, *, made_on: date) -> bytes:
    """The report as an XLSX workbook formatted like the official form."""
    book = Workbook()
    sheet = book.active
    sheet.title = report.form.official.replace("/", "-")
    last = FIRST_VALUE_COLUMN + len(report.form.columns) - 1
    _title_block(sheet, report, last)
    _header(sheet, report)
    end_row = _body(sheet, report)
    _frame(sheet, HEADER_ROW, end_row, last)
    _widths(sheet, last)
    sheet.cell(end_row + 2, 2, f"Ngày lập: {vn(made_on)}").font = Font(italic=True)
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 3, FIRST_VALUE_COLUMN)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _title_block(sheet, report: Report, last: int) -> None:
    """Rows 1–4: reporting unit and form number, the title, the unit, the period."""
    sheet.cell(1, 1, report.unit.name.upper()).font = BOLD
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=2)
    sheet.cell(1, last, report.form.official).font = BOLD
    sheet.cell(1, last).alignment = Alignment(horizontal="right")
    for row, text, font in (
        (2, report.form.title_vi, Font(bold=True, size=14)),
        (3, f"Đơn vị: {report.unit.name} ({report.unit.code})", Font()),
        (4, period_line(report), Font(italic=True)),
    ):
        cell = sheet.cell(row, 1, text)
        cell.font, cell.alignment = font, Alignment(horizontal="center")
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)


def _header(sheet, report: Report) -> None:
    """Rows 6–8: group headers merged across their columns, column headers, column numbers (A, B, 1, 2 …)."""
    top, bottom, numbers = HEADER_ROW, HEADER_ROW + 1, HEADER_ROW + 2
    for column, text, number in ((1, "STT", "A"), (2, "Đơn vị", "B")):
        sheet.cell(top, column, text)
        sheet.merge_cells(start_row=top, start_column=column, end_row=bottom, end_column=column)
        sheet.cell(numbers, column, number)
    groups: dict[str, list[int]] = {}
    for offset, spec in enumerate(report.form.columns):
        column = FIRST_VALUE_COLUMN + offset
        sheet.cell(numbers, column, f"({offset + 1})")
        if spec.group_vi:
            groups.setdefault(spec.group_vi, []).append(column)
            sheet.cell(bottom, column, spec.title_vi)
        else:
            sheet.cell(top, column, spec.title_vi)
            sheet.merge_cells(start_row=top, start_column=column, end_row=bottom, end_column=column)
    for title, columns in groups.items():
        sheet.cell(top, columns[0], title)
        sheet.merge_cells(start_row=top, start_column=columns[0], end_row=top, end_column=columns[-1])
    for row in sheet.iter_rows(min_row=top, max_row=numbers):
        for cell in row:
            cell.font, cell.alignment = BOLD, CENTER
    sheet.row_dimensions[bottom].height = 45


def _body(sheet, report: Report) -> int:
    """One row per unit, then the totals row; returns the totals row's number."""
    codes, start = report.form.codes, HEADER_ROW + 3
    for index, row in enumerate(report.rows):
        sheet.cell(start + index, 1, index + 1).alignment = CENTER
        sheet.cell(start + index, 2, row_name(report, index))
        _values(sheet, start + index, [row.values[c] for c in codes], report.form.columns)
    total_row = start + len(report.rows)
    sheet.cell(total_row, 1, TOTAL_LABEL)
    sheet.merge_cells(start_row=total_row, start_column=1, end_row=total_row, end_column=2)
    _values(sheet, total_row, [report.totals[c] for c in codes], report.form.columns)
    for cell in sheet[total_row]:
        cell.font = BOLD
    sheet.cell(total_row, 1).alignment = CENTER
    return total_row


def _values(sheet, row: int, values: list, columns) -> None:
    """Figures from column C on; derived columns with their decimals (ratios one, averages two)."""
    for offset, (value, column) in enumerate(zip(values, columns, strict=True)):
        cell = sheet.cell(row, FIRST_VALUE_COLUMN + offset, value)
        decimals = "0." + "0" * column.digits
        cell.number_format = decimals if isinstance(value, float) else "#,##0"
        cell.alignment = Alignment(horizontal="right")


def _frame(sheet, first_row: int, last_row: int, last_column: int) -> None:
    """Thin borders on every cell of the table."""
    for row in sheet.iter_rows(min_row=first_row, max_row=last_row, max_col=last_column):
        for cell in row:
            cell.border = BORDER


def _widths(sheet, last: int) -> None:
    """Narrow STT, a wide unit column, even figure columns."""
    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 42
    for column in range(FIRST_VALUE_COLUMN, last + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 13


def csv_headers(report: Report) -> list[str]:
    """STT, unit code, unit name, then each column as «group: title (code)»."""
    titles = [
        f"{c.group_vi}: {c.title_vi} ({c.code})" if c.group_vi else f"{c.title_vi} ({c.code})"
        for c in report.form.columns
    ]
    return ["STT", "Mã đơn vị (unit)", "Đơn vị (name)", *titles]


def to_csv(report: Report) -> bytes:
    """The report as CSV: UTF-8 with a BOM (so Excel reads the diacritics), one line per unit, then totals."""
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(csv_headers(report))
    codes = report.form.codes
    for index, row in enumerate(report.rows):
        writer.writerow([index + 1, row.code, row_name(report, index), *(_csv(row.values[c]) for c in codes)])
    writer.writerow(["", "", TOTAL_LABEL, *(_csv(report.totals[c]) for c in codes)])
    return ("\ufeff" + output.getvalue()).encode("utf-8")


def _csv(value) -> str:
    """A figure as CSV text; an undefined ratio is empty."""
    return "" if value is None else str(value)


def file_name(report: Report, extension: str) -> str:
    """bao-cao-<form>-<unit>-<from>-<to>.<extension>."""
    period = report.period
    return f"bao-cao-{report.form.code}-{report.unit.code}-{period.start}-{period.end}.{extension}"
