"""Reports read from CASEFLOW_REPORTS_DATABASE_URL when it is set; everything else stays on the primary."""

import sqlalchemy as sa

from caseflow.models import Base, Case, Unit
from caseflow.services.reports import build_report
from caseflow.services.reports.periods import parse_period_code

Q1 = parse_period_code("q1-2027")


def test_a_report_counts_what_the_replica_holds(app, db, world, tmp_path, monkeypatch):
    world.intake()
    world.intake()
    root = db.session.scalar(sa.select(Unit).where(Unit.parent_id.is_(None)))
    primary = build_report("processing", unit=root, period=Q1).totals["received"]
    assert primary == 2

    replica_url = f"sqlite:///{tmp_path / 'replica.db'}"
    replica = sa.create_engine(replica_url)
    Base.metadata.create_all(replica)  # a replica that has not caught up with the two letters yet
    replica.dispose()
    monkeypatch.setitem(app.config, "CASEFLOW_REPORTS_DATABASE_URL", replica_url)
    assert build_report("processing", unit=root, period=Q1).totals["received"] == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Case)) == 2  # the rest reads the primary
    for engine in app.extensions.pop("caseflow.reports_engines").values():
        engine.dispose()
