import logging

from django.apps import apps
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models, router
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.translator import translator

from .models import Technology, TranslationTracked
from .storage import atomic_with_files

logger = logging.getLogger(__name__)


@admin.register(Technology)
class TechnologyAdmin(TabbedTranslationAdmin):
    list_display = ("name", "slug", "order")
    list_editable = ("order",)
    search_fields = ("name_az", "name_en", "name_ru", "slug")


class TranslationStateMixin:
    """For the admin of a ``TranslationTracked`` model: a list column and a "checked" action."""

    @admin.display(description=gettext_lazy("translations"))
    def translation_state(self, obj):
        notes = [
            _("%(language)s: missing") % {"language": code.upper()}
            for code in obj.missing_translations()
        ]
        notes += [
            _("%(language)s: possibly outdated") % {"language": code.upper()}
            for code in obj.stale_translations()
        ]
        return "; ".join(notes) or _("complete")

    @admin.action(
        description=gettext_lazy("Mark the translations of the selected items as checked"),
        permissions=["change"],
    )
    def mark_translations_checked(self, request, queryset):
        for obj in queryset:
            obj.mark_translations_checked()
            obj.save(update_fields=["translation_sources"])
        self.message_user(request, _("Translations marked as checked."), messages.SUCCESS)


class UploadFailureMixin:
    """
    For the admin of a model with uploads: a file that cannot be stored (a full disk, a storage
    that does not answer) is a form error in the staff member's language, not a 500.

    The whole submission is one ``atomic_with_files()`` block: when a file cannot be written,
    the rows are rolled back and the files already written are deleted, so no row points at a
    missing file and no file is left that no row points at. The form is then shown again, as
    submitted, with the error.
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        try:
            with atomic_with_files(using=router.db_for_write(self.model)):
                return super().changeform_view(request, object_id, form_url, extra_context)
        except OSError:
            logger.exception("An upload could not be stored; nothing was saved.")
        request.upload_failed = True
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if getattr(request, "upload_failed", False):
            return type(form.__name__, (UploadFailedForm, form), {})
        return form


class UploadFailedForm:
    """The submitted form again, with the reason nothing was saved."""

    def full_clean(self):
        super().full_clean()
        self.add_error(
            None,
            _(
                "The uploaded file could not be stored (the server may be out of disk space), "
                "so nothing was saved. Please try again later, or tell the site's administrator."
            ),
        )


def _text_fields(model):
    """The translated fields staff write (not slugs, paths or files)."""
    tracked = getattr(model, "tracked_translation_fields", None)
    if tracked:
        return list(tracked)
    return [
        name
        for name in translator.get_options_for_model(model).fields
        if name not in ("slug", "url_path")
        and isinstance(model._meta.get_field(name), (models.CharField, models.TextField))
        and not isinstance(model._meta.get_field(name), models.SlugField)
    ]


def translation_report(user):
    """Every translated object with a missing or possibly outdated translation, and totals."""
    languages = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    totals = {code: {"missing": 0, "stale": 0} for code in languages}
    rows = []
    for model in sorted(
        translator.get_registered_models(abstract=False), key=lambda m: m._meta.label
    ):
        fields = _text_fields(model)
        if not fields or not user.has_perm(
            f"{model._meta.app_label}.view_{model._meta.model_name}"
        ):
            continue
        columns = [f"{field}_{code}" for field in fields for code, _name in settings.LANGUAGES]
        only = ["pk", *columns] + (
            ["translation_sources"] if issubclass(model, TranslationTracked) else []
        )
        for obj in model._default_manager.only(*only):
            missing = _missing(obj, fields, languages)
            stale = obj.stale_translations() if isinstance(obj, TranslationTracked) else {}
            if not missing and not stale:
                continue
            for code in languages:
                totals[code]["missing"] += len(missing.get(code, []))
                totals[code]["stale"] += len(stale.get(code, []))
            rows.append(
                {
                    "model": model._meta.verbose_name,
                    "object": obj,
                    "label": model._meta.label_lower,
                    "change_url": _change_url(obj),
                    "languages": [
                        {
                            "code": code,
                            "missing": missing.get(code, []),
                            "stale": stale.get(code, []),
                        }
                        for code in languages
                    ],
                    "can_check": isinstance(obj, TranslationTracked) and bool(stale),
                }
            )
    return rows, totals


def _missing(obj, fields, languages):
    missing = {}
    for field in fields:
        if getattr(obj, f"{field}_{settings.LANGUAGE_CODE}"):
            for code in languages:
                if not getattr(obj, f"{field}_{code}"):
                    missing.setdefault(code, []).append(field)
    return missing


def _change_url(obj):
    try:
        return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:  # e.g. an inline-only model: fixed from its parent's form
        return ""


@require_http_methods(["GET", "HEAD", "POST"])
def translations_view(request):
    """Admin page "Translations": what is untranslated or possibly outdated, per object."""
    if request.method == "POST":
        return _mark_checked(request)
    rows, totals = translation_report(request.user)
    context = {
        **admin.site.each_context(request),
        "title": _("Translations"),
        "rows": rows,
        "totals": totals,
    }
    return TemplateResponse(request, "admin/translations.html", context)


def _mark_checked(request):
    try:
        model = apps.get_model(request.POST.get("model", ""))
    except (LookupError, ValueError):
        model = None
    if model is None or not issubclass(model, TranslationTracked):
        raise PermissionDenied
    if not request.user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}"):
        raise PermissionDenied
    pk, language = request.POST.get("pk", ""), request.POST.get("language")
    obj = model._default_manager.filter(pk=pk).first() if pk.isdigit() else None
    if obj is not None and language in dict(settings.LANGUAGES):
        obj.mark_translations_checked(languages=[language])
        obj.save(update_fields=["translation_sources"])
        messages.success(request, _("Translation marked as checked."))
    return redirect("admin-translations")
