"""Hash chains: each record's hash covers the previous hash and its own canonical JSON content."""

import hashlib
import json
from datetime import date, datetime
from enum import Enum


def canonical_json(content: dict) -> str:
    """Content as canonical JSON: sorted keys, no spaces, UTF-8 text kept as is."""
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def link_hash(prev_hash: str, content: dict) -> str:
    """SHA-256 over the previous hash and this record's canonical content."""
    return hashlib.sha256((prev_hash + canonical_json(content)).encode()).hexdigest()


def json_safe(value):
    """Dates, datetimes, enums and sets as plain JSON values, recursively."""
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [json_safe(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
