"""Statistical reports: GET /reports/{form} as JSON, or as CSV / XLSX by the Accept header."""

from flask import current_app, request
from marshmallow import Schema, fields, validate

from caseflow.api.auth import api_user, require_user
from caseflow.api.core import API_PREFIX, ApiBlueprint
from caseflow.api.writes import json_response
from caseflow.services import reports as service
from caseflow.services.reports import export
from caseflow.services.reports.periods import resolve_period
from caseflow.timeutil import local_date, now_utc
from caseflow.validation import BoundedDate

blp = ApiBlueprint(
    "api_reports",
    __name__,
    url_prefix=f"{API_PREFIX}/reports",
    description="Statistical reports (reception, processing, complaints, denunciations)",
)
blp.before_request(require_user)


class ReportArgs(Schema):
    """The unit (default: the caller's) and the period: a named one, or both dates."""

    start = BoundedDate(data_key="from", metadata={"description": "first day of a custom period"})
    end = BoundedDate(data_key="to", metadata={"description": "last day of a custom period"})
    period = fields.Str(
        validate=validate.Length(max=16),
        metadata={"description": "q1-2026 … q4-2026, 6m-2026, 9m-2026, 12m-2026 (15th→14th cut-off)"},
    )
    unit = fields.Str(validate=validate.Length(max=32), metadata={"description": "unit code in your subtree"})


class ReportSchema(Schema):
    """A computed form: a row per unit (its own letters, then each child with its subtree) and totals."""

    form = fields.Str(required=True)
    unit = fields.Dict(required=True)
    period = fields.Dict(required=True)
    columns = fields.List(fields.Dict(), required=True)
    rows = fields.List(fields.Dict(), required=True)
    totals = fields.Dict(required=True)


@blp.route("/<form>")
@blp.arguments(ReportArgs, location="query")
@blp.response(200, ReportSchema)
@blp.problems(401, 403, 404, 422)
def get_report(args, form: str):
    """The form for a unit of the caller's subtree and a period; `Accept: text/csv` or XLSX to export it.

    Forms and columns are listed in docs/reports.md. Leaders, inspectors and officers may read reports.
    """
    user = api_user()
    service.require_reader(user)
    period = resolve_period(code=args.get("period"), start=args.get("start"), end=args.get("end"))
    report = service.report_for(user, form, unit_code=args.get("unit"), period=period)
    wanted = request.accept_mimetypes.best_match(["application/json", "text/csv", export.XLSX_TYPE])
    if wanted == "text/csv":
        return _file(export.to_csv(report), export.CSV_TYPE, export.file_name(report, "csv"))
    if wanted == export.XLSX_TYPE:
        return _file(export.to_xlsx(report, made_on=local_date(now_utc())), export.XLSX_TYPE,
                     export.file_name(report, "xlsx"))  # fmt: skip
    return json_response(200, report.as_dict())


def _file(body: bytes, mimetype: str, name: str):
    """A download with its file name."""
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return current_app.response_class(body, status=200, mimetype=mimetype, headers=headers)
