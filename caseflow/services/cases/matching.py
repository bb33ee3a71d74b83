"""Likely duplicates and earlier letters on the same matter, found by identity and by similar content."""

from dataclasses import dataclass

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import Case, CaseKind, Party, PartyRole, Role, User
from caseflow.services.cases.scope import scope_filter
from caseflow.services.cases.word_index import has_all_words
from caseflow.text import fold, jaccard, similarity, words

SAME_MATTER_SIMILARITY = 0.35
DUPLICATE_THRESHOLD = 0.4
CANDIDATE_LIMIT = 200
MAX_DUPLICATES = 10
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
    """Cases the viewer may see that look like the same letter, best first.

    Candidates are read as (id, subject, content) rows and scored against the letter's words computed once;
    only the best few are loaded as cases.
    """
    text = f"{subject} {content}"
    mine = words(text)
    best: dict[int, tuple[float, tuple[str, ...]]] = {}
    for case_id, their_text, reason, weight in _candidates(viewer, person, text, exclude_id):
        content_score = jaccard(mine, words(their_text))
        score = round(min(1.0, weight + 0.5 * content_score), 3)
        similar = f"content {content_score:.0%} similar"
        reasons = (reason, similar) if reason else (similar,)
        if score >= DUPLICATE_THRESHOLD and (case_id not in best or best[case_id][0] < score):
            best[case_id] = (score, reasons)
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))[:MAX_DUPLICATES]
    cases = {c.id: c for c in db.session.scalars(sa.select(Case).where(Case.id.in_([i for i, _ in ranked])))}
    return [Duplicate(cases[case_id], score, reasons) for case_id, (score, reasons) in ranked]


def _candidates(viewer: User, person: PersonKey | None, text: str, exclude_id: int | None):
    """(id, text, reason, weight) of cases sharing the person (ID number, name and address) or rare words."""
    if person and person.id_number:
        for row in _cases_of(viewer, Party.id_number == person.id_number, exclude_id):
            yield (*row, "same ID number", 0.6)
    if person and person.name_folded:
        condition = sa.and_(
            Party.name_folded == person.name_folded, Party.address_folded == person.address_folded
        )
        for row in _cases_of(viewer, condition, exclude_id):
            yield (*row, "same name and address", 0.5)
    for row in _cases_sharing_words(viewer, text, exclude_id):
        yield (*row, "", 0.0)


def _summaries(viewer: User, condition, exclude_id: int | None) -> list[tuple[int, str]]:
    """(id, subject and content) of the newest visible cases meeting `condition`."""
    text = Case.subject + sa.literal(" ") + Case.content
    statement = scope_filter(viewer, sa.select(Case.id, text).where(condition))
    if exclude_id:
        statement = statement.where(Case.id != exclude_id)
    rows = db.session.execute(statement.order_by(Case.id.desc()).limit(CANDIDATE_LIMIT))
    return [tuple(row) for row in rows]


def _cases_of(viewer: User, condition, exclude_id: int | None) -> list[tuple[int, str]]:
    """Visible cases with a petitioner matching `condition` (never the denounced person).

    A denouncer is matched only for leaders, who may see denouncers' identities: for anyone else, "same
    person" on a denunciation would tell them who denounced.
    """
    party_match = sa.select(Party.case_id).where(condition, Party.role.in_(_PETITIONER_ROLES))
    matched = Case.id.in_(party_match)
    if Role.LEADER not in viewer.roles:
        matched = sa.and_(matched, sa.or_(Case.kind.is_(None), Case.kind != CaseKind.DENUNCIATION))
    return _summaries(viewer, matched, exclude_id)


def _cases_sharing_words(viewer: User, text: str, exclude_id: int | None) -> list[tuple[int, str]]:
    """Recent visible cases whose folded text has the three longest words of `text` (by the word index)."""
    rare = sorted(words(text), key=lambda word: (-len(word), word))[:3]
    if not rare:
        return []
    return _summaries(viewer, has_all_words(rare), exclude_id)


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
