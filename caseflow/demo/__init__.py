"""The demo: a Hà Nội agency tree, one login per role and about 200 cases made only through the services.

Everything random is drawn up front from fixed seeds (Faker vi_VN and random.Random), so the plan is the
same on every run; only the dates move with the real current time. A Counter row named `demo:v1` holds how
many stories of the plan are loaded; it advances in the same transaction as each story, so a run that stops
midway resumes where it stopped and a second run adds nothing.

The package: `units` and `people` (the agency tree and the logins), `topics` and `phrases` (what the letters
say), `stories`, `letters`, `paths` and `planner` (drawing the plan), `runner` (running it through the
services) and `report` (counting what the demo holds).
"""

from collections.abc import Callable
from datetime import datetime

from caseflow.demo.engagement_ratings import add_ratings_and_legal_aid
from caseflow.demo.inspection_rounds import add_inspection_rounds
from caseflow.demo.people import DEMO_PASSWORD, USERS, UserSpec, ensure_users
from caseflow.demo.planner import build_plan
from caseflow.demo.report import DemoReport, Login, build_report
from caseflow.demo.runner import DEMO_MARKER, DemoFailed, marker_value, run_plan, timeline
from caseflow.demo.schedules_dialogues import add_schedules_and_dialogues
from caseflow.demo.stories import Ref, Step, Story
from caseflow.demo.units import ROOT, UNITS, UnitSpec, ensure_units
from caseflow.extensions import begin_write
from caseflow.timeutil import local_date
from caseflow.transaction import commit

__all__ = [
    "DEMO_MARKER",
    "DEMO_PASSWORD",
    "ROOT",
    "UNITS",
    "USERS",
    "DemoFailed",
    "DemoReport",
    "Login",
    "Ref",
    "Step",
    "Story",
    "UnitSpec",
    "UserSpec",
    "build_plan",
    "load_demo",
    "timeline",
]


def load_demo(*, now: datetime, progress: Callable[[int, int], None] | None = None) -> DemoReport:
    """Create what is missing of the demo (units, users, then the stories not yet loaded) and report."""
    begin_write()
    ensure_units()
    ensure_users(now)
    done = marker_value()
    commit()
    plan = build_plan(local_date(now))  # looked up here, so a test can replace this package's build_plan
    run_plan(plan, done, now=now, progress=progress)
    add_ratings_and_legal_aid(now=now)
    add_inspection_rounds(now=now)
    add_schedules_and_dialogues(now=now)
    commit()
    return build_report(already_loaded=done >= len(plan), stories_run=max(0, len(plan) - done))
