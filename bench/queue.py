"""Queue query latency: a unit's open cases ordered by due date, 50 rows, over a large case table."""

import random
import re
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from bench.common import (
    BENCH_PASSWORD,
    bench_app,
    engine_listener,
    latency_summary,
    migrate_to_head,
    progress,
)

SEED = 20261124
UNITS = 50
OPEN_SHARE = 0.30
DUE_SPREAD_DAYS = 60
CHUNK = 5_000
QUERIES = 1_000
WARMUP = 50
PAGE = 50
INDEX_NAME = "ix_cases_open_unit_due"
PG_DATABASE = "caseflow_bench"
SUBJECTS = ("Đơn khiếu nại về đất đai", "Đơn tố cáo cán bộ xã", "Đơn kiến nghị về chính sách", "Đơn về nhà ở")


def run(cases: int, *, seed: int = SEED) -> dict:
    """The queue benchmark on a fresh SQLite file."""
    with tempfile.TemporaryDirectory(prefix="caseflow-bench-queue-") as tmp:
        return queue_benchmark(f"sqlite:///{Path(tmp) / 'queue.db'}", cases, seed=seed, label="sqlite")


def run_postgres(server_url: str, cases: int, *, seed: int = SEED) -> dict:
    """The queue benchmark on PostgreSQL, in a database of our own that is created and dropped here."""
    server = sa.make_url(server_url)
    maintenance = server.set(database="postgres") if server.database in (None, "", PG_DATABASE) else server
    bench_url = server.set(database=PG_DATABASE)
    admin = sa.create_engine(maintenance, isolation_level="AUTOCOMMIT")
    try:
        _recreate_database(admin)
        return queue_benchmark(
            bench_url.render_as_string(hide_password=False), cases, seed=seed, label="postgres"
        )
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        admin.dispose()


def _recreate_database(admin: sa.Engine) -> None:
    """Drop any leftover benchmark database and create an empty one."""
    progress(f"queue[postgres]: creating database {PG_DATABASE}")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        connection.exec_driver_sql(f"CREATE DATABASE {PG_DATABASE}")


def queue_benchmark(database_url: str, cases: int, *, seed: int, label: str) -> dict:
    """Migrate, load `cases` cases, ANALYZE, then time the unit queue through the service and as bare SQL."""
    from caseflow.extensions import db

    app = bench_app(database_url)
    migrate_to_head(app)
    rng = random.Random(seed)
    try:
        with app.app_context():
            users = create_units_and_users()
            today = date.today()
            load_cases(cases, [u.unit_id for u in users], today, rng, label)
            analyze(label)
            now = datetime.now(UTC)
            statements = capture_statements(users, now)
            checked = check_bare_matches_service(users[1], statements, now)
            emitted = emitted_sql(users[1], now)
            plan = explain(statements[users[1].id], label)
            service = time_service(users, now, rng, label)
            bare = time_bare(users, statements, rng, label)
            open_cases = db.session.execute(sa.text("SELECT count(*) FROM cases WHERE is_open")).scalar()
            db.session.commit()
    finally:
        with app.app_context():
            db.engine.dispose()
    return {
        "database": label,
        "cases": cases,
        "open_cases": open_cases,
        "units": UNITS,
        "queries": QUERIES,
        "service": service,
        "bare_sql": bare,
        "bare_matches_service": checked,
        "bare_sql_is_service_sql": _placeholders(emitted) == _placeholders(statements[users[1].id][0]),
        "sql": statements[users[1].id][0],
        "plan": plan,
    }


def create_units_and_users() -> list:
    """One unit tree (a root and 49 children) with one officer per unit; the users, root's first."""
    from caseflow.extensions import db
    from caseflow.services.accounts.users import create_unit, create_user

    now = datetime.now(UTC)
    create_unit("QROOT", "Tỉnh (bench)")
    codes = ["QROOT"]
    for index in range(1, UNITS):
        code = f"Q{index:02d}"
        create_unit(code, f"Đơn vị {index} (bench)", parent_code="QROOT")
        codes.append(code)
    users = [
        create_user(
            f"q{code.lower()}",
            full_name=code,
            password=BENCH_PASSWORD,
            roles=["officer"],
            unit_code=code,
            now=now,
        )
        for code in codes
    ]
    db.session.commit()
    for user in users:
        _ = user.unit.path, user.role_rows  # loaded now, so detached copies stay usable
    db.session.close()
    return users


def case_rows(start: int, count: int, unit_ids: list[int], today: date, rng: random.Random) -> list[dict]:
    """`count` cases numbered from `start`: ~30 % open, due dates within ±60 days of today."""
    from caseflow.models import OPEN_STATUSES, TERMINAL_STATUSES, CaseKind, CaseStatus, Channel, Complexity
    from caseflow.text import fold

    terminal = sorted(TERMINAL_STATUSES)
    kinds, channels = list(CaseKind), list(Channel)
    now = datetime.now(UTC)
    rows = []
    for number in range(start, start + count):
        is_open = rng.random() < OPEN_SHARE
        status = rng.choice(OPEN_STATUSES) if is_open else rng.choice(terminal)
        due_on = today + timedelta(days=rng.randint(-DUE_SPREAD_DAYS, DUE_SPREAD_DAYS))
        received_on = today - timedelta(days=rng.randint(0, 365))
        subject = f"{rng.choice(SUBJECTS)} số {number}"
        content = f"{subject}. Nội dung đơn của công dân, số hồ sơ {number}, gửi cơ quan có thẩm quyền."
        rows.append(
            {
                "tracking_code": f"QB-{received_on.year}-{number:07d}",
                "pin_hash": f"{number:064x}",
                "kind": None if status == CaseStatus.RECEIVED else rng.choice(kinds),
                "channel": rng.choice(channels),
                "status": status,
                "version": 1,
                "is_open": is_open,
                "unit_id": rng.choice(unit_ids),
                "received_on": received_on,
                "received_dt": now,
                "subject": subject,
                "content": content,
                "search_text": fold(content),
                "signatories": 1,
                "is_anonymous": False,
                "is_remote_area": False,
                "complexity": Complexity.NORMAL,
                "is_suspended": False,
                "is_must_continue": False,
                "legal_aid": False,
                "dialogue_held": False,
                "extension_count": 0,
                "due_on": due_on,
                "is_overdue": is_open and due_on < today,
                "created_dt": now,
                "updated_dt": now,
                "last_event_seq": 1,
                "last_event_hash": f"{number:064x}",
            }
        )
    return rows


def load_cases(cases: int, unit_ids: list[int], today: date, rng: random.Random, label: str) -> None:
    """Bulk-insert the cases with Core executemany, CHUNK rows per transaction, with progress."""
    from caseflow.extensions import begin_write, db, end_write
    from caseflow.models import Case

    statement = sa.insert(Case.__table__)
    started = time.perf_counter()
    begin_write()
    try:
        for start in range(0, cases, CHUNK):
            rows = case_rows(start + 1, min(CHUNK, cases - start), unit_ids, today, rng)
            with db.engine.begin() as connection:
                connection.execute(statement, rows)
            done = start + len(rows)
            rate = done / (time.perf_counter() - started)
            progress(f"queue[{label}]: inserted {done:,}/{cases:,} cases ({rate:,.0f} rows/s)")
    finally:
        end_write()


def analyze(label: str) -> None:
    """Refresh the planner's statistics."""
    from caseflow.extensions import begin_write, db, end_write

    progress(f"queue[{label}]: ANALYZE")
    begin_write()
    try:
        db.session.execute(sa.text("ANALYZE"))
        db.session.commit()
    finally:
        end_write()


def capture_statements(users: list, now: datetime) -> dict[int, tuple[str, dict]]:
    """The SQL list_queue emits for each user, compiled with named parameters so text() can run it."""
    from caseflow.extensions import db
    from caseflow.models import Case
    from caseflow.services.cases.queues import list_queue

    captured: dict[int, tuple[str, dict]] = {}
    named = _named_dialect(db.engine.dialect.name)
    current = {"user": None}

    def on_orm_execute(state):
        if state.is_select and state.statement.column_descriptions[0].get("entity") is Case:
            compiled = state.statement.compile(dialect=named)
            captured[current["user"]] = (compiled.string, dict(compiled.params))

    sa.event.listen(db.session, "do_orm_execute", on_orm_execute)
    try:
        for user in users:
            current["user"] = user.id
            list_queue(user, "unit", now=now)
            db.session.close()
    finally:
        sa.event.remove(db.session, "do_orm_execute", on_orm_execute)
    return captured


def _named_dialect(name: str) -> sa.Dialect:
    """The driver-neutral dialect of that database, with :name parameters that text() understands."""
    from sqlalchemy.dialects.postgresql.base import PGDialect
    from sqlalchemy.dialects.sqlite.base import SQLiteDialect

    return (PGDialect if name == "postgresql" else SQLiteDialect)(paramstyle="named")


def check_bare_matches_service(user, statements: dict, now: datetime) -> bool:
    """The bare statement returns the same case ids, in the same order, as the service's page."""
    from caseflow.extensions import db
    from caseflow.services.cases.queues import list_queue

    service_ids = [case.id for case in list_queue(user, "unit", now=now).cases]
    db.session.close()
    sql, params = statements[user.id]
    bare_ids = [row.id for row in db.session.execute(sa.text(sql), params)][:PAGE]
    db.session.close()
    return service_ids == bare_ids and bool(service_ids)


def emitted_sql(user, now: datetime) -> str:
    """The SQL text list_queue sends to the driver, as seen by before_cursor_execute."""
    from caseflow.extensions import db
    from caseflow.services.cases.queues import list_queue

    seen: list[str] = []

    def on_execute(_conn, _cursor, statement, _params, _context, _executemany):
        if "FROM cases" in statement:
            seen.append(statement)

    with engine_listener(db.engine, "before_cursor_execute", on_execute):
        list_queue(user, "unit", now=now)
    db.session.close()
    return seen[0]


def _placeholders(sql: str) -> str:
    """The SQL with every placeholder (?, :name, %(name)s, and psycopg's ::TYPE bind casts) written as ?."""
    sql = re.sub(r"(%\(\w+\)s|(?<!:):\w+)(::[A-Z]+)?", "?", sql)
    return sql.replace("%%", "%")


def explain(statement: tuple[str, dict], label: str) -> dict:
    """The query plan; whether it uses the partial index and whether it sorts instead of reading in order."""
    from caseflow.extensions import db

    sql, params = statement
    if label == "sqlite":
        rows = db.session.execute(sa.text(f"EXPLAIN QUERY PLAN {sql}"), params).all()
        depth = {0: -1}
        lines = []
        for node, parent, _unused, detail in rows:
            depth[node] = depth.get(parent, -1) + 1
            lines.append(f"{'  ' * depth[node]}{detail}")
        sorts = any("TEMP B-TREE FOR ORDER BY" in line for line in lines)
    else:
        lines = [row[0] for row in db.session.execute(sa.text(f"EXPLAIN {sql}"), params)]
        sorts = any(line.strip().lstrip("-> ").startswith("Sort") for line in lines)
    db.session.close()
    text = "\n".join(lines)
    return {"text": text, "uses_partial_index": INDEX_NAME in text, "sorts_rows": sorts}


def time_service(users: list, now: datetime, rng: random.Random, label: str) -> dict:
    """Latency of list_queue(user, 'unit') for random users: ORM, scope filter and all."""
    from caseflow.extensions import db
    from caseflow.services.cases.queues import list_queue

    progress(f"queue[{label}]: timing {QUERIES:,} list_queue() calls")
    durations = []
    for index in range(WARMUP + QUERIES):
        user = rng.choice(users)
        started = time.perf_counter()
        page = list_queue(user, "unit", now=now)
        elapsed = time.perf_counter() - started
        db.session.close()
        if index >= WARMUP:
            durations.append(elapsed)
        if not page.cases:
            raise RuntimeError(f"the unit queue of {user.username} is empty")
    return latency_summary(durations)


def time_bare(users: list, statements: dict, rng: random.Random, label: str) -> dict:
    """Latency of the same SQL through db.session.execute(text(...)), rows fetched, no ORM objects."""
    from caseflow.extensions import db

    progress(f"queue[{label}]: timing {QUERIES:,} bare SQL queries")
    prepared = {user_id: (sa.text(sql), params) for user_id, (sql, params) in statements.items()}
    durations = []
    for index in range(WARMUP + QUERIES):
        statement, params = prepared[rng.choice(users).id]
        started = time.perf_counter()
        db.session.execute(statement, params).all()
        elapsed = time.perf_counter() - started
        db.session.close()
        if index >= WARMUP:
            durations.append(elapsed)
    return latency_summary(durations)
