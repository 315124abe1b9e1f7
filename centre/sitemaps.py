from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe

from centre.cache import kept_for_this_generation
from centre.i18n import language_codes
from centre.slugs import columns

LINK = '<xhtml:link rel="alternate" hreflang="{}" href="{}"/>'


class TranslatedSitemap(Sitemap):
    """
    Django's i18n sitemap of ``objects()`` in their ``available_languages``, with alternates;
    ``list_url_name`` names the page listing them, the first entry.

    Kept per page cache generation: how many addresses and the latest change (the index), each
    object's pk, languages and date (the pages), and each page's entries as XML, made on its
    first request from that page's objects only.
    """

    i18n = True
    alternates = True
    # Addresses a page: 85–135 KB. A page cache hit's cost grows with its size, and crawlers
    # mind no number of pages.
    limit = 150
    list_url_name = None

    def objects(self):
        raise NotImplementedError

    def kept(self, name, make):
        return kept_for_this_generation(f"sitemap-{name}:{type(self).__qualname__}", make)

    @cached_property
    def summary(self):
        """How many addresses and the latest change: all the index needs, one aggregate."""
        return self.kept("summary", self.read_summary)

    def read_summary(self):
        objects = self.objects()
        names = columns(objects.model.slug_source)  # available_languages, in SQL
        found = objects.aggregate(
            latest=Max("updated_at"),
            **{code: Count(name, filter=~Q(**{name: ""})) for code, name in names.items()},
        )
        listed = len(language_codes()) if self.list_url_name else 0
        return listed + sum(found[code] for code in names), found["latest"]

    def get_latest_lastmod(self):
        return self.summary[1]

    @property
    def paginator(self):
        """The index's: as many entries as there are, none read."""
        return Paginator(range(self.summary[0]), self.limit)

    def items(self):
        """``(pk, languages, updated_at)`` of each object; pk None for the list page."""
        return self.kept("items", self.read_items)

    def read_items(self):
        objects = self.objects()
        names = columns(objects.model.slug_source)
        items = [
            (pk, [code for code, text in zip(names, texts, strict=True) if text], updated_at)
            for pk, updated_at, *texts in objects.values_list("pk", "updated_at", *names.values())
        ]
        # The list changes whenever one of its objects does.
        latest = max((updated_at for *_, updated_at in items), default=None)
        return [(None, language_codes(), latest), *items] if self.list_url_name else items

    def get_urls(self, page=1, site=None, protocol=None):
        """Django's pages of (object, language), each page's entries made once, as XML."""
        pairs = [(item, code) for item in self.items() for code in item[1]]
        page = Paginator(pairs, self.limit).page(page)
        prefix = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        entries, latest = self.kept(
            f"page:{prefix}:{page.number}", lambda: self.read_page(page.object_list, prefix)
        )
        if latest:
            self.latest_lastmod = latest
        return [{"xml": mark_safe(entry)} for entry in entries]  # noqa: S308 - read_page escapes

    def read_page(self, pairs, prefix):
        """
        The page's entries as XML and their latest date. Each object's addresses are made once,
        one language switch per language; x-default is the default language's own address
        (every language has its prefix here, which Django's x_default would drop).
        """
        languages = {pk: codes for (pk, codes, _date), _code in pairs}
        found = self.objects().in_bulk(set(languages) - {None})
        addresses = {pk: {} for pk in languages}
        for code in language_codes():
            with translation.override(code):
                for pk, paths in addresses.items():
                    if code in languages[pk]:
                        path = found[pk].get_absolute_url() if pk else reverse(self.list_url_name)
                        paths[code] = escape(prefix + path)
        entries = []
        for (pk, _codes, updated_at), code in pairs:
            paths = addresses[pk]
            if settings.LANGUAGE_CODE in paths:
                paths["x-default"] = paths[settings.LANGUAGE_CODE]
            day = updated_at and timezone.localdate(updated_at).isoformat()
            entries.append(
                f"<url><loc>{paths[code]}</loc>{f'<lastmod>{day}</lastmod>' if day else ''}"
                + "".join(LINK.format(*link) for link in paths.items())
                + "</url>\n"
            )
        dates = [updated_at for (*_, updated_at), _code in pairs]
        return entries, all(dates) and max(dates, default=None)
