import functools
import posixpath
from dataclasses import asdict
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import IntegrityError, models, transaction
from django.db.models import F, Prefetch, Q, Sum
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from centre import slugs
from centre.addresses import slug_address
from centre.files import (
    FileOwner,
    OwnedImageField,
    Renditions,
    SharedImage,
    picture_sources,
)
from centre.i18n import language_codes, localized_field, site_language
from centre.images import validate_image, validate_image_file_size
from centre.models import (
    Publishable,
    PublishableQuerySet,
    Status,
    Taxonomy,
    Technology,
    TranslationTracked,
    choice_label,
    visible_q,
)
from centre.search import documents_in_each_language, index_object
from centre.storage import atomic_with_files, readable_file_name
from centre.text import slugify_az

from .pdf import inspect_pdf, render_first_page

COVER_UPLOAD_TO = "publications/covers/"
COVER_RENDITIONS_TO = "publications/covers/renditions"
# Covers are drawn 96-160 px wide in lists, 160-200 px on the home page and 224-256 px on their
# page (static/css/site.css): these widths give each slot, on screens of 1x to 3x, an image at
# most a third larger than drawn (tests/test_metadata_truth.py), not 640 px for 222.
COVER_WIDTHS = (160, 240, 320, 480, 640)
COVER_RENDITIONS = {"cover": Renditions("cover_renditions", COVER_RENDITIONS_TO, COVER_WIDTHS)}
CENTRE_NAME = _("Fourth Industrial Revolution Analysis and Coordination Centre")


def publication_storage():
    """Outside MEDIA_ROOT: only the download view, which checks access, hands a PDF out."""
    return storages["publications"]


class PublicationType(models.TextChoices):
    RESEARCH = "research", _("Research document")
    REPORT = "report", _("Report")
    STRATEGY = "strategy", _("Strategy")
    POLICY_BRIEF = "policy-brief", _("Policy brief")
    WHITE_PAPER = "white-paper", _("White paper")
    GUIDE = "guide", _("Guide")
    OTHER = "other", _("Other")
    # A stand-in made for the demo content: it has no date, citation or type of its own.
    SAMPLE = "sample", _("Sample")


# Newest first; undated publications (samples) last, in every database.
NEWEST_FIRST = (F("publication_date").desc(nulls_last=True), F("pk").desc())


class Author(NamedTuple):
    """
    One line of a publication's authors. A person is written “Family name, Given names”; an
    organisation in braces, “{Name, as long as it is}”: said, never guessed from a comma.
    """

    name: str  # as shown: “Given names Family name”, or the organisation's name
    family_name: str = ""
    given_names: str = ""

    @property
    def is_organisation(self):
        return not self.family_name

    @property
    def inverted_name(self):
        """“Family name, Given names” for a person (as citations want), else the name."""
        return ", ".join(filter(None, (self.family_name, self.given_names))) or self.name

    @classmethod
    def parse(cls, line):
        line = line.strip()
        if line.startswith("{") and line.endswith("}"):
            return cls(name=line[1:-1].strip())
        if "," in line:
            family, given = (part.strip() for part in line.split(",", 1))
            return cls(name=f"{given} {family}".strip(), family_name=family, given_names=given)
        # Written before organisations took braces (and refused by the form since).
        return cls(name=line)

    @staticmethod
    def is_valid_line(line):
        line = line.strip()
        braced = line.startswith("{") and line.endswith("}") and line[1:-1].strip()
        family, _comma, _given = line.partition(",")
        return bool(braced or (family.strip() and _comma and "{" not in line))


def validate_authors(text):
    lines = [line.strip() for line in text.splitlines()]
    wrong = [line for line in lines if line and not Author.is_valid_line(line)]
    if wrong:
        raise ValidationError(
            _(
                "“%(line)s”: write a person as “Family name, Given names” and an "
                "organisation in braces, as “{Ministry of Economy}”."
            ),
            code="author_line",
            params={"line": wrong[0][:100]},
        )


class Sector(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("economic sector")
        verbose_name_plural = _("economic sectors")

    def get_absolute_url(self):
        """The publications about this sector."""
        return f"{reverse('publications:list')}?{urlencode({'sector': self.slug})}"


class CoverImage(models.Model):
    """
    A cover (each model its own ``cover`` field) and its renditions, which the ``{% cover %}``
    tag reads: a publication's own cover, or one PDF's.
    """

    cover_renditions = models.JSONField(
        _("cover renditions"), default=list, blank=True, editable=False
    )
    # SHA-256 of the PDF the cover was made from; empty when staff uploaded the cover.
    cover_source = models.CharField(max_length=64, blank=True, editable=False)

    # Only the download view hands a PDF out; the media view the cover.
    file_renditions = COVER_RENDITIONS
    served_file_fields = ("cover",)

    class Meta:
        abstract = True

    @property
    def cover_image(self):
        """What a ``<picture>`` of the cover needs (centre.files.picture_sources), or None."""
        if not (self.cover and self.cover_renditions):
            return None
        return picture_sources(self, self.cover_renditions)

    def make_cover(self, pdf_file, name, **save_kwargs):
        """The first page of ``pdf_file`` (a PublicationFile) as the cover, saved as ``name``."""
        with pdf_file.file.open("rb") as pdf:
            image = render_first_page(pdf)
        with atomic_with_files():
            self.cover.save(name, ContentFile(image), save=False)
            self.cover_source = pdf_file.sha256
            self.save(**save_kwargs)


class PublicationQuerySet(slugs.TranslatedSlugQuerySet, PublishableQuerySet):
    def newest_first(self):
        return self.order_by(*NEWEST_FIRST)

    def most_downloaded_this_month(self, limit=5):
        return (
            self.filter(files__monthly__month=this_month())
            .annotate(month_downloads=Sum("files__monthly__count"))
            .order_by("-month_downloads", "pk")[:limit]
        )

    def with_files(self):
        """Their files in one extra query, without their (long) extracted text."""
        return self.prefetch_related(Prefetch("files", PublicationFile.objects.defer("text")))

    def on_technologies(self, technologies):
        """Publications tagged with any of ``technologies`` (each once)."""
        return self.filter(technologies__in=technologies).distinct()

    def featured(self):
        return self.filter(featured=True).newest_first()


class Publication(
    slugs.TranslatedSlugs, CoverImage, SharedImage, FileOwner, Publishable, TranslationTracked
):
    """A document the Centre publishes, with one PDF per language it exists in."""

    slug_taken = _("Another publication already has the address “%(slug)s”.")

    title = models.CharField(_("title"), max_length=300)
    slug = slugs.slug_field(
        _(
            "The publication's part of the address, in Latin letters. Leave empty to make it "
            "from the title; a language without a title uses the Azerbaijani slug."
        ),
        max_length=120,
    )
    abstract = models.TextField(
        _("abstract"), blank=True, help_text=_("A few paragraphs; an empty line starts a new one.")
    )
    publication_type = models.CharField(
        _("type"),
        max_length=20,
        choices=PublicationType,
        default=PublicationType.REPORT,
        db_index=True,
    )
    publication_date = models.DateField(
        _("publication date"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Leave empty when the date is not known (a sample has none)."),
    )
    authors = models.TextField(
        _("authors"),
        blank=True,
        help_text=_(
            "One per line. Write a person as “Family name, Given names”; an organisation in "
            "braces, as “{Ministry of Economy, Republic of Azerbaijan}”."
        ),
        validators=[validate_authors],
    )
    publisher = models.CharField(
        _("publisher"),
        max_length=300,
        blank=True,
        help_text=_("Leave empty for the Centre itself."),
    )
    technologies = models.ManyToManyField(
        Technology, verbose_name=_("technologies"), blank=True, related_name="publications"
    )
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("economic sectors"), blank=True, related_name="publications"
    )
    featured = models.BooleanField(
        _("featured"),
        default=False,
        help_text=_("The newest featured publication is shown on the home page."),
    )
    cover = OwnedImageField(
        _("cover"),
        upload_to=COVER_UPLOAD_TO,
        blank=True,
        validators=[validate_image_file_size, validate_image],
        help_text=_(
            "PNG, JPEG or WebP. Leave empty and the first page of the PDF becomes the cover."
        ),
    )
    cover_alt = models.CharField(
        _("cover description"),
        max_length=250,
        blank=True,
        help_text=_(
            # No angle brackets: the admin shows help texts as HTML.
            "For people who cannot see the image. Leave empty for “Cover of …” with the title."
        ),
    )

    objects = PublicationQuerySet.as_manager()

    meta_image, meta_image_alt_from = "cover", "cover_description"
    meta_description_from = ("abstract",)

    tracked_translation_fields = ("title", "abstract", "authors", "publisher", "cover_alt")
    og_type = "article"

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        # Held by the Publisher role (accounts/): editors write, publishers decide what is public.
        permissions = [("publish_publication", _("Can publish and withdraw publications"))]
        ordering = NEWEST_FIRST
        constraints = slugs.unique_in_each_language("slug", "publications_unique_slug")
        indexes = [
            # The public list, feeds and home page: published ones, newest first.
            # The pages order undated rows last (NULLS LAST), which SQLite cannot put in an
            # index: these stay plain, and the few undated rows cost PostgreSQL a small sort.
            models.Index(fields=["status", "-publication_date", "-id"], name="publications_newest"),
            models.Index(
                fields=["-publication_date", "-id"],
                condition=Q(featured=True),
                name="publications_featured_newest",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.fill_slugs()
        if not (self.cover and self.cover._committed):
            self.cover_source = ""  # uploaded (or removed) by staff; refresh_cover() stores its own
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_address("publications:detail", "slug", self.slug)

    def get_publication_type_display(self):
        """Django's, in one lookup (centre.models.choice_label): lists ask it of every item."""
        return choice_label(PublicationType, self.publication_type)

    def search_documents(self):
        if self.status != Status.PUBLISHED:
            return []
        return documents_in_each_language(
            self,
            "title",
            ("abstract", "authors", "publisher"),
            extra_text=lambda: getattr(self.best_file(), "text", ""),
        )

    @property
    def is_sample(self):
        return self.publication_type == PublicationType.SAMPLE

    def structured_data(self, absolute_uri, technologies):
        kind = {
            PublicationType.RESEARCH: "ScholarlyArticle",
            PublicationType.SAMPLE: "CreativeWork",
        }
        data = {
            "@context": "https://schema.org",
            "@type": kind.get(self.publication_type, "Report"),
            "name": self.title,
            "headline": self.title[:110],
            "url": absolute_uri(self.get_absolute_url()),
            "inLanguage": self.file_languages or [settings.LANGUAGE_CODE],
            "author": [author_data(author) for author in self.citation_authors],
            "publisher": {"@type": "Organization", "name": self.publisher_name},
            "keywords": [technology.name for technology in technologies],
            "encoding": [
                {
                    "@type": "MediaObject",
                    "contentUrl": absolute_uri(file.get_absolute_url()),
                    "encodingFormat": "application/pdf",
                    "inLanguage": file.language,
                    "contentSize": f"{file.size} B",
                }
                for file in self.file_list
            ],
        }  # fmt: skip
        if self.publication_date:
            data["datePublished"] = self.publication_date.isoformat()
        if self.abstract:
            data["abstract"] = self.abstract
        if cover := self.shown_cover.cover:
            data["image"] = absolute_uri(cover.url)
        return data

    @property
    def author_list(self):
        return [Author.parse(line) for line in (self.authors or "").splitlines() if line.strip()]

    @property
    def publisher_name(self):
        return self.publisher or str(CENTRE_NAME)

    @property
    def citation_authors(self):
        """The authors, or the publisher as the corporate author when none are named."""
        return self.author_list or [Author(name=self.publisher_name)]

    @property
    def cover_description(self):
        """The cover's text alternative in the visitor's language: staff's own description, or
        one made from the title (never another language's description, as fallback would give)."""
        own = getattr(self, localized_field("cover_alt", site_language()))
        return own or _("Cover of “%(title)s”") % {"title": self.title}

    @property
    def file_list(self):
        """The files, in the order of the site's languages (uses prefetched files)."""
        order = {code: index for index, code in enumerate(language_codes())}
        return sorted(self.files.all(), key=lambda file: order.get(file.language, len(order)))

    @property
    def file_languages(self):
        return [file.language for file in self.file_list]

    def file_for(self, language=None):
        language = language or translation.get_language()
        return next((file for file in self.file_list if file.language == language), None)

    def best_file(self, language=None):
        """The file to offer first: the visitor's language, else Azerbaijani, else any."""
        files = self.file_list
        return (
            self.file_for(language)
            or self.file_for(settings.LANGUAGE_CODE)
            or (files[0] if files else None)
        )

    def refresh_cover(self):
        """
        Unless staff uploaded a cover, make it from the first page of the Azerbaijani PDF (else
        the first), and each other PDF's from its own. Called once the files are saved.
        """
        if self.cover and not self.cover_source:
            return False  # staff's own cover wins
        source = self.best_file(settings.LANGUAGE_CODE)
        if source is None:
            if self.cover:
                self.cover = None
                self.save()
            return False
        others = [file.refresh_cover() for file in self.file_list if file != source]
        if self.cover and self.cover_source == source.sha256:
            return any(others)
        stem = slugify_az(self.slug_az or self.title_az, max_length=60) or "cover"
        self.make_cover(source, f"{stem}.jpg")
        return True

    @property
    def shown_cover(self):
        """Staff's own cover everywhere, else the page language's PDF's, else the publication's."""
        if self.cover and not self.cover_source:
            return self
        own = self.file_for(site_language())
        return own if own is not None and own.cover else self

    # og:image and JSON-LD share the cover the page shows: its language's.
    shared_image_owner = shown_cover


def author_data(author):
    if author.is_organisation:
        return {"@type": "Organization", "name": author.name}
    data = {"@type": "Person", "name": author.name, "familyName": author.family_name}
    if author.given_names:
        data["givenName"] = author.given_names
    return data


@functools.cache
def file_label(language):
    """PublicationFile.label, once per language: the catalogues are read at start only."""
    with translation.override(language):
        return translation.pgettext("the PDF's button, in its language", "PDF in this language")


def publication_file_path(instance, filename):
    """``publications/<publication slug>-<language>.pdf``, whatever the uploaded name was."""
    stem = slugify_az(instance.publication.slug_az or "publication", max_length=80)
    return posixpath.join("publications", f"{stem}-{instance.language}.pdf")


class PublicationFileQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The files of the publications ``user`` may see (the media view serves their covers)."""
        return self.filter(visible_q(user, "publication__"))


# The query parameter that asks for a file to be shown in the browser (publications.views.download).
READ_INLINE = "inline"


class PublicationFile(CoverImage, FileOwner, models.Model):
    """The PDF of a publication in one language, with what was read from it on upload."""

    publication = models.ForeignKey(
        Publication,
        verbose_name=_("publication"),
        on_delete=models.CASCADE,
        related_name="files",
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    file = models.FileField(
        _("PDF file"),
        upload_to=publication_file_path,
        storage=publication_storage,
        max_length=255,
    )
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    page_count = models.PositiveIntegerField(_("pages"), default=0, editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    text = models.TextField(_("extracted text"), blank=True, editable=False)
    download_count = models.PositiveBigIntegerField(_("downloads"), default=0, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now, editable=False)
    # The first page of this PDF, for the pages in its language (Publication.shown_cover).
    cover = OwnedImageField(_("cover"), upload_to=COVER_UPLOAD_TO, blank=True, editable=False)

    objects = PublicationFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("PDF file")
        verbose_name_plural = _("PDF files")
        ordering = ["publication", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "language"], name="publications_one_file_per_language"
            )
        ]

    _inspected = None  # the upload already read

    def __str__(self):
        return self.download_name

    def save(self, *args, **kwargs):
        if self.file and self.file_changed("file"):
            self.read_pdf()
        # The PDF is written with the row: a failure removes it with it (a replaced one goes
        # once the change is committed: centre.files.FileOwner).
        with atomic_with_files():
            super().save(*args, **kwargs)
            # The publication's search entries hold this file's text.
            index_object(self.publication)

    def get_absolute_url(self):
        """The file's stable download address, ending in its readable name."""
        return reverse("publications:download", kwargs={"pk": self.pk, "name": self.download_stem})

    def get_read_url(self, download_url=None):
        """The same file, sent to be shown in the browser rather than saved (``download_url``:
        ``get_absolute_url()`` where the caller has it already)."""
        return f"{download_url or self.get_absolute_url()}?{READ_INLINE}=1"

    @property
    def label(self):
        """The file's name on its button, in the file's own language ("English PDF")."""
        return file_label(self.language)

    @property
    def title(self):
        publication = self.publication
        return getattr(publication, localized_field("title", self.language)) or publication.title_az

    @property
    def download_stem(self):
        """An ASCII name for the file: the title in its language, then the language code."""
        return f"{slugify_az(self.title, max_length=80) or 'publication'}-{self.language}"

    @property
    def download_name(self):
        return f"{self.download_stem}.pdf"

    @property
    def unicode_download_name(self):
        """The title itself, for browsers that read ``filename*``."""
        return f"{readable_file_name(self.title) or self.download_stem} ({self.language}).pdf"

    def read_pdf(self):
        """Check the uploaded PDF and record its size, pages, SHA-256 and text."""
        if self._inspected is self.file.file:
            return
        for name, value in asdict(inspect_pdf(self.file)).items():  # size, page_count, …
            setattr(self, name, value)
        self.uploaded_at = timezone.now()
        self._inspected = self.file.file

    def clean(self):
        super().clean()
        if self.file and not self.file._committed:
            try:
                self.read_pdf()
            except ValidationError as error:
                raise ValidationError({"file": error.error_list}) from error

    def refresh_cover(self):
        """Make this PDF's cover from its first page, unless it is made from this very PDF."""
        if self.cover and self.cover_source == self.sha256:
            return False
        fields = ["cover", "cover_renditions", "cover_source"]
        self.make_cover(self, f"{self.download_stem}.jpg", update_fields=fields)
        return True

    def count_download(self):
        """Add one download, atomically: concurrent requests each add theirs."""
        PublicationFile.objects.filter(pk=self.pk).update(download_count=F("download_count") + 1)
        MonthlyDownloads.add_one(self)


class MonthlyDownloadsQuerySet(models.QuerySet):
    def per_month(self, months=12):
        """``[(first day of the month, downloads), …]`` for the last ``months``, oldest first."""
        first = this_month()
        starts = [add_months(first, -offset) for offset in range(months - 1, -1, -1)]
        totals = dict(
            self.filter(month__gte=starts[0])
            .values("month")
            .annotate(total=Sum("count"))
            .values_list("month", "total")
        )
        return [(start, totals.get(start, 0)) for start in starts]


def this_month():
    return timezone.localdate().replace(day=1)


def add_months(day, months):
    index = day.year * 12 + day.month - 1 + months
    return day.replace(year=index // 12, month=index % 12 + 1, day=1)


class MonthlyDownloads(models.Model):
    """A PDF's downloads in one month (the admin home's chart); the file keeps its total too."""

    file = models.ForeignKey(PublicationFile, on_delete=models.CASCADE, related_name="monthly")
    month = models.DateField(_("month"))
    count = models.PositiveBigIntegerField(_("downloads"), default=0)

    objects = MonthlyDownloadsQuerySet.as_manager()

    class Meta:
        verbose_name = _("monthly downloads")
        verbose_name_plural = _("monthly downloads")
        constraints = [
            models.UniqueConstraint(fields=["file", "month"], name="one_count_per_file_and_month")
        ]

    def __str__(self):
        return f"{self.file} {self.month:%Y-%m}: {self.count}"

    @classmethod
    def add_one(cls, publication_file):
        """One more download this month: an update, or the month's first row (no race lost)."""
        rows = cls.objects.filter(file_id=publication_file.pk, month=this_month())
        if rows.update(count=F("count") + 1):
            return
        try:
            with transaction.atomic():
                cls.objects.create(file_id=publication_file.pk, month=this_month(), count=1)
        except IntegrityError:  # another request made it first
            rows.update(count=F("count") + 1)


# Deleting rows in bulk (a publication's cascade, a queryset) skips ``Model.delete()``; the
# stored files go with centre.files, the search entries here.
@receiver(post_delete, sender=PublicationFile)
def _reindex_after_file_deleted(sender, instance, **kwargs):
    index_object(instance.publication)


def downloads_chart(months=12):
    """The admin home's chart: each month's downloads, with a bar height in per cent."""
    figures = MonthlyDownloads.objects.per_month(months)
    highest = max((count for _month, count in figures), default=0) or 1
    return [
        {"month": month, "count": count, "height": round(count * 100 / highest)}
        for month, count in figures
    ]
