"""The request id a client sends is stored in the audit trail only when it is well formed."""

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import CaseEvent


def test_a_forged_request_id_never_reaches_the_audit_trail(api, world):
    forged = "forged by the client <script>"
    created = api.post("/api/v1/cases", world.letter(), who="reception", headers={"X-Request-ID": forged})
    assert created.status_code == 201
    stored = set(db.session.scalars(sa.select(CaseEvent.request_id)))
    assert forged not in stored and created.headers["X-Request-ID"] in stored
