from functools import partial

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.html import escape

from centre.i18n import language_codes


class TranslatedSitemap(Sitemap):
    """
    A sitemap listing each object once per language it has, with hreflang alternates and an
    x-default alternate (the default language's own address: every language is prefixed).

    Objects name their languages with ``available_languages``. Pages hold ``limit`` objects,
    each with its addresses in every language it has. Django's own i18n sitemap pages
    (object, language) pairs, which means loading every object to count them, for the index
    and again for each page; this counts objects in the database and loads only one page of
    them (``get_urls`` replaces Django's, so its ``i18n``, ``alternates`` and ``x_default``
    switches have no say here).

    ``list_url_name`` names the page listing the objects (``"partners:list"``): the first page
    begins with it, in every language.
    """

    list_url_name = None

    # Objects per sitemap page (at most three addresses each, with their alternates): pages of
    # about 90 KB. A page cache hit's cost grows with its size (one of 180 KB answered at a
    # little over half the rate of a 10 KB page), and crawlers mind no number of pages.
    limit = 50

    def lastmod(self, item):
        return item.updated_at

    @cached_property
    def totals(self):
        """How many objects there are and when the latest changed: one aggregate for both."""
        return self.items().aggregate(count=Count("pk"), latest=Max("updated_at"))

    def get_latest_lastmod(self):
        # For the index, where Django would load every object to compare their dates.
        return self.totals["latest"]

    def get_languages_for_item(self, item):
        return item.available_languages

    @cached_property
    def paginator(self):
        paginator = Paginator(self.items(), self.limit)
        paginator.count = self.totals["count"]  # the count of the aggregate above, not another
        return paginator

    def get_urls(self, page=1, site=None, protocol=None):
        """The entries of one page: each object in each of its languages, with alternates."""
        origin = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        page = self.paginator.page(page)
        entries = [
            (item, self.get_languages_for_item(item), item.get_absolute_url, self.lastmod(item))
            for item in page.object_list
        ]
        if self.list_url_name and page.number == 1:
            # The list changes whenever one of its objects does.
            list_address = partial(reverse, self.list_url_name)
            entries.insert(0, (None, language_codes(), list_address, self.totals["latest"]))
        urls = []
        for item, languages, address, lastmod in entries:
            locations = {}
            for code in languages:
                with translation.override(code):
                    locations[code] = origin + address()
            # Every address of an object names the same alternates: one list for all of them.
            alternates = [
                {"location": location, "lang_code": code} for code, location in locations.items()
            ]
            if settings.LANGUAGE_CODE in locations:
                alternates.append(
                    {"location": locations[settings.LANGUAGE_CODE], "lang_code": "x-default"}
                )
            urls.extend(
                {"item": item, "location": location, "lastmod": lastmod, "alternates": alternates}
                for location in locations.values()
            )
        # The view's Last-Modified header.
        self.latest_lastmod = max((url["lastmod"] for url in urls if url["lastmod"]), default=None)
        return urls


SITEMAP_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml">'
)


def urlset_xml(urls):
    """The sitemap protocol's ``<urlset>`` of ``urls`` (what ``get_urls()`` returns)."""
    # Written out here rather than by a template: a page has hundreds of entries of five lines,
    # and the template engine spent 50 ms a page on them.
    lines = [SITEMAP_HEAD]
    alternates = links = None
    for url in urls:
        # An object's entries follow each other and share one list of alternates.
        if url["alternates"] is not alternates:
            alternates = url["alternates"]
            links = "".join(
                f'<xhtml:link rel="alternate" hreflang="{escape(alternate["lang_code"])}" '
                f'href="{escape(alternate["location"])}"/>'
                for alternate in alternates
            )
        lastmod = url["lastmod"]
        lines.append(
            f"<url><loc>{escape(url['location'])}</loc>"
            + (f"<lastmod>{timezone.localdate(lastmod).isoformat()}</lastmod>" if lastmod else "")
            + f"{links}</url>"
        )
    lines.append("</urlset>\n")
    return "\n".join(lines)
