"""A writer killed with SIGKILL in the middle of its transactions leaves a consistent database."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, CaseStatus
from caseflow.services.cases.audit import verify_chains

WORKER = Path(__file__).with_name("crash_worker.py")
ROOT = WORKER.parent.parent


def kill_a_writer(database_url: str, after: float) -> None:
    """Run the writer in its own process and SIGKILL it `after` seconds into its work."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, str(WORKER), database_url]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True
    ) as worker:
        assert worker.stdout.readline().strip() == "ready", worker.stderr.read()
        time.sleep(after)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)


def test_killed_writer_leaves_every_case_consistent(world, database_url):
    cases = [
        world.new_case_at(kind, CaseStatus.ACCEPTED) for kind in ("complaint", "denunciation", "petition")
    ]
    db.session.commit()
    versions_before = {case.id: case.version for case in cases}
    for after in (0.5, 0.8, 1.1):
        kill_a_writer(database_url, after)
    db.session.rollback()
    db.session.expire_all()
    if db.engine.dialect.name == "sqlite":
        assert db.session.execute(sa.text("PRAGMA integrity_check")).scalar() == "ok"
    assert verify_chains().broken is None
    for case in cases:
        fresh = db.session.get(Case, case.id)
        events = db.session.scalar(sa.select(sa.func.count()).where(CaseEvent.case_id == case.id))
        assert fresh.version > versions_before[case.id]  # the writer got some work done before it was killed
        assert fresh.version == events  # every committed change has exactly its event, and nothing else
        paused = [clock for clock in fresh.deadlines if clock.state == "paused"]  # the resolution clock
        assert fresh.is_suspended == bool(paused)  # (a suspension's notice clock runs beside it)
