"""centre.pagination: lenient page numbers, and a page with its total in one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from centre.pagination import page_number, page_with_count
from pages.models import Page

from .factories import make_page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(None, 1), ("", 1), ("abc", 1), ("-1", 1), ("0", 1), ("1e9", 1), ("2", 2), ("99", 3)],
)
def test_page_numbers_stay_in_range(raw, expected):
    assert page_number(raw, last_page=3) == expected


@pytest.fixture
def pages():
    for number in range(23):
        make_page(f"Səhifə {number:02d}")
    return Page.objects.order_by("title_az")


def test_a_page_and_the_total_in_one_query(pages):
    with CaptureQueriesContext(connection) as queries:
        page = page_with_count(pages, "2", 10)
        titles = [item.title for item in page]
        total, last = page.paginator.count, page.paginator.num_pages
    assert len(queries) == 1
    assert titles == [f"Səhifə {number:02d}" for number in range(10, 20)]
    assert (total, last, page.number, page.has_next(), page.start_index()) == (23, 3, 2, True, 11)


@pytest.mark.parametrize("raw", ["4", "999999999"])
def test_a_page_past_the_end_is_the_last_page(pages, raw):
    page = page_with_count(pages, raw, 10)
    assert (page.number, page.paginator.count, len(page)) == (3, 23, 3)
    assert not page.has_next()


@pytest.mark.parametrize("raw", [None, "abc", "3"])
def test_nothing_found_is_one_empty_page(raw):
    page = page_with_count(Page.objects.none(), raw, 10)
    assert (page.number, page.paginator.count, list(page)) == (1, 0, [])
