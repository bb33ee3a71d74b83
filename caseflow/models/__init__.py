"""Every model, imported so that Alembic autogenerate sees them all."""

from caseflow.models.attachment import Attachment
from caseflow.models.base import Base
from caseflow.models.case import Case
from caseflow.models.deadline import Deadline
from caseflow.models.document import IssuedDocument
from caseflow.models.engagement import (
    DIALOGUE_AUDIENCES,
    DialogueIssue,
    PublicDialogue,
    ReceptionDay,
    ReceptionSchedule,
    SatisfactionRating,
)
from caseflow.models.enums import (
    COMPLAINT_OUTCOMES,
    DENUNCIATION_OUTCOMES,
    OPEN_STATUSES,
    RESOLUTION_RESULTS,
    TERMINAL_STATUSES,
    CaseField,
    CaseKind,
    CaseStatus,
    Channel,
    ClockState,
    Complexity,
    FilingReason,
    PartyRole,
    Role,
    SessionKind,
)
from caseflow.models.event import AdminEvent, CaseEvent
from caseflow.models.idempotency import IdempotencyKey
from caseflow.models.notification import Notification
from caseflow.models.party import IDENTITY_FIELDS, Party
from caseflow.models.reception import ReceptionSession
from caseflow.models.records import (
    Decision,
    Delivery,
    Dialogue,
    IdentityGrant,
    Inspection,
    VerificationReport,
)
from caseflow.models.rounds import CorrectiveAction, InspectionRound, RoundCase, RoundUnit
from caseflow.models.saved_filter import SavedFilter
from caseflow.models.settings import CalendarConfirmation, CalendarOverride, Counter, RuleOverride
from caseflow.models.unit import Unit
from caseflow.models.user import ApiToken, User, UserRole
from caseflow.models.words import CaseWord

__all__ = [
    "CaseWord",
    "AdminEvent",
    "SavedFilter",
    "RoundUnit",
    "RoundCase",
    "InspectionRound",
    "CorrectiveAction",
    "SatisfactionRating",
    "ReceptionSchedule",
    "ReceptionDay",
    "PublicDialogue",
    "DIALOGUE_AUDIENCES",
    "DialogueIssue",
    "COMPLAINT_OUTCOMES",
    "RESOLUTION_RESULTS",
    "DENUNCIATION_OUTCOMES",
    "IDENTITY_FIELDS",
    "OPEN_STATUSES",
    "TERMINAL_STATUSES",
    "ApiToken",
    "Attachment",
    "Base",
    "CalendarConfirmation",
    "CalendarOverride",
    "Delivery",
    "Case",
    "CaseEvent",
    "CaseField",
    "CaseKind",
    "CaseStatus",
    "Channel",
    "ClockState",
    "Complexity",
    "Counter",
    "Deadline",
    "Decision",
    "Dialogue",
    "FilingReason",
    "IdempotencyKey",
    "IssuedDocument",
    "IdentityGrant",
    "Inspection",
    "Notification",
    "Party",
    "PartyRole",
    "ReceptionSession",
    "Role",
    "RuleOverride",
    "SessionKind",
    "Unit",
    "User",
    "UserRole",
    "VerificationReport",
]
