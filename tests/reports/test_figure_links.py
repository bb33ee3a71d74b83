"""Every figure of cases leads to the cases it counts: the same form, row, column and period."""

import re

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import RESOLUTION_RESULTS, Decision, Unit
from caseflow.services.reports import FORMS, build_report
from caseflow.services.reports.cells import CASE_EXTRAS, cases_behind, linkable
from tests.reports.test_forms import Q1, letters  # noqa: F401 (the fixture)
from tests.views.helpers import count_statements, login

URL = "/reports/?form=processing&unit=HN&period=q1-2027"


def _count(select: sa.Select, column: str) -> int:
    """How many cases a SELECT of case ids names; for a result (money, land…), their decisions' total."""
    if column in RESOLUTION_RESULTS:
        total = sa.func.coalesce(sa.func.sum(getattr(Decision, column)), 0)
        return db.session.scalar(sa.select(total).where(Decision.case_id.in_(select)))
    return db.session.scalar(sa.select(sa.func.count()).select_from(select.subquery()))


def test_each_figure_counts_exactly_the_cases_of_its_list(db, letters):  # noqa: F811
    root = db.session.scalar(sa.select(Unit).where(Unit.code == "HN"))
    units = {u.code: u for u in db.session.scalars(sa.select(Unit))}
    checked = 0
    for code in ("processing", "complaints", "denunciations"):
        report = build_report(code, unit=root, period=Q1)
        for column in report.form.columns:
            if not linkable(code, column) or column.code in CASE_EXTRAS:
                continue
            for row in [*report.rows, None]:
                values = row.values if row else report.totals
                row_unit = units[row.code] if row else None
                cases = cases_behind(code, column.code, unit=root, row=row_unit, period=Q1)
                listed = _count(cases, column.code)
                assert listed == values[column.code], (code, column.code, row and row.code)
                checked += 1
    assert checked > 100


def test_a_result_lists_only_the_matters_that_carry_it(db, letters):  # noqa: F811
    root = db.session.scalar(sa.select(Unit).where(Unit.code == "HN"))
    assert _count(cases_behind("complaints", "state_money_vnd", unit=root, row=None, period=Q1), "") == 2
    assert _count(cases_behind("complaints", "cases_referred", unit=root, row=None, period=Q1), "") == 1
    assert _count(cases_behind("complaints", "state_land_m2", unit=root, row=None, period=Q1), "") == 0


def test_ratios_and_the_reception_form_have_no_list(db):
    assert not any(linkable("reception", column) for column in FORMS["reception"].columns)
    ratio = next(c for c in FORMS["complaints"].columns if c.is_ratio)
    assert not linkable("complaints", ratio)


def test_a_figure_links_to_its_cases_and_the_list_says_what_they_are(client, letters):  # noqa: F811
    login(client, letters.users["inspector"])
    html = client.get(URL).get_data(as_text=True)
    assert 'class="table-scroll" tabindex="0" role="region" aria-labelledby="report-title"' in html
    total = r'<th scope="row">Tổng cộng</th>\s*<td class="num"><a href="([^"]+)"><strong>5</strong>'
    link = re.search(total, html)
    assert link, "the total of letters is a link"
    url = link.group(1).replace("&amp;", "&")
    assert "report_column=total" in url and "report_period=q1-2027" in url
    with count_statements() as statements:
        listed = client.get(url).get_data(as_text=True)
    assert 'data-total="5"' in listed
    assert "Các hồ sơ được tính trong báo cáo: Xử lý đơn · " in listed
    assert len(statements) <= 5, len(statements)
    child = re.search(r'href="([^"]*report_column=total[^"]*report_row=HN-SXD[^"]*)"', html)
    assert 'data-total="2"' in client.get(child.group(1).replace("&amp;", "&")).get_data(as_text=True)


def test_a_figure_outside_the_readers_scope_lists_nothing(client, letters):  # noqa: F811
    login(client, letters.users["officer"])  # in HN-TNMT
    url = "/cases/?queue=all&report=processing&report_column=total&report_unit=HN&report_period=q1-2027"
    html = client.get(url).get_data(as_text=True)
    assert 'role="alert"' in html and "<tbody>" not in html
