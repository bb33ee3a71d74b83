"""Intake: a letter becomes a case with a tracking code, a PIN, its parties, its first clock and event."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from flask import current_app

from caseflow.errors import InvalidInput, NotFound, PermissionDenied
from caseflow.extensions import begin_write, db
from caseflow.models import (
    Case,
    CaseKind,
    CaseStatus,
    Channel,
    Party,
    PartyRole,
    ReceptionSession,
    Role,
    Unit,
    User,
)
from caseflow.services.cases import deadlines
from caseflow.services.cases.audit import append_event
from caseflow.services.cases.identity import content_view, is_protected
from caseflow.services.cases.matching import Duplicate, PersonKey, find_duplicates
from caseflow.services.cases.schemas import IntakeArgs
from caseflow.services.cases.word_index import index_words
from caseflow.services.notices.notifications import notify_new_letter
from caseflow.sql import next_counter_value
from caseflow.text import fold
from caseflow.timeutil import local_date
from caseflow.validation import load_args

INTAKE_ROLES = frozenset({Role.RECEPTION, Role.OFFICER})
PIN_DIGITS = 8


@dataclass
class Intake:
    """The new case, its PIN (shown only now) and the likely duplicates found."""

    case: Case
    pin: str
    duplicates: list[Duplicate]


def create_case(
    data: dict,
    *,
    actor: User,
    now: datetime,
    request_id: str = "",
    actor_label: str = "",
    preset: dict | None = None,
) -> Intake:
    """Validate and record a new letter; raises InvalidInput, PermissionDenied or NotFound."""
    begin_write()
    if not actor.has_role(*INTAKE_ROLES):
        raise PermissionDenied("Only reception and processing officers record letters.")
    args = load_args(IntakeArgs, data)
    unit = _intake_unit(args.get("unit"), actor)
    session = _reception_session(args.get("reception_session_id"), unit)
    duplicates = find_duplicates(
        viewer=actor, person=_person_key(args), subject=args["subject"], content=args["content"]
    )
    case, pin = _new_case(args, unit, session, now, preset or {})
    event = append_event(
        case,
        action="intake",
        now=now,
        actor=actor,
        actor_label=actor_label,
        to_status=case.status.value,
        changes={"status": [None, case.status.value]},
        params=_audit_params(args, case),
        request_id=request_id,
    )
    notify_new_letter(case, event_seq=event.seq, now=now, actor_id=actor.id)
    db.session.flush()
    return Intake(case, pin, duplicates)


def _intake_unit(unit_id: int | None, actor: User) -> Unit:
    """The receiving unit: the actor's own, or one below it."""
    if unit_id is None:
        return actor.unit
    unit = db.session.get(Unit, unit_id)
    if unit is None or not actor.unit.contains(unit):
        raise InvalidInput("Unknown unit.", errors={"unit": ["Choose your unit or a unit below it."]})
    return unit


def _reception_session(session_id: int | None, unit: Unit) -> ReceptionSession | None:
    """The reception session the letter came from, which must belong to the same unit."""
    if session_id is None:
        return None
    session = db.session.get(ReceptionSession, session_id)
    if session is None or session.unit_id != unit.id:
        raise NotFound("No such reception session in this unit.")
    return session


def _person_key(args: dict) -> PersonKey | None:
    """The petitioner as matching sees them."""
    petitioner = args.get("petitioner")
    if not petitioner:
        return None
    return PersonKey.of(petitioner["full_name"], petitioner["address"], petitioner.get("id_number"))


def _new_case(args: dict, unit: Unit, session: ReceptionSession | None, now: datetime, preset: dict):
    """Build and add the case with its parties and first clocks."""
    received_on = args.get("received_on") or local_date(now)
    if received_on > local_date(now):
        raise InvalidInput(
            "The letter cannot be received in the future.",
            errors={"received_on": ["The date is in the future."]},
        )
    tracking_code = next_tracking_code(received_on.year)
    pin = "".join(secrets.choice("0123456789") for _ in range(PIN_DIGITS))
    case = Case(
        tracking_code=tracking_code,
        pin_hash=hash_pin(tracking_code, pin),
        status=CaseStatus.RECEIVED,
        version=1,
        is_open=True,
        channel=Channel(args["channel"]),
        unit=unit,
        unit_id=unit.id,
        received_on=received_on,
        received_dt=now,
        subject=args["subject"].strip(),
        content=args["content"].strip(),
        signatories=args["signatories"],
        is_anonymous=args["is_anonymous"],
        is_remote_area=args["is_remote_area"],
        legal_aid=args["legal_aid"],
        legal_aid_on=received_on if args["legal_aid"] else None,  # given at the desk, on the day received
        forwarded_by=args.get("forwarded_by"),
        reception_session_id=session.id if session else None,
        created_dt=now,
        updated_dt=now,
        **preset,
    )
    case.parties = list(_parties(args))
    rebuild_search_text(case)
    db.session.add(case)
    db.session.flush()
    index_words(case)
    deadlines.start_clocks(case, "received", on=received_on, now=now)
    deadlines.refresh_case_due(case)
    return case, pin


def _parties(args: dict):
    """Party rows for the petitioner, co-petitioners, representatives and respondents."""
    groups = [
        (PartyRole.PETITIONER, [args["petitioner"]] if args.get("petitioner") else []),
        (PartyRole.CO_PETITIONER, args.get("co_petitioners", [])),
        (PartyRole.REPRESENTATIVE, args.get("representatives", [])),
        (PartyRole.RESPONDENT, args.get("respondents", [])),
    ]
    for role, people in groups:
        for person in people:
            yield Party(
                role=role,
                **person,
                name_folded=fold(person["full_name"]),
                address_folded=fold(person["address"]),
            )


def rebuild_search_text(case: Case) -> None:
    """The folded text search looks in; a denouncer's identifiers are never in it, content included."""
    names = [p.full_name for p in case.parties if not is_protected(case, p)]
    text = fold(" ".join([case.tracking_code, case.subject, content_view(case), *names]))
    changed, case.search_text = text != case.search_text, text
    if changed and case.id is not None:  # the word index follows the text; a new case once it has an id
        index_words(case)


def _audit_params(args: dict, case: Case) -> dict:
    """What the intake event records: never a person's identity."""
    return {
        "channel": args["channel"],
        "subject": case.subject,
        "received_on": case.received_on,
        "unit": case.unit.code,
        "signatories": case.signatories,
        "is_anonymous": case.is_anonymous,
        "reception_session_id": case.reception_session_id,
        "parties": {role.value: sum(1 for p in case.parties if p.role == role) for role in PartyRole},
    }


def next_tracking_code(year: int) -> str:
    """The next code of the year, e.g. HN-2026-000123, from a counter incremented under the write lock."""
    value = next_counter_value(f"tracking:{year}")
    return f"{current_app.config['CASEFLOW_TRACKING_PREFIX']}-{year}-{value:06d}"


def hash_pin(tracking_code: str, pin: str, key: str | None = None) -> str:
    """A keyed hash of the PIN (HMAC-SHA256 with the app's secret key, or the `key` given)."""
    secret = (key if key is not None else current_app.config["SECRET_KEY"]).encode()
    return hmac.new(secret, f"{tracking_code}:{pin}".encode(), hashlib.sha256).hexdigest()


def check_pin(case: Case, pin: str) -> bool:
    """True when `pin` is the case's PIN under the secret key or one of its fallbacks (constant time each).

    PINs are hashed once, at intake, with the key of that day: after a key rotation (the old key moved to
    SECRET_KEY_FALLBACKS) a citizen's PIN keeps working.
    """
    keys = [current_app.config["SECRET_KEY"], *current_app.config.get("SECRET_KEY_FALLBACKS", [])]
    hashes = [hash_pin(case.tracking_code, pin or "", key) for key in keys]
    return sum(hmac.compare_digest(case.pin_hash, candidate) for candidate in hashes) > 0


def open_appeal(
    parent: Case, *, actor: User, now: datetime, received_on, subject: str, content: str, request_id: str = ""
) -> Case:
    """Open the level-2 complaint against a level-1 decision, at the superior unit, linked to its parent."""
    unit = parent.unit.parent or parent.unit
    args = {
        "channel": parent.channel.value,
        "subject": subject or f"Khiếu nại lần hai đối với quyết định của vụ việc {parent.tracking_code}",
        "content": content or parent.content,
        "received_on": received_on,
        "signatories": parent.signatories,
        "is_anonymous": parent.is_anonymous,
        "is_remote_area": parent.is_remote_area,
        "legal_aid": parent.legal_aid,
        "forwarded_by": None,
    }
    preset = {"kind": CaseKind.COMPLAINT, "level": 2, "field": parent.field, "parent_case_id": parent.id}
    case, _pin = _new_case(args, unit, None, now, preset)
    case.parties = [_copy_party(p) for p in parent.parties]
    rebuild_search_text(case)
    event = append_event(
        case,
        action="intake",
        now=now,
        actor=actor,
        to_status=case.status.value,
        changes={"status": [None, case.status.value]},
        params={**_audit_params(args, case), "appeal_of": parent.tracking_code},
        request_id=request_id,
    )
    notify_new_letter(case, event_seq=event.seq, now=now, actor_id=actor.id)
    return case


def _copy_party(party: Party) -> Party:
    """The same person or body on a new case."""
    columns = (
        "role",
        "full_name",
        "address",
        "id_number",
        "phone",
        "email",
        "is_organisation",
        "position",
        "name_folded",
        "address_folded",
    )
    return Party(**{name: getattr(party, name) for name in columns})
