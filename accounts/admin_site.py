from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, gettext, gettext_lazy
from django.views.decorators.http import require_http_methods
from modeltranslation.translator import translator

from centre.admin_input import with_sane_input
from centre.i18n import translation_languages
from centre.models import (
    ReviewRequest,
    StaffLanguage,
    TranslationTracked,
    may_publish,
    missing_translations,
    passed_two_factor,
)
from centre.review import (
    my_drafts,
    posted_text,
    publish_permission,
    review_desk,
    scheduled_items,
)
from centre.text import collation_key
from publications.models import Publication, downloads_chart

from .forms import AdminLoginForm
from .views import TwoFactorView

# The admin index, content first: what editors work on, then the site's settings, then staff
# accounts and security. Apps not named here follow, by name.
APP_ORDER = [
    "pages",
    "partners",
    "publications",
    "news",
    "centre",
    "auth",
    "axes",
    "otp_totp",
]


class CentreAdminSite(admin.AdminSite):
    """The admin: content first, bounded input, the "Translations" page, two-factor login."""

    site_header = gettext_lazy("4SIM Centre administration")
    site_title = gettext_lazy("4SIM administration")
    index_title = gettext_lazy("Site content")
    login_template = "admin/centre_login.html"
    login_form = AdminLoginForm

    def has_permission(self, request):
        return super().has_permission(request) and passed_two_factor(request.user)

    def login(self, request, extra_context=None):
        staff = super().has_permission(request)  # active staff, with the two-factor step or not
        if request.method == "GET" and staff and not passed_two_factor(request.user):
            # Logged in with a password, but the two-factor step is missing; where the login
            # was headed goes along (the two-factor step checks that it is safe).
            url = reverse("admin:two_factor")
            if request.GET.get(REDIRECT_FIELD_NAME):
                url += "?" + urlencode({REDIRECT_FIELD_NAME: request.GET[REDIRECT_FIELD_NAME]})
            return redirect(url)
        return super().login(request, extra_context)

    def get_app_list(self, request, app_label=None):
        language = get_language() or "en"
        app_list = super().get_app_list(request, app_label)
        for app in app_list:
            for model in app["models"]:
                # A library's model name that is not marked for translation (django-otp's
                # "TOTP devices") is looked up in our catalogue; a translated one stays as it is.
                model["name"] = gettext(str(model["name"]))
            app["models"].sort(key=lambda model: collation_key(model["name"], language))
        position = {label: number for number, label in enumerate(APP_ORDER)}
        app_list.sort(
            key=lambda app: (
                position.get(app["app_label"], len(APP_ORDER)),
                collation_key(str(app["name"]), language),
            )
        )
        return app_list

    def register(self, model_or_iterable, admin_class=None, **options):
        # Every admin, Django's and the libraries' too, with bounded input (centre.admin_input).
        admin_class = with_sane_input(admin_class or admin.ModelAdmin)
        super().register(model_or_iterable, admin_class, **options)

    def get_urls(self):
        return [
            # Not behind admin_view(): it is where a session that may not use the admin yet goes.
            path("two-factor/", TwoFactorView.as_view(site=self), name="two_factor"),
            path("translations/", self.admin_view(self.translations_view), name="translations"),
            path(
                "review/<int:pk>/reject/", self.admin_view(self.reject_view), name="reject_review"
            ),
            *super().get_urls(),
        ]

    def index(self, request, extra_context=None):
        if get_language() in dict(settings.LANGUAGES):
            StaffLanguage.remember(request.user, get_language())
        _rows, totals = self.translation_report(request.user)
        context = {
            "desk": review_desk(request.user),
            "drafts": () if may_publish(request.user) else my_drafts(request.user, self),
            "scheduled": scheduled_items(request.user),
            "translation_totals": totals,
            "downloads": downloads_chart(),
            "top_publications": Publication.objects.most_downloaded_this_month(),
        }
        return super().index(request, {**context, **(extra_context or {})})

    @method_decorator(require_http_methods(["POST"]))
    def reject_view(self, request, pk):
        """A publisher's rejection of a review request, with the reason the editor reads."""
        review = ReviewRequest.objects.filter(pk=pk).first()
        obj = review and review.content_object
        if obj is None or not request.user.has_perm(publish_permission(type(obj))):
            raise PermissionDenied
        if review.closed_at is not None:  # by another publisher, or a second click
            messages.info(
                request,
                gettext(
                    "This review request was already closed: the item was published or rejected."
                ),
            )
            return redirect("admin:index")
        reason = posted_text(request, "reason")
        if not reason:
            messages.error(request, gettext("Please give the reason for the rejection."))
            return redirect("admin:index")
        review.close(request.user, reason)
        self.get_model_admin(type(obj)).log_change(
            request, obj, gettext("Review rejected: %(reason)s") % {"reason": reason}
        )
        messages.success(request, gettext("The editor will see your reason on the item."))
        return redirect("admin:index")

    @method_decorator(require_http_methods(["GET", "HEAD", "POST"]))
    def translations_view(self, request):
        """What is untranslated or possibly outdated, per object; a translation marked checked."""
        if request.method == "POST":
            try:
                model = apps.get_model(request.POST.get("model", ""))
            except (LookupError, ValueError):
                raise PermissionDenied from None
            opts = model._meta
            if not issubclass(model, TranslationTracked) or not request.user.has_perm(
                f"{opts.app_label}.change_{opts.model_name}"
            ):
                raise PermissionDenied
            pk, language = request.POST.get("pk", ""), request.POST.get("language")
            obj = pk.isascii() and pk.isdigit() and model._default_manager.filter(pk=pk).first()
            if obj and language in dict(settings.LANGUAGES):
                obj.mark_translations_checked(languages=[language])
                obj.save(update_fields=["translation_sources"])
                messages.success(request, gettext("Translation marked as checked."))
            return redirect("admin:translations")
        rows, totals = self.translation_report(request.user)
        context = {
            **self.each_context(request),
            "title": gettext("Translations"),
            "rows": rows,
            "totals": totals,
        }
        return TemplateResponse(request, "admin/translations.html", context)

    def translation_report(self, user):
        """Every translated object with a missing or possibly outdated translation, and totals."""
        languages = translation_languages()
        totals = {code: {"missing": 0, "stale": 0} for code in languages}
        rows = []
        for model in sorted(
            translator.get_registered_models(abstract=False), key=lambda m: m._meta.label
        ):
            # The fields staff write, not slugs or files (where none are tracked, all are text).
            opts = model._meta
            fields = getattr(model, "tracked_translation_fields", None) or list(
                translator.get_options_for_model(model).fields
            )
            if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
                continue
            columns = [f"{field}_{code}" for field in fields for code, _name in settings.LANGUAGES]
            tracked = issubclass(model, TranslationTracked)
            # An inline-only model has no form of its own: it is fixed from its parent's.
            change = self.is_registered(model) and admin_urlname(opts, "change")
            # The translation view of each tracked item (ContentAdmin's).
            translate_url = change and getattr(self.get_model_admin(model), "translation_url", None)
            only = ["pk", *columns] + (["translation_sources"] if tracked else [])
            for obj in model._default_manager.only(*only):
                missing = missing_translations(obj, fields)
                stale = obj.stale_translations() if tracked else {}
                if not missing and not stale:
                    continue
                # Totals count items (a page, a partner), not their fields.
                for code in languages:
                    totals[code]["missing"] += bool(missing.get(code))
                    totals[code]["stale"] += bool(stale.get(code))
                rows.append(
                    {
                        "model": opts.verbose_name,
                        "object": obj,
                        "label": opts.label_lower,
                        "change_url": change and reverse(change, args=[obj.pk]),
                        "translate_url": translate_url and translate_url(obj),
                        "languages": [
                            {
                                "code": code,
                                "missing": verbose_names(model, missing.get(code, [])),
                                "stale": verbose_names(model, stale.get(code, [])),
                            }
                            for code in languages
                        ],
                    }
                )
        return rows, totals


def verbose_names(model, fields):
    """Fields as staff know them from the form, in their language: "title" -> "başlıq"."""
    return [str(model._meta.get_field(field).verbose_name) for field in fields]
