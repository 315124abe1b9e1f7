from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from modeltranslation.admin import TranslationStackedInline
from modeltranslation.utils import get_translation_fields

from centre.admin import ContentAdmin
from centre.models import Status

from .models import Milestone, Page, PageRedirect


class MilestoneInline(TranslationStackedInline):
    model = Milestone
    extra = 0
    fields = ("date", "title", "description")


@admin.register(Page)
class PageAdmin(ContentAdmin):
    list_display = (
        "title",
        "parent",
        "status",
        "publish_from",
        "show_in_menu",
        "menu_order",
        "languages",
        "translation_state",
        "updated_at",
    )
    list_editable = ("menu_order",)
    list_filter = ("status", "show_in_menu", "is_home", "parent")
    list_select_related = ("parent",)
    search_fields = get_translation_fields("title", "url_path")
    readonly_fields = ("addresses", "created_at", "updated_at")
    publish_action = ("publish", _("Publish the selected pages"))
    withdraw_action = ("unpublish", _("Withdraw the selected pages (back to draft)"))
    updated_message = ngettext_lazy("%(count)d page updated.", "%(count)d pages updated.", "count")
    inlines = (MilestoneInline,)
    # The home page decides what the public sees at /az/: a publisher's choice, like publishing.
    publishing_fields = ("status", "publish_from", "is_home")
    unpublished_values = {"status": Status.DRAFT, "is_home": False}
    # A page is public only under public pages: whoever may not publish moves a page only where
    # the public sees it (and the pages under it) as before. Drafts move freely.
    placement_fields = ("parent",)
    placement_error = _(
        "Only a publisher can move this page there: a page is public only while every page "
        "above it is, so the move would show or hide it (or the pages under it)."
    )
    # A page's history keeps its milestones: a restored version brings them back as they were.
    history_follow = ("milestones",)
    # Addresses are rebuilt from the restored slugs (old ones redirect); images are not versioned.
    kept_on_revert = get_translation_fields("url_path", "og_image")
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "body")}),
        (
            _("Place in the site"),
            {"fields": ("parent", "is_home", "show_in_menu", "menu_order", "addresses")},
        ),
        (_("Publishing"), {"fields": ("status", "publish_from", "created_at", "updated_at")}),
        (_("Search engines and sharing"), {"fields": ("seo_description", "og_image")}),
    )

    def public_state(self, page):
        return page.public_state()

    @admin.display(description=_("addresses"))
    def addresses(self, page):
        if not page.pk:
            return _("Made from the slugs when the page is saved.")
        return ", ".join(
            f"/{code}/{path}/".replace("//", "/") for code, path in page.addresses().items()
        )


@admin.register(PageRedirect)
class PageRedirectAdmin(admin.ModelAdmin):
    list_display = ("__str__", "page", "created_at")
    list_filter = ("language",)
    search_fields = ("old_path",)
