"""An official document composed for one viewer: its frame, the body of its kind, the denouncer redacted."""

from caseflow.models import Case, IssuedDocument, User
from caseflow.services.cases.identity import identity_secrets, is_protected, may_see_on_document
from caseflow.services.documents.bodies import BUILDERS
from caseflow.services.documents.issuing import REDACTED_ADDRESSEES
from caseflow.services.documents.text import FILED_COPY, Facts, OfficialDocument, frame


def compose(
    document: IssuedDocument, case: Case, *, viewer: User, pin: str | None = None
) -> OfficialDocument:
    """The document's words for this viewer: redacted for the denounced, the public, unentitled viewers."""
    protected = [p for p in case.parties if is_protected(case, p)]
    redacted = bool(protected) and (
        document.addressee in REDACTED_ADDRESSEES or not may_see_on_document(viewer, case, document.kind)
    )
    pin = pin if document.kind == "receipt" else None
    facts = Facts(case, document, redacted, identity_secrets(case), pin)
    official = frame(facts)
    BUILDERS[document.kind](facts, official)
    official.recipients.append(FILED_COPY.format(code=case.tracking_code))
    official.is_redacted, official.reveals_identity = redacted, bool(protected) and not redacted
    return official

