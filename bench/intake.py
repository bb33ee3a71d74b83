"""Letters per second through intake on SQLite, over a table of earlier cases, against raw sqlite3 writes."""

import cProfile
import io
import pstats
import random
import sqlite3
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

import sqlalchemy as sa

from bench.actions import CHILD_UNITS, create_staff, intake_data, raw_connect
from bench.common import bench_app, latency_summary, migrate_to_head, progress

SEED = 20261204
CHUNK = 5_000
PROFILE_LETTERS = 100
RAW_EXTRA_SCHEMA = """
CREATE TABLE parties (
    id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES cases (id), role VARCHAR(16) NOT NULL,
    full_name VARCHAR(200) NOT NULL, address VARCHAR(300) NOT NULL, name_folded VARCHAR(200) NOT NULL,
    address_folded VARCHAR(300) NOT NULL
);
CREATE INDEX ix_parties_case_id ON parties (case_id);
CREATE INDEX ix_parties_name_address ON parties (name_folded, address_folded);
CREATE TABLE case_words (
    word VARCHAR(64) NOT NULL, case_id INTEGER NOT NULL REFERENCES cases (id), PRIMARY KEY (word, case_id)
);
CREATE INDEX ix_case_words_case_id ON case_words (case_id);
"""


def run(letters: int, existing: int, *, seed: int = SEED) -> dict:
    """Intake: `existing` earlier cases bulk-loaded, then `letters` timed through create_case."""
    with tempfile.TemporaryDirectory(prefix="caseflow-bench-intake-") as tmp:
        engine = engine_benchmark(Path(tmp), letters, existing, seed=seed)
        raw = raw_benchmark(Path(tmp) / "raw-intake.db", letters, existing, random.Random(seed))
    engine["raw"] = raw
    engine["raw_engine_ratio"] = round(raw["letters_per_s"] / engine["letters_per_s"], 2)
    return engine


def engine_benchmark(tmp: Path, letters: int, existing: int, *, seed: int) -> dict:
    """Fresh database, staff, earlier cases; then the timed letters and a profile of a few more."""
    app = bench_app(f"sqlite:///{tmp / 'intake.db'}")
    rng = random.Random(seed)
    with app.app_context():
        migrate_to_head(app)
        staff = create_staff()
        load_earlier_cases(existing, staff["units"], rng)
        latencies = [take_in(staff, number, rng) for number in range(existing, existing + letters)]
        profile = profile_letters(staff, existing + letters, rng)
        from caseflow.extensions import db

        db.session.remove()
        db.engine.dispose()
    elapsed = sum(latencies)
    progress(f"intake: {letters:,} letters in {elapsed:.2f} s over {existing:,} earlier cases")
    return {
        "letters": letters,
        "existing_cases": existing,
        "letters_per_s": round(letters / elapsed, 1),
        "latency": latency_summary(latencies),
        "profile_top": profile,
    }


def take_in(staff: dict, number: int, rng: random.Random) -> float:
    """One letter through create_case and commit, as a request would; its seconds."""
    from caseflow.extensions import db
    from caseflow.services.cases.intake import create_case
    from caseflow.timeutil import now_utc

    data = intake_data(number, staff["units"][number % CHILD_UNITS], rng)
    began = time.perf_counter()
    create_case(data, actor=staff["officer"], now=now_utc())
    db.session.commit()
    return time.perf_counter() - began


def load_earlier_cases(count: int, unit_ids: list[int], rng: random.Random) -> None:
    """Bulk-insert earlier letters (case, petitioner, word index) with Core, like those intake makes."""
    from caseflow.extensions import begin_write, db, end_write
    from caseflow.models import Case, CaseWord, Party

    started = time.perf_counter()
    begin_write()
    try:
        for start in range(0, count, CHUNK):
            cases, parties, words = _earlier_rows(start, min(CHUNK, count - start), unit_ids, rng)
            with db.engine.begin() as connection:
                connection.execute(sa.insert(Case.__table__), cases)
                connection.execute(sa.insert(Party.__table__), parties)
                connection.execute(sa.insert(CaseWord.__table__), words)
        db.session.execute(sa.text("ANALYZE"))
        db.session.commit()
    finally:
        end_write()
    progress(f"intake: loaded {count:,} earlier cases in {time.perf_counter() - started:.1f} s")


def _earlier_rows(start: int, count: int, unit_ids: list[int], rng: random.Random):
    """Rows of `count` earlier received letters from different people, with their word index."""
    from caseflow.models import CaseStatus, Channel, Complexity, PartyRole
    from caseflow.services.cases.word_index import index_terms
    from caseflow.text import fold

    now, today = datetime.now(UTC), date.today()
    cases, parties, words = [], [], []
    for number in range(start, start + count):
        case_id = number + 1_000_000  # clear of the ids intake gives
        data = intake_data(number, 0, rng)
        person = data["petitioner"]
        text = fold(f"EB-{number:07d} {data['subject']} {data['content']} {person['full_name']}")
        cases.append(
            {
                "id": case_id, "tracking_code": f"EB-{today.year}-{number:07d}", "pin_hash": "0" * 64,
                "channel": Channel.POST, "status": CaseStatus.RECEIVED, "version": 1, "is_open": True,
                "unit_id": rng.choice(unit_ids), "received_on": today, "received_dt": now,
                "subject": data["subject"], "content": data["content"], "search_text": text,
                "signatories": 1, "is_anonymous": False, "is_remote_area": False,
                "complexity": Complexity.NORMAL, "is_suspended": False, "is_must_continue": False,
                "legal_aid": False, "dialogue_held": False, "extension_count": 0, "is_overdue": False,
                "created_dt": now, "updated_dt": now, "last_event_seq": 0, "last_event_hash": "",
            }
        )  # fmt: skip
        parties.append(
            {
                "case_id": case_id, "role": PartyRole.PETITIONER, "full_name": person["full_name"],
                "address": person["address"], "name_folded": fold(person["full_name"]),
                "address_folded": fold(person["address"]), "is_organisation": False,
            }
        )  # fmt: skip
        words.extend({"word": word, "case_id": case_id} for word in sorted(index_terms(text)))
    return cases, parties, words


def profile_letters(staff: dict, first: int, rng: random.Random) -> list[str]:
    """caseflow's functions by cumulative time over a few more letters (profiler-inflated: read shares)."""
    profiler = cProfile.Profile()
    profiler.enable()
    for number in range(first, first + PROFILE_LETTERS):
        take_in(staff, number, rng)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    stats.print_stats(r"caseflow/(services|sql|text)", 12)
    return [line for line in out.getvalue().splitlines() if "caseflow/" in line]


def raw_benchmark(path: Path, letters: int, existing: int, rng: random.Random) -> dict:
    """The same rows with plain sqlite3: case, petitioner, words, event, one transaction per letter."""
    from caseflow.services.cases.word_index import index_terms
    from caseflow.text import fold

    connection = raw_connect(path, "FULL")
    connection.executescript(RAW_EXTRA_SCHEMA)
    latencies = []
    for number in range(existing, existing + letters):
        data = intake_data(number, 0, rng)
        person = data["petitioner"]
        text = fold(f"RAW-{number:07d} {data['subject']} {data['content']} {person['full_name']}")
        began = time.perf_counter()
        _raw_letter(connection, number, data, person, text, sorted(index_terms(text)))
        latencies.append(time.perf_counter() - began)
    connection.close()
    elapsed = sum(latencies)
    progress(f"intake raw: {letters:,} sqlite3 transactions in {elapsed:.2f} s")
    return {"letters_per_s": round(letters / elapsed, 1), "latency": latency_summary(latencies)}


def _raw_letter(connection: sqlite3.Connection, number: int, data: dict, person: dict, text: str, words):
    """One letter's writes in one BEGIN IMMEDIATE transaction."""
    now = datetime.now(UTC).isoformat(sep=" ")
    connection.execute("BEGIN IMMEDIATE")
    case_id = connection.execute(
        "INSERT INTO cases (tracking_code, status, version, is_open, unit_id, subject, content, search_text,"
        " due_on, created_dt, updated_dt, last_event_seq, last_event_hash) VALUES"
        " (?, 'received', 1, 1, 1, ?, ?, ?, NULL, ?, ?, 1, ?)",
        (f"RAW-{number:07d}", data["subject"], data["content"], text, now, now, "0" * 64),
    ).lastrowid
    connection.execute(
        "INSERT INTO parties (case_id, role, full_name, address, name_folded, address_folded)"
        " VALUES (?, 'petitioner', ?, ?, ?, ?)",
        (case_id, person["full_name"], person["address"], person["full_name"].lower(), person["address"]),
    )
    entries = [(word, case_id) for word in words]
    connection.executemany("INSERT INTO case_words (word, case_id) VALUES (?, ?)", entries)
    connection.execute(
        "INSERT INTO case_events (case_id, seq, created_dt, actor, action, to_status, changes, params,"
        " reason, request_id, prev_hash, hash) VALUES (?, 1, ?, 'officer', 'intake', 'received', '{}', '{}',"
        " '', '', '', ?)",
        (case_id, now, "0" * 64),
    )
    connection.execute("COMMIT")

