"""Lists that come in pages: a bad page number shows a page, never an error."""

import re

PAGE_NUMBER = re.compile(r"[0-9]{1,9}")


def page_number(raw, last_page):
    """The page asked for, kept between 1 and the last page: "abc", "-1", "1e9" give 1."""
    if not raw or not PAGE_NUMBER.fullmatch(raw):
        return 1
    return min(max(int(raw), 1), last_page)


class LenientPaginationMixin:
    """For a ListView: ``?page=`` out of range or not a number shows the first or last page."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.page(page_number(self.request.GET.get("page"), paginator.num_pages))
        return paginator, page, page.object_list, page.has_other_pages()
