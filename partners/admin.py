from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from modeltranslation.utils import get_translation_fields

from centre.admin import ContentAdmin
from centre.text import collation_key

from .countries import country_codes, country_name
from .models import Partner


class CountryFilter(admin.SimpleListFilter):
    """The countries partners are in (not all 250), named in the staff member's language."""

    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        codes = (
            model_admin.get_queryset(request)
            .exclude(country="")
            .order_by()
            .values_list("country", flat=True)
            .distinct()
        )
        names = [(code, country_name(code)) for code in codes]
        return sorted(names, key=lambda item: collation_key(item[1], request.LANGUAGE_CODE))

    def queryset(self, request, queryset):
        # Only real codes reach the database (a NUL byte would upset PostgreSQL).
        if self.value() in country_codes():
            return queryset.filter(country=self.value())
        return queryset


@admin.register(Partner)
class PartnerAdmin(ContentAdmin):
    list_display = (
        "logo_thumbnail",
        "name",
        "kind",
        "country_display",
        "is_active",
        "order",
        "languages",
        "translation_state",
    )
    list_display_links = ("logo_thumbnail", "name")
    list_editable = ("order",)
    list_filter = ("kind", CountryFilter, "is_active", "technologies")
    # A partner is public while it is active: only publishers switch that.
    publishing_fields = ("is_active",)
    published_values = {"is_active": True}
    unpublished_values = {"is_active": False}
    publish_action = ("activate", _("Activate the selected partners"))
    withdraw_action = (
        "deactivate",
        _("Deactivate the selected partners (hide them from the public)"),
    )
    updated_message = ngettext_lazy(
        "%(count)d partner updated.", "%(count)d partners updated.", "count"
    )
    # Logo files are not versioned (a replaced logo's files are deleted).
    kept_on_revert = ("logo", "logo_renditions", *get_translation_fields("sort_name"))
    search_fields = get_translation_fields("name", "short_name")
    readonly_fields = ("logo_preview", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("name", "short_name", "slug", "kind", "summary", "description")}),
        (
            _("Organisation"),
            {"fields": ("country", "host_institution", "founded_year", "website", "reference_url")},
        ),
        (_("Logo"), {"fields": ("logo_preview", "logo")}),
        (
            _("Technologies and display"),
            {"fields": ("technologies", "is_active", "order", "created_at", "updated_at")},
        ),
    )

    @admin.display(description=_("logo"))
    def logo_thumbnail(self, partner):
        return self._logo(partner, "thumbnail") or "—"

    @admin.display(description=_("current logo"))
    def logo_preview(self, partner):
        return self._logo(partner, "preview") or _("No logo yet.")

    @admin.display(description=_("country"), ordering="country")
    def country_display(self, partner):
        return partner.country_name or "—"

    @staticmethod
    def _logo(partner, size):
        image = partner.logo_image
        if image is None:
            return ""
        return format_html(
            '<img class="partner-logo-{0}" src="{src}" alt="" width="{width}" height="{height}">',
            size,
            **image,
        )
