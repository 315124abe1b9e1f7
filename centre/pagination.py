"""Lists that come in pages: a bad page number shows a page, never an error."""

import re

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window

PAGE_NUMBER = re.compile(r"[0-9]{1,9}")


def page_number(raw, last_page):
    """The page asked for, kept between 1 and the last page: "abc", "-1", "1e9" give 1."""
    if not raw or not PAGE_NUMBER.fullmatch(raw):
        return 1
    return min(max(int(raw), 1), last_page)


def page_parameter(raw):
    """``?page=`` in its normal form for the page cache: none for what shows as page 1."""
    number = page_number(raw, last_page=10**9)
    return str(number) if number > 1 else None


class LenientPaginationMixin:
    """For a ListView: ``?page=`` out of range or not a number shows the first or last page."""

    # The query parameters the view reads (centre.cache.query_parameters): a list adds its
    # filters to these.
    query_parameters = {"page": page_parameter}

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.page(page_number(self.request.GET.get("page"), paginator.num_pages))
        return paginator, page, page.object_list, page.has_other_pages()


def page_with_count(queryset, raw_number, per_page):
    """
    The page ``raw_number`` of ``queryset`` (kept in range, as ``page_number`` does), and the
    total, in one query where Django's Paginator runs two: the rows carry the total as
    ``COUNT(*) OVER ()``. Only a page past the end costs a count and a second look.

    Worth it where counting is as dear as fetching (a full-text search ranks every match).
    """
    paginator = Paginator(queryset, per_page)
    number = page_number(raw_number, last_page=10**9)
    rows = _rows_with_count(queryset, number, per_page)
    if rows:
        paginator.count = rows[0].total_count
    elif number > 1:
        number = paginator.num_pages  # past the end: the last page
        rows = _rows_with_count(queryset, number, per_page)
    else:
        paginator.count = 0
    return Page(rows, number, paginator)


def _rows_with_count(queryset, number, per_page):
    bottom = (number - 1) * per_page
    counted = queryset.annotate(total_count=Window(Count("*")))
    return list(counted[bottom : bottom + per_page])
