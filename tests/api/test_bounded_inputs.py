"""Bounded inputs: no date outside the span a record can have, no request that writes without bound."""

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from marshmallow import Schema, ValidationError

import caseflow
from caseflow.extensions import begin_write, db
from caseflow.models import Case, ReceptionDay, User
from caseflow.services.cases import intake
from caseflow.services.engagement import schedule
from caseflow.timeutil import local_date, now_utc
from caseflow.validation import OUT_OF_RANGE, BoundedDate
from caseflow.workflows import WORKFLOWS
from tests.test_concurrency import run_together

EXTREMES = ("0001-01-01", "1945-09-01", "9999-12-31")
SOURCES = Path(caseflow.__file__).parent


def test_every_date_field_of_the_code_is_bounded():
    """No schema reads a date with a bare fields.Date: each goes through BoundedDate."""
    bare = [str(p.relative_to(SOURCES)) for p in SOURCES.rglob("*.py") if "fields.Date(" in p.read_text()]
    assert bare == []


def action_date_fields() -> list[tuple[type[Schema], str]]:
    """(schema, field) for every date an action takes."""
    schemas = {spec.params for workflow in WORKFLOWS.values() for spec in workflow.actions}
    return [
        (schema, name)
        for schema in sorted(schemas, key=lambda s: s.__name__)
        for name, field in schema().fields.items()
        if isinstance(field, BoundedDate)
    ]


@pytest.mark.parametrize(("schema", "name"), action_date_fields(), ids=lambda v: getattr(v, "__name__", v))
@pytest.mark.parametrize("extreme", EXTREMES)
def test_every_action_date_refuses_the_extremes(app, schema, name, extreme):
    with app.app_context(), pytest.raises(ValidationError) as refused:
        schema().load({name: extreme}, partial=True)
    assert refused.value.messages[name] == [OUT_OF_RANGE]


def test_the_bounds_let_real_dates_through(app):
    with app.app_context():
        assert BoundedDate().deserialize("1945-09-02") == date(1945, 9, 2)
        assert BoundedDate().deserialize("2027-03-22") == date(2027, 3, 22)


@pytest.mark.parametrize("extreme", EXTREMES)
def test_intake_refuses_a_letter_received_in_year_one(api, extreme):
    answer = api.post("/api/v1/cases", {**_letter(), "received_on": extreme}, who="officer")
    assert answer.status_code == 422 and "received_on" in answer.json["errors"]
    assert db.session.scalar(sa.select(sa.func.count(Case.id))) == 0


@pytest.mark.parametrize("extreme", EXTREMES)
def test_a_schedule_from_year_one_is_refused(api, world, extreme):
    answer = api.post("/api/v1/reception-schedule", _schedule(world, extreme), who="leader")
    assert answer.status_code == 422 and "valid_from" in answer.json["errors"]
    assert db.session.scalar(sa.select(sa.func.count(ReceptionDay.id))) == 0


def test_an_old_schedule_is_planned_back_twelve_months_and_at_most_a_hundred_days(api, world):
    body = {**_schedule(world, "1950-01-01"), "days_of_month": [1, 4, 8, 12, 16, 20, 24, 28]}
    assert api.post("/api/v1/reception-schedule", body, who="leader").status_code == 201
    days = list(db.session.scalars(sa.select(ReceptionDay.day).order_by(ReceptionDay.day)))
    assert len(days) == schedule.MAX_DAYS_PER_REQUEST
    today = local_date(now_utc())
    assert days[0] >= date(today.year - 1, today.month, 1)


def test_an_intake_goes_through_while_the_largest_schedule_is_planned(app, world):
    """The write lock is held briefly: a letter recorded at the same moment is saved too."""
    data = {**_schedule(world, "1950-01-01"), "days_of_month": [1, 4, 8, 12, 16, 20, 24, 28]}
    plan = _writer("leader", lambda actor: schedule.create_schedule(data, actor=actor, now=world.now))
    record = _writer("officer", lambda actor: intake.create_case(_letter(), actor=actor, now=world.now).case)
    outcomes = run_together(app, plan, record)
    assert all(isinstance(outcome, int) for outcome in outcomes), outcomes


def _writer(username: str, work):
    """A job that, like a POST request, declares its write before it reads, then runs `work` and commits."""

    def job(barrier):
        barrier.wait()
        begin_write()
        actor = db.session.scalars(sa.select(User).where(User.username == username)).one()
        made = work(actor)
        db.session.commit()
        return made.id

    return job


def _letter() -> dict:
    """A letter as the API takes it."""
    return {
        "channel": "post",
        "subject": "Khiếu nại việc thu hồi đất",
        "content": "Đề nghị xem xét lại quyết định thu hồi đất ở của gia đình",
        "petitioner": {"full_name": "Nguyễn Văn An", "address": "Xã Đông Anh"},
    }


def _schedule(world, valid_from: str) -> dict:
    """A schedule of the world's leader from `valid_from`."""
    return {
        "head": world.users["leader"].id,
        "days_of_month": [10, 20],
        "place": "Phòng tiếp công dân",
        "valid_from": valid_from,
    }


