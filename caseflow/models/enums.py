"""The vocabularies of caseflow: statuses, kinds, fields, channels, roles and the like."""

from enum import StrEnum


class CaseStatus(StrEnum):
    """One status vocabulary for every kind of case (product.md §3)."""

    RECEIVED = "received"
    CLASSIFIED = "classified"
    PENDING_ACCEPTANCE = "pending_acceptance"
    ACCEPTED = "accepted"
    VERIFYING = "verifying"
    REPORTED = "reported"
    DIALOGUE_SCHEDULED = "dialogue_scheduled"
    DECIDED = "decided"
    GUIDED = "guided"
    FORWARDED = "forwarded"
    RETURNED = "returned"
    FILED = "filed"
    NOT_ACCEPTED = "not_accepted"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"
    TERMINATED = "terminated"

    @property
    def is_terminal(self) -> bool:
        """True for statuses a case never leaves."""
        return self in TERMINAL_STATUSES


TERMINAL_STATUSES = frozenset(
    {
        CaseStatus.GUIDED,
        CaseStatus.FORWARDED,
        CaseStatus.RETURNED,
        CaseStatus.FILED,
        CaseStatus.NOT_ACCEPTED,
        CaseStatus.CLOSED,
        CaseStatus.WITHDRAWN,
        CaseStatus.TERMINATED,
    }
)
OPEN_STATUSES = tuple(s for s in CaseStatus if s not in TERMINAL_STATUSES)


class CaseKind(StrEnum):
    """What a letter is, decided by its content (TT 05/2021 Art 6)."""

    COMPLAINT = "complaint"
    DENUNCIATION = "denunciation"
    PETITION = "petition"


class CaseField(StrEnum):
    """The area of state management a case concerns."""

    LAND = "land"
    POLICY = "policy"
    HOUSING = "housing"
    CIVIL_SERVICE = "civil_service"
    JUDICIAL = "judicial"
    CORRUPTION = "corruption"
    OTHER = "other"


class Channel(StrEnum):
    """How the letter reached the agency."""

    IN_PERSON = "in_person"
    POST = "post"
    ONLINE = "online"
    FORWARDED = "forwarded"
    PRESS = "press"
    DIALOGUE = "dialogue"
    EMAIL = "email"


class Complexity(StrEnum):
    """How complex a case is; complex cases get longer limits."""

    NORMAL = "normal"
    COMPLEX = "complex"
    ESPECIALLY_COMPLEX = "especially_complex"


class Role(StrEnum):
    """What an official may do (product.md §1)."""

    RECEPTION = "reception"
    OFFICER = "officer"
    LEADER = "leader"
    HANDLER = "handler"
    INSPECTOR = "inspector"
    ADMIN = "admin"


class PartyRole(StrEnum):
    """The part a person or body plays in a case."""

    PETITIONER = "petitioner"
    CO_PETITIONER = "co_petitioner"
    REPRESENTATIVE = "representative"
    RESPONDENT = "respondent"


class ClockState(StrEnum):
    """Where a legal clock stands."""

    RUNNING = "running"
    PAUSED = "paused"
    MET = "met"
    OVERDUE = "overdue"


class SessionKind(StrEnum):
    """Kinds of reception sessions (Sổ tiếp công dân)."""

    REGULAR = "regular"
    PERIODIC_HEAD = "periodic_head"
    AD_HOC = "ad_hoc"
    ONLINE = "online"


class FilingReason(StrEnum):
    """Why a letter is filed without further processing."""

    DUPLICATE = "duplicate"
    ANONYMOUS = "anonymous"
    ALREADY_RESOLVED = "already_resolved"
    SENT_TO_MANY = "sent_to_many"
    ALREADY_GUIDED = "already_guided"
    INELIGIBLE = "ineligible"


COMPLAINT_OUTCOMES = ("right", "partly_right", "wrong")
DENUNCIATION_OUTCOMES = ("true", "partly_true", "untrue")
# The results recorded with a decision or conclusion (Decision columns, decide parameters, report columns).
RESOLUTION_RESULTS = ("state_money_vnd", "state_land_m2", "citizens_money_vnd", "citizens_land_m2",
                      "people_disciplined", "cases_referred")  # fmt: skip
