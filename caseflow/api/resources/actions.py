"""POST /cases/{id}/actions/{action}: one route per action, each documented with its parameters."""

from functools import cache

from marshmallow import Schema, ValidationError, validate

from caseflow.api import bodies
from caseflow.api.auth import actor_label, api_user, require_user
from caseflow.api.core import API_PREFIX, CASE_ID, IDEMPOTENCY_KEY, ApiBlueprint
from caseflow.api.schemas import CaseSchema
from caseflow.api.writes import etag, expected_version, json_body, request_id, write_once
from caseflow.errors import InvalidInput, NotFound
from caseflow.labels import ACTIONS
from caseflow.models import User
from caseflow.services.cases.actions import perform_action
from caseflow.timeutil import now_utc
from caseflow.validation import BoundedDate
from caseflow.workflows import ALL_ACTIONS, WORKFLOWS

blp = ApiBlueprint(
    "api_actions", __name__, url_prefix=f"{API_PREFIX}/cases", description="Actions on a case (the workflow)"
)
blp.before_request(require_user)

IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "required": True,
    "description": 'The case version you saw (its ETag), e.g. "3"; 428 when missing, 409 when stale.',
    "schema": {"type": "string", "pattern": r'^(W/)?"?[0-9]{1,9}"?$'},
}


def params_schema(name: str) -> type[Schema]:
    """The action's parameter schema; where kinds differ (decide), one whose choices cover every kind."""
    classes = list(
        dict.fromkeys(spec.params for w in WORKFLOWS.values() for spec in w.actions if spec.name == name)
    )
    if len(classes) == 1:
        return classes[0]
    declared: dict = {}
    for cls in classes:
        for field_name, field in cls().fields.items():
            first = declared.setdefault(field_name, field)
            if first is not field and _choices(field):
                first.validators = [validate.OneOf(list(dict.fromkeys([*_choices(first), *_choices(field)])))]
    return Schema.from_dict(declared, name=f"{name.title().replace('_', '')}Args")


EFFECTIVE_ON = "effective_on"
EFFECTIVE_DOC = (
    "Recorded after the fact: the date the action actually happened (not in the future, not before the "
    "case's previous step; officers, leaders and administrators). Guards, clocks and reports use it; the "
    "audit event keeps when it was entered and by whom."
)
_EFFECTIVE_FIELD = BoundedDate(load_default=None, allow_none=True, metadata={"description": EFFECTIVE_DOC})


@cache
def documented_schema(base: type[Schema]) -> type[Schema]:
    """The action's parameters as the API takes them: the action's schema plus `effective_on`."""
    field = BoundedDate(load_default=None, allow_none=True, metadata={"description": EFFECTIVE_DOC})
    return type(base.__name__, (base,), {EFFECTIVE_ON: field})


def split_effective_on(body) -> tuple[object, object]:
    """The action's parameters without `effective_on`, and that date (None when absent); 422 when invalid."""
    if not isinstance(body, dict) or EFFECTIVE_ON not in body:
        return body, None
    params = {key: value for key, value in body.items() if key != EFFECTIVE_ON}
    try:
        return params, _EFFECTIVE_FIELD.deserialize(body[EFFECTIVE_ON])
    except ValidationError as error:
        raise InvalidInput("Invalid input.", errors={EFFECTIVE_ON: error.messages}) from error


def _choices(field) -> list:
    """The choices of a field's OneOf validator, if it has one."""
    return next((list(v.choices) for v in field.validators if isinstance(v, validate.OneOf)), [])


def _perform(user: User, case_id: int, name: str, body: dict, version: int):
    """Run the action through the service; 200 with the new case and its ETag."""
    params, effective_on = split_effective_on(body)
    result = perform_action(
        case_id,
        name,
        actor=user,
        now=now_utc(),
        params=params,
        expected_version=version,
        request_id=request_id(),
        actor_label=actor_label(user),
        effective_on=effective_on,
    )
    return 200, bodies.case_body(result.case, user), {"ETag": etag(result.case.version)}


def _action_view(name: str):
    """The view of one action."""

    def view(case_id: int):
        user = api_user()
        version = expected_version()
        params = json_body()
        return write_once(user, lambda: _perform(user, case_id, name, params, version), params)

    view.__name__ = f"action_{name}"
    view.__doc__ = f"{ACTIONS.get(name, name)}: see product.md §3 for who may do it, from which status."
    return view


def _register(name: str) -> None:
    """Route and document one action."""
    view = _action_view(name)
    view = blp.problems(401, 403, 404, 409, 413, 415, 422, 428)(view)
    view = blp.response(200, CaseSchema, headers={"ETag": {"schema": {"type": "string"}}})(view)
    schema = documented_schema(params_schema(name))
    body = {"required": False, "content": {"application/json": {"schema": schema}}}
    view = blp.doc(parameters=[IF_MATCH, IDEMPOTENCY_KEY], requestBody=body)(view)
    blp.route(f"{CASE_ID}/actions/{name}", methods=["POST"], endpoint=f"action_{name}")(view)


@blp.problems(401, 404)
def unknown_action(case_id: int, action: str):
    """Any other action name: 404."""
    raise NotFound(f"There is no action named {action!r}.")


for _name in ALL_ACTIONS:
    _register(_name)
blp.add_url_rule(f"{CASE_ID}/actions/<action>", "unknown_action", unknown_action, methods=["POST"])
