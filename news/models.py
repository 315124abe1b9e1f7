"""News, events and announcements: what the Centre does, dated and sourced."""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from centre import slugs
from centre.addresses import slug_address
from centre.dates import validate_sane_date
from centre.files import (
    FileOwner,
    OwnedImageField,
    Renditions,
    SharedImage,
    picture_sources,
)
from centre.html import RICH_TEXT_EDITOR_CONFIG, sanitize_html
from centre.i18n import language_codes, localized_field, site_language
from centre.images import validate_image, validate_image_file_size
from centre.models import (
    Publishable,
    PublishableQuerySet,
    Status,
    TranslationTracked,
    choice_label,
)
from centre.search import documents_in_each_language
from partners.models import Partner
from publications.models import Publication

# Events happen in Baku: their times are entered and shown in Baku time, whatever the server's.
BAKU = zoneinfo.ZoneInfo("Asia/Baku")
IMAGE_RENDITIONS = {
    # Cards draw the image up to 20rem wide, the item's page up to 48rem.
    "image": Renditions("image_renditions", "news/images/renditions", (320, 640, 960)),
}
NEWEST_FIRST = (F("date").desc(), F("pk").desc())


class Kind(models.TextChoices):
    NEWS = "news", _("News")
    EVENT = "event", _("Event")
    ANNOUNCEMENT = "announcement", _("Announcement")


class NewsItemQuerySet(slugs.TranslatedSlugQuerySet, PublishableQuerySet):
    def newest_first(self):
        return self.order_by(*NEWEST_FIRST)

    def events(self):
        return self.filter(kind=Kind.EVENT, starts_at__isnull=False)

    def upcoming(self, now=None):
        """Events not over yet, the soonest first."""
        now = now or timezone.now()
        return self.events().filter(ends_at__gte=now).order_by("starts_at", "pk")

    def not_upcoming(self, now=None):
        """Everything but the upcoming events (news, announcements, past events)."""
        now = now or timezone.now()
        return self.exclude(kind=Kind.EVENT, ends_at__gte=now)


def in_baku(day, time):
    """The moment ``day`` at ``time`` (midnight if None) in Baku."""
    return datetime.datetime.combine(day, time or datetime.time(), tzinfo=BAKU)


class NewsItem(slugs.TranslatedSlugs, SharedImage, FileOwner, Publishable, TranslationTracked):
    slug_taken = _("Another news item already has the address “%(slug)s”.")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.NEWS)
    date = models.DateField(
        _("date"),
        validators=[validate_sane_date],
        help_text=_("The day it happened or was announced; an event's first day."),
    )
    title = models.CharField(_("title"), max_length=300)
    slug = slugs.slug_field(
        _(
            "The item's part of the address, in Latin letters. Leave empty to make it from the "
            "title; a language without a title uses the Azerbaijani slug."
        ),
        max_length=120,
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences for the list and feeds.")
    )
    body = ProseEditorField(
        _("body"), blank=True, config=RICH_TEXT_EDITOR_CONFIG, sanitize=sanitize_html
    )
    image = OwnedImageField(
        _("image"),
        upload_to="news/images/",
        blank=True,
        validators=[validate_image_file_size, validate_image],
        help_text=_("PNG, JPEG or WebP. Smaller copies for the pages are made when you save."),
    )
    image_alt = models.CharField(
        _("image description"),
        max_length=250,
        blank=True,
        help_text=_("For people who cannot see the image."),
    )
    image_renditions = models.JSONField(default=list, blank=True, editable=False)
    source_url = models.URLField(
        _("source"),
        max_length=500,
        blank=True,
        validators=[URLValidator(["http", "https"])],
        help_text=_(
            "Where the facts come from: the Ministry's, the WEF's or a news agency's page."
        ),
    )
    source_name = models.CharField(
        _("name of the source"),
        max_length=200,
        blank=True,
        help_text=_("As the link shows it, e.g. “Ministry of Economy” or “Trend”."),
    )
    partners = models.ManyToManyField(
        Partner, verbose_name=_("related partners"), blank=True, related_name="+"
    )
    publications = models.ManyToManyField(
        Publication, verbose_name=_("related publications"), blank=True, related_name="+"
    )
    # An event's days and times, in Baku time; a time left empty is one not known.
    start_date = models.DateField(
        _("starts on"), null=True, blank=True, validators=[validate_sane_date]
    )
    start_time = models.TimeField(_("starts at"), null=True, blank=True)
    end_date = models.DateField(
        _("ends on"),
        null=True,
        blank=True,
        validators=[validate_sane_date],
        help_text=_("Leave empty for an event of one day."),
    )
    end_time = models.TimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    # From the days and times above: when the event starts, and when it is over (the end of
    # its last day where no end time is known). Lists and the cache compare these with now.
    starts_at = models.DateTimeField(null=True, editable=False)
    ends_at = models.DateTimeField(null=True, editable=False)

    objects = NewsItemQuerySet.as_manager()

    file_renditions = IMAGE_RENDITIONS
    served_file_fields = ("image",)
    meta_image, meta_image_alt_from, meta_description_from = "image", "image_alt", ("summary",)
    tracked_translation_fields = ("title", "summary", "body", "image_alt", "source_name", "place")
    og_type = "article"
    # Besides publish_from, the moment an upcoming event becomes a past one changes the list.
    scheduled_fields = ("publish_from", "ends_at")

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news and events")
        # Held by the Publisher role (accounts/): editors write, publishers decide what is public.
        permissions = [("publish_newsitem", _("Can publish and withdraw news items"))]
        ordering = NEWEST_FIRST
        constraints = slugs.unique_in_each_language("slug", "news_unique_slug")
        indexes = [
            models.Index(fields=["status", "-date", "-id"], name="news_newest"),
            models.Index(fields=["kind", "ends_at"], name="news_events"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.kind != Kind.EVENT:
            return
        if self.start_date is None:
            raise ValidationError({"start_date": _("An event needs the day it starts.")})
        if self.end_time and not self.start_time:
            raise ValidationError({"start_time": _("Give the start time with the end time.")})
        start, end = self.event_times()
        if (self.end_date and self.end_date < self.start_date) or (end and end < start):
            raise ValidationError({"end_date": _("The event cannot end before it starts.")})

    def save(self, *args, **kwargs):
        self.fill_slugs()
        for code in language_codes():
            field = localized_field("body", code)
            setattr(self, field, sanitize_html(getattr(self, field)))
        self.starts_at, self.ends_at = None, None
        if self.kind == Kind.EVENT and self.start_date:
            self.starts_at, end = self.event_times()
            last_day = self.end_date or self.start_date
            self.ends_at = end or in_baku(last_day + datetime.timedelta(days=1), None)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "starts_at", "ends_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_address("news:detail", "slug", self.slug)

    def get_kind_display(self):
        """Django's, in one lookup (centre.models.choice_label): lists ask it of every item."""
        return choice_label(Kind, self.kind)

    def get_calendar_url(self):
        return slug_address("news:calendar", "slug", self.slug)

    @property
    def is_event(self):
        return self.kind == Kind.EVENT and self.start_date is not None

    @property
    def all_day(self):
        """Whether only the event's days are known (it has no start time)."""
        return self.start_time is None

    def event_times(self):
        """The event's start and end as moments (end None where no end time is known)."""
        start = in_baku(self.start_date, self.start_time)
        end = None
        if self.end_time:
            end = in_baku(self.end_date or self.start_date, self.end_time)
        return start, end

    def time_datetimes(self):
        """The ``datetime`` values of the event's start and end ``<time>``: days, or moments."""
        start, end = self.event_times()
        last_day = self.end_date or self.start_date
        start = self.start_date.isoformat() if self.all_day else start.isoformat("T", "minutes")
        end = end.isoformat("T", "minutes") if end else last_day.isoformat()
        return {"start": start, "end": end}

    def is_upcoming(self, now=None):
        return self.is_event and self.ends_at >= (now or timezone.now())

    def search_documents(self):
        if self.status != Status.PUBLISHED:
            return []
        documents = documents_in_each_language(
            self, "title", ("summary", "body", "place", "source_name")
        )
        for document in documents:
            document["date"] = self.date
        return documents

    @cached_property
    def image_sources(self):
        """What a ``<picture>`` of the image needs (centre.files.picture_sources), or None."""
        if not (self.image and self.image_renditions):
            return None
        return picture_sources(self, self.image_renditions)

    def structured_data(self, absolute_uri, publisher_name):
        """
        schema.org ``NewsArticle`` (published by ``publisher_name``, the site), or ``Event`` for
        an event (no organiser: the site does not know who organised it).
        """
        url = absolute_uri(self.get_absolute_url())
        data = {"@context": "https://schema.org", "url": url, "name": self.title}
        if self.summary:
            data["description"] = self.summary
        if self.meta_image_url:
            data["image"] = absolute_uri(self.meta_image_url)
        if self.is_event:
            start, end = self.event_times()
            data |= {
                "@type": "Event",
                "startDate": self.start_date.isoformat() if self.all_day else start.isoformat(),
            }
            if self.end_date or end:
                data["endDate"] = end.isoformat() if end else self.end_date.isoformat()
            if self.place:
                data["location"] = {"@type": "Place", "name": self.place, "address": self.place}
            return data
        return data | {
            "@type": "NewsArticle",
            "headline": self.title[:110],
            "datePublished": self.date.isoformat(),
            "dateModified": self.updated_at.isoformat(),
            "inLanguage": site_language(),
            "publisher": {"@type": "Organization", "name": publisher_name},
            **({"isBasedOn": self.source_url} if self.source_url else {}),
        }
