"""
The admin home as the staff's desk: scheduled items, translation care counts, downloads per
month (an SVG chart and the same figures as a table) and the month's most downloaded, in a fixed
number of queries.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from centre.models import ReviewRequest, Status
from pages.models import Page
from publications.models import MonthlyDownloads, add_months, downloads_chart, this_month

from .content_kinds import CONTENT
from .factories import make_page, make_publication, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def publisher(client):
    client.force_login(make_staff("nasir", "Publisher"))
    return client


def publication_with_downloads(title, counts):
    """A publication whose one PDF was downloaded ``counts[n]`` times ``n`` months ago."""
    from .factories import add_file

    publication = make_publication(title)
    publication_file = add_file(publication, "az")
    for months_ago, count in counts.items():
        MonthlyDownloads.objects.create(
            file=publication_file, month=add_months(this_month(), -months_ago), count=count
        )
    return publication


def test_count_download_adds_to_this_months_row():
    from .factories import add_file

    publication_file = add_file(make_publication("Hesabat"), "az")
    publication_file.count_download()
    publication_file.count_download()
    [row] = MonthlyDownloads.objects.all()
    assert (row.month, row.count) == (this_month(), 2)
    publication_file.refresh_from_db()
    assert publication_file.download_count == 2


def test_the_charts_figures():
    publication_with_downloads("Birinci", {0: 4, 1: 8, 11: 2, 12: 100})
    chart = downloads_chart()
    assert len(chart) == 12
    assert chart[-1] == {"month": this_month(), "count": 4, "height": 50}
    assert chart[-2]["count"] == 8 and chart[-2]["height"] == 100
    assert chart[0] == {"month": add_months(this_month(), -11), "count": 2, "height": 25}
    assert sum(bar["count"] for bar in chart) == 14  # a year ago is out


def test_the_home_shows_the_chart_table_and_top_five(publisher):
    for number in range(7):
        publication_with_downloads(f"Nəşr {number}", {0: number + 1})
    html = publisher.get("/admin/").content.decode()
    assert 'role="img"' in html and "<script" not in html.split('id="desk-downloads"')[1][:3000]
    # The chart's figures as a table: this month's downloads are 1 + 2 + … + 7.
    assert '<td class="desk-figure">28</td>' in html.split('id="desk-downloads"')[1]
    top = html.split("desk-downloads")[1]
    assert "Nəşr 6" in top and "Nəşr 2" in top and "Nəşr 1<" not in top


def test_the_home_shows_scheduled_items_and_translation_counts(publisher):
    later = timezone.now() + datetime.timedelta(days=3)
    make_page("Gələcək", status=Status.PUBLISHED, publish_from=later)
    make_page("Tərcüməsiz", summary_az="Mətn")
    html = publisher.get("/admin/").content.decode()
    assert "Gələcək" in html.split('id="desk-scheduled"')[1].split("</table>")[0]
    assert "/admin/translations/" in html


def test_the_empty_desk_says_what_to_do(publisher):
    html = publisher.get("/admin/", headers={"accept-language": "en"}).content.decode()
    assert "Nothing is waiting for review" in html
    assert "Nothing is scheduled" in html
    assert "No PDF has been downloaded this month yet" in html


def test_anonymous_gets_no_desk(client):
    response = client.get("/admin/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_home_takes_a_fixed_number_of_queries(client):
    editor = make_staff("redaktor", "Editor")
    client.force_login(make_staff("nasir", "Publisher"))
    client.get("/admin/")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/").status_code == 200
        return len(captured)

    assert queries() == 21  # nothing on the desk

    def add_work(number):
        for content in CONTENT:
            obj = content.make(f"Qaralama {number}", False)
            ReviewRequest.objects.create(content_object=obj, requested_by=editor)
        publication_with_downloads(f"Nəşr {number}", {0: 3, 2: 1})
        make_page(
            f"Plan {number}",
            status=Status.PUBLISHED,
            publish_from=timezone.now() + datetime.timedelta(days=1),
        )

    add_work(0)
    # One more query per kind of content waiting for review (its items, read at once).
    assert queries() == 21 + len(CONTENT)
    add_work(1)
    add_work(2)
    assert queries() == 21 + len(CONTENT)


def test_an_editor_sees_their_drafts_until_they_are_public(client):
    from .admin_forms import admin_form_data

    client.force_login(make_staff("redaktor", "Editor"))
    url = "/admin/pages/page/add/"
    client.post(url, admin_form_data(client.get(url), title_az="Mənim qaralamam"))
    make_page("Başqasının qaralaması", status=Status.DRAFT)

    def drafts():
        html = client.get("/admin/").content.decode()
        return html.split('id="desk-drafts"')[1].split("</table>")[0]

    assert "Mənim qaralamam" in drafts() and "Başqasının" not in drafts()
    Page.objects.filter(title_az="Mənim qaralamam").update(status=Status.PUBLISHED)
    assert "Mənim qaralamam" not in drafts()


@pytest.mark.parametrize("language, june", [("az", "iyn"), ("ru", "июн"), ("en", "jun")])
def test_the_charts_months_as_each_language_writes_them(publisher, language, june):
    # Capitalised by Python's title(), Azerbaijani "iyn" became "Iyn" (a dotless I).
    html = publisher.get("/admin/", headers={"accept-language": language}).content.decode()
    chart = html.split('class="desk-chart"')[1].split("</svg>")[0]
    assert f">{june}</text>" in chart


def test_the_chart_tables_headers_are_capitalised(publisher):
    # Its msgids are the model fields' lower-case verbose names.
    html = publisher.get("/admin/", headers={"accept-language": "ru"}).content.decode()
    assert '<th scope="col">Месяц</th><th scope="col">Скачивания</th>' in html


def test_the_desk_leaves_an_items_own_kind_alone():
    """A news item has a ``kind`` field of its own: the desk's label for it goes beside it."""
    from centre.review import scheduled_items

    from .factories import make_news_item

    item = make_news_item(
        "Gələcək tədbir", publish_from=timezone.now() + datetime.timedelta(days=1)
    )
    [shown] = scheduled_items(make_staff("nasir", "Publisher"))
    assert shown.pk == item.pk and shown.kind == item.kind and shown.desk_kind
