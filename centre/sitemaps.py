from datetime import datetime
from typing import NamedTuple

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils.functional import cached_property

from centre.i18n import language_codes


class ListPage(NamedTuple):
    """The page listing a sitemap's objects (``partners:list``): in every language."""

    url_name: str
    updated_at: datetime | None  # it changes whenever one of its objects does

    def get_absolute_url(self):
        return reverse(self.url_name)

    @property
    def available_languages(self):
        return language_codes()


class TranslatedSitemap(Sitemap):
    """
    Django's i18n sitemap of ``objects()`` in their ``available_languages``, with alternates;
    ``list_url_name`` names the page listing them, the first entry.
    """

    i18n = True
    alternates = True
    # Addresses a page: 85–135 KB. A page cache hit's cost grows with its size, and crawlers
    # mind no number of pages.
    limit = 150
    list_url_name = None

    def objects(self):
        raise NotImplementedError

    @cached_property
    def entries(self):
        """One query for the index (dates and pages) and for a page alike."""
        entries = list(self.objects())
        if self.list_url_name:
            latest = max((item.updated_at for item in entries), default=None)
            entries.insert(0, ListPage(self.list_url_name, latest))
        return entries

    def items(self):
        return self.entries

    def lastmod(self, item):
        return item.updated_at

    def get_languages_for_item(self, item):
        return item.available_languages

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page, site, protocol)
        # x-default is the default language's own address: every language has its prefix here,
        # which Django's x_default would drop.
        for url in urls:
            default = [a for a in url["alternates"] if a["lang_code"] == settings.LANGUAGE_CODE]
            url["alternates"] += [{**a, "lang_code": "x-default"} for a in default]
        return urls
