"""Helpers shared by the benchmarks: app factory, progress, timing statistics and machine information."""

import os
import platform
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from flask import Flask

from caseflow.config import PROJECT_ROOT

RESULTS_DIR = Path(__file__).resolve().parent / "results"
SMALL_ARGON2 = {"CASEFLOW_ARGON2_MEMORY_KIB": 8, "CASEFLOW_ARGON2_TIME_COST": 1}
BENCH_PASSWORD = "timing-runs-only-7"  # noqa: S105 - throwaway accounts in a throwaway database


def progress(message: str) -> None:
    """One line of progress on stderr."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def bench_app(database_url: str) -> Flask:
    """A caseflow app on `database_url` with cheap password hashing (benchmark accounts only)."""
    from caseflow import create_app

    return create_app(
        {"SECRET_KEY": "caseflow-bench", "SQLALCHEMY_DATABASE_URI": database_url, **SMALL_ARGON2}
    )


def migrate_to_head(app: Flask) -> None:
    """`caseflow db upgrade`: run the Alembic migrations up to head."""
    import flask_migrate

    with app.app_context():
        flask_migrate.upgrade()


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0–100) of `values`, linearly interpolated."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def latency_summary(seconds: list[float]) -> dict:
    """Count, mean, p50, p95, p99 and max of durations, in milliseconds."""
    ms = [s * 1000 for s in seconds]
    return {
        "count": len(ms),
        "mean_ms": round(sum(ms) / len(ms), 4) if ms else None,
        "p50_ms": round(percentile(ms, 50), 4),
        "p95_ms": round(percentile(ms, 95), 4),
        "p99_ms": round(percentile(ms, 99), 4),
        "max_ms": round(max(ms), 4) if ms else None,
    }


@contextmanager
def engine_listener(engine: sa.Engine, event: str, handler):
    """Attach an engine event handler for the duration of a block."""
    sa.event.listen(engine, event, handler)
    try:
        yield
    finally:
        sa.event.remove(engine, event, handler)


def machine_info() -> dict:
    """What the figures were measured on: interpreter, libraries, CPU and the code's commit."""
    return {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "sqlite_version": sqlite3.sqlite_version,
        "sqlalchemy_version": sa.__version__,
        "flask_version": _dist_version("flask"),
        "cpu_count": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "git_commit": _git(["rev-parse", "--short", "HEAD"]),
        "git_dirty": bool(_git(["status", "--porcelain", "--untracked-files=no"])),
    }


def _dist_version(name: str) -> str:
    """An installed distribution's version."""
    from importlib.metadata import version

    return version(name)


def _cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo, or the platform's processor string."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def _git(args: list[str]) -> str:
    """The output of a git command in the project, or '' when git is unavailable."""
    try:
        result = subprocess.run(["git", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""
