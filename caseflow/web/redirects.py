"""Where a page may send the browser next: only a path of this site, whatever tricks the value carries."""

from urllib.parse import urlsplit

from flask import url_for


def is_local_path(target: str) -> bool:
    """A same-site path: one leading slash, no scheme or host, no backslash, no control or space character."""
    if not target.startswith("/") or target.startswith(("//", "/\\")):
        return False
    if any(ord(char) < 0x21 or char in "\\\x7f" for char in target):
        return False  # browsers drop tabs and newlines and read \ as /: "/\t/evil.example" → //evil.example
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def safe_next(target: str | None) -> str:
    """The target when it is a local path, else the start page."""
    return target if target and is_local_path(target) else url_for("home.index")
