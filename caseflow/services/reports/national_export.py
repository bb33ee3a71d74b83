"""The national database export (NĐ 55/2022 Art 6): reception and letter data of a period, in batches.

A denouncer's identity is never exported: no name, address, ID number, phone or e-mail, and their identifying
strings are removed from free text. Nobody's ID number, phone or e-mail is an Art 6 item: they never leave.
The mapping of each item to our fields is in docs/national-export.md.
"""

import csv
import io
import json
import re
from collections import Counter as Tally
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import (
    Case,
    CaseEvent,
    CaseKind,
    Deadline,
    Decision,
    Party,
    PartyRole,
    ReceptionSession,
    Unit,
)
from caseflow.services.cases.identity import PROTECTED_ROLES, masks
from caseflow.services.cases.scope import subtree_unit_ids
from caseflow.timeutil import agency_timezone, local_date

DECREE = "55/2022/NĐ-CP"
FORMAT_VERSION = 1
WITHHELD = "Người tố cáo (thông tin được giữ bí mật)"
KIND_CODE = {"complaint": "KN", "denunciation": "TC", "petition": "KN-PA"}
EVENT_ACTIONS = (
    "accept",
    "reject",
    "guide",
    "forward",
    "return_to_forwarder",
    "file",
    "withdraw",
    "terminate",
)
PROCESSING_OUTCOMES = {
    "not_accepted": "not_accepted",
    "guided": "guided",
    "forwarded": "forwarded",
    "returned": "returned",
    "filed": "filed",
}
RECEPTION_COLUMNS = (
    "session_kind", "citizen_name", "citizen_address", "people_count", "is_group", "matter_kind", "content",
    "is_repeat", "prior_resolution", "handling", "handling_note", "tracking_codes",
)  # fmt: skip
LETTER_COLUMNS = (
    "tracking_code", "channel", "source", "kind", "field", "level", "signatories", "is_anonymous",
    "sender_name", "sender_address", "subject", "is_eligible", "is_within_competence", "processing_outcome",
    "forwarded_to", "forward_destination_type", "guided_to", "filing_reason", "is_withdrawn", "accepted_on",
    "status", "complexity", "extension_count", "is_suspended", "due_on", "is_overdue", "dialogue_held",
    "resolution_kind", "resolution_outcome", "resolution_number", "resolution_signed_on", "published_on",
    "resolved_on_time", "closed_on",
)  # fmt: skip
COMMON_COLUMNS = ("record_type", "unit_code", "unit_name", "received_on", "identity_withheld")
CSV_COLUMNS = COMMON_COLUMNS + RECEPTION_COLUMNS + LETTER_COLUMNS
Progress = Callable[[str, int], None]


@dataclass(frozen=True)
class Period:
    """The export's period (local dates, both ends included) and unit subtree (None: every unit)."""

    start: date
    end: date
    unit: Unit | None = None


@dataclass
class Counts:
    """How many records went out, by section, by kind, and with the identity withheld."""

    reception: int = 0
    letters: int = 0
    by_kind: Tally = field(default_factory=Tally)
    identity_withheld: int = 0

    def as_dict(self) -> dict:
        """Plain JSON."""
        return {
            "reception": self.reception,
            "letters": self.letters,
            "letters_by_kind": dict(sorted(self.by_kind.items())),
            "identity_withheld": self.identity_withheld,
        }


def meta(period: Period, now: datetime) -> dict:
    """What the file is: decree, period, unit, when made, and the identity rule applied."""
    return {
        "decree": DECREE,
        "article": 6,
        "format_version": FORMAT_VERSION,
        "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
        "unit": period.unit.code if period.unit else None,
        "generated_at": now.isoformat(),
        "identity_rule": "denouncers' identity withheld (Luật Tố cáo 2018 Art 47, 56; NĐ 55/2022 Art 3)",
    }


def _unit_filter(column, period: Period):
    """The unit subtree condition, or none."""
    return column.in_(subtree_unit_ids(period.unit)) if period.unit else sa.true()


def _units() -> dict[int, tuple[str, str]]:
    """Every unit's code and name (a small table)."""
    return {
        row.id: (row.code, row.name) for row in db.session.execute(sa.select(Unit.id, Unit.code, Unit.name))
    }


def _keyset(statement: sa.Select, id_column, batch: int) -> Iterator[list]:
    """Rows of `statement` in id order, `batch` at a time (no server cursor held between batches)."""
    last = 0
    while True:
        rows = db.session.execute(statement.where(id_column > last).order_by(id_column).limit(batch)).all()
        if not rows:
            return
        yield rows
        last = rows[-1].id


def _scrub(text: str, secrets: list[str]) -> str:
    """Free text without the denouncer's identifying strings."""
    for secret in secrets:
        text = re.sub(re.escape(secret), WITHHELD, text, flags=re.IGNORECASE)
    return text


def _secrets_of(parties) -> list[str]:
    """Identifying strings (3+ characters), longest first."""
    values = {
        str(value).strip()
        for p in parties
        for value in (p.full_name, p.address, p.id_number, p.phone, p.email)
        if value and len(str(value).strip()) >= 3
    }
    return sorted(values, key=len, reverse=True)


def reception_records(
    period: Period, *, batch: int = 500, progress: Progress | None = None
) -> Iterator[dict]:
    """Art 6(1): each reception session of the period (citizen, content, result)."""
    units, table = _units(), ReceptionSession.__table__
    statement = sa.select(table).where(
        table.c.received_on.between(period.start, period.end), _unit_filter(table.c.unit_id, period)
    )
    done = 0
    for rows in _keyset(statement, table.c.id, batch):
        linked = _linked_cases([row.id for row in rows])
        for row in rows:
            yield _reception_record(row, units, linked.get(row.id, []))
        done += len(rows)
        if progress:
            progress("reception", done)


def _linked_cases(session_ids: list[int]) -> dict[int, list[tuple[str, str | None]]]:
    """Tracking code and kind of the cases opened from each session."""
    rows = db.session.execute(
        sa.select(Case.reception_session_id, Case.tracking_code, Case.kind, Case.id)
        .where(Case.reception_session_id.in_(session_ids))
        .order_by(Case.id)
    )
    linked: dict[int, list] = {}
    for row in rows:
        linked.setdefault(row.reception_session_id, []).append((row.tracking_code, row.kind))
    return linked


def _reception_record(row, units: dict, linked: list) -> dict:
    """One session; a denunciation's visitor is not named, and their name leaves the content."""
    protected = row.matter_kind == CaseKind.DENUNCIATION or any(
        k == CaseKind.DENUNCIATION or (k is None and row.matter_kind is None) for _c, k in linked
    )  # a letter opened from the visit and not yet classified may be a denunciation (identity.masks)
    secrets = [s for s in (row.citizen_name, row.citizen_address, row.citizen_id_number) if s and len(s) >= 3]
    code, name = units.get(row.unit_id, ("", ""))
    return {
        "record_type": "reception",
        "unit_code": code,
        "unit_name": name,
        "received_on": row.received_on.isoformat(),
        "identity_withheld": protected,
        "session_kind": _value(row.kind),
        "citizen_name": None if protected else row.citizen_name,
        "citizen_address": None if protected else row.citizen_address,
        "people_count": row.people_count,
        "is_group": row.is_group,
        "matter_kind": KIND_CODE.get(_value(row.matter_kind)),
        "content": _scrub(row.content, sorted(secrets, key=len, reverse=True)) if protected else row.content,
        "is_repeat": row.is_repeat,
        "prior_resolution": row.prior_resolution or None,
        "handling": row.handling,
        "handling_note": row.handling_note or None,
        "tracking_codes": [c for c, _k in linked],
    }


def _value(member) -> str | None:
    """An enum's value (or the plain string)."""
    return getattr(member, "value", member)


def _period_bounds(period: Period) -> tuple[datetime, datetime]:
    """The period as a UTC [start, end) range, for timestamps."""
    zone = ZoneInfo(agency_timezone())
    start = datetime.combine(period.start, time(), zone).astimezone(UTC)
    end = datetime.combine(period.end + timedelta(days=1), time(), zone).astimezone(UTC)
    return start, end


def letter_records(period: Period, *, batch: int = 500, progress: Progress | None = None) -> Iterator[dict]:
    """Art 6(2)–(5): each letter received in the period or whose handling changed in it."""
    units, table = _units(), Case.__table__
    start, end = _period_bounds(period)
    in_period = sa.or_(
        table.c.received_on.between(period.start, period.end),
        sa.and_(table.c.updated_dt >= start, table.c.updated_dt < end),
    )
    statement = sa.select(table).where(in_period, _unit_filter(table.c.unit_id, period))
    done = 0
    for rows in _keyset(statement, table.c.id, batch):
        related = _Related.load([row.id for row in rows])
        for row in rows:
            yield _letter_record(row, units, related)
        done += len(rows)
        if progress:
            progress("letters", done)


@dataclass
class _Related:
    """What a batch of letters needs from other tables, read in one query per table."""

    parties: dict[int, list]
    events: dict[int, dict[str, object]]
    decisions: dict[int, object]
    clocks: dict[int, list]
    intake_kinds: dict[int, object]

    @classmethod
    def load(cls, ids: list[int]) -> "_Related":
        """Five queries for the whole batch."""
        return cls(
            _grouped(Party, ids),
            _last_events(ids),
            _last_decisions(ids),
            _grouped(Deadline, ids),
            _intake(ids),
        )


def _intake(ids: list[int]) -> dict[int, object]:
    """The kind each letter of the batch was brought in as (its reception session's matter kind)."""
    statement = (
        sa.select(Case.id, ReceptionSession.matter_kind)
        .join(ReceptionSession, ReceptionSession.id == Case.reception_session_id)
        .where(Case.id.in_(ids))
    )
    return dict(db.session.execute(statement).all())


def _grouped(model, ids: list[int]) -> dict[int, list]:
    """Rows of a per-case table, grouped by case."""
    table = model.__table__
    grouped: dict[int, list] = {}
    for row in db.session.execute(sa.select(table).where(table.c.case_id.in_(ids)).order_by(table.c.id)):
        grouped.setdefault(row.case_id, []).append(row)
    return grouped


def _last_events(ids: list[int]) -> dict[int, dict[str, object]]:
    """Each case's latest event of every action that decides its processing outcome."""
    table = CaseEvent.__table__
    statement = (
        sa.select(table.c.case_id, table.c.action, table.c.created_dt, table.c.params)
        .where(table.c.case_id.in_(ids), table.c.action.in_(EVENT_ACTIONS))
        .order_by(table.c.case_id, table.c.seq)
    )
    events: dict[int, dict[str, object]] = {}
    for row in db.session.execute(statement):
        events.setdefault(row.case_id, {})[row.action] = row
    return events


def _last_decisions(ids: list[int]) -> dict[int, object]:
    """Each case's latest decision, conclusion or answer."""
    table = Decision.__table__
    rows = db.session.execute(sa.select(table).where(table.c.case_id.in_(ids)).order_by(table.c.id))
    return {row.case_id: row for row in rows}


def _letter_record(row, units: dict, related: _Related) -> dict:
    """One letter with its processing and resolution data; a denouncer is never named."""
    parties = related.parties.get(row.id, [])
    events = related.events.get(row.id, {})
    protected = masks(row.kind, related.intake_kinds.get(row.id), row.identity_waived_on)
    code, name = units.get(row.unit_id, ("", ""))
    return {
        "record_type": "letter",
        "unit_code": code,
        "unit_name": name,
        "received_on": row.received_on.isoformat(),
        "identity_withheld": protected and not row.is_anonymous,
        **_sender(row, parties, protected),
        **_processing(row, events),
        **_resolution(row, related.decisions.get(row.id), related.clocks.get(row.id, [])),
    }


def _sender(row, parties: list, protected: bool) -> dict:
    """Who sent the letter (withheld for a denouncer) and what it is about."""
    petitioner = next((p for p in parties if p.role == PartyRole.PETITIONER.value), None)
    secrets = _secrets_of([p for p in parties if p.role in {r.value for r in PROTECTED_ROLES}])
    named = petitioner is not None and not protected and not row.is_anonymous
    return {
        "tracking_code": row.tracking_code,
        "channel": _value(row.channel),
        "source": row.forwarded_by,
        "kind": KIND_CODE.get(_value(row.kind)),
        "field": _value(row.field),
        "level": row.level,
        "signatories": row.signatories,
        "is_anonymous": row.is_anonymous,
        "sender_name": petitioner.full_name if named else None,
        "sender_address": petitioner.address if named else None,
        "subject": _scrub(row.subject, secrets) if protected else row.subject,
    }


def _processing(row, events: dict) -> dict:
    """Art 6(2): eligibility, competence and the processing outcome."""
    status = _value(row.status)
    accepted = events.get("accept")
    filed = events.get("file")
    outcome = PROCESSING_OUTCOMES.get(status) or ("accepted" if accepted else _pending_or(status))
    return {
        "is_eligible": row.is_eligible,
        "is_within_competence": row.is_within_competence,
        "processing_outcome": outcome,
        "forwarded_to": row.to_agency if status == "forwarded" else None,
        "forward_destination_type": None,
        "guided_to": row.to_agency if status == "guided" else None,
        "filing_reason": filed.params.get("reason") if filed else None,
        "is_withdrawn": status == "withdrawn",
        "accepted_on": _local_day(accepted.created_dt) if accepted else None,
        "status": status,
    }


def _pending_or(status: str) -> str:
    """Withdrawn or terminated before acceptance, else still pending."""
    return status if status in ("withdrawn", "terminated") else "pending"


def _local_day(moment: datetime) -> str:
    """The local calendar date of a timestamp, ISO."""
    return local_date(moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


def _resolution(row, decision, clocks: list) -> dict:
    """Art 6(3)–(5): the resolution so far: clocks, dialogue, decision and whether it was on time."""
    return {
        "complexity": _value(row.complexity),
        "extension_count": row.extension_count,
        "is_suspended": row.is_suspended,
        "due_on": row.due_on.isoformat() if row.due_on else None,
        "is_overdue": row.is_overdue,
        "dialogue_held": row.dialogue_held,
        "resolution_kind": decision.kind if decision else None,
        "resolution_outcome": decision.outcome if decision else None,
        "resolution_number": (decision.number or None) if decision else None,
        "resolution_signed_on": decision.signed_on.isoformat() if decision else None,
        "published_on": decision.published_on.isoformat() if decision and decision.published_on else None,
        "resolved_on_time": _on_time(clocks),
        "closed_on": _local_day(row.closed_dt) if row.closed_dt else None,
    }


def _on_time(clocks: list) -> bool | None:
    """Whether the resolution clocks (started at acceptance) were met in time; None while still running."""
    resolution = [c for c in clocks if c.start_event == "accepted" and c.is_obligation]
    if not resolution:
        return None
    if any(_value(c.state) == "overdue" or c.is_late for c in resolution):
        return False
    return True if all(_value(c.state) == "met" for c in resolution) else None


def json_chunks(period: Period, *, now: datetime, counts: Counts, progress: Progress | None = None):
    """The export as JSON text, piece by piece: meta, reception, letters, counts."""
    yield '{"meta": ' + json.dumps(meta(period, now), ensure_ascii=False) + ',\n"reception": ['
    for index, record in enumerate(reception_records(period, progress=progress)):
        _count(counts, record)
        yield ("," if index else "") + "\n" + json.dumps(record, ensure_ascii=False)
    yield '\n],\n"letters": ['
    for index, record in enumerate(letter_records(period, progress=progress)):
        _count(counts, record)
        yield ("," if index else "") + "\n" + json.dumps(record, ensure_ascii=False)
    yield '\n],\n"counts": ' + json.dumps(counts.as_dict(), ensure_ascii=False) + "}\n"


def csv_chunks(period: Period, *, now: datetime, counts: Counts, progress: Progress | None = None):
    """The export as CSV (UTF-8 with a BOM for Excel): one header, one row per record, `record_type` first."""
    yield "\ufeff" + _csv_line(CSV_COLUMNS)
    for records in (reception_records(period, progress=progress), letter_records(period, progress=progress)):
        for record in records:
            _count(counts, record)
            yield _csv_line([_cell(record.get(column)) for column in CSV_COLUMNS])


def _csv_line(values) -> str:
    """One CSV line."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(values)
    return buffer.getvalue()


def _cell(value) -> str:
    """A CSV cell: booleans as true/false, lists joined with ';', nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)


def _count(counts: Counts, record: dict) -> None:
    """Tally one record."""
    if record["record_type"] == "reception":
        counts.reception += 1
    else:
        counts.letters += 1
        counts.by_kind[record["kind"] or "unclassified"] += 1
    counts.identity_withheld += bool(record["identity_withheld"])


FORMATS = {"json": (json_chunks, "application/json"), "csv": (csv_chunks, "text/csv; charset=utf-8")}
