"""The queue pages: what each user sees, search, filters, paging, and the cost in SQL statements."""

from caseflow.models import CaseStatus
from tests.views.helpers import count_statements, login


def test_queue_page_lists_the_units_cases_and_counts_them(client, world):
    case = world.intake()
    login(client, world.users["officer"])
    page = client.get("/cases/?queue=decide")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert case.tracking_code in html
    assert 'data-queue="decide">1<' in html


def test_anonymous_visitor_is_sent_to_login(client, world):
    page = client.get("/cases/?queue=mine")
    assert page.status_code == 302
    assert "/login" in page.headers["Location"]


def test_other_units_case_is_not_listed_or_found_by_search(client, world):
    case = world.intake()
    login(client, world.users["stranger"])
    for url in ("/cases/?queue=all", f"/cases/?queue=all&q={case.tracking_code}", "/cases/?queue=unit"):
        assert f'href="/cases/{case.id}"' not in client.get(url).get_data(as_text=True)


def test_search_without_diacritics_finds_the_petitioner(client, world):
    case = world.intake()
    login(client, world.users["officer"])
    html = client.get("/cases/?queue=all&q=nguyen van duc").get_data(as_text=True)
    assert case.tracking_code not in html  # unclassified: the sender may be a denouncer
    world.bring_to(case, CaseStatus.CLASSIFIED)
    html = client.get("/cases/?queue=all&q=nguyen van duc").get_data(as_text=True)
    assert case.tracking_code in html


def test_keyset_paging_walks_every_case_once(client, world, monkeypatch):
    monkeypatch.setattr("caseflow.views.cases.PAGE_SIZE", 3)
    codes = {world.intake().tracking_code for _ in range(7)}
    login(client, world.users["officer"])
    seen, url = [], "/cases/?queue=all"
    while url:
        html = client.get(url).get_data(as_text=True)
        seen += [code for code in codes if code in html]
        next_link = html.split('rel="next" href="')
        url = next_link[1].split('"')[0].replace("&amp;", "&") if len(next_link) > 1 else None
    assert sorted(seen) == sorted(codes)


def test_bad_cursor_is_a_clear_message_not_a_crash(client, world):
    login(client, world.users["officer"])
    page = client.get("/cases/?queue=all&cursor=garbage!!")
    assert page.status_code == 200
    assert 'role="alert"' in page.get_data(as_text=True)


def test_list_page_runs_at_most_five_statements_whatever_its_size(client, world):
    login(client, world.users["leader"])
    counts = []
    for batch in (1, 30):
        for _ in range(batch):
            world.intake()
        with count_statements() as statements:
            assert client.get("/cases/?queue=unit").status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1]
    assert counts[1] <= 5, counts
