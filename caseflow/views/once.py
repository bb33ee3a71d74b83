"""Forms that create things carry a one-time token, so a double submit creates nothing twice."""

import uuid
from collections.abc import Callable

from flask import redirect, request
from flask_login import current_user
from wtforms import HiddenField

from caseflow.timeutil import now_utc
from caseflow.transaction import commit
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
