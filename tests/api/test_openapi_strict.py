"""The OpenAPI document declares what the server enforces; errors outside the app are problem documents."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from caseflow.api.core import MAX_SAFE_INT, NO_NUL, WIDE_NUMBERS

TEXT_FORMATS = {"pattern", "enum", "format"}


def spec(app) -> dict:
    """The served document."""
    return app.extensions["caseflow.api"].spec.to_dict()


def schemas_of_type(node, kind: str):
    """Every schema of a JSON type ("string", "integer") in a document."""
    if isinstance(node, dict):
        types = node.get("type") if isinstance(node.get("type"), list) else [node.get("type")]
        if kind in types:
            yield node
        for value in node.values():
            yield from schemas_of_type(value, kind)
    elif isinstance(node, list):
        for value in node:
            yield from schemas_of_type(value, kind)


def test_free_text_is_declared_without_nul(app):
    schemas = {k: v for k, v in spec(app)["components"]["schemas"].items() if k not in BUILT_IN_ANSWERS}
    free = [p for p in schemas_of_type(schemas, "string") if not TEXT_FORMATS & p.keys()]
    assert free == []
    assert any(p.get("pattern") == NO_NUL for p in schemas_of_type(spec(app), "string"))


def test_a_nul_is_refused_as_the_document_says(api):
    answer = api.post("/api/v1/cases", {"subject": "a\u0000b"}, who="officer")
    assert answer.status_code == 400 and answer.mimetype == "application/problem+json"


def operations(app):
    """(path, method, operation) of the document."""
    for path, item in spec(app)["paths"].items():
        for method, operation in item.items():
            if method != "parameters":
                yield path, method, operation


def test_every_idempotency_key_is_declared_with_its_characters(app):
    keys = [
        parameter
        for _path, _method, operation in operations(app)
        for parameter in operation.get("parameters", [])
        if parameter.get("name") == "Idempotency-Key"
    ]
    assert len(keys) >= 10
    assert {key["schema"].get("pattern") for key in keys} == {r"^[\x21-\x7e]{1,200}$"}


def test_a_key_with_a_space_is_refused(api):
    letter = {"channel": "post", "subject": "Khiếu nại", "content": "Nội dung", "is_anonymous": True}
    answer = api.post("/api/v1/cases", letter, who="officer", headers={"Idempotency-Key": "two words"})
    assert answer.status_code == 400


def test_every_action_declares_the_428_for_a_missing_if_match(app, api, world):
    actions = [
        (path, op)
        for path, method, op in operations(app)
        if "/actions/" in path and method == "post" and not path.endswith("{action}")
    ]
    assert actions and all("428" in op["responses"] for _path, op in actions)
    case = world.intake()
    assert api.post(f"/api/v1/cases/{case.id}/actions/classify", {}, who="officer").status_code == 428


def test_cursors_and_dates_are_declared_as_the_server_reads_them(app):
    parameters = {
        (path, p["name"]): p["schema"]
        for path, method, op in operations(app)
        for p in op.get("parameters", [])
        if p.get("in") == "query"
    }
    assert parameters[("/api/v1/cases", "cursor")]["pattern"] == r"^[A-Za-z0-9_-]{1,100}$"
    assert parameters[("/api/v1/cases", "received_from")]["format"] == "date"


@pytest.mark.parametrize("path", ["/api/v1/cases", "/api/v1/auth/token", "/login"])
def test_a_method_a_resource_does_not_take_is_405_with_allow(client, path):
    answer = client.open(path, method="TRACE")
    assert answer.status_code == 405 and answer.headers["Allow"]
    assert set(answer.headers["Allow"].replace(" ", "").split(",")) >= {"OPTIONS"}


def test_an_over_long_address_is_a_414_problem(api):
    answer = api.get("/api/v1/cases?q=" + "a" * 9000, who="officer")
    assert answer.status_code == 414 and answer.mimetype == "application/problem+json"


def test_gunicorns_own_refusal_of_an_over_long_line_is_a_problem_document(tmp_path):
    port = _free_port()
    database = f"sqlite:///{tmp_path / 'cf.db'}"
    env = {**os.environ, "CASEFLOW_DATABASE_URL": database, "CASEFLOW_SECRET_KEY": "t"}
    command = [str(Path(sys.executable).parent / "caseflow"), "serve", "--port", str(port), "--workers", "1"]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        reply = _raw_get(port, "/api/v1/cases?q=" + "a" * 9000)
    finally:
        server.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
        server.wait(60)
    assert reply.startswith(b"HTTP/1.1 414") and b"application/problem+json" in reply
    assert b'"status": 414' in reply


def _free_port() -> int:
    """A port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _raw_get(port: int, target: str) -> bytes:
    """Send one GET as raw bytes once the server listens; the whole reply."""
    for _ in range(600):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=60) as connection:  # workers boot late
                connection.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
                return b"".join(iter(lambda: connection.recv(65536), b""))
        except ConnectionRefusedError:
            time.sleep(0.1)
    raise AssertionError("the server did not start")


BUILT_IN_ANSWERS = ("Problem", "PaginationMetadata")  # answers only, never read from a request


def test_every_integer_is_declared_within_32_bits(app):
    document = spec(app)
    schemas = {k: v for k, v in document["components"]["schemas"].items() if k not in BUILT_IN_ANSWERS}
    wide = [  # amounts in VND and m²: beyond 32 bits, within what every JSON reader keeps exact
        schema["properties"][name]
        for schema in schemas.values()
        for name in WIDE_NUMBERS
        if name in schema.get("properties", {})
    ]
    assert wide and all(0 <= node["minimum"] and node["maximum"] <= MAX_SAFE_INT for node in wide)
    numbers = [
        node
        for node in schemas_of_type([schemas, document["paths"]], "integer")
        if not (-(2**31) < node.get("minimum", -(2**40)) and node.get("maximum", 2**40) < 2**31)
        and not any(node is w for w in wide)
    ]
    assert numbers == []

