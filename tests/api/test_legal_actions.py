"""The legal actions of issue 11 over the API: in the OpenAPI document, with their fields and refusals."""

from caseflow.models import CaseStatus


def action_operation(api, name: str) -> dict:
    """The POST operation of one action in the OpenAPI document."""
    document = api.get("/api/v1/openapi.json", who=None).json
    return document["paths"][f"/api/v1/cases/{{case_id}}/actions/{name}"]["post"]


def request_fields(api, operation: dict) -> set[str]:
    """The property names of an operation's JSON body (following one $ref)."""
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    if "$ref" in schema:
        document = api.get("/api/v1/openapi.json", who=None).json
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return set(schema["properties"])


def test_record_delivery_is_documented_with_its_fields_and_errors(api):
    operation = action_operation(api, "record_delivery")
    assert request_fields(api, operation) == {"recipient", "party", "received_on", "method", "effective_on"}
    assert {"403", "404", "409", "422"} <= set(operation["responses"])


def test_record_delivery_refuses_a_receipt_in_the_future(api, world):
    case = world.new_case_at("complaint", CaseStatus.DECIDED)
    body = {"recipient": "Nguyễn Văn Đức", "received_on": "2027-06-01", "method": "post"}
    answer = api.act(case.id, "record_delivery", body, case.version, "officer")
    assert answer.status_code == 422 and answer.json["code"] == "guard_failed"
    assert "cannot be in the future" in answer.json["detail"]
