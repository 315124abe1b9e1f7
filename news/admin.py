from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from centre.admin import ContentAdmin

from .models import NewsItem


@admin.register(NewsItem)
class NewsItemAdmin(ContentAdmin):
    list_display = (
        "title",
        "kind",
        "date",
        "status",
        "publish_from",
        "languages",
        "translation_state",
    )
    list_filter = ("kind", "status")
    date_hierarchy = "date"
    search_fields = ("title_az", "title_en", "title_ru", "slug_az")
    publish_action = ("publish", _("Publish the selected news items"))
    withdraw_action = ("unpublish", _("Withdraw the selected news items (back to draft)"))
    updated_message = ngettext_lazy(
        "%(count)d news item updated.", "%(count)d news items updated.", "count"
    )
    # Image files are not versioned (a replaced image's files are deleted).
    kept_on_revert = ("image", "image_renditions")
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("kind", "date", "title", "slug", "summary", "body")}),
        (
            _("Event"),
            {
                "fields": ("start_date", "start_time", "end_date", "end_time", "place"),
                "description": _("For events only, in Baku time. Leave a time empty if unknown."),
            },
        ),
        (_("Source"), {"fields": ("source_url", "source_name")}),
        (_("Image"), {"fields": ("image", "image_alt")}),
        (_("Related"), {"fields": ("partners", "publications")}),
        (
            _("Publishing"),
            {"fields": ("status", "publish_from", "created_at", "updated_at")},
        ),
    )
