"""Actions per second through the action service on SQLite, against a raw sqlite3 baseline in the same run."""

import cProfile
import io
import itertools
import json
import pstats
import random
import sqlite3
import sys
import sysconfig
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from bench.common import (
    BENCH_PASSWORD,
    RESULTS_DIR,
    bench_app,
    engine_listener,
    latency_summary,
    migrate_to_head,
    progress,
)
from caseflow.config import PROJECT_ROOT, DefaultConfig

SEED = 20261123
CHILD_UNITS = 4
COUNT_CASES = 20
PROFILE_CASES = 100
INTERLEAVE = 200  # engine actions between two blocks of as many raw transactions
CLASSIFY_PARAMS = {"kind": "complaint", "field": "land", "eligible": True, "within_competence": True}
REPORT_PARAMS = {
    "findings": "Đã xác minh tại thực địa; nội dung đơn đúng với hồ sơ.",
    "matches_request": True,
}
SEQUENCE = (
    ("classify", "officer"),
    ("propose_acceptance", "officer"),
    ("accept", "leader"),
    ("assign", "leader"),
    ("submit_report", "handler"),
)
RAW_STATUSES = ("received", "classified", "pending_acceptance", "accepted", "verifying", "reported")
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Hà", "Hùng", "Lan", "Linh", "Minh", "Nam", "Phương", "Thảo")
TOPICS = ("đất đai", "bồi thường", "giải phóng mặt bằng", "cấp giấy chứng nhận", "tranh chấp ranh giới")
WORDS = "thửa đất hộ gia đình ủy ban nhân dân xã huyện quyết định thu hồi diện tích hồ sơ biên bản".split()


def run(cases: int, *, seed: int = SEED) -> dict:
    """The actions benchmark: statement counts, timed pass interleaved with the raw baseline, profile."""
    with tempfile.TemporaryDirectory(prefix="caseflow-bench-actions-") as tmp:
        engine, raw = engine_benchmark(Path(tmp), cases, seed=seed)
        normal = RawBaseline(Path(tmp) / "raw-normal.db", cases, "NORMAL", engine["event_row_size"], seed)
        normal.advance(cases * len(SEQUENCE))
        raw_normal = normal.finish()
    ratio = raw["tx_per_s"] / engine["actions_per_s"]
    return {
        "engine": engine,
        "raw": raw,
        "raw_engine_ratio": round(ratio, 2),
        "raw_synchronous_normal_info": {k: raw_normal[k] for k in ("synchronous", "tx_per_s", "latency")},
    }


# --- the engine -------------------------------------------------------------------------------------------


def engine_benchmark(tmp: Path, cases: int, *, seed: int) -> tuple[dict, dict]:
    """Fresh migrated database, intake, then count, time (with the raw baseline interleaved) and profile."""
    from caseflow.extensions import db

    synchronous = DefaultConfig.CASEFLOW_SQLITE_SYNCHRONOUS
    app = bench_app(f"sqlite:///{tmp / 'engine.db'}")
    app.config["CASEFLOW_SQLITE_SYNCHRONOUS"] = synchronous
    migrate_to_head(app)
    rng = random.Random(seed)
    with app.app_context():
        staff = create_staff()
        plan, intake_rate = take_in_cases(staff, cases + COUNT_CASES + PROFILE_CASES, rng)
        count_plan, timed_plan, profile_plan = (
            plan[:COUNT_CASES],
            plan[COUNT_CASES : COUNT_CASES + cases],
            plan[COUNT_CASES + cases :],
        )
        statements = count_statements(staff, count_plan)
        row_size = event_row_size()
        raw = RawBaseline(tmp / "raw.db", cases, synchronous, row_size, seed)
        timed = timed_pass(staff, timed_plan, rng, raw)
        profile = profile_pass(staff, profile_plan, rng, statements)
        checks = final_checks(len(plan))
        pragma = db.session.execute(sa.text("PRAGMA synchronous")).scalar()
        db.session.commit()
    engine = {
        "cases": cases,
        "synchronous": synchronous,
        "synchronous_pragma_value": pragma,
        "intake_cases_per_s": round(intake_rate, 1),
        **timed,
        "statements": statements["summary"],
        "profile": profile,
        "event_row_size": row_size,
        "checks": checks,
    }
    return engine, raw.finish()


def create_staff() -> dict:
    """A root unit with an officer, and child units each with a leader and a handler."""
    from caseflow.extensions import db
    from caseflow.services.accounts import users
    from caseflow.timeutil import now_utc

    now = now_utc()
    users.create_unit("BENCH", "Thanh tra tỉnh (bench)")
    officer = _user("officer", ["officer", "reception"], "BENCH", now)
    units, leaders, handlers = [], [], []
    for index in range(1, CHILD_UNITS + 1):
        code = f"BENCH{index:02d}"
        units.append(users.create_unit(code, f"Phòng {index} (bench)", parent_code="BENCH").id)
        leaders.append(_user(f"leader{index}", ["leader"], code, now))
        handlers.append(_user(f"handler{index}", ["handler"], code, now))
    handler_ids = [handler.id for handler in handlers]
    db.session.commit()
    return {
        "officer": officer,
        "units": units,
        "leaders": leaders,
        "handlers": handlers,
        "handler_ids": handler_ids,
    }


def _user(username: str, roles: list[str], unit_code: str, now: datetime):
    """One benchmark official."""
    from caseflow.services.accounts import users

    return users.create_user(
        username,
        full_name=username.title(),
        password=BENCH_PASSWORD,
        roles=roles,
        unit_code=unit_code,
        now=now,
    )


def take_in_cases(staff: dict, count: int, rng: random.Random) -> tuple[list[tuple[int, int]], float]:
    """Create `count` cases through intake, one commit each: ((case id, unit index) per case, cases/s)."""
    from caseflow.extensions import db
    from caseflow.services.cases.intake import create_case
    from caseflow.timeutil import now_utc

    plan = []
    started = time.perf_counter()
    for number in range(count):
        unit_index = number % CHILD_UNITS
        data = intake_data(number, staff["units"][unit_index], rng)
        case_id = create_case(
            data, actor=staff["officer"], now=now_utc()
        ).case.id  # read before commit expires it
        db.session.commit()
        plan.append((case_id, unit_index))
        if (number + 1) % 500 == 0 or number + 1 == count:
            rate = (number + 1) / (time.perf_counter() - started)
            progress(f"actions: intake {number + 1:,}/{count:,} cases ({rate:,.0f} cases/s, not timed)")
    return plan, count / (time.perf_counter() - started)


def intake_data(number: int, unit_id: int, rng: random.Random) -> dict:
    """A plausible letter; its unique reference keeps duplicate detection from matching every case."""
    topic = rng.choice(TOPICS)
    body = " ".join(rng.choices(WORDS, k=30))
    return {
        "channel": rng.choice(["post", "in_person", "online"]),
        "subject": f"Đơn khiếu nại về {topic}",
        "content": f"Mã tham chiếu benchref{number:08d}. {body}.",
        "unit": unit_id,
        "petitioner": {
            "full_name": f"{rng.choice(SURNAMES)} Văn {rng.choice(GIVEN)} {number}",
            "address": f"Số {number} đường Trần Phú, phường {number % 30 + 1}",
        },
    }


def action_params(action: str, staff: dict, unit_index: int) -> dict:
    """The parameters a web form would post for `action` on a case of that unit."""
    if action == "classify":
        return dict(CLASSIFY_PARAMS)
    if action == "assign":
        return {"assignee": staff["handler_ids"][unit_index]}
    if action == "submit_report":
        return dict(REPORT_PARAMS)
    return {}


def actor_for(role: str, staff: dict, unit_index: int):
    """The official who takes that step on a case of that unit."""
    if role == "officer":
        return staff["officer"]
    return staff[f"{role}s"][unit_index]


def do_action(staff: dict, case_id: int, unit_index: int, step: int) -> tuple[float, float]:
    """One request's work: perform_action then commit; (seconds in the service, seconds in commit)."""
    from caseflow.extensions import db
    from caseflow.services.cases.actions import perform_action
    from caseflow.timeutil import now_utc

    action, role = SEQUENCE[step]
    started = time.perf_counter()
    perform_action(
        case_id,
        action,
        actor=actor_for(role, staff, unit_index),
        now=now_utc(),
        params=action_params(action, staff, unit_index),
        expected_version=step + 1,
    )
    performed = time.perf_counter()
    db.session.commit()
    return performed - started, time.perf_counter() - performed


def phase_order(plan: list[tuple[int, int]], rng: random.Random):
    """Each step over every case, in a shuffled case order per step (the next step only after the last)."""
    for step in range(len(SEQUENCE)):
        cases = list(plan)
        rng.shuffle(cases)
        for case_id, unit_index in cases:
            yield step, case_id, unit_index


def timed_pass(staff: dict, plan: list[tuple[int, int]], rng: random.Random, raw: "RawBaseline") -> dict:
    """Time every action of every case; after each block of actions, run as many raw transactions."""
    total = len(plan) * len(SEQUENCE)
    latencies, service, commit = [], [], []
    by_action = defaultdict(list)
    progress(f"actions: timing {total:,} actions on {len(plan):,} cases, interleaved with the raw baseline")
    for step, case_id, unit_index in phase_order(plan, rng):
        in_service, in_commit = do_action(staff, case_id, unit_index, step)
        latencies.append(in_service + in_commit)
        service.append(in_service)
        commit.append(in_commit)
        by_action[SEQUENCE[step][0]].append(in_service + in_commit)
        if len(latencies) % INTERLEAVE == 0:
            raw.advance(INTERLEAVE)
        if len(latencies) % 2000 == 0:
            progress(f"actions: {len(latencies):,}/{total:,} actions")
    elapsed = sum(latencies)
    return {
        "actions": total,
        "elapsed_s": round(elapsed, 3),
        "actions_per_s": round(total / elapsed, 1),
        "latency": latency_summary(latencies),
        "service_mean_ms": round(1000 * sum(service) / total, 4),
        "commit_mean_ms": round(1000 * sum(commit) / total, 4),
        "by_action": {name: latency_summary(values) for name, values in by_action.items()},
    }


def count_statements(staff: dict, plan: list[tuple[int, int]]) -> dict:
    """Run the sequence on a few cases (also the warm-up) counting SQL statements per action and kind."""
    from caseflow.extensions import db

    counts: dict[str, Counter] = defaultdict(Counter)
    log: list[str] = []
    current = {"action": "", "case": None}

    def on_execute(_conn, _cursor, statement, _params, _context, executemany):
        kind = statement.lstrip().split(None, 1)[0].upper()
        counts[current["action"]][kind] += 1
        if current["case"] == plan[0][0]:
            many = " (executemany)" if executemany else ""
            sql = " ".join(statement.split())
            log.append(f"{current['action']:>18}  {_statement_source():<72}  {sql[:110]}{many}")

    progress(f"actions: counting SQL statements over {len(plan) * len(SEQUENCE)} actions (warm-up)")
    with engine_listener(db.engine, "before_cursor_execute", on_execute):
        for step, case_id, unit_index in phase_order(plan, random.Random(0)):
            current.update(action=SEQUENCE[step][0], case=case_id)
            do_action(staff, case_id, unit_index, step)
    return {"summary": statement_summary(counts, len(plan)), "log": log}


def _statement_source() -> str:
    """The innermost caseflow frames that led to the statement, innermost first; marks ORM autoflushes."""
    stack = traceback.extract_stack()
    frames = [f for f in stack if f"{PROJECT_ROOT}/caseflow/" in f.filename]
    where = " < ".join(
        f"{Path(f.filename).relative_to(PROJECT_ROOT / 'caseflow')}:{f.lineno} {f.name}"
        for f in frames[::-1][:2]
    )
    return f"[autoflush] {where}" if any(f.name == "_autoflush" for f in stack) else where


def statement_summary(counts: dict[str, Counter], cases: int) -> dict:
    """Statements per action, overall and per action name, by kind (COMMIT is not a cursor statement)."""
    per_action = {
        name: {"total": sum(kinds.values()) / cases, **{k: v / cases for k, v in sorted(kinds.items())}}
        for name, kinds in counts.items()
    }
    total = sum(sum(kinds.values()) for kinds in counts.values())
    return {
        "per_action_mean": round(total / (cases * len(SEQUENCE)), 2),
        "by_action": per_action,
        "note": "cursor statements seen by before_cursor_execute; each action also ends with one COMMIT",
    }


def profile_pass(staff: dict, plan: list[tuple[int, int]], rng: random.Random, statements: dict) -> dict:
    """cProfile the sequence over `plan` and write the report to bench/results/actions.prof.txt."""
    profiler = cProfile.Profile()
    count = 0
    progress(f"actions: profiling {len(plan) * len(SEQUENCE)} actions")
    started = time.perf_counter()
    for step, case_id, unit_index in phase_order(plan, rng):
        profiler.enable()
        do_action(staff, case_id, unit_index, step)
        profiler.disable()
        count += 1
    elapsed = time.perf_counter() - started
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    report_path = RESULTS_DIR / "actions.prof.txt"
    stats = pstats.Stats(profiler)
    report_path.write_text(profile_report(stats, count, elapsed, statements))
    return {
        "actions": count,
        "elapsed_s_under_profiler": round(elapsed, 3),
        "report": str(report_path.relative_to(PROJECT_ROOT)),
        "self_time_by_area": self_time_by_area(stats),
        "top_cumulative": top_functions(stats, "cumulative", 15),
        "top_caseflow_cumulative": top_functions(stats, "cumulative", 15, only="/caseflow/"),
    }


def profile_report(stats: pstats.Stats, count: int, elapsed: float, statements: dict) -> str:
    """The profile as text: top-15 cumulative, caseflow's own functions, self time, areas, SQL per action."""
    parts = [
        f"cProfile of {count} actions (perform_action + commit), {elapsed:.2f} s under the profiler, "
        f"{1000 * elapsed / count:.2f} ms per action.\n"
        "Times are inflated by the profiler; read them as shares, not as absolute costs.\n",
        _section("Top 15 by cumulative time", _print_stats(stats, "cumulative", 15)),
        _section(
            "caseflow's own functions by cumulative time (top 30)",
            _print_stats(stats, "cumulative", r"caseflow/", 30),
        ),
        _section("Top 25 by self time (tottime)", _print_stats(stats, "tottime", 25)),
        _section("Self time by area", _format_areas(self_time_by_area(stats))),
        _section("SQL statements per action (mean over the counted cases)", _format_statements(statements)),
        _section(
            "SQL of one case's sequence, in order: action, caseflow code that issued it (innermost first)",
            "\n".join(statements["log"]),
        ),
    ]
    return "\n".join(parts)


def _section(title: str, body: str) -> str:
    """A titled block of the report."""
    return f"\n=== {title} ===\n{body.rstrip()}\n"


def _print_stats(stats: pstats.Stats, sort: str, *restrictions) -> str:
    """pstats output with the long path prefixes cut."""
    stream = io.StringIO()
    stats.stream = stream
    stats.sort_stats(sort).print_stats(*restrictions)
    text = stream.getvalue()
    for prefix in _path_prefixes():
        text = text.replace(prefix, "")
    return text[text.find("   ncalls") :] if "   ncalls" in text else text


def _path_prefixes() -> list[str]:
    """Directory prefixes to strip from profile paths (site-packages, the project, the stdlib)."""
    paths = sysconfig.get_paths()
    return [f"{p}/" for p in (paths["purelib"], paths["platlib"], str(PROJECT_ROOT), paths["stdlib"])]


AREAS = (
    (
        "sqlite3 (C driver)",
        ("sqlite3.Cursor", "sqlite3.Connection", "method 'execute' of 'sqlite3", "commit' of"),
    ),
    ("caseflow", ("/caseflow/",)),
    ("sqlalchemy", ("/sqlalchemy/",)),
    ("marshmallow", ("/marshmallow/",)),
    ("transitions", ("/transitions/",)),
    ("flask / werkzeug", ("/flask/", "/flask_sqlalchemy/", "/werkzeug/")),
    ("json / hashlib", ("/json/", "_hashlib", "hashlib")),
)


def self_time_by_area(stats: pstats.Stats) -> dict[str, float]:
    """Share (%) of total self time spent in each library."""
    totals: Counter = Counter()
    for (filename, _line, name), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
        totals[_area(f"{filename}:{name}")] += tottime
    grand = sum(totals.values()) or 1.0
    return {area: round(100 * t / grand, 1) for area, t in totals.most_common()}


def _area(where: str) -> str:
    """Which area a profiled function belongs to."""
    for area, needles in AREAS:
        if any(needle in where for needle in needles):
            return area
    return "other (stdlib, builtins)"


def top_functions(stats: pstats.Stats, sort: str, limit: int, only: str = "") -> list[dict]:
    """The top functions (optionally only those whose file path contains `only`) as data for the JSON."""
    rows = []
    for (filename, line, name), (_cc, calls, tottime, cumtime, _callers) in stats.stats.items():
        if only not in filename:
            continue
        rows.append(
            (cumtime if sort == "cumulative" else tottime, filename, line, name, calls, tottime, cumtime)
        )
    rows.sort(reverse=True)
    prefixes = _path_prefixes()
    result = []
    for _key, filename, line, name, calls, tottime, cumtime in rows[:limit]:
        for prefix in prefixes:
            filename = filename.replace(prefix, "")
        result.append(
            {
                "function": f"{filename}:{line}({name})",
                "calls": calls,
                "tottime_s": round(tottime, 4),
                "cumtime_s": round(cumtime, 4),
            }
        )
    return result


def _format_areas(areas: dict[str, float]) -> str:
    """The area shares as aligned lines."""
    return "\n".join(f"{share:6.1f} %  {area}" for area, share in areas.items())


def _format_statements(statements: dict) -> str:
    """Statements per action, by kind, as aligned lines."""
    summary = statements["summary"]
    lines = [f"mean over all actions: {summary['per_action_mean']} statements + COMMIT"]
    for name, kinds in summary["by_action"].items():
        detail = ", ".join(f"{k} {v:g}" for k, v in kinds.items() if k != "total")
        lines.append(f"{name:>20}: {kinds['total']:g}  ({detail})")
    return "\n".join(lines)


def final_checks(expected_cases: int) -> dict:
    """Every case ended in 'reported' at version 6 with 6 events."""
    from caseflow.extensions import db

    row = db.session.execute(
        sa.text("SELECT count(*), sum(status = 'reported' AND version = 6 AND last_event_seq = 6) FROM cases")
    ).one()
    db.session.commit()
    ok = row[0] == expected_cases and row[1] == expected_cases
    if not ok:
        print(f"WARNING: only {row[1]} of {row[0]} cases reached 'reported' at version 6", file=sys.stderr)
    return {"cases_total": row[0], "cases_reported_v6": row[1], "ok": ok}


def event_row_size() -> dict:
    """The mean length of the JSON columns of the events the actions wrote so far (the raw rows match it)."""
    from caseflow.extensions import db

    sizes = db.session.execute(
        sa.text("SELECT avg(length(changes)), avg(length(params)) FROM case_events WHERE action != 'intake'")
    ).one()
    db.session.commit()
    return {"changes": round(sizes[0] or 0), "params": round(sizes[1] or 0)}


# --- the raw sqlite3 baseline -----------------------------------------------------------------------------

RAW_SCHEMA = """
CREATE TABLE cases (
    id INTEGER PRIMARY KEY, tracking_code VARCHAR(32) NOT NULL UNIQUE, status VARCHAR(32) NOT NULL,
    version INTEGER NOT NULL, is_open BOOLEAN NOT NULL, unit_id INTEGER NOT NULL, assignee_id INTEGER,
    subject VARCHAR(300) NOT NULL, content TEXT NOT NULL, search_text TEXT NOT NULL, due_on DATE,
    created_dt DATETIME NOT NULL, updated_dt DATETIME NOT NULL,
    last_event_seq INTEGER NOT NULL, last_event_hash VARCHAR(64) NOT NULL
);
CREATE INDEX ix_cases_status ON cases (status);
CREATE INDEX ix_cases_open_unit_due ON cases (unit_id, due_on, id) WHERE is_open = 1;
CREATE TABLE case_events (
    id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES cases (id), seq INTEGER NOT NULL,
    created_dt DATETIME NOT NULL, actor VARCHAR(100) NOT NULL, actor_user_id INTEGER,
    action VARCHAR(48) NOT NULL,
    from_status VARCHAR(32), to_status VARCHAR(32), changes JSON NOT NULL, params JSON NOT NULL,
    reason TEXT NOT NULL, request_id VARCHAR(64) NOT NULL, prev_hash VARCHAR(64) NOT NULL,
    hash VARCHAR(64) NOT NULL, UNIQUE (case_id, seq)
);
CREATE INDEX ix_case_events_actor_user_id ON case_events (actor_user_id);
"""
RAW_UPDATE = "UPDATE cases SET status=?, version=version+1, updated_dt=? WHERE id=? AND version=?"
RAW_INSERT = (
    "INSERT INTO case_events (case_id, seq, created_dt, actor, actor_user_id, action, from_status, to_status,"
    " changes, params, reason, request_id, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


class RawBaseline:
    """The same writes with plain sqlite3 (BEGIN IMMEDIATE, UPDATE, INSERT, COMMIT), in blocks on demand."""

    def __init__(self, path: Path, cases: int, synchronous: str, row_size: dict, seed: int):
        """Create and fill the raw database; the transactions run later through advance()."""
        self.connection = raw_connect(path, synchronous)
        raw_populate(self.connection, cases)
        self.synchronous, self.row_size = synchronous, row_size
        self.order = phase_order([(i, 0) for i in range(1, cases + 1)], random.Random(seed))
        self.latencies: list[float] = []

    def advance(self, count: int) -> None:
        """Run the next `count` transactions (fewer when the plan runs out)."""
        for step, case_id, _unit in itertools.islice(self.order, count):
            began = time.perf_counter()
            raw_transaction(self.connection, case_id, step, self.row_size)
            self.latencies.append(time.perf_counter() - began)

    def finish(self) -> dict:
        """Run what is left, close the database and summarise."""
        self.advance(sys.maxsize)
        self.connection.close()
        elapsed = sum(self.latencies)
        progress(f"raw: {len(self.latencies):,} sqlite3 transactions (synchronous={self.synchronous})")
        return {
            "transactions": len(self.latencies),
            "synchronous": self.synchronous,
            "elapsed_s": round(elapsed, 3),
            "tx_per_s": round(len(self.latencies) / elapsed, 1),
            "latency": latency_summary(self.latencies),
            "row_size": self.row_size,
        }


def raw_connect(path: Path, synchronous: str) -> sqlite3.Connection:
    """A sqlite3 connection tuned like the app's: WAL, same synchronous, foreign keys, busy timeout."""
    connection = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", f"synchronous={synchronous}", "foreign_keys=ON", "busy_timeout=5000"):
        connection.execute(f"PRAGMA {pragma}")
    connection.executescript(RAW_SCHEMA)
    return connection


def raw_populate(connection: sqlite3.Connection, cases: int) -> None:
    """The cases, as received, in one transaction (not timed)."""
    now = datetime.now(UTC).isoformat(sep=" ")
    rows = [
        (
            i,
            f"RAW-2026-{i:06d}",
            "received",
            1,
            True,
            1 + i % CHILD_UNITS,
            "Đơn khiếu nại về đất đai",
            "Nội dung " * 20,
            "noi dung " * 20,
            "2026-12-31",
            now,
            now,
            1,
            "0" * 64,
        )
        for i in range(1, cases + 1)
    ]
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany(
        "INSERT INTO cases (id, tracking_code, status, version, is_open, unit_id, subject, content,"
        " search_text, due_on, created_dt, updated_dt, last_event_seq, last_event_hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    connection.execute("COMMIT")


def raw_transaction(connection: sqlite3.Connection, case_id: int, step: int, row_size: dict) -> None:
    """One action's writes: the version-checked UPDATE of the case and the INSERT of its event."""
    old, new = RAW_STATUSES[step], RAW_STATUSES[step + 1]
    now = datetime.now(UTC).isoformat(sep=" ")
    changes = _padded_json({"status": [old, new]}, row_size["changes"])
    params = _padded_json({"note": ""}, row_size["params"])
    connection.execute("BEGIN IMMEDIATE")
    cursor = connection.execute(RAW_UPDATE, (new, now, case_id, step + 1))
    if cursor.rowcount != 1:
        connection.execute("ROLLBACK")
        raise RuntimeError(f"raw baseline: case {case_id} was not at version {step + 1}")
    connection.execute(
        RAW_INSERT,
        (
            case_id,
            step + 2,
            now,
            "user:bench",
            1,
            SEQUENCE[step][0],
            old,
            new,
            changes,
            params,
            "",
            "",
            f"{case_id:032x}{step:032x}",
            f"{case_id:032x}{step + 1:032x}",
        ),
    )
    connection.execute("COMMIT")


def _padded_json(value: dict, size: int) -> str:
    """`value` as JSON, padded with a filler key to about `size` characters (the engine's mean)."""
    text = json.dumps(value, ensure_ascii=False)
    filler = max(0, size - len(text) - 10)
    return json.dumps({**value, "pad": "x" * filler}, ensure_ascii=False) if filler else text
