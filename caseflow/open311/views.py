"""GeoReport v2 endpoints: discovery, services, service definitions, requests, one request, tokens."""

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import Blueprint, request, url_for
from flask_babel import gettext
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import HTTPException

from caseflow.api.core import refuse_nul
from caseflow.errors import CaseflowError, InvalidInput
from caseflow.extensions import db
from caseflow.i18n import N_
from caseflow.models import Case, Role
from caseflow.open311 import mapping
from caseflow.open311.formats import render, render_errors
from caseflow.open311.submit import create_request
from caseflow.services.accounts.users import user_for_token
from caseflow.timeutil import now_utc
from caseflow.transaction import commit, rollback
from caseflow.web.ratelimit import check_rate

bp = Blueprint("open311", __name__, url_prefix="/open311/v2")
bp.before_request(refuse_nul)
FMT = "<any(json, xml):fmt>"
MAX_SPAN = timedelta(days=90)
MAX_RESULTS = 1000
BAD_KEY = N_("A valid api_key of a reception or processing officer is required.")


@bp.get(f"/discovery.{FMT}")
def discovery(fmt: str):
    """Where the endpoint is and what it speaks."""
    return render(
        fmt,
        "discovery",
        {
            "changeset": "2026-11-23T00:00:00Z",
            "contact": "The agency's citizen reception office",
            "key_service": "Ask the agency's administrator for an API key (caseflow token create USERNAME).",
            "endpoints": [
                {
                    "specification": "http://wiki.open311.org/GeoReport_v2",
                    "url": url_for("open311.discovery", fmt="json", _external=True).rsplit("/", 1)[0],
                    "changeset": "2026-11-23T00:00:00Z",
                    "type": "production",
                    "formats": ["text/xml", "application/json"],
                }
            ],
        },
    )


@bp.get(f"/services.{FMT}")
def services(fmt: str):
    """The kinds of letters citizens may send."""
    return render(fmt, "services", mapping.services())


@bp.get(f"/services/<string:code>.{FMT}")
def service_definition(code: str, fmt: str):
    """The attributes of one service."""
    if code not in mapping.SERVICES:
        return render_errors(fmt, 404, [gettext("No such service.")])
    return render(fmt, "service_definition", mapping.service_definition(code))


@bp.get(f"/requests.{FMT}")
def list_requests(fmt: str):
    """Requests by id, or by service, dates and status (at most 90 days, 1,000 requests)."""
    check_rate("open311_read", request.remote_addr or "")
    statement = _requests_statement(request.args)
    cases = db.session.scalars(statement.options(selectinload(Case.deadlines)).limit(MAX_RESULTS))
    return render(fmt, "service_requests", [mapping.request_view(case) for case in cases])


def _requests_statement(args) -> sa.Select:
    """The SELECT behind GET requests."""
    statement = sa.select(Case).order_by(Case.received_dt.desc(), Case.id.desc())
    ids = _csv(args.get("service_request_id"))
    if ids:
        return statement.where(Case.tracking_code.in_([i.upper() for i in ids[:MAX_RESULTS]]))
    start, end = _date_range(args.get("start_date"), args.get("end_date"))
    statement = statement.where(Case.received_dt >= start, Case.received_dt <= end)
    codes = _csv(args.get("service_code"))
    if codes:
        statement = statement.where(_service_condition(codes))
    statuses = set(_csv(args.get("status")))
    if statuses - {"open", "closed"}:
        raise InvalidInput("status must be open or closed.")
    if len(statuses) == 1:
        statement = statement.where(Case.is_open == sa.literal("open" in statuses))
    return statement


def _service_condition(codes: list[str]):
    """Cases of the given service codes (letter = not yet classified)."""
    unknown = [c for c in codes if c not in mapping.SERVICES]
    if unknown:
        raise InvalidInput(f"Unknown service_code {unknown[0]}.")
    kinds = [c for c in codes if c != mapping.LETTER]
    conditions = [Case.kind.in_(kinds)] if kinds else []
    if mapping.LETTER in codes:
        conditions.append(Case.kind.is_(None))
    return sa.or_(*conditions)


def _date_range(start: str | None, end: str | None) -> tuple[datetime, datetime]:
    """The requested window (default: the last 90 days); at most 90 days long."""
    end_dt = _parse_datetime(end, "end_date") if end else now_utc()
    start_dt = _parse_datetime(start, "start_date") if start else end_dt - MAX_SPAN
    if start_dt > end_dt or end_dt - start_dt > MAX_SPAN:
        raise InvalidInput("start_date must precede end_date by at most 90 days.")
    return start_dt, end_dt


def _parse_datetime(value: str, name: str) -> datetime:
    """A W3C datetime with a zone (2010-01-01T00:00:00Z)."""
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError as error:
        raise InvalidInput(f"{name} must be a W3C datetime such as 2010-01-01T00:00:00Z.") from error
    if moment.tzinfo is None:
        raise InvalidInput(f"{name} must carry a time zone, such as 2010-01-01T00:00:00Z.")
    return moment


def _csv(value: str | None) -> list[str]:
    """A comma-separated parameter as a list."""
    return [item.strip() for item in (value or "").split(",") if item.strip()]


@bp.get(f"/requests/<string:request_id>.{FMT}")
def show_request(request_id: str, fmt: str):
    """One request, as a list of one (as the specification has it)."""
    check_rate("open311_read", request.remote_addr or "")
    case = _case_by_code(request_id)
    if case is None:
        return render_errors(fmt, 404, [gettext("No such service request.")])
    return render(fmt, "service_requests", [mapping.request_view(case)])


@bp.get(f"/tokens/<string:token>.{FMT}")
def token(token: str, fmt: str):
    """The request a token stands for (requests are created at once, so the token is the request id)."""
    case = _case_by_code(token)
    if case is None:
        return render_errors(fmt, 404, [gettext("No such token.")])
    return render(fmt, "service_requests", [{"service_request_id": case.tracking_code, "token": token}])


def _case_by_code(code: str) -> Case | None:
    """The case with this tracking code."""
    statement = sa.select(Case).where(Case.tracking_code == code.strip().upper()[:32])
    return db.session.scalars(statement.options(selectinload(Case.deadlines))).first()


@bp.post(f"/requests.{FMT}")
def post_request(fmt: str):
    """Create a request (a letter received online) with an officer's api_key."""
    key = request.form.get("api_key", "")
    user = user_for_token(key, now=now_utc()) if key else None
    if user is None or not user.has_role(Role.RECEPTION, Role.OFFICER):
        return render_errors(fmt, 403, [gettext(BAD_KEY)])
    check_rate("open311_write", f"user:{user.id}")
    answer = create_request(request.form, actor=user, now=now_utc())
    commit()
    return render(fmt, "service_requests", [answer], 201)


@bp.errorhandler(CaseflowError)
def _caseflow_error(error: CaseflowError):
    """Our errors in GeoReport's format."""
    rollback()
    messages = [gettext(error.detail)]
    for field, texts in (error.errors or {}).items():
        messages.extend(f"{field}: {text}" for text in _texts(texts))
    status = 400 if error.status_code == 422 else error.status_code  # GeoReport knows 400, 403 and 404
    response = render_errors(_format(), status, messages)
    if getattr(error, "retry_after", None):
        response.headers["Retry-After"] = str(error.retry_after)
    return response


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException):
    """werkzeug's errors in GeoReport's format."""
    rollback()
    return render_errors(_format(), error.code or 500, [error.description or error.name])


def _texts(value) -> list[str]:
    """Flatten nested marshmallow messages to strings."""
    if isinstance(value, dict):
        return [f"{key}: {text}" for key, item in value.items() for text in _texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return [str(value)]


def _format() -> str:
    """The format the caller asked for (xml unless the path ends in .json)."""
    fmt = (request.view_args or {}).get("fmt")
    if fmt in ("json", "xml"):
        return fmt
    return "json" if request.path.endswith(".json") else "xml"
