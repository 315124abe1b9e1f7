"""RSS and Atom feeds of the newest publications, one per language (the URL's prefix)."""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from centre.http import READ_METHODS, read_only

from .citations import one_line
from .models import Publication

FEED_LENGTH = 20


class PublicationsRssFeed(Feed):
    feed_type = Rss201rev2Feed
    title = _("4SIM publications")
    description = _(
        "New research documents, reports and strategies of Azerbaijan's Fourth Industrial "
        "Revolution Analysis and Coordination Centre."
    )
    url_name = "publications:rss"

    # Django's Feed answers any method; a feed is only ever read (405 with Allow otherwise).
    allowed_methods = READ_METHODS

    @method_decorator(read_only)
    def __call__(self, request, *args, **kwargs):
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        self.request = request  # for absolute file addresses in enclosures

    def link(self):
        return reverse("publications:list")

    def feed_url(self):
        return reverse(self.url_name)

    def items(self):
        return (
            Publication.objects.published()
            .newest_first()
            .with_files()
            .prefetch_related("technologies")[:FEED_LENGTH]
        )

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
        if item.publication_date is None:
            return None  # a sample, or a date nobody knows: none is made up
        return timezone.make_aware(
            datetime.datetime.combine(item.publication_date, datetime.time())
        )

    def item_updateddate(self, item):
        return item.updated_at

    def item_enclosures(self, item):
        file = item.best_file()
        if file is None:
            return []
        url = self.request.build_absolute_uri(file.get_absolute_url())
        return [Enclosure(url=url, length=str(file.size), mime_type="application/pdf")]


class PublicationsAtomFeed(PublicationsRssFeed):
    feed_type = Atom1Feed
    subtitle = PublicationsRssFeed.description
    url_name = "publications:atom"
