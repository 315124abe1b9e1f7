"""
English on this site is British: "6 January 2021" on every page, in the admin's lists, forms and
history, and a date typed "06/01/2021" is 6 January (Django's US "en" read it as 1 June).
Feeds keep their machine formats in every language.
"""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from centre.models import Status
from publications.models import Publication

from .admin_forms import admin_form_data, publication_form_data
from .factories import make_page, make_publication

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/publications/publication/add/"
LIST_URL = "/admin/publications/publication/"

ENGLISH = {"accept-language": "en"}


def test_publication_page_in_english_writes_the_date_out_day_first(client):
    publication = make_publication(
        "Hesabat", title_en="Report", publication_date=datetime.date(2021, 1, 6)
    )
    with translation.override("en"):
        url = publication.get_absolute_url()
    html = client.get(url).text
    assert '<time datetime="2021-01-06">6 January 2021</time>' in html
    assert "Jan. 6" not in html


def test_admin_list_in_english_writes_the_date_out_day_first(admin_client):
    make_publication("Hesabat", publication_date=datetime.date(2021, 1, 6))
    html = admin_client.get(LIST_URL, headers=ENGLISH).text
    assert "6 January 2021" in html
    assert "Jan. 6, 2021" not in html


def test_admin_form_in_english_shows_and_reads_dates_day_first(admin_client):
    publication = make_publication("Hesabat", publication_date=datetime.date(2021, 1, 6))
    url = f"/admin/publications/publication/{publication.pk}/change/"
    response = admin_client.get(url, headers=ENGLISH)
    assert 'value="06/01/2021"' in response.text

    response = admin_client.post(
        ADD_URL,
        publication_form_data(title_az="Yeni", publication_date="02/03/2024"),
        headers=ENGLISH,
    )
    assert response.status_code == 302, response.context and response.context.get("errors")
    assert Publication.objects.get(title_az="Yeni").publication_date == datetime.date(2024, 3, 2)


def test_admin_history_in_english_writes_the_time_day_first(admin_client):
    page = make_page("Haqqımızda", status=Status.DRAFT)
    url = f"/admin/pages/page/{page.pk}/change/"
    response = admin_client.post(url, admin_form_data(admin_client.get(url), title_en="About"))
    assert response.status_code == 302
    html = admin_client.get(f"/admin/pages/page/{page.pk}/history/", headers=ENGLISH).text
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    assert re.search(rf">\d{{1,2}} ({months}) \d{{4}}, \d\d:\d\d</a>", html)
    assert not re.search(r"\d{4}, \d{1,2}:\d\d [ap]\.m\.", html)


def test_feeds_in_english_keep_machine_dates(client):
    make_publication("Hesabat", title_en="Report", publication_date=datetime.date(2021, 1, 6))
    rss = ET.fromstring(client.get("/en/publications/rss.xml").content)
    assert rss.find("channel/item/pubDate").text.startswith("Wed, 06 Jan 2021 00:00:00 +")
    atom = ET.fromstring(client.get("/en/publications/atom.xml").content)
    entry = atom.find("{http://www.w3.org/2005/Atom}entry")
    published = entry.find("{http://www.w3.org/2005/Atom}published").text
    assert published.startswith("2021-01-06T00:00:00")


@pytest.mark.parametrize("language", ["az", "en", "ru"])
@pytest.mark.parametrize("day", [datetime.date(2021, 1, 6), datetime.date(1999, 12, 31)])
def test_day_time_writes_what_the_two_date_filters_wrote(language, day):
    """{% day_time %} (issue 16) is the <time> the templates wrote with two |date filters."""
    from django.template import Context, Template

    template = Template(
        "{% load centre_tags %}"
        "<time datetime=\"{{ day|date:'Y-m-d' }}\">{{ day|date:'DATE_FORMAT' }}</time>"
        '<time class="timeline__date" datetime="{{ day|date:\'Y-m-d\' }}">'
        "{{ day|date:'DATE_FORMAT' }}</time>"
        '|{% day_time day %}{% day_time day "timeline__date" %}'
    )
    with translation.override(language):
        before, after = template.render(Context({"day": day})).split("|")
    assert after == before
