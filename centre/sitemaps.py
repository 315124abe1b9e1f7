from datetime import datetime
from typing import NamedTuple

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property

from centre.cache import kept_for_this_generation
from centre.i18n import language_codes


class Entry(NamedTuple):
    """An object's addresses in its languages (``{code: path}``) and when it last changed."""

    addresses: dict
    updated_at: datetime | None


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
        """
        The same for the index and every page until a staff write: kept per page cache
        generation, as plain addresses rather than a thousand objects read anew each time.
        """
        return kept_for_this_generation(f"sitemap:{type(self).__qualname__}", self.read_entries)

    def read_entries(self):
        rows = [(obj, obj.available_languages, Entry({}, obj.updated_at)) for obj in self.objects()]
        # The list changes whenever one of its objects does.
        listed = Entry({}, max((entry.updated_at for *_, entry in rows), default=None))
        for code in language_codes():  # one language switch each, not one per address
            with translation.override(code):
                listed.addresses[code] = self.list_url_name and reverse(self.list_url_name)
                for obj, available, entry in rows:
                    if code in available:
                        entry.addresses[code] = obj.get_absolute_url()
        entries = [entry for *_, entry in rows]
        return [listed, *entries] if self.list_url_name else entries

    def items(self):
        return self.entries

    def lastmod(self, item):
        return item.updated_at

    def get_languages_for_item(self, item):
        return list(item.addresses)

    def get_urls(self, page=1, site=None, protocol=None):
        """
        Django's entries from the addresses at hand. x-default is the default language's own
        address: every language has its prefix here, which Django's x_default would drop.
        """
        prefix = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        urls = []
        for entry, code in self.paginator.page(page).object_list:
            addresses = {**entry.addresses}
            if settings.LANGUAGE_CODE in addresses:
                addresses["x-default"] = addresses[settings.LANGUAGE_CODE]
            urls.append(
                {
                    "location": prefix + entry.addresses[code],
                    "lastmod": entry.updated_at,
                    # What the template shows: Django's date filter costs more than the rest.
                    "day": entry.updated_at and timezone.localdate(entry.updated_at).isoformat(),
                    "alternates": [
                        {"lang_code": lang, "location": prefix + path}
                        for lang, path in addresses.items()
                    ],
                }
            )
        if urls and all(url["lastmod"] for url in urls):
            self.latest_lastmod = max(url["lastmod"] for url in urls)
        return urls
