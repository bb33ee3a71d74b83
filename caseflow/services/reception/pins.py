"""A new PIN for a citizen who lost theirs: issued at the desk, recorded in the audit trail (never the PIN
itself); the old PIN stops working at once."""

import secrets
from dataclasses import dataclass
from datetime import datetime

from caseflow.errors import PermissionDenied
from caseflow.i18n import N_
from caseflow.models import Case, User
from caseflow.services.cases.audit import append_event
from caseflow.services.cases.intake import INTAKE_ROLES, PIN_DIGITS, hash_pin
from caseflow.services.cases.locking import lock_visible_case

PIN_REFUSED = N_("Only reception and processing officers issue a new PIN.")


@dataclass(frozen=True)
class NewPin:
    """The case and its new PIN (to be shown once, on the receipt or in the API's answer)."""

    case: Case
    pin: str


def may_reissue_pin(user: User) -> bool:
    """Reception and processing officers may issue a new PIN."""
    return user.has_role(*INTAKE_ROLES)


def reissue_pin(
    case_id: int, *, actor: User, now: datetime, request_id: str = "", actor_label: str = ""
) -> NewPin:
    """Replace the case's PIN with a fresh one and audit it; the old PIN no longer opens the case.

    :raises NotFound: unknown case or outside the actor's scope
    :raises PermissionDenied: the actor is not a reception or processing officer
    """
    if not may_reissue_pin(actor):
        raise PermissionDenied(PIN_REFUSED)
    case = lock_visible_case(case_id, actor)
    pin = "".join(secrets.choice("0123456789") for _ in range(PIN_DIGITS))
    case.pin_hash = hash_pin(case.tracking_code, pin)
    append_event(
        case, action="pin_reissued", now=now, actor=actor, actor_label=actor_label, request_id=request_id
    )
    return NewPin(case, pin)
