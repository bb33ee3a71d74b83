"""Importing a unit's letters register (sổ theo dõi đơn), CSV or XLSX: every row checked, then all or none.

The headers are Vietnamese (docs/import/letters.md); dates are dd/mm/yyyy; CSV is UTF-8 with or without BOM.
Each row becomes a letter of the importing official's unit received on its date, classified on that date
when its kind and field are given (the action recorded after the fact, so clocks and reports use the
register's dates). A row whose register number is already in the unit is skipped: a second import of the same
file adds nothing. The service flushes and never commits; the caller commits once.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import sqlalchemy as sa
from openpyxl import load_workbook

from caseflow.errors import InvalidInput, PermissionDenied
from caseflow.extensions import begin_write, db
from caseflow.i18n import N_
from caseflow.models import Case, Role, User
from caseflow.services.cases.actions import perform_action
from caseflow.services.cases.intake import create_case
from caseflow.timeutil import local_date

MAX_ROWS = 50000
PROGRESS_EVERY = 100
MAX_REGISTER_NO = 32
# Header (as typed in the agency's spreadsheet) → field. The first five are required.
HEADERS = {
    "Số vào sổ": "register_no",
    "Ngày nhận": "received_on",
    "Người gửi": "sender",
    "Nội dung": "content",
    "Địa chỉ": "address",
    "Trích yếu": "subject",
    "Loại đơn": "kind",
    "Lĩnh vực": "field",
}
REQUIRED = ("register_no", "received_on", "sender", "content")
KINDS = {"khiếu nại": "complaint", "tố cáo": "denunciation", "kiến nghị, phản ánh": "petition",
         "kiến nghị": "petition", "phản ánh": "petition"}  # fmt: skip
FIELDS = {"đất đai": "land", "chính sách": "policy", "nhà ở": "housing",
          "công chức, công vụ": "civil_service", "tư pháp": "judicial", "tham nhũng": "corruption",
          "khác": "other"}  # fmt: skip
IMPORT_ROLES = (Role.RECEPTION, Role.OFFICER)
ROLE_REFUSED = N_("Importing the letters register needs both the reception and the officer roles.")
# Row errors are the agency's words, in Vietnamese whatever the language of the caller.
ROW_MISSING = "Dòng {row}: thiếu cột “{header}”."
ROW_DATE = "Dòng {row}: “{header}” phải là ngày dạng dd/mm/yyyy, không được ở tương lai (đã ghi: “{value}”)."
ROW_KIND = "Dòng {row}: “Loại đơn” phải là Khiếu nại, Tố cáo hoặc Kiến nghị, phản ánh (đã ghi: “{value}”)."
ROW_FIELD = "Dòng {row}: “Lĩnh vực” không có trong danh mục (đã ghi: “{value}”)."
ROW_KIND_FIELD = "Dòng {row}: ghi “Loại đơn” thì phải ghi cả “Lĩnh vực”, và ngược lại."
ROW_TOO_LONG = "Dòng {row}: “{header}” quá dài."
ROW_SHORT = "Dòng {row}: “Nội dung” phải có ít nhất 3 ký tự."
ROW_TWICE = "Dòng {row}: số vào sổ “{value}” đã có ở dòng {first}."
NO_HEADERS = "Tệp thiếu các cột bắt buộc: {headers}."
UNKNOWN_HEADERS = "Tệp có cột không thuộc mẫu: {headers}."
TOO_MANY = "Tệp có quá {max} dòng; hãy chia thành nhiều tệp."
NOT_READABLE = "Không đọc được tệp: chỉ nhận CSV (UTF-8, có hoặc không có BOM) hoặc XLSX."


@dataclass
class ImportResult:
    """What an import did: letters created, rows skipped as already imported, rows read."""

    rows: int = 0
    created: int = 0
    skipped: int = 0
    tracking_codes: list[str] = field(default_factory=list)


def read_register(path: Path | str) -> list[dict[str, str]]:
    """The rows of a CSV or XLSX register as {header: text}; InvalidInput when the file cannot be read."""
    path = Path(path)
    try:
        if path.suffix.lower() == ".xlsx":
            return _read_xlsx(path)
        return _read_csv(path.read_bytes())
    except (OSError, UnicodeDecodeError, ValueError, KeyError) as error:
        raise InvalidInput(NOT_READABLE, errors={"file": [NOT_READABLE]}) from error


def _read_csv(data: bytes) -> list[dict[str, str]]:
    """CSV in UTF-8, a BOM or not; `,` or `;` as the separator."""
    text = data.decode("utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;")
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    return [{(k or "").strip(): (v or "").strip() for k, v in row.items()} for row in reader]


def _read_xlsx(path: Path) -> list[dict[str, str]]:
    """The first sheet; the first row holds the headers (the read-only workbook's file is closed after)."""
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        headers = [str(h or "").strip() for h in next(rows, [])]
        return [
            {h: _cell(value) for h, value in zip(headers, row, strict=False) if h}
            for row in rows
            if any(value not in (None, "") for value in row)
        ]
    finally:
        workbook.close()


def _cell(value) -> str:
    """A cell as text; a date cell as dd/mm/yyyy."""
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value).strip()


def check_rows(rows: list[dict[str, str]], today: date) -> tuple[list[dict], list[str]]:
    """Every row checked: the parsed rows and the Vietnamese errors, row by row (row 2 is the first)."""
    if len(rows) > MAX_ROWS:
        return [], [TOO_MANY.format(max=MAX_ROWS)]
    present = set(rows[0]) if rows else set()
    missing = [h for h, name in HEADERS.items() if name in REQUIRED and h not in present]
    unknown = sorted(present - set(HEADERS) - {""})
    if missing or unknown:
        problems = [NO_HEADERS.format(headers=", ".join(missing))] if missing else []
        return [], problems + ([UNKNOWN_HEADERS.format(headers=", ".join(unknown))] if unknown else [])
    parsed, errors, seen = [], [], {}
    for number, raw in enumerate(rows, start=2):
        row, problems = _check_row(number, raw, today)
        first = seen.setdefault(row.get("register_no"), number) if row.get("register_no") else number
        if first != number:
            problems.append(ROW_TWICE.format(row=number, value=row["register_no"], first=first))
        errors.extend(problems)
        parsed.append(row)
    return parsed, errors


def _check_row(number: int, raw: dict[str, str], today: date) -> tuple[dict, list[str]]:
    """One row: {field: value} and its problems."""
    row = {name: (raw.get(header) or "").strip() for header, name in HEADERS.items()}
    problems = [
        ROW_MISSING.format(row=number, header=h) for h, n in HEADERS.items() if n in REQUIRED and not row[n]
    ]
    if row["received_on"]:
        row["received_on"] = _date(row["received_on"], today)
        if row["received_on"] is None:
            problems.append(ROW_DATE.format(row=number, header="Ngày nhận", value=raw.get("Ngày nhận")))
    if len(row["register_no"]) > MAX_REGISTER_NO:
        problems.append(ROW_TOO_LONG.format(row=number, header="Số vào sổ"))
    if row["content"] and len(row["content"]) < 3:
        problems.append(ROW_SHORT.format(row=number))
    problems += _check_classification(number, row)
    return row, problems


def _check_classification(number: int, row: dict) -> list[str]:
    """Kind and field from the register's words, both or neither."""
    problems = []
    kind, case_field = row["kind"].lower(), row["field"].lower()
    if bool(kind) != bool(case_field):
        problems.append(ROW_KIND_FIELD.format(row=number))
    if kind and kind not in KINDS:
        problems.append(ROW_KIND.format(row=number, value=row["kind"]))
    if case_field and case_field not in FIELDS:
        problems.append(ROW_FIELD.format(row=number, value=row["field"]))
    row["kind"], row["field"] = KINDS.get(kind), FIELDS.get(case_field)
    return problems


def _date(text: str, today: date) -> date | None:
    """A dd/mm/yyyy date not in the future, or None."""
    try:
        day = datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        return None
    return day if date(1945, 9, 2) <= day <= today else None


def import_letters(
    rows: list[dict[str, str]],
    *,
    actor: User,
    now: datetime,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Check every row, then record the letters of the actor's unit (all or none; a known number is skipped).

    :raises PermissionDenied: the actor lacks the reception or the officer role
    :raises InvalidInput: any row is wrong; `errors["rows"]` lists every problem, row by row, in Vietnamese
    """
    if not all(actor.has_role(role) for role in IMPORT_ROLES):
        raise PermissionDenied(ROLE_REFUSED)
    begin_write()
    parsed, errors = check_rows(rows, local_date(now))
    if errors:
        raise InvalidInput(N_("The register has errors; nothing was imported."), errors={"rows": errors})
    known = set(db.session.scalars(sa.select(Case.register_no).where(Case.unit_id == actor.unit_id)))
    result = ImportResult(rows=len(parsed))
    for done, row in enumerate(parsed, start=1):
        if row["register_no"] in known:
            result.skipped += 1
        else:
            result.tracking_codes.append(_record(row, actor, now).tracking_code)
            result.created += 1
        if progress and (done % PROGRESS_EVERY == 0 or done == len(parsed)):
            progress(done, len(parsed))
    return result


def _record(row: dict, actor: User, now: datetime) -> Case:
    """One letter: intake on its date, then its classification recorded on that date."""
    subject = row["subject"] or row["content"][:120]
    data = {"channel": "post", "subject": subject if len(subject) >= 3 else row["content"],
            "content": row["content"], "received_on": row["received_on"].isoformat(),
            "petitioner": {"full_name": row["sender"], "address": row["address"]}}  # fmt: skip
    case = create_case(data, actor=actor, now=now, actor_label=f"{actor.actor_label} (import)").case
    case.register_no = row["register_no"]
    if row["kind"]:
        params = {"kind": row["kind"], "field": row["field"], "eligible": True, "within_competence": True}
        if row["kind"] == "complaint":
            params["level"] = 1
        perform_action(case.id, "classify", actor=actor, now=now, params=params, expected_version=None,
                       effective_on=row["received_on"])  # fmt: skip
    db.session.flush()
    return case
