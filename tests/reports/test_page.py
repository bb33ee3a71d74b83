"""The reports page: scope, roles, the table, the SVG charts, custom dates and the downloads."""

import io
import re

from openpyxl import load_workbook

from tests.reports.test_forms import letters  # noqa: F401 (the fixture)
from tests.views.helpers import login

URL = "/reports/?form=processing&unit=HN&period=q1-2027"


def test_inspector_sees_the_table_and_accessible_charts(client, letters):  # noqa: F811
    login(client, letters.users["inspector"])
    page = client.get(URL + "&lang=en")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Letter processing · UBND thành phố Hà Nội" in html
    total = r'<th scope="row">Total</th>\s*<td class="num"><a href="[^"]+"><strong>5</strong></a>'
    assert re.search(total, html)
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 3
    assert 'role="img" aria-labelledby="chart-units-title chart-units-desc"' in html
    assert (
        '<desc id="chart-units-desc">UBND thành phố Hà Nội: 2; Sở Xây dựng: 2; Sở Tài nguyên và Môi trường: 1'
        in html
    )
    assert "Forwarded: 1 (20.0%)" in html  # a pie slice's share
    assert "<script" not in html and "cdn" not in html.lower()
    assert 'href="/reports/download.xlsx?' in html and 'href="/reports/download.csv?' in html


def test_page_is_vietnamese_by_default_and_nav_has_reports(client, letters):  # noqa: F811
    login(client, letters.users["leader"])
    html = client.get("/reports/").get_data(as_text=True)
    assert 'href="/reports/"' in html
    assert "Sở Tài nguyên và Môi trường" in html


def test_units_outside_scope_are_not_reported(client, letters):  # noqa: F811
    login(client, letters.users["officer"])  # in HN-TNMT
    html = client.get(URL + "&lang=en").get_data(as_text=True)
    assert "No such unit in your scope." in html
    assert 'value="HN"' not in html  # the unit list offers only the subtree
    assert client.get("/reports/download.csv?form=processing&unit=HN&period=q1-2027").status_code == 404


def test_roles_without_reports_get_403(client, letters):  # noqa: F811
    login(client, letters.users["handler"])
    assert client.get("/reports/").status_code == 403
    assert client.get("/reports/download.xlsx").status_code == 403


def test_anonymous_visitors_log_in(client, letters):  # noqa: F811
    assert client.get("/reports/").status_code == 302


def test_custom_dates_and_their_errors(client, letters):  # noqa: F811
    login(client, letters.users["inspector"])
    html = client.get(
        "/reports/?form=complaints&unit=HN&period=custom&start=2027-01-01&end=2027-01-31&lang=en"
    )
    assert "From 01/01/2027 to 31/01/2027" in html.get_data(as_text=True)
    bad = client.get("/reports/?form=complaints&period=custom&start=2027-02-01&end=2027-01-01&lang=en")
    assert "The period ends before it starts." in bad.get_data(as_text=True)
    missing = client.get("/reports/?form=complaints&period=custom&start=2027-02-01&lang=en")
    assert "Choose a period." in missing.get_data(as_text=True)


def test_downloads(client, letters):  # noqa: F811
    login(client, letters.users["inspector"])
    xlsx = client.get("/reports/download.xlsx?form=processing&unit=HN&period=q1-2027")
    assert xlsx.status_code == 200
    assert xlsx.headers["Content-Disposition"].endswith(
        'filename="bao-cao-processing-HN-2026-12-15-2027-03-14.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    assert sheet["C12"].value == 5
    csv = client.get("/reports/download.csv?form=reception&unit=HN-TNMT&period=q1-2027")
    assert csv.mimetype == "text/csv" and csv.data.startswith(b"\xef\xbb\xbf")
    assert (
        client.get("/reports/download.csv?form=nope&period=q1-2027").status_code == 200
    )  # falls back to processing


def test_links_to_satisfaction_and_the_national_export_for_the_roles_that_may_open_them(client, letters):  # noqa: F811
    login(client, letters.users["inspector"])
    html = client.get(URL + "&lang=en").get_data(as_text=True)
    assert 'href="/register/satisfaction"' in html and 'href="/exports/national"' in html
    assert client.get("/register/satisfaction").status_code == 200
    assert client.get("/exports/national").status_code == 200
    client.get("/logout")
    login(client, letters.users["officer"])  # reads reports and satisfaction, does not export
    html = client.get("/reports/?form=complaints&lang=en").get_data(as_text=True)
    assert 'href="/register/satisfaction"' in html and 'href="/exports/national"' not in html
    assert "Average score (1–5)" in html and "Prolonged cases resolved" in html
