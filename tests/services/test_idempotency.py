"""Once-only requests: the first answer is replayed, another request under the same key is refused."""

import pytest

from caseflow.errors import ConflictError
from caseflow.web.idempotency import Replay, claim, complete, fingerprint


def test_a_replay_gets_the_first_answer(db, now):
    digest = fingerprint("POST", "/x", {"a": 1})
    record = claim("user:1", "k1", method="POST", path="/x", digest=digest, now=now)
    complete(record, status_code=303, headers={"Location": "/cases/7"})
    db.session.commit()
    again = claim("user:1", "k1", method="POST", path="/x", digest=digest, now=now)
    assert again == Replay(303, "", {"Location": "/cases/7"})


def test_same_key_with_another_body_is_refused(db, now):
    record = claim("user:1", "k2", method="POST", path="/x", digest=fingerprint("POST", "/x", 1), now=now)
    complete(record, status_code=201)
    db.session.commit()
    with pytest.raises(ConflictError):
        claim("user:1", "k2", method="POST", path="/x", digest=fingerprint("POST", "/x", 2), now=now)


def test_a_failed_first_request_leaves_the_key_free(db, now):
    digest = fingerprint("POST", "/x", {})
    claim("user:1", "k3", method="POST", path="/x", digest=digest, now=now)
    db.session.rollback()
    record = claim("user:1", "k3", method="POST", path="/x", digest=digest, now=now)
    assert not isinstance(record, Replay)


def test_keys_belong_to_their_owner(db, now):
    digest = fingerprint("POST", "/x", {})
    complete(claim("user:1", "k4", method="POST", path="/x", digest=digest, now=now), status_code=201)
    db.session.commit()
    assert not isinstance(claim("user:2", "k4", method="POST", path="/x", digest=digest, now=now), Replay)
