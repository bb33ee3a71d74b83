"""The reports page: choose a form, a unit of your subtree and a period; the table, charts and downloads."""

from flask import Blueprint, Response, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField
from wtforms.validators import Optional

from caseflow.errors import CaseflowError, InvalidInput
from caseflow.services import reports as service
from caseflow.services.reports import export
from caseflow.services.reports.periods import current_period_code, named_period, resolve_period
from caseflow.timeutil import local_date, now_utc
from caseflow.views.charts import bar_chart, pie_chart
from caseflow.views.documents import EXPORT_ROLES
from caseflow.views.report_links import figure_args

bp = Blueprint("reports", __name__, url_prefix="/reports")

CUSTOM = "custom"
PERIOD_NAMES = {"q1": _l("Quarter 1"), "q2": _l("Quarter 2"), "q3": _l("Quarter 3"), "q4": _l("Quarter 4"),
                "6m": _l("6 months"), "9m": _l("9 months"), "12m": _l("12 months")}  # fmt: skip
# Per form: the column drawn as bars by unit, and the pies of shares (title, column codes).
DEADLINE_PIE = (_l("Resolution deadline"), ["on_time", "late"])
ENDED = ["withdrawn", "terminated", "in_progress"]
CHARTS = {
    "reception": ("sessions", [(_l("Sessions by kind"), ["regular", "by_heads", "online"])]),
    "processing": (
        "total",
        [
            (_l("Letters by kind"), ["complaints", "denunciations", "petitions", "unclassified"]),
            (
                _l("Processing results"),
                ["accepted", "guided", "forwarded", "returned", "filed", "not_accepted", "withdrawn",
                 "terminated", "pending"],
            ),
        ],
    ),
    "complaints": ("accepted", [(_l("Results"), ["right", "partly_right", "wrong", *ENDED]), DEADLINE_PIE]),
    "denunciations": ("accepted", [(_l("Results"), ["true", "partly_true", "untrue", *ENDED]), DEADLINE_PIE]),
}  # fmt: skip


class ReportFilters(FlaskForm):
    """Form, unit and period above the table (GET, so no CSRF token)."""

    class Meta:
        csrf = False

    form = SelectField(_l("Form"))
    unit = SelectField(_l("Unit"))
    period = SelectField(_l("Period"))
    start = DateField(_l("From"), validators=[Optional()])
    end = DateField(_l("To"), validators=[Optional()])

    def fill(self, units, today) -> None:
        """Offer the forms, the units in scope and the named periods of this year and the two before."""
        self.form.choices = [(f.code, _(f.title)) for f in service.FORMS.values()]
        self.unit.choices = [(u.code, f"{'· ' * (u.path.count('/') - 2)}{u.name}") for u in units]
        year = int(current_period_code(today).rsplit("-", 1)[1])
        self.period.choices = [
            (p.code, f"{PERIOD_NAMES[name]} {y} ({p.start:%d/%m/%Y} – {p.end:%d/%m/%Y})")
            for y in (year, year - 1, year - 2)
            for name in PERIOD_NAMES
            for p in [named_period(name, y)]
        ] + [(CUSTOM, _("Custom dates"))]


@bp.before_request
@login_required
def _readers_only():
    """Anonymous visitors log in; roles without reports get 403."""
    service.require_reader(current_user)


def _filters() -> ReportFilters:
    """The filter form read from the query string, with defaults."""
    today = local_date(now_utc())
    filters = ReportFilters(request.args)
    filters.fill(service.scope_units(current_user), today)
    filters.form.data = filters.form.data if filters.form.data in service.FORMS else "processing"
    filters.unit.data = filters.unit.data or current_user.unit.code
    filters.period.data = filters.period.data or current_period_code(today)
    return filters


def _report(filters: ReportFilters) -> service.Report:
    """Compute the chosen report (InvalidInput / NotFound when the choice is not allowed)."""
    if filters.period.data == CUSTOM:
        if not filters.validate():
            raise InvalidInput(_("Give both dates of the custom period."))
        period = resolve_period(start=filters.start.data, end=filters.end.data)
    else:
        period = resolve_period(code=filters.period.data)
    return service.report_for(current_user, filters.form.data, unit_code=filters.unit.data, period=period)


@bp.get("/")
def index():
    """The chosen form as a table, with charts and download links."""
    filters, report, error = _filters(), None, None
    try:
        report = _report(filters)
    except CaseflowError as failure:
        error = failure
    charts = _charts(report) if report else []
    return render_template("reports/index.html", filters=filters, report=report, error=error, charts=charts,
                           groups=_header_groups(report) if report else [], figure_args=figure_args,
                           may_export=current_user.has_role(*EXPORT_ROLES))  # fmt: skip


@bp.get("/download.<any(xlsx, csv):fmt>")
def download(fmt: str):
    """The chosen report as an XLSX form or a CSV file."""
    report = _report(_filters())
    if fmt == "xlsx":
        body, mimetype = export.to_xlsx(report, made_on=local_date(now_utc())), export.XLSX_TYPE
    else:
        body, mimetype = export.to_csv(report), export.CSV_TYPE
    disposition = f'attachment; filename="{export.file_name(report, fmt)}"'
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": disposition})


def _header_groups(report) -> list[tuple[str, int, object]]:
    """The top header row: (group title or '', columns spanned, the first column)."""
    groups: list[tuple[str, int, object]] = []
    for column in report.form.columns:
        if groups and column.group and groups[-1][0] == column.group:
            groups[-1] = (column.group, groups[-1][1] + 1, groups[-1][2])
        else:
            groups.append((column.group, 1, column))
    return groups


def _charts(report) -> list:
    """Bars of the headline column by unit, then the pies of shares of the totals."""
    titles = {c.code: _(c.title) for c in report.form.columns}
    bar_code, pies = CHARTS[report.form.code]
    bars = [(row.name, row.values[bar_code] or 0) for row in report.rows]
    bar_title = _("%(column)s by unit", column=titles[bar_code])
    charts = [bar_chart("chart-units", bar_title, bars)]
    for index, (title, codes) in enumerate(pies):
        slices = [(titles[code], report.totals[code] or 0) for code in codes]
        charts.append(pie_chart(f"chart-share-{index}", str(title), slices))
    return charts
