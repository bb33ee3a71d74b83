"""Citizens' satisfaction ratings: once per finished case, with the PIN or at the desk; averages per unit."""

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from caseflow.errors import ConflictError, GuardFailed, InvalidInput, NotFound, PermissionDenied
from caseflow.extensions import db
from caseflow.models import CaseEvent, CaseStatus, SatisfactionRating
from caseflow.services.cases.intake import hash_pin
from caseflow.services.engagement import ratings

PIN = "246810"


def with_pin(case):
    """Give the case a known PIN."""
    case.pin_hash = hash_pin(case.tracking_code, PIN)
    db.session.commit()
    return case


@pytest.fixture
def closed(world):
    return with_pin(world.new_case_at("complaint", CaseStatus.CLOSED))


def last_event(case):
    statement = sa.select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq.desc())
    return db.session.scalars(statement).first()


def test_citizen_rates_a_closed_case_with_the_pin(world, closed):
    version = closed.version
    rating = ratings.rate_online(closed.tracking_code.lower(), PIN, score=4, comment="Tốt", now=world.now)
    db.session.commit()
    assert (rating.score, rating.comment, rating.source, rating.recorded_by_id) == (4, "Tốt", "online", None)
    event = last_event(closed)
    assert (event.action, event.actor, event.params) == (
        "rating_recorded",
        "citizen:online",
        {"score": 4, "source": "online"},
    )
    assert closed.version == version


def test_rating_refused_before_the_case_is_closed(world):
    case = with_pin(world.new_case_at("complaint", CaseStatus.DECIDED))
    with pytest.raises(GuardFailed) as refused:
        ratings.rate_online(case.tracking_code, PIN, score=5, comment="", now=world.now)
    assert refused.value.status_code == 422 and "closed" in refused.value.detail


@pytest.mark.parametrize("status", [CaseStatus.WITHDRAWN, CaseStatus.RETURNED])
def test_withdrawn_and_returned_cases_are_not_rated(world, status):
    case = with_pin(world.new_case_at("complaint", status))
    with pytest.raises(GuardFailed):
        ratings.rate_online(case.tracking_code, PIN, score=5, comment="", now=world.now)


def test_guided_letters_may_be_rated(world):
    case = with_pin(world.new_case_at("complaint", CaseStatus.GUIDED))
    assert ratings.rate_online(case.tracking_code, PIN, score=2, comment="", now=world.now).score == 2


def test_wrong_pin_answers_like_an_unknown_code(world, closed):
    with pytest.raises(NotFound) as wrong:
        ratings.rate_online(closed.tracking_code, "000000", score=5, comment="", now=world.now)
    with pytest.raises(NotFound) as unknown:
        ratings.rate_online("HN-1999-000001", PIN, score=5, comment="", now=world.now)
    assert wrong.value.detail == unknown.value.detail
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(SatisfactionRating.id))) == 0


def test_wrong_pin_on_an_open_case_does_not_reveal_that_it_is_open(world):
    case = with_pin(world.new_case_at("complaint", CaseStatus.ACCEPTED))
    with pytest.raises(NotFound):
        ratings.rate_online(case.tracking_code, "999999", score=5, comment="", now=world.now)


def test_a_case_is_rated_once(world, closed):
    ratings.rate_online(closed.tracking_code, PIN, score=5, comment="", now=world.now)
    db.session.commit()
    with pytest.raises(ConflictError) as twice:
        ratings.record_desk_rating(closed.id, world.users["reception"], score=1, comment="", now=world.now)
    assert twice.value.status_code == 409
    db.session.rollback()
    assert ratings.rating_for(closed).score == 5


@pytest.mark.parametrize("score", [0, 6, "x", None])
def test_score_must_be_1_to_5(world, closed, score):
    with pytest.raises(InvalidInput) as invalid:
        ratings.rate_online(closed.tracking_code, PIN, score=score, comment="", now=world.now)
    assert "score" in invalid.value.errors


def test_desk_records_a_rating_as_an_audit_event(world, closed):
    ratings.record_desk_rating(closed.id, world.users["leader"], score=3, comment="Tạm", now=world.now)
    db.session.commit()
    rating = ratings.rating_for(closed)
    assert (rating.source, rating.recorded_by_id) == ("desk", world.users["leader"].id)
    assert (last_event(closed).action, last_event(closed).actor) == ("rating_recorded", "user:leader")


@pytest.mark.parametrize("who", ["handler", "officer", "inspector"])
def test_only_reception_and_leaders_record_at_the_desk(world, closed, who):
    with pytest.raises(PermissionDenied):
        ratings.record_desk_rating(closed.id, world.users[who], score=3, comment="", now=world.now)


def test_desk_outside_the_unit_sees_no_case(world, closed):
    with pytest.raises(NotFound):
        ratings.record_desk_rating(closed.id, world.users["stranger"], score=3, comment="", now=world.now)


def test_summary_averages_per_unit_and_handler_in_scope(world, closed):
    other = with_pin(world.new_case_at("complaint", CaseStatus.CLOSED))
    ratings.rate_online(closed.tracking_code, PIN, score=5, comment="", now=world.now)
    ratings.rate_online(other.tracking_code, PIN, score=2, comment="", now=world.now)
    db.session.commit()
    today = date(2027, 1, 4)
    summary = ratings.satisfaction_summary(world.users["leader"], today, today)
    assert (summary.ratings, summary.average) == (2, 3.5)
    [unit] = summary.units
    assert (unit.key, unit.ratings, unit.average, unit.satisfied) == (closed.unit_id, 2, 3.5, 1)
    [handler] = summary.handlers
    assert (handler.key, handler.ratings) == (world.users["handler"].id, 2)
    later = ratings.satisfaction_summary(world.users["leader"], today + timedelta(1), today + timedelta(9))
    assert later.ratings == 0
    assert ratings.satisfaction_summary(world.users["stranger"], today, today).ratings == 0
    with pytest.raises(PermissionDenied):
        ratings.satisfaction_summary(world.users["handler"], today, today)


def test_demo_additions_are_idempotent(world):
    from caseflow.demo.engagement_ratings import add_ratings_and_legal_aid

    for _ in range(6):
        world.new_case_at("complaint", CaseStatus.CLOSED)
    first = add_ratings_and_legal_aid(now=world.now)
    db.session.commit()
    assert first[0] >= 1 and first[1] >= 1
    assert add_ratings_and_legal_aid(now=world.now) == (0, 0)
