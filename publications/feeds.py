"""RSS and Atom feeds of the newest publications, one per language (the URL's prefix)."""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .citations import one_line
from .models import Publication

FEED_LENGTH = 20

# Dublin Core: RSS 2.0 has a channel's language but no item's.
DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"


class LanguageRssFeed(Rss201rev2Feed):
    """RSS 2.0 whose items in another language than the channel's say theirs (dc:language)."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DC_NAMESPACE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item["language"] != self.feed["language"]:
            handler.addQuickElement("dc:language", item["language"])


class LanguageAtomFeed(Atom1Feed):
    """Atom whose entries in another language than the feed's say theirs (xml:lang)."""

    def item_attributes(self, item):
        attributes = super().item_attributes(item)
        if item["language"] != self.feed["language"]:
            attributes["xml:lang"] = item["language"]
        return attributes


class TranslatedFeed(Feed):
    """
    A feed in the language of its address (RSS here, Atom with ``LanguageAtomFeed``): an
    untranslated item with its Azerbaijani text, marked so.
    """

    feed_type = LanguageRssFeed

    def item_extra_kwargs(self, item):
        # The language of the item's text: the feed's, or the default one it falls back to.
        language = get_language()
        own = language if language in item.available_languages else settings.LANGUAGE_CODE
        return {"language": own}


class PublicationsRssFeed(TranslatedFeed):
    """The newest publications."""

    title = _("4SIM publications")
    description = _(
        "New research documents, reports and strategies of Azerbaijan's Fourth Industrial "
        "Revolution Analysis and Coordination Centre."
    )

    def get_object(self, request, *args, **kwargs):
        # The request is the feed's object, not an attribute: one feed serves every request.
        return request

    def link(self):
        return reverse("publications:list")

    def items(self, request):
        items = list(
            Publication.objects.published()
            .newest_first()
            .with_files()
            .prefetch_related("technologies")[:FEED_LENGTH]
        )
        for item in items:  # enclosures need absolute addresses
            item.absolute_uri = request.build_absolute_uri
        return items

    # XML 1.0 cannot carry control characters: text is flattened to one clean line.
    def item_title(self, item):
        return one_line(item.title)

    def item_description(self, item):
        return one_line(item.abstract)

    def item_author_name(self, item):
        return one_line(", ".join(author.name for author in item.citation_authors))

    def item_categories(self, item):
        return [one_line(technology.name) for technology in item.technologies.all()]

    def item_pubdate(self, item):
        if item.publication_date:  # else none is made up; Django makes it aware (TIME_ZONE)
            return datetime.datetime.combine(item.publication_date, datetime.time())

    def item_updateddate(self, item):
        return item.updated_at

    def item_enclosures(self, item):
        file = item.best_file()
        if file is None:
            return []
        url = item.absolute_uri(file.get_absolute_url())
        return [Enclosure(url=url, length=str(file.size), mime_type="application/pdf")]


class PublicationsAtomFeed(PublicationsRssFeed):
    feed_type = LanguageAtomFeed
    subtitle = PublicationsRssFeed.description
