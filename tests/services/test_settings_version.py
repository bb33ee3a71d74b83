"""Rules and calendar cached per process follow a change made by another process (the version stamp)."""

from datetime import date

from caseflow import create_app
from caseflow.extensions import db
from caseflow.services.cases import deadline_settings, deadlines
from tests.conftest import app_settings

TUESDAY = date(2027, 3, 2)


def other_node(database_url: str, check_seconds: float):
    """A second application on the same database, as another worker or node would be."""
    return create_app({**app_settings(database_url), "CASEFLOW_SETTINGS_CHECK_SECONDS": check_seconds})


def test_a_day_off_saved_by_one_process_applies_in_another_without_a_restart(world, database_url):
    node_b = other_node(database_url, check_seconds=0)
    with node_b.app_context():
        assert deadlines.working_calendar().is_working_day(TUESDAY)  # cached on B
    deadline_settings.add_calendar_override(
        world.users["admin"], day=TUESDAY, is_working=False, note="Nghỉ bù", now=world.now
    )
    db.session.commit()
    with node_b.app_context():
        assert not deadlines.working_calendar().is_working_day(TUESDAY)
        db.session.remove()
        db.engine.dispose()


def test_the_stamp_is_read_at_most_once_per_interval(world, database_url):
    node_b = other_node(database_url, check_seconds=3600)
    with node_b.app_context():
        assert deadlines.working_calendar().is_working_day(TUESDAY)
    deadline_settings.add_calendar_override(
        world.users["admin"], day=TUESDAY, is_working=False, note="Nghỉ bù", now=world.now
    )
    db.session.commit()
    with node_b.app_context():
        assert deadlines.working_calendar().is_working_day(TUESDAY)  # not checked again within the interval
        node_b.config["CASEFLOW_SETTINGS_CHECK_SECONDS"] = 0
        assert not deadlines.working_calendar().is_working_day(TUESDAY)
        db.session.remove()
        db.engine.dispose()
