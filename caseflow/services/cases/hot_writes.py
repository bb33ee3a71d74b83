"""The action path's case write: one Core UPDATE of the changed columns, checked against the loaded version.

The ORM unit of work costs more than it gives for this row (docs/architecture.md, "The action path"): the
case is locked and loaded fresh, the action changes a few columns and bumps `version` by one. This writes
exactly those columns with `WHERE id = ? AND version = <loaded version>` and marks them written, so the
flush that follows only handles the other rows (clocks, reports, decisions) and no longer touches the case.
"""

import sqlalchemy as sa
from sqlalchemy.orm import ColumnProperty, RelationshipProperty
from sqlalchemy.orm.attributes import NO_VALUE, set_committed_value
from sqlalchemy.orm.interfaces import MANYTOONE

from caseflow.errors import StaleCase
from caseflow.extensions import db
from caseflow.i18n import N_
from caseflow.models import Case

STALE = N_("This case changed since you opened it; reload and try again.")
_CASES = Case.__table__
# Without values(), the SET clause comes from the parameters each call passes (compiled once per column set).
UPDATE_CASE = sa.update(_CASES).where(
    _CASES.c.id == sa.bindparam("b_id"), _CASES.c.version == sa.bindparam("b_version")
)


def write_case(case: Case) -> bool:
    """Write the case's changed columns if its version moved; False (nothing written) when it did not.

    :raises StaleCase: another transaction changed the row since it was loaded (409)
    """
    state = sa.inspect(case)
    committed = state.committed_state
    loaded_version = committed.get("version", NO_VALUE)
    if state.key is None or loaded_version in (NO_VALUE, None) or loaded_version == case.version:
        return False
    values, written = {}, []
    for key, old in committed.items():
        prop = state.mapper.get_property(key)
        new = state.dict.get(key)
        if isinstance(prop, ColumnProperty):
            written.append((key, new))
            if old is NO_VALUE or old != new:
                values[prop.columns[0].key] = new
        elif isinstance(prop, RelationshipProperty) and prop.direction is MANYTOONE:
            if not _foreign_key_set(case, prop, new):
                return False  # only the ORM knows to derive the column: let the flush write the row
            written.append((key, new))
    params = {**values, "b_id": case.id, "b_version": loaded_version}
    result = db.session.connection().execute(UPDATE_CASE, params)  # the connection: no autoflush first
    if result.rowcount != 1:
        raise StaleCase(STALE)
    for key, new in written:
        set_committed_value(case, key, new)
    if not state.committed_state:  # nothing left on the row: a clean case spares the flush its cascade walk
        state._commit_all(state.dict, db.session.identity_map)
    return True


def _foreign_key_set(case: Case, prop: RelationshipProperty, target) -> bool:
    """True when the many-to-one's own columns already hold the target's key (as `assign` sets both)."""
    for local, remote in prop.local_remote_pairs:
        wanted = None if target is None else getattr(target, prop.mapper.get_property_by_column(remote).key)
        if getattr(case, prop.parent.get_property_by_column(local).key) != wanted:
            return False
    return True
