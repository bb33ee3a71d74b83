"""Likely duplicates and earlier letters on the same matter, found by identity and by similar content."""

from dataclasses import dataclass

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import Case, CaseKind, Party, PartyRole, Role, User
from caseflow.services.scope import scope_filter
from caseflow.text import fold, similarity, words

SAME_MATTER_SIMILARITY = 0.35
DUPLICATE_THRESHOLD = 0.4
CANDIDATE_LIMIT = 200
_PETITIONER_ROLES = (PartyRole.PETITIONER, PartyRole.CO_PETITIONER, PartyRole.REPRESENTATIVE)


@dataclass(frozen=True)
class PersonKey:
    """Who a letter comes from, as matching sees it."""

    id_number: str | None
    name_folded: str
    address_folded: str

    @classmethod
    def of(cls, full_name: str, address: str = "", id_number: str | None = None) -> "PersonKey":
        """Fold a person's name and address."""
        return cls((id_number or "").strip() or None, fold(full_name), fold(address))


@dataclass(frozen=True)
class Duplicate:
    """A likely duplicate: the case, a score from 0 to 1, and the reasons in words."""

    case: Case
    score: float
    reasons: tuple[str, ...]


def find_duplicates(
    *, viewer: User, person: PersonKey | None, subject: str, content: str, exclude_id: int | None = None
) -> list[Duplicate]:
    """Cases the viewer may see that look like the same letter, best first."""
    text = f"{subject} {content}"
    found: dict[int, Duplicate] = {}
    for case, reason, weight in _candidates(viewer, person, text, exclude_id):
        content_score = similarity(text, f"{case.subject} {case.content}")
        score = round(min(1.0, weight + 0.5 * content_score), 3)
        reasons = (
            (reason, f"content {content_score:.0%} similar")
            if reason
            else (f"content {content_score:.0%} similar",)
        )
        if score >= DUPLICATE_THRESHOLD and (case.id not in found or found[case.id].score < score):
            found[case.id] = Duplicate(case, score, reasons)
    return sorted(found.values(), key=lambda d: (-d.score, d.case.id))[:10]


def _candidates(viewer: User, person: PersonKey | None, text: str, exclude_id: int | None):
    """Cases sharing the person (by ID number, or name and address) or a rare word of the content."""
    if person and person.id_number:
        for case in _cases_of(viewer, Party.id_number == person.id_number, exclude_id):
            yield case, "same ID number", 0.6
    if person and person.name_folded:
        condition = sa.and_(
            Party.name_folded == person.name_folded, Party.address_folded == person.address_folded
        )
        for case in _cases_of(viewer, condition, exclude_id):
            yield case, "same name and address", 0.5
    for case in _cases_sharing_words(viewer, text, exclude_id):
        yield case, "", 0.0


def _cases_of(viewer: User, condition, exclude_id: int | None) -> list[Case]:
    """Visible cases with a petitioner matching `condition` (never the denounced person).

    A denouncer is matched only for leaders, who may see denouncers' identities: for anyone else, "same
    person" on a denunciation would tell them who denounced.
    """
    party_match = sa.select(Party.case_id).where(condition, Party.role.in_(_PETITIONER_ROLES))
    statement = scope_filter(viewer, sa.select(Case).where(Case.id.in_(party_match)))
    if Role.LEADER not in viewer.roles:
        statement = statement.where(sa.or_(Case.kind.is_(None), Case.kind != CaseKind.DENUNCIATION))
    if exclude_id:
        statement = statement.where(Case.id != exclude_id)
    return list(db.session.scalars(statement.order_by(Case.id.desc()).limit(CANDIDATE_LIMIT)))


def _cases_sharing_words(viewer: User, text: str, exclude_id: int | None) -> list[Case]:
    """Recent visible cases whose folded text contains the three longest words of `text`."""
    rare = sorted(words(text), key=len, reverse=True)[:3]
    if not rare:
        return []
    statement = scope_filter(viewer, sa.select(Case)).where(
        *[Case.search_text.contains(word, autoescape=True) for word in rare]
    )
    if exclude_id:
        statement = statement.where(Case.id != exclude_id)
    return list(db.session.scalars(statement.order_by(Case.id.desc()).limit(CANDIDATE_LIMIT)))


def earlier_case_on_same_matter(case: Case, *, status: str) -> Case | None:
    """Another case of the same petitioner, in `status`, whose content is on the same matter."""
    petitioner = case.petitioner
    if petitioner is None:
        return None
    conditions = [
        sa.and_(
            Party.name_folded == petitioner.name_folded, Party.address_folded == petitioner.address_folded
        )
    ]
    if petitioner.id_number:
        conditions.append(Party.id_number == petitioner.id_number)
    party_match = sa.select(Party.case_id).where(sa.or_(*conditions), Party.role == PartyRole.PETITIONER)
    statement = sa.select(Case).where(Case.id.in_(party_match), Case.id != case.id, Case.status == status)
    for other in db.session.scalars(statement.order_by(Case.id.desc()).limit(CANDIDATE_LIMIT)):
        if (
            similarity(f"{case.subject} {case.content}", f"{other.subject} {other.content}")
            >= SAME_MATTER_SIMILARITY
        ):
            return other
    return None


def child_case(case: Case) -> Case | None:
    """The second-level case opened against this first-level case, if any."""
    return db.session.scalars(sa.select(Case).where(Case.parent_case_id == case.id)).first()
