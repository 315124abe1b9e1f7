from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.utils import translation


class TranslatedSitemap(Sitemap):
    """
    A sitemap listing each object once per language it has, with hreflang alternates.

    Objects name their languages with ``available_languages``. Django writes the x-default
    alternate without a language prefix, which suits sites whose default language is
    unprefixed; here every language is prefixed, so x-default points to the default
    language's own address.
    """

    # Addresses (an object in one language, with its alternates) per sitemap page: crawlers
    # and the page cache get pages of a few hundred KB from the index, not one of megabytes.
    limit = 500
    i18n = True
    alternates = True
    x_default = True

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # For the index: one aggregate, where Django would load every object to compare.
        return self.items().aggregate(latest=Max("updated_at"))["latest"]

    def get_languages_for_item(self, item):
        return item.available_languages

    def location(self, item):
        # Django asks an item's address in a language for its own entry and again for the
        # alternates of each of its entries: work each out once (a sitemap of a thousand
        # publications asked for 40,000 addresses).
        known = self._known_locations
        if known is None:
            return item.get_absolute_url()
        key = (id(item), translation.get_language())
        if key not in known:
            known[key] = item.get_absolute_url()
        return known[key]

    _known_locations = None  # {(item, language): address} while get_urls() runs

    def get_urls(self, page=1, site=None, protocol=None):
        self._known_locations = {}
        try:
            urls = super().get_urls(page=page, site=site, protocol=protocol)
        finally:
            self._known_locations = None
        for url in urls:
            by_language = {alternate["lang_code"]: alternate for alternate in url["alternates"]}
            if "x-default" in by_language and settings.LANGUAGE_CODE in by_language:
                by_language["x-default"]["location"] = by_language[settings.LANGUAGE_CODE][
                    "location"
                ]
        return urls
