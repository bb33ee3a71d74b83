"""Logging: one dictConfig for the app, gunicorn and the commands, with the request id in every line."""

import json
import logging
import logging.config
import re
import uuid
from urllib.parse import parse_qsl, urlencode

from flask import Flask, g, has_request_context
from gunicorn.glogging import Logger as GunicornLogger

# An incoming X-Request-ID is kept only when it looks like an id (nginx's $request_id, a UUID), else replaced.
REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{7,63}")
# Query parameters never written to a log line (the older tracking API and Open311 carry these in URLs).
SECRET_PARAMETERS = frozenset({"pin", "token", "api_key", "password", "access_token"})
PLAIN = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
ACCESS_FORMAT = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s" request_id=%({x-request-id}o)s'
FORMATS = ("plain", "json")


def request_id_from(header: str | None) -> str:
    """The incoming id when it matches the strict pattern, else a new one."""
    if header and REQUEST_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


def redact_query(query: str) -> str:
    """A query string with the values of secret parameters replaced by ***."""
    if not query:
        return query
    pairs = parse_qsl(query, keep_blank_values=True)
    return urlencode([(k, "***" if k.lower() in SECRET_PARAMETERS else v) for k, v in pairs], safe="*")


def redact_url(url: str) -> str:
    """A path or URL with its secret query parameters redacted."""
    path, mark, query = (url or "").partition("?")
    return f"{path}?{redact_query(query)}" if mark else path


class RequestIdFilter(logging.Filter):
    """Give every record a request_id: the request's, the one passed in `extra`, or '-'."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Always keep the record; only add the field."""
        if not getattr(record, "request_id", None):
            record.request_id = g.get("request_id", "-") if has_request_context() else "-"
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, request_id, message (and the exception, if any)."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as a JSON line."""
        body = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        if record.exc_info:
            body["exception"] = self.formatException(record.exc_info)
        return json.dumps(body, ensure_ascii=False)


def logging_config(fmt: str = "plain", level: str = "INFO") -> dict:
    """The dictConfig of caseflow, gunicorn's error log and gunicorn's access log: stderr, one format."""
    formatter = {"()": JsonFormatter} if fmt == "json" else {"format": PLAIN}
    handler = {
        "class": "logging.StreamHandler",
        "stream": "ext://sys.stderr",
        "formatter": "caseflow",
        "filters": ["request_id"],
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {"caseflow": formatter},
        "handlers": {"console": handler},
        "root": {"level": level, "handlers": ["console"]},
        "loggers": {
            "gunicorn.error": {"level": level, "handlers": ["console"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
            "transitions": {"level": "WARNING"},  # the state machine logs every callback at INFO
        },
    }


def configure_logging(app: Flask) -> None:
    """Apply the configuration once per process (not under the tests, whose runner captures the logs)."""
    if app.testing or _ours():
        return
    logging.config.dictConfig(settings_config(app.config))


def settings_config(config) -> dict:
    """logging_config() for CASEFLOW_LOG_FORMAT and CASEFLOW_LOG_LEVEL."""
    fmt = str(config.get("CASEFLOW_LOG_FORMAT", "plain")).lower()
    level = str(config.get("CASEFLOW_LOG_LEVEL", "INFO")).upper()
    return logging_config(fmt if fmt in FORMATS else "plain", level)


def _ours() -> bool:
    """True when the root logger already writes through caseflow's filter (gunicorn applied it)."""
    return any(
        isinstance(f, RequestIdFilter) for handler in logging.getLogger().handlers for f in handler.filters
    )


class AccessLogger(GunicornLogger):
    """gunicorn's logger whose access lines carry the request id and never a secret query parameter."""

    def atoms(self, resp, req, environ, request_time):
        """gunicorn's atoms with the request line, query string and referrer redacted."""
        atoms = super().atoms(resp, req, environ, request_time)
        query = redact_query(environ.get("QUERY_STRING", ""))
        target = environ.get("RAW_URI") or environ.get("PATH_INFO", "")
        atoms["r"] = f"{environ['REQUEST_METHOD']} {redact_url(target)} {environ['SERVER_PROTOCOL']}"
        atoms["q"] = query
        atoms["f"] = redact_url(atoms.get("f", "-"))
        return atoms

    def access(self, resp, req, environ, request_time):
        """Write the access line with the response's request id as the record's request_id."""
        if not self.access_log_enabled:
            return
        atoms = self.atoms_wrapper_class(self.atoms(resp, req, environ, request_time))
        request_id = {k.lower(): v for k, v in resp.headers}.get("x-request-id", "-")
        self.access_log.info(self.cfg.access_log_format, atoms, extra={"request_id": request_id})
