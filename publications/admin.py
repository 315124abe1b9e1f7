from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Sum
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy
from modeltranslation.utils import get_translation_fields

from centre.admin import ContentAdmin, PublicParentInlineMixin, TaxonomyAdmin

from .models import Publication, PublicationFile, Sector


class PublicationFileInline(PublicParentInlineMixin, admin.TabularInline):
    model = PublicationFile
    # Django names each stored file once, on the row's first line (its download name, linked
    # as "View on site"); the details cell folds its size and pages over its SHA-256 and
    # downloads. A 64-character hash in a column of its own made the form wider than the screen.
    fields = ("language", "file", "details")
    readonly_fields = ("details",)
    # A plain file input, never a link to the stored file: PDFs have no public address.
    formfield_overrides = {models.FileField: {"widget": forms.FileInput(attrs={"accept": ".pdf"})}}
    # Without JavaScript there is no "add another" button: a row per missing language (the
    # formset stops at max_num rows, stored files included).
    extra = max_num = len(settings.LANGUAGES)

    @admin.display(description=_("Details"))
    def details(self, publication_file):
        if not publication_file.pk:
            return "—"
        return format_html(
            '<details class="pdf-details"><summary>{} · {}</summary>'
            '<p>SHA-256 <code class="pdf-details__hash">{}</code></p><p>{}</p></details>',
            filesizeformat(publication_file.size),
            ngettext("%(count)d page", "%(count)d pages", publication_file.page_count)
            % {"count": publication_file.page_count},
            publication_file.sha256,
            ngettext(
                "downloaded %(count)d time",
                "downloaded %(count)d times",
                publication_file.download_count,
            )
            % {"count": publication_file.download_count},
        )


class PublicationYearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Publication.objects.dates("publication_date", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isascii() and value.isdigit() and len(value) == 4:
            return queryset.filter(publication_date__year=int(value))
        return queryset


@admin.register(Publication)
class PublicationAdmin(ContentAdmin):
    list_display = (
        "cover_thumbnail",
        "title",
        "publication_type",
        "publication_date",
        "status",
        "publish_from",
        "featured",
        "languages",
        "translation_state",
        "total_downloads",
    )
    list_display_links = ("cover_thumbnail", "title")
    list_filter = (
        "publication_type",
        PublicationYearFilter,
        "technologies",
        "status",
        "featured",
        "sectors",
    )
    search_fields = (*get_translation_fields("title", "authors"), "slug_az")
    readonly_fields = ("cover_preview", "total_downloads", "created_at", "updated_at")
    publish_action = ("publish", _("Publish the selected publications"))
    withdraw_action = ("unpublish", _("Withdraw the selected publications (back to draft)"))
    updated_message = ngettext_lazy(
        "%(count)d publication updated.", "%(count)d publications updated.", "count"
    )
    inlines = (PublicationFileInline,)
    # The history keeps a publication's text, dates and topics (technologies, sectors, stored
    # with it); its PDFs and cover are files, kept only in their current version.
    kept_on_revert = ("cover", "cover_renditions", "cover_source")
    fieldsets = (
        (None, {"fields": ("title", "slug", "abstract")}),
        (
            _("About the publication"),
            {"fields": ("publication_type", "publication_date", "authors", "publisher")},
        ),
        (_("Topics"), {"fields": ("technologies", "sectors")}),
        (_("Cover"), {"fields": ("cover_preview", "cover", "cover_alt")}),
        (
            _("Publishing"),
            {
                "fields": (
                    "status",
                    "publish_from",
                    "featured",
                    "total_downloads",
                    "created_at",
                    "updated_at",
                )
            },
        ),
    )

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.annotate(downloads=Sum("files__download_count")).with_files()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The files are saved only now: the cover can be made from the first PDF page. The
        # publication was loaded with its files (the list's prefetch) before the inlines added,
        # replaced or deleted some: read it again.
        form.instance.refresh_from_db()
        try:
            form.instance.refresh_cover()
        except ValidationError as error:
            # The file passed the same limits moments ago; a busy server may run out of time.
            self.message_user(
                request,
                _("The cover could not be made from the PDF: %(error)s")
                % {"error": " ".join(error.messages)},
                messages.WARNING,
            )

    @admin.display(description=_("languages"))
    def languages(self, publication):
        return ", ".join(code.upper() for code in publication.file_languages) or "—"

    @admin.display(description=_("downloads"), ordering="downloads")
    def total_downloads(self, publication):
        return getattr(publication, "downloads", None) or 0  # annotated by get_queryset()

    @admin.display(description=_("cover"))
    def cover_thumbnail(self, publication):
        image = publication.cover_image
        if not image:
            return "—"
        return format_html(
            '<img class="publication-cover-thumbnail" src="{}" alt="" width="48">', image["src"]
        )

    @admin.display(description=_("current cover"))
    def cover_preview(self, publication):
        image = publication.cover_image
        if not image:
            return _("None yet: the first page of the PDF becomes the cover when it is saved.")
        origin = (
            _("made from the first page of the PDF") if publication.cover_source else _("uploaded")
        )
        sizes = format_html_join(
            ", ", "{}×{}", ((r["width"], r["height"]) for r in publication.cover_renditions)
        )
        return format_html(
            '<img class="publication-cover-preview" src="{}" alt="{}" width="160">'
            "<br><small>{} · {}</small>",
            image["src"],
            publication.cover_description,
            origin,
            sizes,
        )


admin.site.register(Sector, TaxonomyAdmin)
