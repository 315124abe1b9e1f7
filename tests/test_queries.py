"""Public pages run a fixed number of SQL queries, whatever the size of the page tree."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from centre.models import Status

from .factories import make_page

pytestmark = pytest.mark.django_db


def add_pages(count, parent):
    for number in range(count):
        make_page(
            f"Səhifə {parent.pk}-{number}",
            parent=parent if number % 2 else None,
            title_en=f"Page {parent.pk}-{number}",
            status=Status.PUBLISHED if number % 3 else Status.DRAFT,
        )


def queries_for(client, url):
    # The steady state: what is kept per cache generation (the footer's contact details) is
    # read by the first request only.
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


@pytest.mark.parametrize("url", ["/az/", "/en/", "/az/bolme/alt-bolme/", "/ru/section/subsection/"])
def test_query_count_is_the_same_with_5_and_200_pages(client, url):
    home = make_page("Ana səhifə", is_home=True)
    section = make_page("Bölmə", title_en="Section", title_ru="Section")
    make_page("Alt bölmə", parent=section, title_en="Subsection", title_ru="Subsection")
    add_pages(2, home)
    small = queries_for(client, url)

    add_pages(195, section)
    large = queries_for(client, url)

    assert small == large
    assert large <= 6
