"""The queries the workflows' guards may ask, answered from the services (see workflows.base.CaseLookups)."""

from caseflow.extensions import db
from caseflow.models import User
from caseflow.services.cases import deadlines, identity, matching, records, scope


class ServiceLookups:
    """CaseLookups over the database session: the action service hands this to every guard."""

    can_view = staticmethod(scope.can_view)
    earlier_case_on_same_matter = staticmethod(matching.earlier_case_on_same_matter)
    child_case = staticmethod(matching.child_case)
    latest_decision = staticmethod(records.latest_decision)
    latest_dialogue = staticmethod(records.latest_dialogue)
    extension_refusal = staticmethod(deadlines.extension_refusal)
    suspension_refusal = staticmethod(deadlines.suspension_refusal)
    appeal_window = staticmethod(deadlines.appeal_window)
    limitation_refusal = staticmethod(deadlines.limitation_refusal)
    termination_bar_refusal = staticmethod(deadlines.termination_bar_refusal)
    masks_identity = staticmethod(identity.masks_identity)

    @staticmethod
    def user(user_id: int) -> User | None:
        """The user of that id."""
        return db.session.get(User, user_id)


LOOKUPS = ServiceLookups()

