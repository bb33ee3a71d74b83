"""Forms that create things carry a one-time token, so a double submit creates nothing twice."""

import uuid
from collections.abc import Callable

from flask import redirect, request
from flask_login import current_user
from wtforms import HiddenField

from caseflow.errors import ConflictError, InvalidInput
from caseflow.timeutil import now_utc
from caseflow.transaction import commit, rollback
from caseflow.views.field_errors import show_errors
from caseflow.web.idempotency import Replay, claim, complete


class OnceField(HiddenField):
    """A hidden token, new for every form shown."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, default=lambda: uuid.uuid4().hex, **kwargs)


def submit_once(form, create: Callable[[], str]):
    """Run `create` (which returns where to go next) once per form token; a repeat goes where the first went.

    The form needs a `form_token = OnceField()`. The token, the work and the answer commit together.
    """
    token = (form.form_token.data or uuid.uuid4().hex)[:64]
    owner, key = f"user:{current_user.id}", f"form:{token}"
    claimed = claim(owner, key, method="POST", path=request.path, digest="form", now=now_utc())
    if isinstance(claimed, Replay):
        return redirect(claimed.headers.get("Location", request.path), 303)
    location = create()
    complete(claimed, status_code=303, headers={"Location": location})
    commit()
    return redirect(location, 303)


FORM_REFUSALS = (InvalidInput, ConflictError)


def attempt_once(form, create: Callable[[], str], show=show_errors):
    """`submit_once`; on a refusal roll back, show its messages on the form (via `show`), return None."""
    try:
        return submit_once(form, create)
    except FORM_REFUSALS as error:
        rollback()
        show(form, error)
        return None
