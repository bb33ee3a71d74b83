"""Public dialogues (hội nghị đối thoại): the meeting, its issues, each issue followed as a petition."""

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from marshmallow import Schema, fields, validate

from caseflow.errors import ConflictError, InvalidInput, NotFound, PermissionDenied
from caseflow.extensions import begin_write, db
from caseflow.i18n import N_
from caseflow.models import (
    DIALOGUE_AUDIENCES,
    Case,
    CaseKind,
    CaseStatus,
    DialogueIssue,
    PublicDialogue,
    Role,
    User,
)
from caseflow.services.cases.intake import INTAKE_ROLES, create_case
from caseflow.services.cases.scope import subtree_unit_ids
from caseflow.timeutil import local_date
from caseflow.validation import BoundedDate, load_args

# Who a dialogue was held with (models.DIALOGUE_AUDIENCES) and its words on the pages; the reception form's
# column titles are in services.reports.forms.
AUDIENCE_TITLES = (
    N_("Citizens"),
    N_("Students"),
    N_("Businesses"),
    N_("Households of a land-clearance project"),
    N_("Another audience"),
)
AUDIENCES = dict(zip(DIALOGUE_AUDIENCES, AUDIENCE_TITLES, strict=True))
RECORDERS = (Role.LEADER, Role.RECEPTION)
ANSWERED = frozenset({CaseStatus.DECIDED, CaseStatus.CLOSED})
RECORD_REFUSED = N_("Only leaders and reception officers record public dialogues.")
CASE_REFUSED = N_("Only reception and processing officers record letters.")


class IssueArgs(Schema):
    """One issue raised at a dialogue."""

    text = fields.Str(required=True, validate=validate.Length(min=3, max=5000))
    raised_by = fields.Str(load_default="", validate=validate.Length(max=200))
    answer_due_on = BoundedDate(load_default=None, allow_none=True)


class DialogueArgs(Schema):
    """A dialogue: when, where, who hosted it, with whom, how many came, the minutes and the issues."""

    held_on = BoundedDate(required=True)
    place = fields.Str(required=True, validate=validate.Length(min=3, max=300))
    host = fields.Int(load_default=None, allow_none=True)
    host_name = fields.Str(load_default="", validate=validate.Length(max=200))
    audience = fields.Str(required=True, validate=validate.OneOf(list(AUDIENCES)))
    audience_note = fields.Str(load_default="", validate=validate.Length(max=300))
    participants = fields.Int(required=True, validate=validate.Range(min=1, max=100000))
    minutes = fields.Str(load_default="", validate=validate.Length(max=50000))
    issues = fields.List(fields.Nested(IssueArgs), load_default=list, validate=validate.Length(max=200))


@dataclass
class IssueState:
    """Where an issue stands: not_a_case, in_progress, answered, ended or overdue; the case's due date."""

    issue: DialogueIssue
    state: str
    case: Case | None
    due_on: date | None


def record_dialogue(data: dict, *, actor: User, now: datetime) -> PublicDialogue:
    """Record a dialogue of the actor's unit with its issues; raises InvalidInput, PermissionDenied."""
    begin_write()
    if not actor.has_role(*RECORDERS):
        raise PermissionDenied(RECORD_REFUSED)
    args = load_args(DialogueArgs, data)
    _check_date(args["held_on"], now)
    host = _host(args.get("host"), actor)
    dialogue = PublicDialogue(
        unit_id=actor.unit_id,
        held_on=args["held_on"],
        place=args["place"].strip(),
        host_id=host.id if host else None,
        host_name=args["host_name"].strip() or (host.full_name if host else actor.full_name),
        audience=args["audience"],
        audience_note=args["audience_note"].strip(),
        participants=args["participants"],
        minutes=args["minutes"].strip(),
        created_by_id=actor.id,
        created_dt=now,
    )
    db.session.add(dialogue)
    db.session.flush()
    for seq, issue in enumerate(args["issues"], start=1):
        db.session.add(_new_issue(dialogue, seq, issue, now))
    db.session.flush()
    return dialogue


def _check_date(held_on: date, now: datetime) -> None:
    """A dialogue is recorded once it was held."""
    if held_on > local_date(now):
        message = N_("A dialogue is recorded after it is held.")
        raise InvalidInput(message, errors={"held_on": [message]})


def _host(host_id: int | None, actor: User) -> User | None:
    """The hosting official, of the actor's unit."""
    if host_id is None:
        return None
    host = db.session.get(User, host_id)
    if host is None or host.unit_id != actor.unit_id:
        raise InvalidInput(N_("Unknown host."), errors={"host": [N_("Choose an official of your unit.")]})
    return host


def _new_issue(dialogue: PublicDialogue, seq: int, args: dict, now: datetime) -> DialogueIssue:
    """An issue row."""
    return DialogueIssue(
        dialogue_id=dialogue.id,
        seq=seq,
        text=args["text"].strip(),
        raised_by=args["raised_by"].strip(),
        answer_due_on=args["answer_due_on"],
        created_dt=now,
    )


def add_issue(dialogue: PublicDialogue, data: dict, *, actor: User, now: datetime) -> DialogueIssue:
    """Add an issue to a dialogue; raises InvalidInput, PermissionDenied."""
    begin_write()
    if not actor.has_role(*RECORDERS):
        raise PermissionDenied(RECORD_REFUSED)
    args = load_args(IssueArgs, data)
    last = db.session.scalar(
        sa.select(sa.func.max(DialogueIssue.seq)).where(DialogueIssue.dialogue_id == dialogue.id)
    )
    issue = _new_issue(dialogue, (last or 0) + 1, args, now)
    db.session.add(issue)
    db.session.flush()
    return issue


def open_case(issue: DialogueIssue, *, actor: User, now: datetime, request_id: str = "") -> Case:
    """Turn the issue into a petition case (channel dialogue) once; raises ConflictError, PermissionDenied."""
    begin_write()
    if not actor.has_role(*INTAKE_ROLES):
        raise PermissionDenied(CASE_REFUSED)
    db.session.refresh(issue, with_for_update=True)
    if issue.case_id is not None:
        raise ConflictError(N_("This issue is already a case."))
    dialogue = db.session.get(PublicDialogue, issue.dialogue_id)
    letter = _letter(issue, dialogue)
    intake = create_case(
        letter, actor=actor, now=now, request_id=request_id, preset={"kind": CaseKind.PETITION}
    )
    issue.case_id = intake.case.id
    db.session.flush()
    return intake.case


def _letter(issue: DialogueIssue, dialogue: PublicDialogue) -> dict:
    """The intake data of an issue: its text, who raised it (anonymous when nobody was named)."""
    subject = " ".join(issue.text.split())
    subject = subject if len(subject) <= 300 else subject[:299] + "…"
    content = f"{issue.text}\n\n(Hội nghị đối thoại ngày {dialogue.held_on:%d/%m/%Y} tại {dialogue.place})"
    letter = {
        "channel": "dialogue",
        "subject": subject,
        "content": content,
        "received_on": dialogue.held_on,
        "unit": dialogue.unit_id,
        "signatories": 1,
    }
    if issue.raised_by:
        return {**letter, "petitioner": {"full_name": issue.raised_by, "address": ""}}
    return {**letter, "is_anonymous": True}


def visible_dialogues(viewer: User) -> sa.Select:
    """Dialogues of the viewer's unit and below, newest first."""
    return (
        sa.select(PublicDialogue)
        .where(PublicDialogue.unit_id.in_(subtree_unit_ids(viewer.unit)))
        .order_by(PublicDialogue.held_on.desc(), PublicDialogue.id.desc())
    )


def get_dialogue(dialogue_id: int, viewer: User) -> PublicDialogue:
    """A dialogue the viewer may see; raises NotFound otherwise (out of scope looks like absent)."""
    dialogue = db.session.get(PublicDialogue, dialogue_id)
    if dialogue is None or not viewer.unit.contains(dialogue.unit):
        raise NotFound(N_("No such public dialogue."))
    return dialogue


def get_issue(dialogue: PublicDialogue, issue_id: int) -> DialogueIssue:
    """An issue of the dialogue; raises NotFound."""
    issue = db.session.get(DialogueIssue, issue_id)
    if issue is None or issue.dialogue_id != dialogue.id:
        raise NotFound(N_("No such issue."))
    return issue


def issues_of(dialogue: PublicDialogue, today: date) -> list[IssueState]:
    """Each issue of the dialogue with where it stands (cases loaded in one statement)."""
    issues = list(
        db.session.scalars(
            sa.select(DialogueIssue)
            .where(DialogueIssue.dialogue_id == dialogue.id)
            .order_by(DialogueIssue.seq)
        )
    )
    case_ids = [i.case_id for i in issues if i.case_id]
    cases = (
        {c.id: c for c in db.session.scalars(sa.select(Case).where(Case.id.in_(case_ids)))}
        if case_ids
        else {}
    )
    return [issue_state(i, cases.get(i.case_id), today) for i in issues]


def issue_state(issue: DialogueIssue, case: Case | None, today: date) -> IssueState:
    """Not yet a case, in progress (with the legal due date), answered, ended otherwise, or overdue."""
    if case is None:
        late = issue.answer_due_on is not None and issue.answer_due_on < today
        return IssueState(issue, "overdue" if late else "not_a_case", None, issue.answer_due_on)
    if case.status in ANSWERED:
        return IssueState(issue, "answered", case, None)
    if not case.is_open:
        return IssueState(issue, "ended", case, None)
    late = case.is_overdue or (case.due_on is not None and case.due_on < today)
    return IssueState(issue, "overdue" if late else "in_progress", case, case.due_on)
