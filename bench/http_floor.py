"""Per-request overhead: caseflow's /healthz and an authenticated GET /api/v1/me against a bare Flask app.

Both apps run under the same gunicorn (2 sync workers) in the same run, driven by the same plain
http.client loop (4 client threads; the sync worker closes each connection, so each request opens one).
The baseline answers one SELECT by primary key; the ratio is caseflow's p50 latency over the baseline's.
"""

import tempfile
from pathlib import Path

from bench.api import CLIENTS, _get, create_staff, drive, gunicorn
from bench.common import bench_app, migrate_to_head, progress

SECONDS = 4.0


def run(seconds: float = SECONDS) -> dict:
    """The three figures and the two ratios."""
    from bench import bare_app
    from caseflow.extensions import db

    with tempfile.TemporaryDirectory(prefix="caseflow-bench-http-") as folder:
        bare_db = str(Path(folder) / "bare.db")
        bare_app.prepare(bare_db)
        with gunicorn("", app="bench.bare_app:create_app()", extra_env={"BARE_DATABASE": bare_db}) as port:
            progress("http: bare Flask app, one indexed SELECT")
            one_row = lambda conn, rng: [_get(conn, f"/row/{rng.randint(1, 100)}")]  # noqa: E731
            bare = drive(port, one_row, seconds, CLIENTS)
        url = f"sqlite:///{Path(folder) / 'http.db'}"
        app = bench_app(url)
        migrate_to_head(app)
        with app.app_context():
            token = create_staff()["clerk"]
            db.engine.dispose()
        with gunicorn(url) as port:
            progress("http: caseflow /healthz")
            healthz = drive(port, lambda conn, rng: [_get(conn, "/healthz")], seconds, CLIENTS)
            progress("http: caseflow GET /api/v1/me")
            me = drive(port, lambda conn, rng: [_authorized(conn, "/api/v1/me", token)], seconds, CLIENTS)
    return {
        "seconds": seconds,
        "bare_select": bare,
        "healthz": healthz,
        "me": me,
        "healthz_ratio": _ratio(healthz, bare),
        "me_ratio": _ratio(me, bare),
    }


def _authorized(conn, path: str, token: str) -> float:
    """GET with the bearer token; seconds (a non-200 answer is an error of the run)."""
    import time

    started = time.perf_counter()
    conn.request("GET", path, headers={"Authorization": f"Bearer {token}"})
    response = conn.getresponse()
    response.read()
    if response.status != 200:
        raise RuntimeError(f"{path} answered {response.status}")
    return time.perf_counter() - started


def _ratio(figure: dict, baseline: dict) -> float:
    """p50 latency over the baseline's p50."""
    return round(figure["request_latency"]["p50_ms"] / baseline["request_latency"]["p50_ms"], 2)


def rows(results: dict, row) -> list[str]:
    """The table lines."""
    lines = [row(f"http: gunicorn 2 workers, {CLIENTS} clients, {results['seconds']:.0f} s each", "")]
    for key, label in (("bare_select", "bare Flask, one indexed SELECT"), ("healthz", "caseflow /healthz"),
                       ("me", "caseflow GET /api/v1/me")):  # fmt: skip
        figure = results[key]
        latency = figure["request_latency"]
        lines.append(
            row(f"  {label}: req/s, p50 / p95 ms", f"{figure['cycles_per_s']:,.0f}, "
                f"{latency['p50_ms']:.2f} / {latency['p95_ms']:.2f}")
        )  # fmt: skip
    lines.append(row("  /healthz p50 ÷ bare p50", f"{results['healthz_ratio']:.2f}x"))
    lines.append(row("  /api/v1/me p50 ÷ bare p50", f"{results['me_ratio']:.2f}x"))
    return lines
