"""The legal actions on the case page: offered where the case calls for them, refused in Vietnamese."""

from caseflow.models import CaseStatus
from tests.views.helpers import login
from tests.views.test_case_page import action


def test_the_decided_complaint_offers_the_receipt_form_with_its_fields(client, world):
    case = world.new_case_at("complaint", CaseStatus.DECIDED)
    login(client, world.users["officer"])
    html = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Ghi nhận việc nhận quyết định" in html
    assert 'name="received_on"' in html and 'name="method"' in html and 'name="party"' in html


def test_a_receipt_before_the_signature_is_refused_in_vietnamese(client, world):
    case = world.new_case_at("complaint", CaseStatus.DECIDED)  # signed on 2027-01-04
    login(client, world.users["officer"])
    data = {"recipient": "Nguyễn Văn Đức", "party": "petitioner", "received_on": "2027-01-01"}
    data["method"] = "post"
    answer = action(client, case, "record_delivery", data)
    assert answer.status_code == 422
    html = answer.get_data(as_text=True)
    assert "Ngày nhận quyết định (2027-01-01) không thể trước ngày ký (2027-01-04)." in html
    assert "before it was signed" not in html
