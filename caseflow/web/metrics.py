"""/metrics in Prometheus' text format: requests, latencies, case events, overdue clocks, outbox backlog.

Off unless CASEFLOW_METRICS_TOKEN is set; then only a request with `Authorization: Bearer <token>` reads it,
and nothing else pays for it when it is off. gunicorn's workers are separate processes, so the counters live
in prometheus_client's multiprocess files under CASEFLOW_METRICS_DIR (default `<instance>/metrics`), which
`caseflow serve` empties at start; each node is scraped on its own.
"""

import hmac
import os
import time
from pathlib import Path

import sqlalchemy as sa
from flask import Flask, Response, current_app, g, has_request_context, request
from prometheus_client import Counter, Histogram, values
from prometheus_client.core import CollectorRegistry, GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

from caseflow.errors import plain_error
from caseflow.extensions import db
from caseflow.models import ClockState, Deadline, Notification
from caseflow.services.cases.audit import INSERT_EVENT

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
_PENDING = "caseflow_metrics_pending_actions"
_metrics: dict = {}


def metrics_dir(app: Flask) -> Path:
    """Where this node's processes keep their counters."""
    configured = app.config.get("CASEFLOW_METRICS_DIR") or os.path.join(app.instance_path, "metrics")
    return Path(configured)


def init_metrics(app: Flask) -> None:
    """Count requests and committed case events, and serve /metrics, when a metrics token is configured."""
    if not app.config.get("CASEFLOW_METRICS_TOKEN"):
        return
    _use_directory(metrics_dir(app))
    app.before_request(_start_timer)
    app.after_request(_observe)
    app.add_url_rule("/metrics", "metrics", _metrics_view, methods=["GET"])
    with app.app_context():
        _count_committed_events(db.engine)


def reset_directory(app: Flask) -> None:
    """Empty the counters of processes that are gone (called once per node, before the workers start)."""
    if not app.config.get("CASEFLOW_METRICS_TOKEN"):
        return
    directory = metrics_dir(app)
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob("*.db"):
        stale.unlink()


def _use_directory(directory: Path) -> None:
    """Switch this process to multiprocess values in `directory` and create the metrics once."""
    if _metrics:
        return
    directory.mkdir(parents=True, exist_ok=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(directory)
    values.ValueClass = values.MultiProcessValue()
    _metrics.update(
        directory=directory,
        requests=Counter(
            "caseflow_http_requests",
            "HTTP requests answered.",
            ["method", "endpoint", "status"],
            registry=None,
        ),
        latency=Histogram(
            "caseflow_http_request_duration_seconds",
            "Time to answer an HTTP request.",
            ["method", "endpoint"],
            buckets=LATENCY_BUCKETS,
            registry=None,
        ),
        events=Counter(
            "caseflow_case_events", "Case events committed, by action.", ["action"], registry=None
        ),
    )


def _start_timer() -> None:
    """Note when the request started."""
    g.metrics_started = time.perf_counter()


def _observe(response: Response) -> Response:
    """Count the answer and its time, by endpoint (never by raw path: ids would make endless series)."""
    started = g.pop("metrics_started", None)
    endpoint = request.endpoint or "unmatched"
    _metrics["requests"].labels(request.method, endpoint, str(response.status_code)).inc()
    if started is not None:
        _metrics["latency"].labels(request.method, endpoint).observe(time.perf_counter() - started)
    return response


def _count_committed_events(engine: sa.Engine) -> None:
    """Count each case event a request's transaction commits (not those rolled back)."""
    if getattr(engine, "_caseflow_metrics", False):
        return
    engine._caseflow_metrics = True

    @sa.event.listens_for(engine, "after_execute")
    def _seen(connection, clause, multiparams, params, _options, _result):
        if clause is INSERT_EVENT and has_request_context():
            rows = multiparams or [params]
            connection.info.setdefault(_PENDING, []).extend(row["action"] for row in rows if row)

    @sa.event.listens_for(engine, "commit")
    def _committed(connection):
        for action in connection.info.pop(_PENDING, []):
            _metrics["events"].labels(action).inc()

    @sa.event.listens_for(engine, "rollback")
    def _rolled_back(connection):
        connection.info.pop(_PENDING, None)


def _metrics_view():
    """The metrics, for the holder of the token."""
    if not _authorised(request.headers.get("Authorization", "")):
        response = plain_error(401, "Unauthorized", "A metrics token is required.")
        response = current_app.make_response(response)
        response.headers["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=str(_metrics["directory"]))
    registry.register(_DatabaseCollector())
    return Response(generate_latest(registry), mimetype=CONTENT_TYPE_LATEST)


def _authorised(header: str) -> bool:
    """A bearer token equal to the configured one (compared in constant time)."""
    scheme, _, token = header.partition(" ")
    expected = str(current_app.config["CASEFLOW_METRICS_TOKEN"])
    return scheme.lower() == "bearer" and hmac.compare_digest(token.strip().encode(), expected.encode())


class _DatabaseCollector:
    """Figures read from the database at scrape time (the same on every node)."""

    def collect(self):
        """Overdue clocks and the e-mail outbox backlog."""
        overdue = db.session.scalar(
            sa.select(sa.func.count()).select_from(Deadline).where(Deadline.state == ClockState.OVERDUE)
        )
        backlog = db.session.scalar(
            sa.select(sa.func.count()).select_from(Notification).where(Notification.email_state == "pending")
        )
        yield GaugeMetricFamily("caseflow_overdue_clocks", "Legal clocks past their due date.", value=overdue)
        yield GaugeMetricFamily(
            "caseflow_outbox_backlog", "Notifications waiting to be e-mailed.", value=backlog
        )
