"""The citizen's side: their case's stage, unit, due date and next step; and a letter sent online.

Never a name, an address, an ID number or the content: the view is built from the case's status, kind,
unit and clocks only. Texts are English message ids; pages and the API translate them (Vietnamese by
default). An unknown code and a wrong PIN give the same answer: None.
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from caseflow.errors import InvalidInput
from caseflow.extensions import db
from caseflow.i18n import N_
from caseflow.models import (
    Case,
    CaseKind,
    CaseStatus,
    Channel,
    ClockState,
    Deadline,
    Role,
    Unit,
    User,
    UserRole,
)
from caseflow.services.cases.attachments import Upload, add_attachment, upload_errors
from caseflow.services.cases.deadlines import appeal_window, explain_clock
from caseflow.services.cases.intake import Intake, check_pin, create_case, hash_pin
from caseflow.services.cases.records import latest_decision
from caseflow.timeutil import agency_timezone, local_date

MAX_CODE_LENGTH = 32
MAX_ONLINE_UNITS = 500
ONLINE_ACTOR = "citizen:online"
MAX_ONLINE_FILES = 5
TOO_MANY_FILES = N_("Send at most 5 files with a letter.")

STAGES = {
    CaseStatus.RECEIVED: N_("Your letter has been received and is waiting to be classified."),
    CaseStatus.CLASSIFIED: N_("Your letter has been read and classified."),
    CaseStatus.PENDING_ACCEPTANCE: N_("The agency is deciding whether to accept your case for resolution."),
    CaseStatus.ACCEPTED: N_("Your case has been accepted for resolution."),
    CaseStatus.VERIFYING: N_("The facts of your case are being verified."),
    CaseStatus.REPORTED: N_("Verification is finished and its findings have been reported."),
    CaseStatus.DIALOGUE_SCHEDULED: N_("A dialogue about your case has been scheduled."),
    CaseStatus.DECIDED: N_("A decision or answer has been made on your case."),
    CaseStatus.GUIDED: N_("You have been guided to the body that can handle your letter."),
    CaseStatus.FORWARDED: N_("Your letter has been forwarded to the competent body."),
    CaseStatus.RETURNED: N_("Your letter has been returned to the body that forwarded it."),
    CaseStatus.FILED: N_("Your letter has been filed without further processing."),
    CaseStatus.NOT_ACCEPTED: N_("Your case was not accepted for resolution."),
    CaseStatus.CLOSED: N_("Your case is closed."),
    CaseStatus.WITHDRAWN: N_("Your letter has been withdrawn."),
    CaseStatus.TERMINATED: N_("The handling of your case has ended."),
}
NEXT_STEPS = {
    CaseStatus.RECEIVED: N_("An officer will read your letter and decide how it will be handled."),
    CaseStatus.CLASSIFIED: N_(
        "The officer will propose to accept your case, or tell you in writing where to send it."
    ),
    CaseStatus.PENDING_ACCEPTANCE: N_(
        "The head of the agency will accept or refuse the case; you will receive a written notice."
    ),
    CaseStatus.ACCEPTED: N_("A handler will be assigned to verify the facts."),
    CaseStatus.VERIFYING: N_("The handler will report the findings to the head of the agency."),
    CaseStatus.REPORTED: N_("The head of the agency will decide; a dialogue may be held first."),
    CaseStatus.DIALOGUE_SCHEDULED: N_(
        "You will be invited to the dialogue; after it the head of the agency decides."
    ),
    CaseStatus.DECIDED: N_("The decision or answer will be sent to you."),
    CaseStatus.GUIDED: N_("Please follow the written guidance you received."),
    CaseStatus.FORWARDED: N_("The competent body will handle your letter and contact you."),
    CaseStatus.RETURNED: N_("The body that forwarded your letter will contact you."),
    CaseStatus.FILED: N_("No further step is planned; the notice you received explains why."),
    CaseStatus.NOT_ACCEPTED: N_("The written notice you received explains why and what you can do."),
    CaseStatus.CLOSED: N_("If you disagree with the decision, the notice you received says what you can do."),
    CaseStatus.WITHDRAWN: N_("No further step is planned."),
    CaseStatus.TERMINATED: N_("No further step is planned; the notice you received explains why."),
}
PETITION_REPORTED = N_("The agency will answer your petition.")
SUSPENDED_STAGE = N_("The handling of your case is temporarily suspended.")
SUSPENDED_NEXT = N_("Handling will resume once the reason for the suspension is resolved.")
KIND_TITLES = {
    None: N_("Not yet classified"),
    CaseKind.COMPLAINT: N_("Complaint"),
    CaseKind.DENUNCIATION: N_("Denunciation"),
    CaseKind.PETITION: N_("Petition or feedback"),
}


@dataclass(frozen=True)
class DueDate:
    """The legal due date the citizen is waiting on, and why it falls then."""

    due_on: date
    title: str
    title_vi: str
    text: str
    text_vi: str
    is_overdue: bool
    basis: str = ""
    verified: bool = True


@dataclass(frozen=True)
class DecisionSeen:
    """The decision, conclusion or answer made on the case: what it is (a msgid), its number and date."""

    kind: str
    number: str
    signed_on: date


@dataclass(frozen=True)
class AppealSeen:
    """A complaint's second-level window: its last day, or not started until the complainant's receipt."""

    ends_on: date | None

    @property
    def started(self) -> bool:
        """Whether the complainant's receipt of the decision is recorded (the window then runs)."""
        return self.ends_on is not None


@dataclass(frozen=True)
class Tracking:
    """The citizen's view of a case (message ids, translated by the caller)."""

    tracking_code: str
    status: str
    kind: str | None
    kind_title: str
    stage: str
    next_step: str
    unit: str
    received_on: date
    updated_on: date
    is_open: bool
    is_suspended: bool
    due: DueDate | None
    decision: DecisionSeen | None = None
    appeal: AppealSeen | None = None


def track(tracking_code: str, pin: str) -> Tracking | None:
    """The citizen's view of the case, or None when the code is unknown or the PIN is wrong."""
    code = (tracking_code or "").strip().upper()[:MAX_CODE_LENGTH]
    case = _case_by_code(code)
    if case is None:
        hash_pin(code, pin or "")  # spend the same time as a wrong PIN
        return None
    if not check_pin(case, pin):
        return None
    return tracking_view(case)


def _case_by_code(code: str) -> Case | None:
    """The case with this tracking code, its unit and clocks."""
    statement = sa.select(Case).where(Case.tracking_code == code).options(selectinload(Case.deadlines))
    return db.session.scalars(statement).first()


def tracking_view(case: Case) -> Tracking:
    """What the citizen is shown about `case`."""
    return Tracking(
        tracking_code=case.tracking_code,
        status=case.status.value,
        kind=case.kind.value if case.kind else None,
        kind_title=KIND_TITLES[case.kind],
        stage=SUSPENDED_STAGE if case.is_suspended else STAGES[case.status],
        next_step=_next_step(case),
        unit=case.unit.name,
        received_on=case.received_on,
        updated_on=local_date(case.updated_dt),
        is_open=case.is_open,
        is_suspended=case.is_suspended,
        due=citizen_due(case),
        decision=_decision(case),
        appeal=_appeal(case),
    )


DECISION_KINDS = {
    "decision": N_("Complaint decision"),
    "conclusion": N_("Denunciation conclusion"),
    "answer": N_("Answer to the petition"),
}


def _decision(case: Case) -> DecisionSeen | None:
    """The latest decision of a decided or closed case."""
    if case.status not in (CaseStatus.DECIDED, CaseStatus.CLOSED):
        return None
    decision = latest_decision(case)
    if decision is None:
        return None
    return DecisionSeen(DECISION_KINDS.get(decision.kind, decision.kind), decision.number, decision.signed_on)


def _appeal(case: Case) -> AppealSeen | None:
    """A decided first-level complaint: the second complaint's window (Luật KN Art 33(1)), from receipt."""
    if case.kind != CaseKind.COMPLAINT or case.level == 2 or case.outcome is None:
        return None
    if case.status not in (CaseStatus.DECIDED, CaseStatus.CLOSED):
        return None
    window = appeal_window(case)
    return AppealSeen(window.ends_on if window else None)


def _next_step(case: Case) -> str:
    """What happens next, in words."""
    if case.is_suspended:
        return SUSPENDED_NEXT
    if case.status == CaseStatus.REPORTED and case.kind == CaseKind.PETITION:
        return PETITION_REPORTED
    return NEXT_STEPS[case.status]


def citizen_due(case: Case) -> DueDate | None:
    """The earliest obligation clock still counting (running, paused or overdue), explained."""
    clock = current_clock(case)
    if clock is None:
        return None
    explanation = explain_clock(clock)
    return DueDate(
        due_on=clock.due_on,
        title=explanation["title"],
        title_vi=explanation["title_vi"],
        text=explanation["text"],
        text_vi=explanation["text_vi"],
        is_overdue=clock.state == ClockState.OVERDUE,
        basis=explanation["basis"],
        verified=explanation["verified"],
    )


def current_clock(case: Case) -> Deadline | None:
    """The obligation clock that falls due first among those still counting."""
    counting = [c for c in case.deadlines if c.is_obligation and c.is_active and case.is_open]
    return min(counting, key=lambda c: (c.due_on, c.id), default=None)


def expected_datetime(case: Case) -> datetime | None:
    """The end of the legal due day in the agency's zone (Open311's expected_datetime)."""
    clock = current_clock(case)
    if clock is None:
        return None
    return datetime.combine(clock.due_on, time(23, 59, 59), ZoneInfo(agency_timezone()))


def online_units() -> list[Unit]:
    """The units a citizen may address an online letter to, in tree order."""
    return list(db.session.scalars(sa.select(Unit).order_by(Unit.path).limit(MAX_ONLINE_UNITS)))


def submit_online(
    data: dict,
    *,
    unit_id: int | None,
    now: datetime,
    request_id: str = "",
    uploads: list[Upload] = (),
    confidential: bool = False,
) -> Intake:
    """A citizen's letter sent online: recorded by the intake service for the chosen unit, channel online.

    No official is logged in, so the letter is taken in by the unit's online desk (a transient reception
    actor that is never stored; the audit trail names it `citizen:online`). Its files pass the desk's
    checks (type by name and content, size, at most MAX_ONLINE_FILES); one refused file refuses the letter.
    """
    problems = _file_problems(uploads)
    if problems:
        raise InvalidInput("Some files cannot be accepted.", errors={"files": problems})
    unit = db.session.get(Unit, unit_id) if unit_id else None
    if unit is None:
        raise InvalidInput("Choose the agency.", errors={"unit": ["Choose the agency."]})
    desk = User(username="online", full_name="online", unit=unit, unit_id=unit.id, is_active_user=True)
    desk.role_rows = [UserRole(role=Role.RECEPTION)]
    data = {**data, "channel": Channel.ONLINE.value}
    intake = create_case(data, actor=desk, now=now, request_id=request_id, actor_label=ONLINE_ACTOR)
    for upload in uploads:
        add_attachment(intake.case, upload, "letter" if upload is uploads[0] else "evidence", actor=desk,
                       now=now, is_confidential=confidential, request_id=request_id, actor_label=ONLINE_ACTOR)
    return intake


def _file_problems(uploads: list[Upload]) -> list[str] | dict[str, list[str]]:
    """What is wrong with the files sent online: too many, or each refused file's problems by its name."""
    if len(uploads) > MAX_ONLINE_FILES:
        return [TOO_MANY_FILES]
    return {upload.filename or "?": upload_errors(upload) for upload in uploads if upload_errors(upload)}
