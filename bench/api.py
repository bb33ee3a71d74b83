"""API benchmark: the cycle "create a case, classify, propose acceptance, accept" via gunicorn (2 workers).

Measured on SQLite (a fresh file, the default synchronous=FULL; again with NORMAL for information) and, when a
server answers, on PostgreSQL (a database of our own, dropped at
the end). Baselines from the same run: the same cycle through the services in-process (no HTTP), and
gunicorn's /healthz (the HTTP floor). Figures are reported, never asserted.
"""

import http.client
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from bench.common import BENCH_PASSWORD, SMALL_ARGON2, bench_app, latency_summary, migrate_to_head, progress

TARGET_CYCLES_PER_S = 150
WORKERS = 2
CLIENTS = 4
PG_DATABASE = "caseflow_bench_api"
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1/postgres"
WORDS = (
    "đất đai thu hồi bồi thường giải phóng mặt bằng quyết định hành chính cán bộ địa chính xã phường "
    "huyện tỉnh hộ gia đình diện tích giấy chứng nhận quyền sử dụng nhà ở xây dựng trái phép tiền hỗ trợ "
    "tái định cư khiếu nại tố cáo kiến nghị phản ánh chính sách người có công bảo hiểm xã hội ô nhiễm "
    "môi trường tiếng ồn xưởng sản xuất đường giao thông chậm trễ hồ sơ thủ tục lệ phí sai quy định"
).split()
LABELS = {"sqlite": "sqlite", "sqlite_synchronous_normal_info": "sqlite NORMAL", "postgres": "postgres"}
CLASSIFY = {"kind": "complaint", "field": "land", "eligible": True, "within_competence": True}


def run(postgres: str | None, *, seconds: float = 15.0) -> dict:
    """Every figure of the API benchmark."""
    results = {"workers": WORKERS, "clients": CLIENTS, "seconds": seconds, "load_before": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="caseflow-bench-api-") as folder:
        results["fsync_ms"] = fsync_ms(folder)
        results["sqlite"] = database_run(f"sqlite:///{Path(folder) / 'api.db'}", seconds, "sqlite")
        with synchronous("NORMAL"):
            normal = database_run(f"sqlite:///{Path(folder) / 'normal.db'}", seconds, "sqlite, NORMAL")
        results["sqlite_synchronous_normal_info"] = normal
    server = postgres or os.environ.get("CASEFLOW_BENCH_POSTGRES") or DEFAULT_POSTGRES
    results["postgres"] = postgres_run(server, seconds)
    results["load_after"] = os.getloadavg()[0]
    sqlite = results["sqlite"]
    results["service_api_ratio"] = round(sqlite["service_cycles_per_s"] / sqlite["api"]["cycles_per_s"], 2)
    return results


@contextmanager
def synchronous(mode: str):
    """Run the app (here and in gunicorn) with CASEFLOW_SQLITE_SYNCHRONOUS=mode."""
    before = os.environ.get("CASEFLOW_SQLITE_SYNCHRONOUS")
    os.environ["CASEFLOW_SQLITE_SYNCHRONOUS"] = mode
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("CASEFLOW_SQLITE_SYNCHRONOUS")
        else:
            os.environ["CASEFLOW_SQLITE_SYNCHRONOUS"] = before


def fsync_ms(folder: str, count: int = 50) -> float:
    """What one fsync of a 4 KiB write costs on this disk now (SQLite FULL pays one per commit)."""
    path = Path(folder) / "fsync.probe"
    handle = os.open(path, os.O_WRONLY | os.O_CREAT)
    started = time.perf_counter()
    for _ in range(count):
        os.write(handle, b"x" * 4096)
        os.fsync(handle)
    os.close(handle)
    path.unlink()
    return round((time.perf_counter() - started) / count * 1000, 2)


def postgres_run(server_url: str, seconds: float) -> dict | None:
    """The same on PostgreSQL, in our own database; None (with a note) when no server answers."""
    server = sa.make_url(server_url)
    admin = sa.create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
            connection.exec_driver_sql(f"CREATE DATABASE {PG_DATABASE}")
    except sa.exc.OperationalError as error:
        progress(f"api[postgres]: skipped, no server ({error.__class__.__name__})")
        admin.dispose()
        return None
    try:
        url = server.set(database=PG_DATABASE).render_as_string(hide_password=False)
        return database_run(url, seconds, "postgres")
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        admin.dispose()


def database_run(database_url: str, seconds: float, label: str) -> dict:
    """Set up, measure the in-process baseline, then the API through gunicorn."""
    from caseflow.extensions import db

    app = bench_app(database_url)
    migrate_to_head(app)
    with app.app_context():
        tokens = create_staff()
        progress(f"api[{label}]: in-process baseline")
        service = service_cycles(app, min(seconds, 5.0))
        db.engine.dispose()
    with gunicorn(database_url) as port:
        progress(f"api[{label}]: /healthz floor")
        floor = drive(port, lambda conn, rng: [_get(conn, "/healthz")], min(seconds, 5.0), CLIENTS)
        progress(f"api[{label}]: {seconds:.0f} s of cycles with {CLIENTS} clients, {WORKERS} workers")
        api = drive(port, lambda conn, rng: cycle(conn, tokens, rng), seconds, CLIENTS)
    return {
        "api": api,
        "healthz_requests_per_s": floor["cycles_per_s"],
        "service_cycles_per_s": service,
        "target_cycles_per_s": TARGET_CYCLES_PER_S,
    }


def create_staff() -> dict:
    """A unit with a clerk (reception and officer) and a leader, and their tokens."""
    from caseflow.extensions import db
    from caseflow.services.accounts import users

    now = datetime.now(UTC)
    users.create_unit("BENCH", "Sở Tài nguyên và Môi trường (bench)")
    clerk = users.create_user(
        "clerk", full_name="Cán bộ tiếp nhận", password=BENCH_PASSWORD, roles=["reception", "officer"],
        unit_code="BENCH", now=now,
    )  # fmt: skip
    leader = users.create_user(
        "leader",
        full_name="Lãnh đạo",
        password=BENCH_PASSWORD,
        roles=["leader"],
        unit_code="BENCH",
        now=now,
    )
    tokens = {
        "clerk": users.create_token(clerk, now=now)[0],
        "leader": users.create_token(leader, now=now)[0],
    }
    db.session.commit()
    return tokens


def letter(rng: random.Random) -> dict:
    """A plausible letter: a few words from the vocabulary and a petitioner with an ID number."""
    words = " ".join(rng.choice(WORDS) for _ in range(30))
    return {
        "channel": "post",
        "subject": " ".join(rng.choice(WORDS) for _ in range(6)),
        "content": f"Đề nghị xem xét {words} số {rng.randint(1, 99999)}",
        "petitioner": {
            "full_name": f"Nguyễn Văn {rng.choice(WORDS).title()} {rng.randint(1, 999)}",
            "address": f"Thôn {rng.randint(1, 50)}, xã {rng.choice(WORDS).title()}",
            "id_number": f"{rng.randint(10**11, 10**12 - 1)}",
        },
    }


def service_cycles(app, seconds: float) -> float:
    """Cycles per second through the services in this process (one commit per step, as a request does)."""
    from caseflow.extensions import db
    from caseflow.models import User
    from caseflow.services.cases.actions import perform_action
    from caseflow.services.cases.intake import create_case

    clerk = db.session.scalar(sa.select(User).where(User.username == "clerk"))
    leader = db.session.scalar(sa.select(User).where(User.username == "leader"))
    rng, done, started = random.Random(1), 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        case = create_case(letter(rng), actor=clerk, now=datetime.now(UTC)).case
        db.session.commit()
        steps = (("classify", CLASSIFY, clerk), ("propose_acceptance", {}, clerk), ("accept", {}, leader))
        for version, (action, params, actor) in enumerate(steps, start=1):
            perform_action(case.id, action, actor=actor, now=datetime.now(UTC), params=params,
                           expected_version=version)  # fmt: skip
            db.session.commit()
        done += 1
    return round(done / (time.perf_counter() - started), 1)


def cycle(conn: http.client.HTTPConnection, tokens: dict, rng: random.Random) -> list[float]:
    """One cycle over HTTP; the latency of each request."""
    timings = []
    status, body, seconds = _post(conn, "/api/v1/cases", letter(rng), tokens["clerk"])
    timings.append(seconds)
    _expect(status, 201, body)
    case_id = json.loads(body)["id"]
    steps = (("classify", CLASSIFY, "clerk"), ("propose_acceptance", {}, "clerk"), ("accept", {}, "leader"))
    for version, (action, params, who) in enumerate(steps, start=1):
        path = f"/api/v1/cases/{case_id}/actions/{action}"
        status, body, seconds = _post(conn, path, params, tokens[who], {"If-Match": f'"{version}"'})
        _expect(status, 200, body)
        timings.append(seconds)
    return timings


def _expect(status: int, wanted: int, body: bytes) -> None:
    """Stop the run on an unexpected answer."""
    if status != wanted:
        raise RuntimeError(f"expected {wanted}, got {status}: {body[:300]!r}")


def _post(conn, path: str, body: dict, token: str, headers: dict | None = None):
    """POST JSON; (status, body, seconds)."""
    data = json.dumps(body).encode()
    all_headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}", **(headers or {})}
    started = time.perf_counter()
    conn.request("POST", path, body=data, headers=all_headers)
    response = conn.getresponse()
    content = response.read()
    return response.status, content, time.perf_counter() - started


def _get(conn, path: str) -> float:
    """GET; seconds."""
    started = time.perf_counter()
    conn.request("GET", path)
    conn.getresponse().read()
    return time.perf_counter() - started


def drive(port: int, work, seconds: float, clients: int) -> dict:
    """Run `work` in `clients` threads for `seconds`; cycles/s and latency per cycle and per request."""
    cycles, requests, errors = [], [], []
    deadline = time.perf_counter() + seconds

    def client(seed: int) -> None:
        rng = random.Random(seed)
        while time.perf_counter() < deadline:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                timings = work(conn, rng)
            except Exception as error:  # noqa: BLE001 - reported, the run goes on
                errors.append(repr(error))
                continue
            finally:
                conn.close()
            cycles.append(sum(timings))
            requests.extend(timings)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {
        "cycles": len(cycles),
        "cycles_per_s": round(len(cycles) / elapsed, 1),
        "cycle_latency": latency_summary(cycles),
        "request_latency": latency_summary(requests),
        "errors": len(errors),
        "first_errors": errors[:3],
    }


class gunicorn:  # noqa: N801 - used as a context manager like a function
    """gunicorn serving caseflow on a free port with WORKERS sync workers, stopped on exit."""

    def __init__(self, database_url: str, app: str = "caseflow:create_app()", extra_env: dict | None = None):
        self.database_url, self.app, self.extra_env = database_url, app, extra_env or {}

    def __enter__(self) -> int:
        self.port = _free_port()
        env = {
            **os.environ,
            "CASEFLOW_DATABASE_URL": self.database_url,
            "CASEFLOW_SECRET_KEY": "caseflow-bench",
            **{key: str(value) for key, value in SMALL_ARGON2.items()},
            **self.extra_env,
        }
        command = [sys.executable, "-m", "gunicorn", "-w", str(WORKERS), "-b", f"127.0.0.1:{self.port}",
                   "--log-level", "warning", self.app]  # fmt: skip
        self.process = subprocess.Popen(command, env=env)
        _wait_for(self.port)
        return self.port

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def _free_port() -> int:
    """A TCP port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, timeout: float = 30.0) -> None:
    """Until /healthz answers 200."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def rows(results: dict, row) -> list[str]:
    """The table lines of the API benchmark (row(figure, value, verdict) from bench.run)."""
    load = f"load {results['load_before']:.1f} → {results['load_after']:.1f}"
    lines = [row(f"api: gunicorn {results['workers']} workers, {results['clients']} clients", load)]
    lines.append(row("  fsync of 4 KiB on this disk, ms", f"{results['fsync_ms']:.2f}"))
    for database, label in LABELS.items():
        figures = results.get(database)
        if figures is None:
            lines.append(row(f"  [{label}] not measured (no server)", ""))
            continue
        api = figures["api"]
        latency = api["cycle_latency"]
        verdict = _verdict(api["cycles_per_s"]) if database == "sqlite" else None
        lines += [
            row(
                f"  [{label}] cycles/s (create, classify, propose, accept)",
                f"{api['cycles_per_s']:,.1f}",
                verdict,
            ),
            row(f"  [{label}] cycle p50 / p95 ms", f"{latency['p50_ms']:.1f} / {latency['p95_ms']:.1f}"),
            row(
                f"  [{label}] request p95 ms, errors",
                f"{api['request_latency']['p95_ms']:.1f}, {api['errors']}",
            ),
            row(
                f"  [{label}] baseline: services in-process cycles/s",
                f"{figures['service_cycles_per_s']:,.1f}",
            ),
            row(
                f"  [{label}] baseline: gunicorn /healthz requests/s",
                f"{figures['healthz_requests_per_s']:,.1f}",
            ),
        ]
    lines.append(row("  services/API ratio (SQLite)", f"{results['service_api_ratio']:.2f}x"))
    return lines


def _verdict(value: float) -> dict:
    """The target's verdict, shaped like bench.run's."""
    return {"op": ">=", "target": TARGET_CYCLES_PER_S, "passed": value >= TARGET_CYCLES_PER_S}
