"""gunicorn's sync worker, answering the request lines and headers it refuses as problem documents (JSON),
like every other error of the API, instead of gunicorn's own HTML page."""

import json

from gunicorn.http.errors import LimitRequestHeaders, LimitRequestLine
from gunicorn.util import write_nonblock
from gunicorn.workers.sync import SyncWorker

REFUSALS = {
    LimitRequestLine: (414, "URI Too Long", "The address is too long."),
    LimitRequestHeaders: (431, "Request Header Fields Too Large", "The request's headers are too large."),
}


class ProblemWorker(SyncWorker):
    """A sync worker whose own refusals are application/problem+json."""

    def handle_error(self, req, client, addr, exc):
        """Oversized lines and headers: a problem document; everything else as gunicorn does it."""
        refusal = next((answer for kind, answer in REFUSALS.items() if isinstance(exc, kind)), None)
        if refusal is None:
            return super().handle_error(req, client, addr, exc)
        status, reason, detail = refusal
        self.log.debug("refused %s: %s", reason, exc)
        problem = {"type": "about:blank", "title": reason, "status": status, "detail": detail}
        body = json.dumps(problem).encode()
        head = (
            f"HTTP/1.1 {status} {reason}\r\nConnection: close\r\nContent-Type: application/problem+json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode("latin-1")
        try:
            write_nonblock(client, head + body)
        except OSError:
            pass
        return None
