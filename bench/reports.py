"""Report computation time: each statistical form for one year (12m, 15 Dec → 14 Dec) over a large case table.

Cases, their audit events, resolution clocks, dialogues and reception sessions are bulk-generated with Core
INSERTs (consistent with the workflows: one exit per stage, statuses matching the trail) over three years,
in a separate database; then each form is computed through `build_report` for the root unit, several times.
"""

import random
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from bench.common import bench_app, latency_summary, migrate_to_head, progress

SEED = 20261201
CHILDREN, GRANDCHILDREN = 20, 4
CHUNK = 10_000
REPEATS = 5
YEARS = 3
PG_DATABASE = "caseflow_bench_reports"
FORMS = ("reception", "processing", "complaints", "denunciations")
KINDS = ((None, 0.05), ("complaint", 0.45), ("denunciation", 0.15), ("petition", 0.35))
EXITS = (
    ("accepted", 0.40),
    ("guided", 0.15),
    ("forwarded", 0.15),
    ("returned", 0.03),
    ("filed", 0.15),
    ("not_accepted", 0.08),
    ("withdrawn", 0.03),
    ("terminated", 0.01),
)
ENDS = (("decided", 0.85), ("withdrawn", 0.10), ("terminated", 0.05))
OUTCOMES = {
    "complaint": ("right", "partly_right", "wrong"),
    "denunciation": ("true", "partly_true", "untrue"),
}
EXIT_ACTIONS = {
    "accepted": "accept",
    "guided": "guide",
    "forwarded": "forward",
    "returned": "return_to_forwarder",
    "filed": "file",
    "not_accepted": "reject",
    "withdrawn": "withdraw",
    "terminated": "terminate",
    "decided": "decide",
}


def run(cases: int, *, seed: int = SEED) -> dict:
    """The report benchmark on a fresh SQLite file."""
    with tempfile.TemporaryDirectory(prefix="caseflow-bench-reports-") as tmp:
        return report_benchmark(f"sqlite:///{Path(tmp) / 'reports.db'}", cases, seed=seed, label="sqlite")


def run_postgres(server_url: str, cases: int, *, seed: int = SEED) -> dict:
    """The report benchmark on PostgreSQL, in database caseflow_bench_reports (created, finally dropped)."""
    server = sa.make_url(server_url)
    maintenance = server.set(database="postgres") if server.database in (None, "", PG_DATABASE) else server
    admin = sa.create_engine(maintenance, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
            connection.exec_driver_sql(f"CREATE DATABASE {PG_DATABASE}")
        url = server.set(database=PG_DATABASE).render_as_string(hide_password=False)
        return report_benchmark(url, cases, seed=seed, label="postgres")
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        admin.dispose()


def report_benchmark(database_url: str, cases: int, *, seed: int, label: str) -> dict:
    """Migrate, generate, analyse, then time every form for the last full year of the data."""
    from caseflow.extensions import db

    app = bench_app(database_url)
    migrate_to_head(app)
    rng = random.Random(seed)
    today = date.today()
    try:
        with app.app_context():
            units = create_units()
            loaded = load(cases, units, today, rng, label)
            analyze(label)
            year = today.year - 1
            timings = {form: time_form(form, year, label) for form in FORMS}
            plan = explain_processing(year, label)
            db.session.commit()
    finally:
        with app.app_context():
            db.engine.dispose()
    return {
        "database": label,
        "cases": cases,
        **loaded,
        "year": f"12m-{year}",
        "forms": timings,
        "plan": plan,
    }


def create_units() -> list[int]:
    """A root, CHILDREN departments and GRANDCHILDREN units under each; the leaf and department ids."""
    from caseflow.extensions import db
    from caseflow.services.accounts import users

    users.create_unit("RROOT", "Tỉnh (bench)")
    for child in range(CHILDREN):
        users.create_unit(f"R{child:02d}", f"Sở {child} (bench)", parent_code="RROOT")
        for leaf in range(GRANDCHILDREN):
            users.create_unit(
                f"R{child:02d}-{leaf}", f"Phòng {child}.{leaf} (bench)", parent_code=f"R{child:02d}"
            )
    db.session.commit()
    from caseflow.models import Unit

    return list(db.session.scalars(sa.select(Unit.id).where(Unit.code != "RROOT")))


def pick(rng: random.Random, table: tuple) -> str | None:
    """A value drawn by weight."""
    point, total = rng.random(), 0.0
    for value, weight in table:
        total += weight
        if point < total:
            return value
    return table[-1][0]


class Generator:
    """Builds rows for one case at a time: the case, its events, its resolution clock and dialogue."""

    def __init__(self, rng: random.Random, units: list[int], today: date) -> None:
        self.rng, self.units, self.today = rng, units, today
        self.now = datetime.combine(today, datetime.min.time(), UTC)
        self.cases, self.events, self.clocks, self.dialogues = [], [], [], []

    def flush(self) -> tuple[list, list, list, list]:
        """The rows built so far, and start afresh."""
        rows = self.cases, self.events, self.clocks, self.dialogues
        self.cases, self.events, self.clocks, self.dialogues = [], [], [], []
        return rows

    def case(self, number: int) -> None:
        """One case along a random path through the workflow, every step at a time before now."""
        rng = self.rng
        received = self.now - timedelta(days=rng.uniform(0, 365 * YEARS), hours=rng.uniform(0, 8))
        kind = pick(rng, KINDS)
        trail, at = [(None, "received", "intake", received)], received
        if kind is None:
            end = rng.choice(["filed", "withdrawn", "terminated", None])
            if end:
                trail.append(("received", end, EXIT_ACTIONS[end], at + timedelta(days=rng.uniform(1, 20))))
        else:
            self._classified(trail, at, kind)
        trail = [step for step in trail if step[3] < self.now]
        self._rows(number, kind, received, trail)

    def _classified(self, trail: list, at: datetime, kind: str) -> None:
        """classify, then the processing exit and, for accepted matters, the resolution."""
        rng = self.rng
        at += timedelta(days=rng.uniform(0.5, 5))
        trail.append(("received", "classified", "classify", at))
        exit_status = pick(rng, EXITS)
        source = "classified"
        if exit_status in ("accepted", "not_accepted"):
            at += timedelta(days=rng.uniform(0.5, 5))
            trail.append(("classified", "pending_acceptance", "propose_acceptance", at))
            source = "pending_acceptance"
        at += timedelta(days=rng.uniform(0.5, 8))
        trail.append((source, exit_status, EXIT_ACTIONS[exit_status], at))
        if exit_status == "accepted":
            self._resolution(trail, at)

    def _resolution(self, trail: list, accepted: datetime) -> None:
        """assign, report, then decide (or withdraw / terminate), then close."""
        rng = self.rng
        at = accepted + timedelta(days=rng.uniform(0.5, 3))
        trail.append(("accepted", "verifying", "assign", at))
        at += timedelta(days=rng.uniform(5, 30))
        trail.append(("verifying", "reported", "submit_report", at))
        end = pick(rng, ENDS)
        at += timedelta(days=rng.uniform(1, 25))
        trail.append(("reported", end, EXIT_ACTIONS[end], at))
        if end == "decided":
            trail.append(("decided", "closed", "close", at + timedelta(days=rng.uniform(1, 6))))

    def _rows(self, number: int, kind: str | None, received: datetime, trail: list) -> None:
        """The case row, its events, and its clock and dialogue when accepted."""
        status = trail[-1][1]
        statuses = [step[1] for step in trail]
        decided = "decided" in statuses
        outcome = (
            self.rng.choice(OUTCOMES[kind])
            if decided and kind in OUTCOMES
            else ("answered" if decided else None)
        )
        self.cases.append(
            case_row(number, kind, status, received, self.rng.choice(self.units), outcome, trail)
        )
        previous = ""
        for seq, (source, target, action, at) in enumerate(trail, start=1):
            digest = f"{number:032x}{seq:032x}"
            self.events.append(
                {
                    "case_id": number,
                    "seq": seq,
                    "created_dt": at,
                    "actor": "bench",
                    "action": action,
                    "from_status": source,
                    "to_status": target,
                    "changes": {},
                    "params": {},
                    "reason": "",
                    "request_id": "",
                    "prev_hash": previous,
                    "hash": digest,
                }
            )
            previous = digest
        if "accepted" in statuses:
            self._clock(number, trail, kind)

    def _clock(self, number: int, trail: list, kind: str | None) -> None:
        """The resolution clock (30 days from acceptance), met when the matter left the resolution stage."""
        accepted = next(step[3] for step in trail if step[1] == "accepted")
        ended = next((step[3] for step in trail if step[1] in ("decided", "withdrawn", "terminated")), None)
        due = (accepted + timedelta(days=30)).date()
        self.clocks.append(
            {
                "case_id": number,
                "rule_id": "resolve",
                "rule_version": "bench",
                "start_event": "accepted",
                "start_on": accepted.date(),
                "days": 30,
                "day_kind": "calendar",
                "variant": "standard",
                "is_obligation": True,
                "pauses": [],
                "extensions": [],
                "due_on": due,
                "state": "met" if ended else "running",
                "met_dt": ended,
                "met_on": ended.date() if ended else None,
                "is_late": (ended.date() > due) if ended else None,
                "created_dt": accepted,
            }
        )
        if kind == "complaint" and self.rng.random() < 0.15:
            held = accepted + timedelta(days=20)
            if held < self.now:
                self.dialogues.append(
                    {
                        "case_id": number,
                        "scheduled_dt": held,
                        "place": "Trụ sở",
                        "invitees": [],
                        "held_dt": held,
                        "minutes": "",
                        "present": ["A", "B", "C"],
                        "absent": [],
                        "agreed": "",
                        "disputed": "",
                    }
                )


def case_row(number: int, kind, status: str, received: datetime, unit_id: int, outcome, trail) -> dict:
    """One cases row consistent with its trail (is_open matches the status, closed_dt when terminal)."""
    from caseflow.models import OPEN_STATUSES

    is_open = status in {s.value for s in OPEN_STATUSES}
    classified = kind is not None
    return {
        "id": number,
        "tracking_code": f"RB-{number:08d}",
        "pin_hash": f"{number:064x}",
        "kind": kind,
        "level": 1 if kind == "complaint" else None,
        "channel": "forwarded" if "returned" in status else "post",
        "status": status,
        "version": len(trail),
        "is_open": is_open,
        "unit_id": unit_id,
        "received_on": received.date(),
        "received_dt": received,
        "subject": f"Đơn số {number}",
        "content": f"Nội dung đơn số {number}",
        "search_text": "",
        "signatories": 1,
        "is_anonymous": False,
        "is_remote_area": False,
        "complexity": "normal",
        "is_suspended": False,
        "is_eligible": classified and status != "filed" or (None if not classified else False),
        "is_within_competence": (status not in ("guided", "forwarded", "returned")) if classified else None,
        "is_must_continue": False,
        "legal_aid": False,
        "outcome": outcome,
        "dialogue_held": False,
        "extension_count": 0,
        "is_overdue": False,
        "created_dt": received,
        "updated_dt": trail[-1][3],
        "closed_dt": None if is_open else trail[-1][3],
        "last_event_seq": len(trail),
        "last_event_hash": "",
    }


def load(cases: int, units: list[int], today: date, rng: random.Random, label: str) -> dict:
    """Generate and insert cases, events, clocks, dialogues and reception sessions, CHUNK cases at a time."""
    from caseflow.extensions import begin_write, db, end_write
    from caseflow.models import Case, CaseEvent, Deadline, Dialogue, ReceptionSession

    generator, started, counts = (
        Generator(rng, units, today),
        time.perf_counter(),
        {"events": 0, "sessions": 0},
    )
    tables = (Case.__table__, CaseEvent.__table__, Deadline.__table__, Dialogue.__table__)
    begin_write()
    try:
        for start in range(1, cases + 1, CHUNK):
            for number in range(start, min(start + CHUNK, cases + 1)):
                generator.case(number)
            rows = generator.flush()
            sessions = session_rows(rng, units, today, len(rows[0]) // 10)
            with db.engine.begin() as connection:
                for table, batch in zip(tables, rows, strict=True):
                    if batch:
                        connection.execute(sa.insert(table), batch)
                connection.execute(sa.insert(ReceptionSession.__table__), sessions)
            counts["events"] += len(rows[1])
            counts["sessions"] += len(sessions)
            done = min(start + CHUNK - 1, cases)
            rate = done / (time.perf_counter() - started)
            progress(
                f"reports[{label}]: {done:,}/{cases:,} cases {counts['events']:,} events, {rate:,.0f} cases/s"
            )
    finally:
        end_write()
    return {
        "events": counts["events"],
        "sessions": counts["sessions"],
        "load_s": round(time.perf_counter() - started, 1),
    }


def session_rows(rng: random.Random, units: list[int], today: date, count: int) -> list[dict]:
    """Reception sessions spread over the same years."""
    kinds = ("regular", "regular", "regular", "periodic_head", "ad_hoc", "online")
    now = datetime.now(UTC)
    return [
        {
            "unit_id": rng.choice(units),
            "received_on": today - timedelta(days=rng.randint(0, 365 * YEARS)),
            "kind": rng.choice(kinds),
            "citizen_name": "Công dân",
            "people_count": rng.randint(1, 5),
            "is_group": rng.random() < 0.05,
            "representatives": [],
            "content": "Nội dung",
            "is_repeat": rng.random() < 0.3,
            "created_dt": now,
        }
        for _ in range(count)
    ]


def analyze(label: str) -> None:
    """Planner statistics (and, on PostgreSQL, the visibility map for index-only scans)."""
    from caseflow.extensions import db

    progress(f"reports[{label}]: {'VACUUM ANALYZE' if label == 'postgres' else 'ANALYZE'}")
    db.session.close()  # an open snapshot would keep VACUUM from marking pages all-visible
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM ANALYZE" if label == "postgres" else "ANALYZE")


def time_form(form: str, year: int, label: str) -> dict:
    """Compute `form` for the root unit over 12m-<year> REPEATS times (after one warm-up)."""
    from caseflow.extensions import db
    from caseflow.models import Unit
    from caseflow.services.reports import build_report
    from caseflow.services.reports.periods import named_period

    period = named_period("12m", year)
    durations, report = [], None
    for index in range(REPEATS + 1):
        root = db.session.scalar(sa.select(Unit).where(Unit.code == "RROOT"))
        started = time.perf_counter()
        report = build_report(form, unit=root, period=period)
        elapsed = time.perf_counter() - started
        db.session.close()
        if index:
            durations.append(elapsed)
    headline = {"reception": "sessions", "processing": "total"}.get(form, "accepted")
    progress(f"reports[{label}]: {form} {min(durations) * 1000:,.0f} ms (min of {REPEATS})")
    return {
        **latency_summary(durations),
        "min_ms": round(min(durations) * 1000, 1),
        "rows": len(report.rows),
        headline: report.totals[headline],
    }


def explain_processing(year: int, label: str) -> str:
    """The plan of the processing form's aggregate."""
    from caseflow.extensions import db
    from caseflow.models import Unit
    from caseflow.services.reports import queries
    from caseflow.services.reports.periods import named_period

    captured: list[tuple[str, object]] = []

    def grab(_conn, _cursor, statement, parameters, _context, _many):
        if "processing_exit" in statement:
            captured.append((statement, parameters))

    root = db.session.scalar(sa.select(Unit).where(Unit.code == "RROOT"))
    sa.event.listen(db.engine, "before_cursor_execute", grab)
    try:
        queries.processing(root, queries.Window.of(named_period("12m", year), "Asia/Ho_Chi_Minh"), db.session)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", grab)
    sql, params = captured[0]
    prefix = "EXPLAIN QUERY PLAN " if label == "sqlite" else "EXPLAIN "
    with db.engine.connect() as connection:
        rows = connection.exec_driver_sql(prefix + sql, params).all()
    db.session.close()
    return "\n".join(str(row[-1]) if label == "sqlite" else row[0] for row in rows)
