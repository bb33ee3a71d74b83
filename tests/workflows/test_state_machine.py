"""Random actions by random users on random cases; the invariants hold after every step."""

from datetime import timedelta

import sqlalchemy as sa
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from caseflow.errors import CaseflowError
from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, CaseStatus, ClockState, Deadline
from caseflow.services.cases.actions import allowed_actions
from caseflow.services.cases.audit import verify_chains
from caseflow.workflows import ALL_ACTIONS
from tests.conftest import empty_tables
from tests.factories import World, default_params

USERS = ("reception", "officer", "leader", "handler", "handler2", "inspector", "stranger", "city_leader")
KINDS = ("complaint", "denunciation", "petition")
MAIN_ROAD = {
    CaseStatus.RECEIVED: ("classify", "officer"),
    CaseStatus.CLASSIFIED: ("propose_acceptance", "officer"),
    CaseStatus.PENDING_ACCEPTANCE: ("accept", "leader"),
    CaseStatus.ACCEPTED: ("assign", "leader"),
    CaseStatus.VERIFYING: ("submit_report", "handler"),
    CaseStatus.REPORTED: ("decide", "leader"),
    CaseStatus.DIALOGUE_SCHEDULED: ("record_dialogue", "handler"),
    CaseStatus.DECIDED: ("close", "leader"),
}


class CaseflowMachine(RuleBasedStateMachine):
    """Cases as the model sees them: status, version and event count after every successful action."""

    cases = Bundle("cases")

    @initialize()
    def fresh_world(self):
        """Each example starts from an empty database."""
        db.session.rollback()
        empty_tables()
        self.world = World.build()
        self.expected: dict[int, dict] = {}
        self.clock = self.world.now

    @rule(target=cases, kind=st.sampled_from(KINDS), channel=st.sampled_from(["post", "forwarded", "online"]))
    def receive(self, kind, channel):
        """A letter arrives."""
        extra = {"forwarded_by": "Ban Tiếp công dân"} if channel == "forwarded" else {}
        case = self.world.intake(kind, channel=channel, now=self.clock, **extra)
        self.expected[case.id] = {"status": case.status, "version": 1, "events": 1, "terminal": False}
        return case.id

    @rule(
        case_id=cases,
        action=st.sampled_from(ALL_ACTIONS),
        user=st.sampled_from(USERS),
        stale=st.booleans(),
        competent=st.booleans(),
        matches=st.booleans(),
        days=st.integers(0, 20),
    )
    def act(self, case_id, action, user, stale, competent, matches, days):
        """Someone tries an action; it either succeeds as one change or changes nothing."""
        self.clock += timedelta(days=days)
        case = db.session.get(Case, case_id)
        before = dict(self.expected[case_id])
        was_suspended = case.is_suspended
        params = self._params(action, case, competent, matches)
        version = case.version - 1 if stale else case.version
        try:
            self.world.act(case, action, actor=user, now=self.clock, version=version, **params)
        except CaseflowError:
            db.session.rollback()
            self._check_unchanged(case_id, before)
            return
        assert not stale, "a stale version must never succeed"
        assert not (was_suspended and action != "resume"), "a suspended case refused nothing"
        case = db.session.get(Case, case_id)
        assert not before["terminal"] or case.status == before["status"], "a terminal case changed status"
        self.expected[case_id] = {
            "status": case.status,
            "version": before["version"] + 1,
            "events": before["events"] + 1,
            "terminal": case.status.is_terminal,
        }
        if action == "appeal":
            self._track_children()

    @rule(
        case_id=cases, data=st.data(), competent=st.booleans(), matches=st.booleans(), days=st.integers(0, 20)
    )
    def act_as_allowed(self, case_id, data, competent, matches, days):
        """Someone takes one of the actions the case offers them (reaches deep statuses more often)."""
        case = db.session.get(Case, case_id)
        offers = [(user, name) for user in USERS for name in allowed_actions(case, self.world.users[user])]
        if offers:
            user, action = data.draw(st.sampled_from(offers))
            self.act(case_id, action, user, False, competent, matches, days)

    @rule(case_id=cases, steps=st.integers(1, 8), days=st.integers(0, 10), matches=st.booleans())
    def advance(self, case_id, steps, days, matches):
        """The case takes up to `steps` steps on the main road to closure."""
        for _ in range(steps):
            case = db.session.get(Case, case_id)
            action, user = MAIN_ROAD.get(case.status, (None, None))
            if case.is_suspended:
                action, user = "resume", "leader"
            if action == "decide" and self.world.kinds.get(case_id) == "petition":
                action, user = "answer", "handler"
            if action:
                self.act(case_id, action, user, False, True, matches, days)

    def _params(self, action, case, competent, matches) -> dict:
        """Mostly valid parameters, with the guards' inputs left to chance."""
        params = default_params(action, case, self.world, self.world.kinds.get(case.id, "complaint"))
        today = (self.clock + timedelta(hours=7)).date().isoformat()
        if action == "classify":
            params["within_competence"] = competent
        if action == "submit_report":
            params["matches_request"] = matches
        for name in ("signed_on", "sent_on", "published_on", "received_on"):
            if name in params:
                params[name] = today
        return params

    def _track_children(self):
        """Level-2 cases opened by an appeal join the model."""
        for case in db.session.scalars(sa.select(Case).where(Case.id.notin_(self.expected))):
            self.expected[case.id] = {"status": case.status, "version": 1, "events": 1, "terminal": False}

    def _check_unchanged(self, case_id, before):
        """A refused action leaves the case exactly as it was."""
        case = db.session.get(Case, case_id)
        assert (case.status, case.version) == (before["status"], before["version"])

    @invariant()
    def model_matches_database(self):
        """Status, version and event count follow the model; terminal stays terminal."""
        for case_id, expected in self.expected.items():
            case = db.session.get(Case, case_id)
            assert case.status in CaseStatus
            assert case.status == expected["status"]
            assert case.version == expected["version"]
            count = db.session.scalar(
                sa.select(sa.func.count()).where(
                    CaseEvent.case_id == case_id, CaseEvent.action != "clock_overdue"
                )
            )
            assert count == expected["events"]
            assert case.is_open == (not case.status.is_terminal)

    @invariant()
    def no_clock_runs_on_a_terminal_case(self):
        """Terminal cases have only met clocks."""
        statement = (
            sa.select(sa.func.count())
            .select_from(Deadline)
            .join(Case)
            .where(Case.is_open.is_(False), Deadline.state != ClockState.MET)
        )
        assert db.session.scalar(statement) == 0

    @invariant()
    def every_chain_verifies(self):
        """The audit trail is intact."""
        assert verify_chains().broken is None


def test_random_actions_keep_the_invariants(app, db):
    settings_ = settings(
        max_examples=25,
        stateful_step_count=30,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    run_state_machine_as_test(CaseflowMachine, settings=settings_)


def test_the_machine_reaches_deep_statuses(app, db):
    """A guard against a vacuous run: random play reaches decisions and terminal statuses."""
    reached: set[str] = set()

    class Probe(CaseflowMachine):
        @invariant()
        def record(self):
            reached.update(db.session.scalars(sa.select(Case.status)).all())

    run_state_machine_as_test(
        Probe,
        settings=settings(
            max_examples=15,
            stateful_step_count=40,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
        ),
    )
    assert {"reported", "decided", "closed", "filed"} <= {str(s) for s in reached}
