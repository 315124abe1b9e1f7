"""RSS and Atom feeds of the newest news items, one per language (the URL's prefix)."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from publications.citations import one_line
from publications.feeds import LanguageAtomFeed, TranslatedFeed

from .models import BAKU, NewsItem

FEED_LENGTH = 20


class NewsRssFeed(TranslatedFeed):
    """The newest news items, events and announcements."""

    title = _("4SIM news and events")
    description = _(
        "News, events and announcements of Azerbaijan's Fourth Industrial Revolution Analysis "
        "and Coordination Centre."
    )

    def link(self):
        return reverse("news:list")

    def items(self):
        return NewsItem.objects.published().newest_first()[:FEED_LENGTH]

    # XML 1.0 cannot carry control characters: text is flattened to one clean line.
    def item_title(self, item):
        return one_line(item.title)

    def item_description(self, item):
        return one_line(item.summary)

    def item_categories(self, item):
        return [one_line(item.get_kind_display())]

    def item_pubdate(self, item):
        return datetime.datetime.combine(item.date, datetime.time(), tzinfo=BAKU)

    def item_updateddate(self, item):
        return item.updated_at


class NewsAtomFeed(NewsRssFeed):
    feed_type = LanguageAtomFeed
    subtitle = NewsRssFeed.description
