"""Every page of the demo renders: each case page for the people who work on it, and each queue."""

import sqlalchemy as sa

from caseflow.demo import load_demo
from caseflow.lists import QUEUES
from caseflow.models import Case, User
from caseflow.timeutil import now_utc
from tests.views.helpers import login

DEMO_USERS = ("lanhdao", "xacminh")


def test_every_demo_case_page_and_queue_renders_for_its_officials(client, db):
    load_demo(now=now_utc())
    db.session.commit()
    case_ids = list(db.session.scalars(sa.select(Case.id).order_by(Case.id)))
    assert len(case_ids) > 100
    for username in DEMO_USERS:
        user = db.session.scalars(sa.select(User).where(User.username == username)).one()
        login(client, user)
        for queue in (*QUEUES, "all"):
            assert client.get(f"/cases/?queue={queue}").status_code == 200, (username, queue)
        for case_id in case_ids:
            status = client.get(f"/cases/{case_id}").status_code
            assert status in (200, 404), (username, case_id, status)
