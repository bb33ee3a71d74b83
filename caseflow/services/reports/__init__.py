"""Statistical reports (domain.md §6, product.md §5): four forms by unit subtree and period, in SQL.

`build_report(form, unit=, period=)` computes a form for a unit: one row for the unit's own cases, one per
child unit with its subtree, and the totals. `report_for(user, …)` does the same within the user's scope.
What each column counts is defined in docs/reports.md and in the docstrings of `queries`.
"""

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import current_app

from caseflow.errors import InvalidInput, NotFound, PermissionDenied
from caseflow.extensions import db, reports_session
from caseflow.i18n import N_
from caseflow.models import COMPLAINT_OUTCOMES, DENUNCIATION_OUTCOMES, CaseKind, Role, Unit, User
from caseflow.services.reports import queries
from caseflow.services.reports.forms import FORMS, Column, Form
from caseflow.services.reports.periods import Period
from caseflow.timeutil import agency_timezone

REPORT_ROLES = (Role.LEADER, Role.INSPECTOR, Role.OFFICER)

__all__ = ["FORMS", "REPORT_ROLES", "Column", "Form", "Period", "Report", "ReportRow", "build_report"]


@dataclass
class ReportRow:
    """One line of a form: a unit (its own cases, or a child with its subtree) and the figures."""

    unit_id: int
    code: str
    name: str
    values: dict[str, float | int | None]
    is_own: bool = False


@dataclass
class Report:
    """A computed form: what, where, when, the rows and the totals."""

    form: Form
    unit: Unit
    period: Period
    rows: list[ReportRow] = field(default_factory=list)
    totals: dict[str, float | int | None] = field(default_factory=dict)

    def as_dict(self) -> dict:
        """The JSON shape of the API: {form, unit, period, columns, rows, totals}."""
        return {
            "form": self.form.code,
            "unit": {"code": self.unit.code, "name": self.unit.name},
            "period": {"from": self.period.start.isoformat(), "to": self.period.end.isoformat(),
                       "code": self.period.code or None},
            "columns": [{"code": c.code, "title": c.title_vi, "group": c.group_vi or None,
                         "ratio": c.is_ratio} for c in self.form.columns],
            "rows": [{"unit": r.code, "name": r.name, "own": r.is_own, **r.values} for r in self.rows],
            "totals": self.totals,
        }  # fmt: skip


def get_form(code: str) -> Form:
    """The form named `code`; NotFound for others."""
    if code not in FORMS:
        raise NotFound(N_("No such report form."))
    return FORMS[code]


def form_counts(form: Form, unit: Unit, period: Period) -> dict[int, dict[str, int]]:
    """Run the form's aggregate statements: {row unit id: {column: count}}."""
    window, session = queries.Window.of(period, agency_timezone()), reports_session()
    if form.code == "reception":
        return merge(
            queries.reception(unit, window, session),
            queries.public_dialogues(unit, window, session),
            queries.reception_days(unit, window, session),
        )
    if form.code == "processing":
        return merge(
            queries.processing(unit, window, session), queries.legal_aid(unit, None, window, session)
        )
    kind, outcomes = (
        (CaseKind.COMPLAINT, COMPLAINT_OUTCOMES)
        if form.code == "complaints"
        else (CaseKind.DENUNCIATION, DENUNCIATION_OUTCOMES)
    )
    age_days = current_app.config["CASEFLOW_PROLONGED_AGE_DAYS"]
    return merge(
        queries.resolution(unit, kind, outcomes, window, session, age_days),
        queries.dialogues(unit, window, session, kind),
        queries.legal_aid(unit, kind, window, session),
        queries.ratings(unit, kind, window, session),
    )


def merge(*parts: dict[int, dict[str, int]]) -> dict[int, dict[str, int]]:
    """Put the columns of several grouped results side by side, row by row."""
    merged: dict[int, dict[str, int]] = {}
    for part in parts:
        for row_id, values in part.items():
            merged.setdefault(row_id, {}).update(values)
    return merged


def build_report(form_code: str, *, unit: Unit, period: Period) -> Report:
    """Compute form `form_code` for `unit` (own row + a row per child subtree) over `period`."""
    form = get_form(form_code)
    by_unit = form_counts(form, unit, period)
    row_units, row_of = report_rows(unit)
    sums: dict[int, dict[str, int]] = {row.id: {} for row in row_units}
    for unit_id, counts in by_unit.items():  # the units' figures added up into their rows
        row = sums[row_of[unit_id]]
        for code, value in counts.items():
            row[code] = row.get(code, 0) + value
    report = Report(form, unit, period)
    for row_unit in row_units:
        values = complete(form, sums[row_unit.id])
        own = row_unit.id == unit.id
        report.rows.append(ReportRow(row_unit.id, row_unit.code, row_unit.name, values, own))
    report.totals = complete(form, {c: sum(row.get(c, 0) for row in sums.values()) for c in form.summed})
    return report


def complete(form: Form, counts: dict[str, int]) -> dict[str, float | int | None]:
    """Every column of the form: counts (0 when absent), then the derived columns (ratios, averages)."""
    values: dict[str, float | int | None] = {code: int(counts.get(code, 0)) for code in form.summed}
    if "on_time" in values:
        values["on_time"] = values["resolved"] - values["late"]
    for column in form.columns:
        if column.ratio_of:
            top, bottom = (values[code] for code in column.ratio_of)
            values[column.code] = round(column.scale * top / bottom, column.digits) if bottom else None
    return {code: values[code] for code in form.codes}


def report_rows(unit: Unit) -> tuple[list[Unit], dict[int, int]]:
    """The rows (the unit, then its children by code) and the row (a unit id) of every unit of the subtree."""
    in_subtree = Unit.path.startswith(unit.path, autoescape=True)
    subtree = db.session.scalars(sa.select(Unit).where(in_subtree)).all()
    children = sorted((u for u in subtree if u.parent_id == unit.id), key=lambda u: u.code)
    row_of = {unit.id: unit.id}
    for member in subtree:
        for child in children:
            if member.path.startswith(child.path):
                row_of[member.id] = child.id
    return [unit, *children], row_of


def unit_in_scope(user: User, code: str | None) -> Unit:
    """The unit named by `code` (the user's own when empty) in the user's subtree; NotFound otherwise."""
    if not code:
        return user.unit
    unit = db.session.scalars(sa.select(Unit).where(Unit.code == code)).first()
    if unit is None or not user.unit.contains(unit):
        raise NotFound(N_("No such unit in your scope."))
    return unit


def require_reader(user: User) -> None:
    """Reports are for leaders, inspectors and officers."""
    if not user.has_role(*REPORT_ROLES):
        raise PermissionDenied(N_("Reports are for leaders, inspectors and processing officers."))


def report_for(user: User, form_code: str, *, unit_code: str | None, period: Period) -> Report:
    """A report the user may read: their role, a unit of their subtree."""
    require_reader(user)
    return build_report(form_code, unit=unit_in_scope(user, unit_code), period=period)


def scope_units(user: User) -> list[Unit]:
    """The units a user may report on: their own and every unit below it, by path."""
    return list(
        db.session.scalars(
            sa.select(Unit).where(Unit.path.startswith(user.unit.path, autoescape=True)).order_by(Unit.path)
        )
    )


def check_form(code: str) -> str:
    """`code` if it names a form; InvalidInput otherwise (for query parameters)."""
    if code not in FORMS:
        raise InvalidInput(N_("No such report form."), errors={"form": [N_("Choose one of the forms.")]})
    return code
