"""Schemathesis against the served OpenAPI document (WSGI, no server): every check, on every operation.

The project's schemathesis.toml says which refusals are expected: 428 for a write without If-Match, and 422
for schema-valid requests that break a legal rule. Generation is derandomized, so a run is repeatable.
"""

import contextvars
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import CHECKS as REGISTRY
from schemathesis.config import SchemathesisConfig

from caseflow.extensions import db
from caseflow.models import Role
from caseflow.services.accounts import users

CONFIG = SchemathesisConfig.from_path(Path(__file__).resolve().parents[2] / "schemathesis.toml")
CHECKS = REGISTRY.get_all()


class Isolated:
    """Each WSGI call in its own context, so requests never share the test's app context and session."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        return contextvars.Context().run(self.app, environ, start_response)


@pytest.fixture
def case_ids(world) -> list[int]:
    """A few cases for the generated requests to act on."""
    return [world.intake().id for _ in range(3)]


@pytest.fixture
def api_schema(app, case_ids):
    """The served document."""
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", Isolated(app), config=CONFIG)


def aimed(strategy, case_ids: list[int]):
    """Most generated requests aim at real cases, half of them with their first version in If-Match."""

    def aim(drawn):
        case, case_id, first_version = drawn
        if case_id is not None and case.path_parameters and "case_id" in case.path_parameters:
            case.path_parameters["case_id"] = case_id
        if first_version and case.headers and "If-Match" in case.headers:
            case.headers["If-Match"] = '"1"'
        return case

    return st.tuples(strategy, st.sampled_from([*case_ids, None]), st.booleans()).map(aim)


@pytest.fixture
def bearer(world) -> dict:
    """A token of a user holding every role in the case's unit, so most operations go deep."""
    user = world.user("every_role", [role.value for role in Role], "HN-TNMT")
    plain, _row = users.create_token(user, now=world.now, days=36500)
    db.session.commit()
    return {"Authorization": f"Bearer {plain}"}


def operations() -> list[tuple[str, str]]:
    """(method, path) of every documented operation, read from a throwaway app at collection time."""
    from caseflow import create_app

    spec_app = create_app({"TESTING": True, "SECRET_KEY": "collect", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    spec = spec_app.extensions["caseflow.api"].spec.to_dict()
    return [
        (method.upper(), path)
        for path, item in spec["paths"].items()
        for method in item
        if method != "parameters"
    ]


@pytest.mark.postgres  # run once per CI, on PostgreSQL (every check, derandomized)
@pytest.mark.parametrize(("method", "path"), operations())
def test_api_conforms_to_its_openapi_document(api_schema, bearer, case_ids, method, path):
    operation = api_schema[path][method]

    @given(case=aimed(operation.as_strategy(), case_ids))
    @settings(
        max_examples=15,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def conforms(case):
        case.call_and_validate(headers={**(case.headers or {}), **bearer}, checks=CHECKS)

    conforms()
