"""What the case page reads: the case with its parties and clocks, its records, timeline and next step."""

from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import aliased, selectinload

from caseflow.extensions import db
from caseflow.i18n import N_
from caseflow.labels import LABELS
from caseflow.models import (
    Attachment,
    Case,
    CaseEvent,
    CaseKind,
    CaseStatus,
    Decision,
    Dialogue,
    User,
    VerificationReport,
)
from caseflow.services.cases.deadlines import legal_effect_on
from caseflow.services.cases.scope import can_view

S = CaseStatus

# The role an action is usually taken in, to name the actor by the hat they wore.
ACTION_ROLES = {
    "intake": "reception",
    "appeal": "reception",
    **dict.fromkeys(
        ("classify", "propose_acceptance", "guide", "forward", "return_to_forwarder", "file"), "officer"
    ),
    **dict.fromkeys(
        ("accept", "reject", "assign", "decide", "close", "extend", "suspend", "resume", "terminate"),
        "leader",
    ),
    **dict.fromkeys(("submit_report", "schedule_dialogue", "record_dialogue", "answer"), "handler"),
    **dict.fromkeys(("inspection_opened", "urged", "inspection_closed", "round_finding"), "inspector"),
}
ROLE_ORDER = ("leader", "handler", "officer", "reception", "inspector", "admin")

# Actors that are not officials.
OTHER_ACTORS = {
    "system": N_("The system (daily deadline check)"),
    "citizen": N_("The citizen (online)"),
    "open311": N_("A connected service (Open311)"),
}

# The words for the fields the audit trail tracks (status is told as its own sentence).
FIELD_WORDS = {
    "kind": N_("Kind"),
    "level": N_("Level"),
    "field": N_("Field"),
    "is_eligible": N_("Eligible"),
    "is_within_competence": N_("Within this unit's competence"),
    "signatories": N_("Signatories"),
    "assignee_id": N_("Handler"),
    "complexity": N_("Complexity"),
    "is_remote_area": N_("Remote area"),
    "is_suspended": N_("Suspended"),
    "is_must_continue": N_("Must continue after withdrawal"),
    "to_agency": N_("Competent agency"),
    "outcome": N_("Outcome"),
    "dialogue_held": N_("Dialogue held"),
    "findings_match_request": N_("Findings match the request"),
    "extension_count": N_("Extensions"),
    "due_on": N_("Legal due date"),
    "is_overdue": N_("Overdue"),
}
CODED_FIELDS = {"kind", "field", "complexity", "outcome"}

# Where each status waits and for whom, and the action usually taken there.
WAITING = {
    S.RECEIVED: (N_("Waiting for the processing officer to classify the letter"), "classify"),
    S.CLASSIFIED: (N_("Waiting for the processing officer to propose acceptance, guide or forward"),
                   "propose_acceptance"),
    S.PENDING_ACCEPTANCE: (N_("Waiting for the leader to decide on acceptance"), "accept"),
    S.ACCEPTED: (N_("Waiting for the leader to assign a handler"), "assign"),
    S.VERIFYING: (N_("Waiting for the handler to submit the verification report"), "submit_report"),
    S.REPORTED: (N_("Waiting for the leader to decide"), "decide"),
    S.DIALOGUE_SCHEDULED: (N_("Waiting for the handler to record the dialogue"), "record_dialogue"),
    S.DECIDED: (N_("Waiting for the decision to be sent and the case closed"), "close"),
}
PETITION_REPORTED = (N_("Waiting for the handler to answer the petition"), "answer")
DIALOGUE_FIRST = (
    N_("Waiting for the handler to hold a dialogue before the leader decides"),
    "schedule_dialogue",
)
SUSPENDED = (N_("Suspended: waiting for the leader to resume"), "resume")
FINISHED = N_("Handling has ended; nothing more is expected on this case.")


def case_page_data(case_id: int, user: User) -> Case | None:
    """The case with parties, clocks, assignee and parent loaded, or None when `user` may not see it."""
    statement = (
        sa.select(Case)
        .where(Case.id == case_id)
        .options(
            selectinload(Case.parties),
            selectinload(Case.deadlines),
            selectinload(Case.assignee),
            selectinload(Case.parent_case),
        )
        .execution_options(populate_existing=True)
    )
    case = db.session.scalars(statement).first()
    return case if case is not None and can_view(user, case) else None


def case_events(case: Case) -> list[CaseEvent]:
    """The audit trail of the case, oldest first (the relationship orders by seq)."""
    return list(db.session.scalars(case.events.select()))


def latest_event(case: Case) -> CaseEvent | None:
    """The most recent event of the case."""
    statement = case.events.select().order_by(None).order_by(CaseEvent.seq.desc()).limit(1)
    return db.session.scalars(statement).first()


def case_attachments(case: Case) -> list[Attachment]:
    """The case's documents without their bytes, oldest first."""
    statement = (
        sa.select(Attachment)
        .where(Attachment.case_id == case.id)
        .options(selectinload(Attachment.uploaded_by))
        .order_by(Attachment.uploaded_dt, Attachment.id)
    )
    return list(db.session.scalars(statement))


@dataclass(frozen=True)
class Authored:
    """A record with the official who wrote or signed it (None when unknown)."""

    record: VerificationReport | Decision
    author: User | None


@dataclass(frozen=True)
class CaseRecord:
    """The work on the case: verification reports, dialogues and decisions or answers, oldest first."""

    reports: list[Authored]
    dialogues: list[Dialogue]
    decisions: list[Authored]
    effective: dict[int, date] = field(default_factory=dict)  # complaint decisions: legal effect (R12, R17)

    @property
    def empty(self) -> bool:
        """True when nothing has been recorded yet."""
        return not (self.reports or self.dialogues or self.decisions)


def case_record(case: Case) -> CaseRecord:
    """Reports, dialogues and decisions with their authors: three statements, however many there are."""
    author = aliased(User)
    reports = db.session.execute(
        sa.select(VerificationReport, author)
        .outerjoin(author, author.id == VerificationReport.author_id)
        .where(VerificationReport.case_id == case.id)
        .order_by(VerificationReport.submitted_dt, VerificationReport.id)
    ).all()
    dialogues = db.session.scalars(
        sa.select(Dialogue).where(Dialogue.case_id == case.id).order_by(Dialogue.scheduled_dt, Dialogue.id)
    ).all()
    decisions = db.session.execute(
        sa.select(Decision, author)
        .outerjoin(author, author.id == Decision.signed_by_id)
        .where(Decision.case_id == case.id)
        .order_by(Decision.created_dt, Decision.id)
    ).all()
    return CaseRecord(
        reports=[Authored(row, user) for row, user in reports],
        dialogues=list(dialogues),
        decisions=[Authored(row, user) for row, user in decisions],
        effective={row.id: legal_effect_on(case, row) for row, _user in decisions if row.kind == "decision"},
    )


@dataclass(frozen=True)
class Change:
    """One tracked field's change in words: the field's msgid and the old and new values to show."""

    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class TimelineEntry:
    """One event told in plain words, with the raw event kept for auditors."""

    event: CaseEvent
    who: str
    role: str | None
    from_status: str | None
    to_status: str | None
    changes: list[Change] = field(default_factory=list)

    @property
    def recorded_late(self) -> dict | None:
        """When an action recorded after the fact was really entered, and by whom (None for others)."""
        return (self.event.params or {}).get("recorded_late")


def timeline(case: Case, rule_titles: dict[str, str] | None = None) -> list[TimelineEntry]:
    """The case's events, newest first, in words: two statements (events, then the people they name)."""
    events = case_events(case)
    ids = {e.actor_user_id for e in events if e.actor_user_id}
    for event in events:
        old, new = (event.changes or {}).get("assignee_id", [None, None])
        ids.update(v for v in (old, new) if isinstance(v, int))
    people = {}
    if ids:
        statement = sa.select(User).where(User.id.in_(ids)).options(selectinload(User.role_rows))
        people = {user.id: user for user in db.session.scalars(statement)}
    titles = rule_titles or {}
    return [_entry(event, people, titles) for event in reversed(events)]


def _entry(event: CaseEvent, people: dict[int, User], titles: dict[str, str]) -> TimelineEntry:
    """One event in words."""
    user = people.get(event.actor_user_id) if event.actor_user_id else None
    if user is not None:
        who, role = user.full_name, _role_for(user, event.action)
    else:
        who, role = OTHER_ACTORS.get(event.actor.split(":", 1)[0], N_("Someone outside the agency")), None
    moved = event.to_status and event.from_status != event.to_status
    return TimelineEntry(
        event=event,
        who=who,
        role=role,
        from_status=event.from_status if moved else None,
        to_status=event.to_status if moved else None,
        changes=_changes(event.changes or {}, people, titles),
    )


def _role_for(user: User, action: str) -> str | None:
    """The role the user acted in: the action's usual role if they hold it, else their first role."""
    roles = {role.value for role in user.roles}
    usual = ACTION_ROLES.get(action)
    if usual in roles:
        return usual
    return next((role for role in ROLE_ORDER if role in roles), None)


def _changes(changes: dict, people: dict[int, User], titles: dict[str, str]) -> list[Change]:
    """The tracked fields' changes in words; deadline state changes name the rule by its title."""
    words = []
    for name, pair in changes.items():
        old, new = (list(pair) + [None, None])[:2] if isinstance(pair, list | tuple) else (None, pair)
        if name == "status":
            continue
        if name.startswith("deadline:"):
            rule = name.split(":", 1)[1]
            words.append(Change(titles.get(rule, N_("A legal deadline")), _word(old), _word(new)))
        elif name == "assignee_id":
            words.append(Change(FIELD_WORDS[name], _person(old, people), _person(new, people)))
        elif name in FIELD_WORDS:
            words.append(Change(FIELD_WORDS[name], _value(name, old), _value(name, new)))
    return words


def _person(user_id, people: dict[int, User]) -> str | None:
    """A user's full name for a user id in the trail."""
    if user_id is None:
        return None
    user = people.get(user_id)
    return user.full_name if user else N_("a former user")


def _word(code) -> str | None:
    """The label msgid for a code, or the code when it has none."""
    return None if code is None else LABELS.get(str(code), str(code))


def _value(name: str, value) -> str | None:
    """A tracked field's value in words (msgids for codes and yes/no, dd/mm/yyyy for dates)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return N_("Yes") if value else N_("No")
    if name in CODED_FIELDS:
        return _word(value)
    if name == "due_on":
        day = value if isinstance(value, date) else _parse_date(str(value))
        return day.strftime("%d/%m/%Y") if day else str(value)
    return str(value)


def _parse_date(text: str) -> date | None:
    """An ISO date or datetime string as a date, or None."""
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        return None


@dataclass(frozen=True)
class NextStep:
    """What the case waits for (a msgid) and the action usually taken next (None when finished)."""

    text: str
    action: str | None


# Who usually takes each next action (the case's handler for a handler's step).
ACTOR_OF_ACTION = {
    "classify": "officer",
    "propose_acceptance": "officer",
    "close": "officer",
    "accept": "leader",
    "assign": "leader",
    "decide": "leader",
    "resume": "leader",
    "submit_report": "handler",
    "record_dialogue": "handler",
    "answer": "handler",
    "schedule_dialogue": "handler",
}


def current_actor(case: Case) -> tuple[str, str] | None:
    """Whose turn it is: (role, the handler's name when it is the case's handler); None when finished."""
    role = ACTOR_OF_ACTION.get(next_step(case).action or "")
    if role is None:
        return None
    if role == "handler" and case.assignee is not None:
        return role, case.assignee.full_name
    return role, ""


def next_step(case: Case) -> NextStep:
    """Who is expected to act next and how, from the case's status, kind and flags."""
    if case.is_suspended:
        return NextStep(*SUSPENDED)
    if case.status == S.REPORTED and case.kind == CaseKind.PETITION:
        return NextStep(*PETITION_REPORTED)
    if (
        case.status == S.REPORTED
        and case.kind == CaseKind.COMPLAINT
        and (case.level == 2 or case.findings_match_request is False)
        and not case.dialogue_held
    ):
        return NextStep(*DIALOGUE_FIRST)
    if case.status == S.VERIFYING and case.kind == CaseKind.PETITION:
        return NextStep(N_("Waiting for the handler to verify and answer the petition"), "answer")
    if case.status in WAITING:
        return NextStep(*WAITING[case.status])
    return NextStep(FINISHED, None)
