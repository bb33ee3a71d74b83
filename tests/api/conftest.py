"""Fixtures for API tests: tokens per role, an authenticated JSON client, fresh rate limits."""

import threading

import pytest
from werkzeug.serving import make_server

from caseflow.extensions import db as _db
from caseflow.services.accounts import users
from tests.factories import World


@pytest.fixture(scope="session")
def live_server(app):
    """The app served over HTTP by werkzeug in a thread (each request in its own context)."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)


class Api:
    """A test client that speaks JSON with a bearer token per role."""

    def __init__(self, client, world: World):
        self.client, self.world, self.tokens = client, world, {}

    def token(self, who: str) -> str:
        """A token for the world's user `who` (made once)."""
        if who not in self.tokens:
            plain, _row = users.create_token(self.world.users[who], now=self.world.now, days=36500)
            _db.session.commit()
            self.tokens[who] = plain
        return self.tokens[who]

    def headers(self, who: str | None, extra: dict | None = None) -> dict:
        """Authorization (unless anonymous) plus `extra`."""
        headers = {"Authorization": f"Bearer {self.token(who)}"} if who else {}
        return {**headers, **(extra or {})}

    def get(self, path: str, who: str | None = "officer", **kwargs):
        """GET as `who`."""
        return self.client.get(path, headers=self.headers(who, kwargs.pop("headers", None)), **kwargs)

    def post(self, path: str, body=None, who: str | None = "officer", **kwargs):
        """POST JSON as `who`."""
        headers = self.headers(who, kwargs.pop("headers", None))
        return self.client.post(path, json=body, headers=headers, **kwargs)

    def act(self, case_id: int, action: str, body: dict, version: int, who: str, **headers):
        """POST an action with If-Match."""
        extra = {"If-Match": f'"{version}"', **headers}
        return self.post(f"/api/v1/cases/{case_id}/actions/{action}", body, who, headers=extra)


@pytest.fixture
def api(client, world) -> Api:
    """The JSON client."""
    return Api(client, world)


def letter(**overrides) -> dict:
    """An intake body."""
    body = {
        "channel": "post",
        "subject": "Khiếu nại việc thu hồi đất nông nghiệp",
        "content": "Đề nghị xem xét lại quyết định thu hồi đất số 123 của UBND xã Đông Anh",
        "petitioner": {
            "full_name": "Nguyễn Văn Đức",
            "address": "Thôn Đoài, xã Đông Anh",
            "id_number": "001088012345",
            "phone": "0912345678",
        },
    }
    return {**body, **overrides}


CLASSIFY = {"kind": "complaint", "field": "land", "eligible": True, "within_competence": True}
