"""Everything a page can record, the API can: every page POST route has an API counterpart or a documented
exception (caseflow/api/parity.py, described in docs/api.md); case actions are checked generically."""

import re
from pathlib import Path

from caseflow.api.parity import COUNTERPARTS, EXCEPTIONS, is_api
from caseflow.workflows import ALL_ACTIONS

DOCS = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def page_posts(app) -> set[str]:
    """The endpoints of the pages that take a POST (forms)."""
    return {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if "POST" in rule.methods and not is_api(rule.endpoint) and rule.endpoint != "static"
    }


WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def api_posts(app) -> set[str]:
    """The API's endpoints that write (POST, PUT, PATCH or DELETE)."""
    rules = app.url_map.iter_rules()
    return {rule.endpoint for rule in rules if WRITES & rule.methods and is_api(rule.endpoint)}


def expanded(endpoint: str) -> set[str]:
    """The API endpoints a counterpart stands for (one per workflow action for the generic action route)."""
    if "{action}" in endpoint:
        return {endpoint.format(action=name) for name in ALL_ACTIONS}
    return {endpoint}


def test_every_page_action_has_an_api_counterpart_or_a_documented_exception(app):
    pages = page_posts(app)
    missing = sorted(pages - set(COUNTERPARTS) - set(EXCEPTIONS))
    assert not missing, f"page actions without an API counterpart or a listed exception: {missing}"
    assert not set(COUNTERPARTS) & set(EXCEPTIONS), "a page action is both mapped and excepted"
    stale = sorted((set(COUNTERPARTS) | set(EXCEPTIONS)) - pages)
    assert not stale, f"listed page actions that no longer exist: {stale}"


def test_every_counterpart_is_a_real_api_operation_in_the_openapi_document(app, client):
    operations = api_posts(app)
    named = {api for targets in COUNTERPARTS.values() for target in targets for api in expanded(target)}
    assert not named - operations, f"counterparts that are not API operations: {sorted(named - operations)}"
    spec = client.get("/api/v1/openapi.json").get_json()
    writes = {method.lower() for method in WRITES}
    documented = {path for path, item in spec["paths"].items() if writes & set(item)}
    rules = {rule.endpoint: rule.rule for rule in app.url_map.iter_rules()}
    for endpoint in named - {"open311.post_request"}:
        openapi_path = re.sub(r"<(?:[a-z]+(?:\([^)]*\))?:)?([a-z_]+)>", r"{\1}", rules[endpoint])
        assert openapi_path in documented, f"{endpoint} is not in the OpenAPI document"


def test_every_workflow_action_is_an_api_operation(app):
    operations = api_posts(app)
    assert {f"api_actions.action_{name}" for name in ALL_ACTIONS} <= operations


def test_the_exceptions_are_described_in_the_api_docs():
    text = DOCS.read_text(encoding="utf-8")
    assert "caseflow/api/parity.py" in text
    for endpoint in EXCEPTIONS:
        assert f"`{endpoint}`" in text, f"{endpoint} is excepted but docs/api.md does not say so"
