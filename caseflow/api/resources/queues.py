"""Tools beside the workflow: bulk assignment (leaders), each user's saved filters, a citizen's new PIN."""

from caseflow.api.auth import actor_label, api_user, require_user
from caseflow.api.core import API_PREFIX, CASE_ID, ApiBlueprint
from caseflow.api.schemas import (
    BulkAssignArgs,
    BulkAssignSchema,
    NewPinSchema,
    SavedFilterArgs,
    SavedFilterListSchema,
    SavedFilterSchema,
)
from caseflow.api.writes import json_response, request_id
from caseflow.errors import CaseflowError, PermissionDenied
from caseflow.models import SavedFilter
from caseflow.services.cases.bulk import NOT_A_LEADER, BulkItem, assign_one, check_items, is_leader, outcome
from caseflow.services.cases.saved_filters import delete_filter, save_filter, saved_filters
from caseflow.services.reception.pins import reissue_pin
from caseflow.timeutil import now_utc
from caseflow.transaction import commit, each_committed

blp = ApiBlueprint("api_queues", __name__, url_prefix=API_PREFIX, description="Queue tools")
blp.before_request(require_user)


@blp.route("/cases/bulk-assign", methods=["POST"])
@blp.arguments(BulkAssignArgs)
@blp.response(200, BulkAssignSchema)
@blp.problems(401, 403, 422)
def bulk_assign(args):
    """Assign each case to the handler through the assign action (leader); each case succeeds or is reported.

    Every case is checked at its own version: a changed case answers `stale_case` in its line and is left
    as it is, while the others are assigned and audited one by one.
    """
    user = api_user()
    if not is_leader(user):
        raise PermissionDenied(NOT_A_LEADER)
    items = check_items([BulkItem(case["id"], case["version"]) for case in args["cases"]])
    now, label = now_utc(), actor_label(user)
    done = each_committed(
        items,
        lambda item: assign_one(
            item, assignee=args["assignee"], note=args["note"], actor=user, now=now,
            request_id=request_id(), actor_label=label,
        ),
        (CaseflowError,),
    )
    results = [outcome(item, result, error) for item, result, error in done]
    assigned = sum(1 for line in results if line["outcome"] == "assigned")
    return json_response(200, {"assigned": assigned, "refused": len(results) - assigned, "results": results})


def _saved_body(saved: SavedFilter) -> dict:
    """A saved filter as the API shows it."""
    created = saved.created_dt.isoformat()
    return {"id": saved.id, "name": saved.name, "arguments": saved.arguments, "created_at": created}


@blp.route("/saved-filters")
@blp.response(200, SavedFilterListSchema)
@blp.problems(401)
def list_saved_filters():
    """The caller's saved filters by name (their arguments are those of GET /cases)."""
    return json_response(200, {"items": [_saved_body(saved) for saved in saved_filters(api_user())]})


@blp.route("/saved-filters", methods=["POST"])
@blp.arguments(SavedFilterArgs)
@blp.response(201, SavedFilterSchema)
@blp.problems(401, 422)
def create_saved_filter(args):
    """Save a named filter for the caller; a name they already use is replaced."""
    saved = save_filter(api_user(), args["name"], args["arguments"], now=now_utc())
    body = _saved_body(saved)
    commit()
    return json_response(201, body)


@blp.route("/saved-filters/<int:filter_id>", methods=["DELETE"])
@blp.response(204)
@blp.problems(401, 404)
def delete_saved_filter(filter_id: int):
    """Delete one of the caller's saved filters (another user's answers 404)."""
    delete_filter(api_user(), filter_id)
    commit()
    return json_response(204, "")


@blp.route(f"/cases{CASE_ID}/pin", methods=["POST"])
@blp.response(200, NewPinSchema)
@blp.problems(401, 403, 404)
def new_pin(case_id: int):
    """Issue a new PIN for a citizen who lost theirs (reception, officer); the old PIN stops working at once.

    The new PIN is in this answer only; the audit trail records who issued it (never the PIN). Repeating the
    call issues yet another PIN.
    """
    user = api_user()
    label = actor_label(user)
    issued = reissue_pin(case_id, actor=user, now=now_utc(), request_id=request_id(), actor_label=label)
    body = {"tracking_code": issued.case.tracking_code, "pin": issued.pin}
    commit()
    response = json_response(200, body)
    response.headers["Cache-Control"] = "no-store"
    return response
