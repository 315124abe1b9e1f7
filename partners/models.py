import datetime
import posixpath

from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import F
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from modeltranslation.utils import get_translation_fields

from centre import slugs
from centre.addresses import slug_address
from centre.files import (
    FileOwner,
    OwnedFileField,
    Renditions,
    SharedImage,
    picture_sources,
)
from centre.html import RICH_TEXT_EDITOR_CONFIG, sanitize_html
from centre.i18n import language_codes, localized_field, site_language
from centre.images import validate_file_size, validate_image
from centre.models import Technology, TranslationTracked, can_preview_drafts
from centre.search import documents_in_each_language
from centre.text import collation_key, slugify_az

from .countries import country_choices, country_name

LOGO_RENDITION_DIR = "partners/logos/renditions"
# Pages show logos at most 160 CSS pixels wide; the 320 px copy serves high-density screens.
LOGO_WIDTHS = (160, 320)
LOGO_MAX_BYTES = 5 * 1024 * 1024
SORT_KEY_LENGTH = 600


class Kind(models.TextChoices):
    NETWORK_CENTRE = "network-centre", _("C4IR network centre")
    PLATFORM = "wef-platform", _("WEF platform")
    INTERNATIONAL = "international-organisation", _("International organisation")
    GOVERNMENT = "government-body", _("Government body")
    ACADEMIA = "academia", _("Academia")
    INDUSTRY = "industry", _("Industry")


# Headings of the public list's groups, in the order the groups are shown.
KIND_HEADINGS = {
    Kind.NETWORK_CENTRE: _("C4IR network centres"),
    Kind.PLATFORM: _("WEF platforms"),
    Kind.INTERNATIONAL: _("International organisations"),
    Kind.GOVERNMENT: _("Government bodies"),
    Kind.ACADEMIA: _("Academia"),
    Kind.INDUSTRY: _("Industry"),
}


def next_year():
    return datetime.date.today().year + 1


def validate_logo_size(file):
    validate_file_size(file, LOGO_MAX_BYTES)


def name_ordering(language=None):
    return ("order", localized_field("sort_name", site_language(language)), "pk")


def kind_rank():
    """A partner's group's place in the public list (KIND_HEADINGS order), as an expression."""
    return models.Case(
        *(models.When(kind=kind, then=rank) for rank, kind in enumerate(KIND_HEADINGS)),
        default=len(KIND_HEADINGS),
    )


class PartnerQuerySet(slugs.TranslatedSlugQuerySet):
    def active(self):
        return self.filter(is_active=True)

    def visible_to(self, user):
        # Staff may open an inactive partner (with a notice); the public never sees one.
        return self.all() if can_preview_drafts(user) else self.active()

    def in_name_order(self, language=None):
        return self.order_by(*name_ordering(language))

    def in_list_order(self, language=None):
        return self.order_by(kind_rank(), *name_ordering(language))


class Partner(slugs.TranslatedSlugs, SharedImage, FileOwner, TranslationTracked):
    slug_source = "name"
    slug_taken = _("Another partner already has the address “%(slug)s”.")

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(
        _("short name"),
        max_length=60,
        blank=True,
        help_text=_("Shown where space is short, e.g. under the logo on the home page."),
    )
    slug = slugs.slug_field(
        _(
            "The partner's part of the address, in Latin letters. Leave empty to make it from "
            "the name; a language without a name uses the Azerbaijani slug."
        )
    )
    # centre.text.collation_key of the name, so that the database can order by it.
    sort_name = models.CharField(
        _("sort key"), max_length=SORT_KEY_LENGTH, blank=True, editable=False
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind, db_index=True)
    summary = models.TextField(
        _("short description"),
        blank=True,
        help_text=_("One or two sentences for the list of partners."),
    )
    description = ProseEditorField(
        _("description"), blank=True, config=RICH_TEXT_EDITOR_CONFIG, sanitize=sanitize_html
    )
    country = models.CharField(_("country"), max_length=2, blank=True, choices=country_choices)
    host_institution = models.CharField(_("host institution"), max_length=300, blank=True)
    founded_year = models.PositiveSmallIntegerField(
        _("year founded or joined"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(next_year)],
        help_text=_("The year the organisation was founded, or joined the C4IR Network."),
    )
    website = models.URLField(
        _("website"), max_length=500, blank=True, validators=[URLValidator(["http", "https"])]
    )
    reference_url = models.URLField(
        _("source"),
        max_length=500,
        blank=True,
        validators=[URLValidator(["http", "https"])],
        help_text=_("Where the facts about this partner come from (a news item, a report)."),
    )
    logo = OwnedFileField(
        _("logo"),
        upload_to="partners/logos",
        max_length=255,
        blank=True,
        validators=[validate_logo_size, validate_image],
        help_text=_(
            "PNG, JPEG or WebP, ideally at least 320 pixels wide. Smaller copies for the pages "
            "are made when you save."
        ),
    )
    logo_renditions = models.JSONField(
        _("logo renditions"), default=list, blank=True, editable=False
    )
    technologies = models.ManyToManyField(
        Technology, verbose_name=_("technologies"), blank=True, related_name="partners"
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive partners are hidden from the public; staff still see them."),
    )
    order = models.PositiveIntegerField(
        _("order"),
        default=0,
        help_text=_("Lower numbers come first; partners with the same number are in name order."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PartnerQuerySet.as_manager()

    file_renditions = {"logo": Renditions("logo_renditions", LOGO_RENDITION_DIR, LOGO_WIDTHS)}
    served_file_fields = ("logo",)
    meta_image, meta_image_alt_from, meta_description_from = "logo", "logo_alt", ("summary",)

    tracked_translation_fields = (
        "name",
        "short_name",
        "summary",
        "description",
        "host_institution",
    )

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        # Held by the Publisher role (accounts/): an active partner is public.
        permissions = [("publish_partner", _("Can activate and deactivate partners"))]
        # modeltranslation reads "sort_name" as the active language's column.
        ordering = ["order", "sort_name", "pk"]
        constraints = slugs.unique_in_each_language("slug", "partners_unique_slug")
        indexes = [
            # The public list's order in each language (PartnerQuerySet.in_name_order).
            models.Index(
                fields=["order", localized_field("sort_name", code), "id"],
                name=f"partners_name_order_{code}",
            )
            for code in language_codes()
        ] + [
            # The public list's order in each language (PartnerQuerySet.in_list_order).
            models.Index(
                kind_rank(),
                F("order"),
                F(localized_field("sort_name", code)),
                F("id"),
                name=f"partners_list_order_{code}",
            )
            for code in language_codes()
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.fill_slugs()
        # A language without a name shows the Azerbaijani one, so it sorts by that too.
        for code in language_codes():
            name = getattr(self, localized_field("name", code)) or self.name_az or ""
            key = collation_key(name, code)[:SORT_KEY_LENGTH]
            setattr(self, localized_field("sort_name", code), key)
        for name in get_translation_fields("description"):
            setattr(self, name, sanitize_html(getattr(self, name)))
        if not self.logo._committed:
            # A readable name; the storage gives it the extension of the image's real format.
            stem = slugify_az(self.name_az or "", max_length=60) or "logo"
            self.logo.name = f"{stem}{posixpath.splitext(self.logo.name)[1]}"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_address("partners:detail", "slug", self.slug)

    @property
    def country_name(self):
        return country_name(self.country)

    def structured_data(self, absolute_uri, technologies):
        data = {
            "@context": "https://schema.org",
            "@type": "GovernmentOrganization" if self.kind == Kind.GOVERNMENT else "Organization",
            "name": self.name,
            "url": absolute_uri(self.get_absolute_url()),
            "knowsAbout": [technology.name for technology in technologies],
        }
        if self.short_name:
            data["alternateName"] = self.short_name
        if self.summary:
            data["description"] = self.summary
        if self.website:
            data["sameAs"] = [self.website]
        if self.founded_year:
            data["foundingDate"] = str(self.founded_year)
        if self.country:
            data["address"] = {"@type": "PostalAddress", "addressCountry": self.country}
        if self.host_institution:
            data["parentOrganization"] = {"@type": "Organization", "name": self.host_institution}
        if self.meta_image_url:
            data["logo"] = absolute_uri(self.meta_image_url)
        return data

    def search_documents(self):
        if not self.is_active:
            return []
        return documents_in_each_language(
            self,
            "name",
            ("short_name", "summary", "description", "host_institution"),
            extra_text=lambda: self.country_name,
        )

    @property
    def logo_alt(self):
        """The logo's text alternative, in the visitor's language (staff need not write one)."""
        return _("Logo of %(name)s") % {"name": self.name}

    @property
    def initials(self):
        """Up to two letters standing in for a missing logo."""
        words = (self.short_name or self.name).split()
        return "".join(word[0] for word in words[:2]).upper()

    @cached_property
    def logo_image(self):
        """What a ``<picture>`` needs: a srcset per format and the smallest copy's size."""
        if not (self.logo and self.logo_renditions):
            return None
        return picture_sources(self, self.logo_renditions)
