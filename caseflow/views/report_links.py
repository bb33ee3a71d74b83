"""Links between a report's figures and the case list: the figure's arguments and what they name."""

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from marshmallow import Schema

from caseflow.errors import NotFound
from caseflow.services import reports as service
from caseflow.services.reports.cells import cases_behind, linkable, report_units
from caseflow.services.reports.periods import Period, resolve_period
from caseflow.validation import BoundedDate, load_args

DATES = Schema.from_dict({"report_start": BoundedDate(), "report_end": BoundedDate()}, name="FigureDates")


@dataclass(frozen=True)
class Figure:
    """A report's figure as the list shows it: its words, the report's arguments and its cases."""

    title: str
    row: str
    period: Period
    report_args: dict
    cases: sa.Select


def figure_args(report, row, column) -> dict | None:
    """The list arguments of one figure (row None: the total), or None when it has no list of cases."""
    if not linkable(report.form.code, column):
        return None
    args = {"queue": "all", "report": report.form.code, "report_column": column.code,
            "report_unit": report.unit.code}  # fmt: skip
    if row is not None:
        args["report_row"] = row.code
    if report.period.code:
        args["report_period"] = report.period.code
    else:
        args["report_start"] = report.period.start.isoformat()
        args["report_end"] = report.period.end.isoformat()
    return args


def report_figure(user, args) -> Figure:
    """The figure a list's arguments name, for a reader of reports within their scope."""
    service.require_reader(user)
    form = service.get_form(args.get("report", ""))
    column = next((c for c in form.columns if c.code == args.get("report_column")), None)
    if column is None:
        raise NotFound(_("This figure has no list of cases."))
    unit, row = report_units(args.get("report_unit", ""), args.get("report_row"))
    if not user.unit.contains(unit):
        raise NotFound(_("No such unit in your scope."))
    dates = load_args(DATES, {k: args[k] for k in ("report_start", "report_end") if args.get(k)})
    period = resolve_period(
        code=args.get("report_period"), start=dates.get("report_start"), end=dates.get("report_end")
    )
    cases = cases_behind(form.code, column.code, unit=unit, row=row, period=period)
    report_args = {"form": form.code, "unit": unit.code}
    if period.code:
        report_args["period"] = period.code
    else:
        report_args.update(period="custom", start=period.start.isoformat(), end=period.end.isoformat())
    row_name = row.name if row else _("Total")
    return Figure(_(form.title) + " · " + _(column.title), row_name, period, report_args, cases)
