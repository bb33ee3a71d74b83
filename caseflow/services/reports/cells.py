"""The cases behind a report's figure: the same form, unit row, column and period, as a SELECT of case ids.

The processing and resolution columns reuse the very conditions the aggregates count (queries.*_cells), so
a figure and the list it links to always agree. Dialogues, legal aid and ratings list the cases they were
given on (a dialogue figure counts dialogues or people, its list the cases they belong to). The reception
form counts sessions of the book, not cases: its figures have no case list; derived ratios have none either.
"""

import sqlalchemy as sa
from flask import current_app

from caseflow.errors import InvalidInput, NotFound
from caseflow.extensions import db
from caseflow.i18n import N_
from caseflow.models import (
    COMPLAINT_OUTCOMES,
    DENUNCIATION_OUTCOMES,
    Case,
    CaseKind,
    Dialogue,
    SatisfactionRating,
    Unit,
)
from caseflow.services.reports import get_form, queries
from caseflow.services.reports.periods import Period
from caseflow.timeutil import agency_timezone

NO_LIST = N_("This figure has no list of cases.")
# The column that counts every case of the form's statement.
ALL_OF_FORM = {"processing": "total", "complaints": "accepted", "denunciations": "accepted"}
CASE_EXTRAS = ("dialogues", "dialogue_participants", "legal_aid", "ratings")


def linkable(form_code: str, column) -> bool:
    """Whether a figure of this column leads to a list of cases."""
    return form_code in ALL_OF_FORM and not column.is_ratio


def cases_behind(form_code: str, column: str, *, unit: Unit, row: Unit | None, period: Period) -> sa.Select:
    """Ids of the cases a figure counts: the form's column over `period` for `row` (None: the total row).

    `row` is `unit` itself for the unit's own letters, or a unit directly below it (with its subtree).
    """
    form = get_form(form_code)
    if form_code not in ALL_OF_FORM or column not in form.codes or column in form.hidden:
        raise NotFound(NO_LIST)
    if any(c.code == column and c.is_ratio for c in form.columns):
        raise NotFound(NO_LIST)
    window = queries.Window.of(period, agency_timezone())
    kind = None if form_code == "processing" else CaseKind(form_code[:-1])
    if column in CASE_EXTRAS:
        statement = sa.select(Case.id).where(queries.in_subtree(Case.unit_id, unit), Case.kind == kind)
        condition = _extra(column, window)
    else:
        statement, columns = _cells(form_code, kind, unit, window)
        condition = sa.true() if column == ALL_OF_FORM[form_code] else _counted(columns, column)
    return statement.where(condition, _row(unit, row))


def _cells(form_code: str, kind: CaseKind | None, unit: Unit, window) -> tuple[sa.Select, dict]:
    """The form's base statement and column conditions."""
    if kind is None:
        return queries.processing_cells(unit, window)
    outcomes = COMPLAINT_OUTCOMES if kind == CaseKind.COMPLAINT else DENUNCIATION_OUTCOMES
    age_days = current_app.config["CASEFLOW_PROLONGED_AGE_DAYS"]
    return queries.resolution_cells(unit, kind, outcomes, window, db.session, age_days)


def _counted(columns: dict, column: str):
    """A column's case condition (a sum: its cases with a value); on time is resolved and not late."""
    if column == "on_time":
        return sa.and_(columns["resolved"], sa.not_(columns["late"]))
    return queries.listed(columns[column])


def _extra(column: str, window) -> sa.ColumnElement:
    """Cases with a dialogue held, legal aid given or a rating made in the period."""
    if column in ("dialogues", "dialogue_participants"):
        held = sa.and_(Dialogue.held_dt >= window.first, Dialogue.held_dt < window.after)
        return Case.id.in_(sa.select(Dialogue.case_id).where(held))
    if column == "legal_aid":
        return queries.legal_aid_between(window.start, window.end)
    rated = queries.rated_between(window.first, window.after)
    return Case.id.in_(sa.select(SatisfactionRating.case_id).where(rated))


def _row(unit: Unit, row: Unit | None) -> sa.ColumnElement:
    """The row's cases: the unit's own, a child's subtree, or (None) the whole report."""
    if row is None:
        return sa.true()
    if row.id == unit.id:
        return Case.unit_id == unit.id
    if row.parent_id != unit.id:
        raise InvalidInput(NO_LIST, errors={"row": [NO_LIST]})
    return queries.in_subtree(Case.unit_id, row)


def report_units(unit_code: str, row_code: str | None) -> tuple[Unit, Unit | None]:
    """The report's unit and the row's unit, in one statement; NotFound when one is unknown."""
    codes = {unit_code, row_code} - {None, ""}
    found = {u.code: u for u in db.session.scalars(sa.select(Unit).where(Unit.code.in_(codes)))}
    if unit_code not in found or (row_code and row_code not in found):
        raise NotFound(N_("No such unit in your scope."))
    return found[unit_code], found.get(row_code) if row_code else None
