"""A new PIN for a citizen who lost theirs: issued at the desk, audited, the old one no longer works."""

import re

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import CaseEvent
from caseflow.services.cases.intake import check_pin
from tests.services.test_ratings import PIN, with_pin
from tests.views.helpers import login, post_form


def _events(case) -> list[CaseEvent]:
    """The case's audit events, oldest first."""
    db.session.rollback()
    statement = sa.select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq)
    return list(db.session.scalars(statement))


def test_the_desk_issues_a_new_pin_shown_once_on_the_receipt(client, world):
    case = with_pin(world.intake())
    login(client, world.users["reception"])
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert f'action="/reception/cases/{case.id}/pin"' in page
    answer = post_form(client, f"/reception/cases/{case.id}/pin", {}, form_page=f"/cases/{case.id}")
    assert answer.status_code == 303 and answer.headers["Location"].endswith(f"/reception/receipt/{case.id}")
    receipt = client.get(answer.headers["Location"]).get_data(as_text=True)
    pin = re.search(r'class="rc-code rc-pin"[^>]*>\s*(\d{8})', receipt)
    assert pin, receipt[:3000]
    db.session.rollback()
    db.session.refresh(case)
    assert check_pin(case, pin.group(1)) and not check_pin(case, PIN)
    last = _events(case)[-1]
    assert last.action == "pin_reissued" and last.actor_user_id == world.users["reception"].id
    assert pin.group(1) not in str(last.params) + last.reason
    assert pin.group(1) not in client.get(answer.headers["Location"]).get_data(as_text=True)  # once only


def test_the_old_pin_no_longer_opens_the_tracking_page(client, world):
    case = with_pin(world.intake())
    login(client, world.users["officer"])
    post_form(client, f"/reception/cases/{case.id}/pin", {}, form_page=f"/cases/{case.id}")
    answer = client.post(f"/api/v1/public/track/{case.tracking_code}", json={"pin": PIN})
    assert answer.status_code == 404


def test_only_desk_roles_in_scope_may_issue_a_pin(client, world):
    case = world.intake()
    login(client, world.users["handler"])
    assert 'id="pin-reissue"' not in client.get(f"/cases/{case.id}").get_data(as_text=True)
    refused = post_form(client, f"/reception/cases/{case.id}/pin", {}, form_page=f"/cases/{case.id}")
    assert refused.status_code == 403
    login(client, world.users["stranger"])
    assert post_form(client, f"/reception/cases/{case.id}/pin", {}, form_page="/").status_code == 404

