"""The public register: decisions and conclusions the law requires to be published, with no personal data.

Listed: complaint decisions (`decision`) and denunciation conclusions (`conclusion`) whose `published_on` is
set and not in the future. The `close` action requires it for second-level complaint decisions and every
denunciation conclusion (Luật KN Art 41(2), Luật TC Art 40); a first-level decision appears when the unit
records a publication date. Petition answers are never listed. No party is shown; the summary is published
with every name, ID number, phone, e-mail and address of the case's parties removed (diacritics or not), and
with anything shaped like an e-mail, a phone or an ID number removed too.
"""

import base64
import binascii
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from caseflow.errors import InvalidInput
from caseflow.extensions import db
from caseflow.i18n import N_
from caseflow.models import Case, CaseKind, Decision, Party, Unit
from caseflow.text import fold

PUBLISHED_KINDS = {"decision": CaseKind.COMPLAINT, "conclusion": CaseKind.DENUNCIATION}
REDACTED = "[…]"
MAX_LIMIT = 100
BATCH = 200
MAX_SCAN = 2000
MIN_SECRET = 3
IDENTIFYING = ("full_name", "address", "id_number", "phone", "email")
_GENERIC = (
    re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"),
    re.compile(r"(?<![\w+])(?:\+84|84|0)[\s.\-]?\d(?:[\s.\-]?\d){7,9}(?!\d)"),
    re.compile(r"(?<!\d)(?:\d{12}|\d{9})(?!\d)"),
)
_SEPARATORS = re.compile(r"[\s,;]+")
_DIGITISH = re.compile(r"^[\d\s.\-+()]+$")


@dataclass(frozen=True)
class RegisterEntry:
    """One published decision or conclusion, as the public sees it."""

    id: int
    number: str
    signed_on: date
    published_on: date
    unit_code: str
    unit_name: str
    kind: str
    case_kind: str
    level: int | None
    field: str | None
    outcome: str | None
    summary: str


@dataclass(frozen=True)
class RegisterPage:
    """One page of the register, newest first, and the cursor of the next (None on the last)."""

    items: list[RegisterEntry]
    next_cursor: str | None


def published_decisions(
    *,
    today: date,
    q: str = "",
    unit_code: str | None = None,
    kind: str | None = None,
    year: int | None = None,
    limit: int = 20,
    cursor: str | None = None,
) -> RegisterPage:
    """Search the register (text with or without diacritics, unit and its subtree, kind, year), keyset-paged.

    The text is matched against what is published (number, unit, redacted summary), never the original.
    :raises InvalidInput: an unknown unit or kind, a bad cursor.
    """
    statement = _base(today, unit_code, kind, year)
    position = decode_cursor(cursor) if cursor else None
    wanted, limit = fold(q).split(), max(1, min(limit, MAX_LIMIT))
    found, scanned, last = [], 0, None
    while len(found) <= limit and scanned < MAX_SCAN:
        rows = _batch(statement, position)
        entries = _entries(rows)
        for entry in entries:
            last, scanned = entry, scanned + 1
            if _matches(entry, wanted):
                found.append(entry)
                if len(found) > limit:
                    break
        if len(rows) < BATCH or len(found) > limit:
            break
        position = (last.signed_on, last.id)
    if len(found) > limit:
        return RegisterPage(found[:limit], encode_cursor(found[limit - 1]))
    more = scanned >= MAX_SCAN and last is not None
    return RegisterPage(found, encode_cursor(last) if more else None)


def _base(today: date, unit_code: str | None, kind: str | None, year: int | None) -> sa.Select:
    """Published decisions and conclusions with their case's facts and unit, filtered."""
    statement = (
        sa.select(Decision, Case.kind, Case.level, Case.field, Unit.code, Unit.name)
        .join(Case, Case.id == Decision.case_id)
        .join(Unit, Unit.id == Case.unit_id)
        .where(Decision.published_on.is_not(None), Decision.published_on <= today)
        .where(
            sa.or_(
                *[
                    sa.and_(Decision.kind == name, Case.kind == case_kind)
                    for name, case_kind in PUBLISHED_KINDS.items()
                ]
            )
        )
    )
    if kind:
        if kind not in PUBLISHED_KINDS:
            raise InvalidInput(N_("No such kind."), errors={"kind": [N_("Choose decision or conclusion.")]})
        statement = statement.where(Decision.kind == kind)
    if unit_code:
        statement = statement.where(Unit.path.startswith(_unit(unit_code).path, autoescape=True))
    if year:
        statement = statement.where(Decision.signed_on.between(date(year, 1, 1), date(year, 12, 31)))
    return statement


def _unit(code: str) -> Unit:
    """The unit with this code; InvalidInput when there is none."""
    unit = db.session.scalars(sa.select(Unit).where(Unit.code == code)).first()
    if unit is None:
        raise InvalidInput(N_("No such unit."), errors={"unit": [N_("Choose a unit from the list.")]})
    return unit


def _batch(statement: sa.Select, position: tuple[date, int] | None) -> list:
    """The next BATCH rows after `position`, newest signature first."""
    if position is not None:
        signed_on, decision_id = position
        statement = statement.where(
            sa.or_(
                Decision.signed_on < signed_on,
                sa.and_(Decision.signed_on == signed_on, Decision.id < decision_id),
            )
        )
    ordered = statement.order_by(Decision.signed_on.desc(), Decision.id.desc()).limit(BATCH)
    return list(db.session.execute(ordered))


def _entries(rows: list) -> list[RegisterEntry]:
    """The rows as public entries, each summary stripped of its case's personal data."""
    secrets = case_secrets([row[0].case_id for row in rows])
    return [
        RegisterEntry(
            id=decision.id,
            number=redact(decision.number, secrets[decision.case_id]),
            signed_on=decision.signed_on,
            published_on=decision.published_on,
            unit_code=unit_code,
            unit_name=unit_name,
            kind=decision.kind,
            case_kind=case_kind.value,
            level=level,
            field=field.value if field else None,
            outcome=decision.outcome,
            summary=redact(decision.summary, secrets[decision.case_id]),
        )
        for decision, case_kind, level, field, unit_code, unit_name in rows
    ]


def case_secrets(case_ids: list[int]) -> dict[int, list[str]]:
    """Every identifying string of each case's parties (an organisation's name excepted), longest first."""
    found: dict[int, set[str]] = defaultdict(set)
    if case_ids:
        parties = db.session.scalars(sa.select(Party).where(Party.case_id.in_(set(case_ids))))
        for party in parties:
            for name in IDENTIFYING:
                value = str(getattr(party, name) or "").strip()
                if len(value) >= MIN_SECRET and not (name == "full_name" and party.is_organisation):
                    found[party.case_id].add(value)
    return defaultdict(list, {k: sorted(v, key=len, reverse=True) for k, v in found.items()})


def redact(text: str | None, secrets: list[str]) -> str:
    """`text` with each secret (diacritics or not, any case) and each e-mail, phone and ID removed."""
    text = unicodedata.normalize("NFC", text or "")
    folded = "".join(_fold_char(ch) for ch in text)
    spans = [m.span() for secret in secrets for m in _pattern(secret).finditer(folded)]
    spans += [m.span() for pattern in _GENERIC for m in pattern.finditer(folded)]
    for start, end in _merge(spans)[::-1]:
        text = text[:start] + REDACTED + text[end:]
    return text


def _fold_char(ch: str) -> str:
    """One character folded to one character (so positions in the folded text are those of the original)."""
    if ch in "đĐ":
        return "d"
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)).lower()
    return base if len(base) == 1 else ch


def _pattern(secret: str) -> re.Pattern:
    """A secret as a pattern over folded text: digits with any separators, words with any spacing."""
    folded = "".join(_fold_char(ch) for ch in unicodedata.normalize("NFC", secret)).strip()
    if _DIGITISH.match(folded) and sum(c.isdigit() for c in folded) >= 6:
        digits = [c for c in folded if c.isdigit()]
        body = r"[\s.\-]?".join(digits)
        if digits[0] == "0":
            body = r"(?:0|\+84[\s.\-]?|84[\s.\-]?)" + r"[\s.\-]?".join(digits[1:])
        return re.compile(rf"(?<!\d){body}(?!\d)")
    words = [re.escape(word) for word in _SEPARATORS.split(folded) if word]
    return re.compile(r"(?<!\w)" + r"[\s,;]+".join(words) + r"(?!\w)")


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans joined, in order."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _matches(entry: RegisterEntry, wanted: list[str]) -> bool:
    """True when every folded word of the query is in what is published of the entry."""
    if not wanted:
        return True
    haystack = fold(" ".join((entry.number, entry.unit_name, entry.summary, entry.field or "", entry.kind)))
    return all(word in haystack for word in wanted)


def encode_cursor(entry: RegisterEntry) -> str:
    """An opaque cursor for the position after `entry`."""
    raw = f"{entry.signed_on.isoformat()}|{entry.id}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[date, int]:
    """The (signed_on, id) in a cursor; InvalidInput when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        signed_on, decision_id = raw.split("|")
        return date.fromisoformat(signed_on), int(decision_id)
    except (ValueError, binascii.Error, UnicodeDecodeError) as error:
        raise InvalidInput(
            N_("Invalid cursor."), errors={"cursor": [N_("Use the cursor from the previous page.")]}
        ) from error


def register_units() -> list[Unit]:
    """Every unit, in tree order (the register's unit filter)."""
    return list(db.session.scalars(sa.select(Unit).order_by(Unit.path).limit(500)))
