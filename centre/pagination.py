"""Lists in pages and filters: a bad page number or filter value shows a page, never an error."""

import re

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window
from django.utils.functional import Promise
from django.utils.translation import get_language

from centre.cache import kept_for_this_generation, not_its_own_page
from centre.models import can_preview_drafts

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
    A page shown for a query value the view did not use (a filter value nothing has, a page
    past the last) is never stored in the page cache: only the view knows which exist. The
    view says what it used in ``understood_query()``: ``{name: value or None}``.
    """

    query_parameters = {}

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        for name, value in self.understood_query().items():
            given = request.GET.get(name)
            normalise = self.query_parameters.get(name)
            if given and normalise:
                given = normalise(given)
            if (given or None) != (value or None):
                not_its_own_page(response)
        return response


class FilteredListMixin(UnderstoodQueryMixin):
    """
    For a ListView filtered by plain links, one query parameter a filter (``filter_names``, also
    in ``query_parameters``). One rule for every filter of every list: the values offered are
    those some item the visitor may see has (``filter_choices()``: ``{name: {value: label}}``);
    any other value (a typo, an old link, a hostile string, a kind nothing has yet) is left out
    before a query uses it, and the list shows as without it (``self.active`` holds the rest),
    in a page the page cache never stores. ``?page=`` out of range or not a number shows the
    first or last page.
    """

    # A list adds its filters to these (centre.cache.query_parameters).
    query_parameters = {"page": page_parameter}
    filter_names = ()
    page_shown = 1

    def get(self, request, *args, **kwargs):
        # The same for every visitor (staff apart), so read once per language and generation.
        viewer = "staff" if can_preview_drafts(request.user) else "public"
        name = f"filters:{type(self).__name__}:{get_language()}:{viewer}"
        self.choices = kept_for_this_generation(name, self.plain_choices)
        given = {name: request.GET.get(name) for name in self.filter_names}
        self.active = {name: value for name, value in given.items() if value in self.choices[name]}
        return super().get(request, *args, **kwargs)

    def plain_choices(self):
        # The key holds the language: lazy labels kept as str (unpickling one builds a class).
        return {
            name: {
                value: str(label) if isinstance(label, Promise) else label
                for value, label in values.items()
            }
            for name, values in self.filter_choices().items()
        }

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.page(page_number(self.request.GET.get("page"), paginator.num_pages))
        self.page_shown = page.number
        return paginator, page, page.object_list, page.has_other_pages()

    def understood_query(self):
        page = page_parameter(str(self.page_shown))
        return {"page": page, **dict.fromkeys(self.filter_names), **self.active}


def page_with_count(queryset, raw_number, per_page):
    """
    The page ``raw_number`` of ``queryset`` and the total in one query (``COUNT(*) OVER ()``),
    where Paginator runs two: for a full-text search, counting is as dear as fetching.
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
