"""Bulk assignment: one assign action per case through the action service, each audited and checked.

Each case is assigned at the version the leader saw; refusals (a stale version too) are reported case by case.
"""

from dataclasses import dataclass
from datetime import datetime

from caseflow.errors import CaseflowError, InvalidInput
from caseflow.i18n import N_
from caseflow.models import Role, User
from caseflow.services.cases.actions import perform_action

MAX_BULK = 200
NOT_A_LEADER = N_("Only a leader can assign cases.")
FROM_LIST = N_("Choose the cases from the list.")
NONE_CHOSEN = N_("Choose at least one case.")
TOO_MANY = N_("Choose at most 200 cases at once.")


@dataclass(frozen=True)
class BulkItem:
    """One case as the leader saw it: its id and version."""

    case_id: int
    version: int


def parse_items(pairs: list[str]) -> list[BulkItem]:
    """'id:version' strings (as the list page posts them) as items; InvalidInput when one is malformed."""
    items = []
    for pair in pairs:
        case_id, _, version = pair.partition(":")
        if not (case_id.isdigit() and version.isdigit()):
            raise InvalidInput(FROM_LIST, errors={"case": [FROM_LIST]})
        items.append(BulkItem(int(case_id), int(version)))
    return check_items(items)


def check_items(items: list[BulkItem]) -> list[BulkItem]:
    """At least one case, at most MAX_BULK, each once."""
    unique = list(dict.fromkeys(items))
    if not unique:
        raise InvalidInput(NONE_CHOSEN, errors={"cases": [NONE_CHOSEN]})
    if len(unique) > MAX_BULK:
        raise InvalidInput(TOO_MANY, errors={"cases": [TOO_MANY]})
    return unique


def assign_one(
    item: BulkItem,
    *,
    assignee: int,
    note: str,
    actor: User,
    now: datetime,
    request_id: str = "",
    actor_label: str = "",
) -> dict:
    """The assign action on one case, at the version the leader saw; the case's new version and code."""
    result = perform_action(
        item.case_id, "assign", actor=actor, now=now, params={"assignee": assignee, "note": note},
        expected_version=item.version, request_id=request_id, actor_label=actor_label,
    )
    return {"version": result.case.version, "tracking_code": result.case.tracking_code}


def is_leader(user: User) -> bool:
    """Whether the user may assign cases at all."""
    return Role.LEADER in user.roles


def outcome(item: BulkItem, result: dict | None, error: CaseflowError | None) -> dict:
    """One case's line of the report: assigned with its new version, or the refusal's code and detail."""
    if error is None:
        return {"case_id": item.case_id, "outcome": "assigned", **result}
    code, status = error.code, error.status_code
    return {"case_id": item.case_id, "outcome": code, "status": status, "detail": error.detail}
