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
from django.utils.translation import gettext_lazy, gettext_noop
from django.views.decorators.http import require_http_methods
from js_asset import Media
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.translator import translator
from reversion.admin import VersionAdmin

from .models import Status, Technology, TranslationTracked
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


class CspNonceMediaMixin:
    """
    Give the change form's scripts this request's Content-Security-Policy nonce.

    The rich-text editor's import map is an inline ``<script type="importmap">``: with the nonce
    (django-js-asset's ``Media`` carries it) it runs under a policy without 'unsafe-inline'.
    """

    def render_change_form(self, request, context, *args, **kwargs):
        nonce = getattr(request, "csp_nonce", None)
        if nonce is not None and "media" in context:
            context["media"] = Media.from_media(context["media"], nonce=nonce)
        return super().render_change_form(request, context, *args, **kwargs)


class PublishingPermissionMixin:
    """
    Editors write; only staff with the model's ``publish_<model>`` permission (the *Publisher*
    role) decide what the public sees.

    Without it the fields that make an object public (``publishing_fields``) are read-only, a
    new object is saved unpublished, the publish and withdraw actions are not offered, a public
    object cannot be deleted, and no version can be restored that would change whether it is
    public.
    """

    #: The fields whose values decide whether the public sees an object.
    publishing_fields = ("status", "publish_from")
    #: What a new object gets when its author may not publish.
    unpublished_values = {"status": Status.DRAFT}

    def is_public(self, obj):
        """Whether ``obj`` is (or is scheduled to be) shown to the public."""
        return obj.status == Status.PUBLISHED

    def publishing_state(self, values):
        """The publishing fields' values, from an object or a ``{field: value}`` dict."""
        if isinstance(values, dict):
            return tuple(values.get(field) for field in self.publishing_fields)
        return tuple(getattr(values, field) for field in self.publishing_fields)

    def has_publish_permission(self, request):
        opts = self.model._meta
        return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if self.has_publish_permission(request):
            return readonly
        return readonly + tuple(f for f in self.publishing_fields if f not in readonly)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None or self.has_publish_permission(request):
            return form
        unpublished_values = self.unpublished_values

        class UnpublishedForm(form):
            """Shows (read-only) what a new object by this user will be: not public."""

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for field, value in unpublished_values.items():
                    setattr(self.instance, field, value)

        return UnpublishedForm

    def has_delete_permission(self, request, obj=None):
        if obj is not None and self.is_public(obj) and not self.has_publish_permission(request):
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not self.has_publish_permission(request):
            # The form has no publishing fields for this user; whatever else set them, the
            # stored values (or, for a new object, unpublished ones) are what gets saved.
            if change:
                stored = type(obj)._default_manager.filter(pk=obj.pk)
                values = stored.values(*self.publishing_fields).first() or {}
            else:
                values = self.unpublished_values
            for field, value in values.items():
                setattr(obj, field, value)
        super().save_model(request, obj, form, change)

    def set_publishing_state(self, request, queryset, values, message):
        """For the publish/withdraw actions: save each object, so history and search follow."""
        count = 0
        for obj in self.model._default_manager.filter(pk__in=queryset.values("pk")):
            for field, value in values.items():
                setattr(obj, field, value)
            obj.save()
            count += 1
        self.message_user(request, message(count), messages.SUCCESS)


class HistoryMixin(VersionAdmin):
    """
    Every change saved in the admin is kept (django-reversion): who, when, every field in every
    language. The object's *History* lists the versions; opening one shows it in the usual form,
    all language tabs included, and saving restores it.

    Fields named in ``kept_on_revert`` (stored file names and what is derived from them, stored
    addresses) keep their current values when a version is restored: an old version's files have
    been deleted, and an address is rebuilt from the restored slugs by ``save()``.
    """

    history_latest_first = True
    kept_on_revert = ()
    # Deleted objects are not restored from history: deleting is a publisher's decision, and
    # their files are gone.
    change_list_template = None
    object_history_template = "admin/centre_object_history.html"
    revision_form_template = "admin/centre_revision_form.html"

    def get_urls(self):
        return [
            url
            for url in super().get_urls()
            if not (url.name or "").endswith(("_recover", "_recoverlist"))
        ]

    def _reversion_revisionform_view(self, request, version, template_name, extra_context=None):
        # Wraps django-reversion's view (pinned version) to check publishing rights and keep
        # the current files before it restores the version in the database.
        model = version._model
        current = model._default_manager.filter(pk=version.object_id).first()
        history_url = reverse(
            f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_history",
            args=[version.object_id],
        )
        if (
            isinstance(self, PublishingPermissionMixin)
            and not self.has_publish_permission(request)
            and (
                current is None
                or self.publishing_state(current) != self.publishing_state(version.field_dict)
            )
        ):
            messages.error(
                request,
                _(
                    "Restoring this version would change whether the public sees it; only a "
                    "publisher can do that."
                ),
            )
            return redirect(history_url)
        kept = {name: getattr(current, name) for name in self.kept_on_revert} if current else {}
        revision = version.revision
        revert = revision.revert

        def revert_keeping_current_files(delete=False):
            revert(delete=delete)
            if kept:
                model._default_manager.filter(pk=current.pk).update(**kept)

        revision.revert = revert_keeping_current_files
        # A version whose slug another item has taken since is refused by django-reversion
        # with a message (its unique-constraint error never reaches the staff member).
        return super()._reversion_revisionform_view(request, version, template_name, extra_context)


class ContentAdmin(
    UploadFailureMixin,
    PublishingPermissionMixin,
    CspNonceMediaMixin,
    TranslationStateMixin,
    HistoryMixin,
    TabbedTranslationAdmin,
):
    """
    The admin of the Centre's content (pages, partners, publications): az/en/ru tabs, what is
    not yet translated, publishing rights, history, and uploads that fail cleanly.
    """


# django-reversion ships no Azerbaijani catalogue: the messages of its that staff see are
# translated in the site's own.
REVERSION_MESSAGES = (
    gettext_noop("Initial version."),
    gettext_noop("Reverted to previous version, saved on %(datetime)s"),
    gettext_noop("Could not save %(object_repr)s version - missing dependency."),
)
