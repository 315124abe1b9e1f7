"""
Lists that come in pages and filters: a bad page number or filter value shows a page, never an
error, and never makes a page cache entry of its own.
"""

import re

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window

from centre.cache import not_its_own_page

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


class UnderstoodQueryMixin:
    """
    For a view with ``query_parameters``: an address holding a value the view cannot use (a
    filter value nothing has: a typo, an old link, a hostile string; a page past the last) is
    answered as the view shows it (as if that value were absent, or the last page: never an
    error), but its page is never stored in the page cache (centre.cache.not_its_own_page), so
    only values the view understands make cache entries. Only the view can tell: which slugs,
    years and pages exist is in the database, which the cache does not ask before a hit.

    The view says what it used in ``understood_query()``: ``{name: value, or None for none}``.
    The given value is compared in its normal form for the cache (``?page=abc`` is page 1).
    """

    query_parameters = {}

    def understood_query(self):
        return {}

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        understood = self.understood_query().items()
        if any(self.given_value(name) != (value or None) for name, value in understood):
            not_its_own_page(response)
        return response

    def given_value(self, name):
        """The value of ``name`` in the address, in its normal form (None: none)."""
        value = self.request.GET.get(name)
        normalise = self.query_parameters.get(name)
        if value and normalise:
            value = normalise(value)
        return value or None


class LenientPaginationMixin(UnderstoodQueryMixin):
    """For a ListView: ``?page=`` out of range or not a number shows the first or last page."""

    # The query parameters the view reads (centre.cache.query_parameters): a list adds its
    # filters to these, and to ``understood_query()`` the values it used.
    query_parameters = {"page": page_parameter}
    page_shown = 1

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.page(page_number(self.request.GET.get("page"), paginator.num_pages))
        self.page_shown = page.number
        return paginator, page, page.object_list, page.has_other_pages()

    def understood_query(self):
        return {**super().understood_query(), "page": page_parameter(str(self.page_shown))}


class FilteredListMixin(LenientPaginationMixin):
    """
    For a ListView filtered by plain links, one query parameter a filter (``filter_names``, also
    in ``query_parameters``). One rule for every filter of every list: the values offered are
    those some item the visitor may see has (``filter_choices()``: ``{name: {value: label}}``);
    any other value (a typo, an old link, a hostile string, a kind nothing has yet) is left out
    before a query uses it, and the list shows as without it (``self.active`` holds the rest),
    in a page the page cache never stores.
    """

    filter_names = ()

    def get(self, request, *args, **kwargs):
        self.choices = self.filter_choices()
        given = {name: request.GET.get(name) for name in self.filter_names}
        self.active = {name: value for name, value in given.items() if value in self.choices[name]}
        return super().get(request, *args, **kwargs)

    def understood_query(self):
        return {**super().understood_query(), **dict.fromkeys(self.filter_names), **self.active}


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
