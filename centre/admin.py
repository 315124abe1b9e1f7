import copy
import logging

import reversion
from django.apps import apps
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.db import IntegrityError, models, router
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.formats import localize
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from js_asset import Media
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.translator import translator
from reversion.errors import RevertError
from reversion.models import Version

from .models import SiteContact, Status, Technology, TranslationTracked
from .storage import atomic_with_files

logger = logging.getLogger(__name__)


@admin.register(Technology)
class TechnologyAdmin(TabbedTranslationAdmin):
    list_display = ("name", "slug", "order")
    list_editable = ("order",)
    search_fields = ("name_az", "name_en", "name_ru", "slug")


@admin.register(SiteContact)
class SiteContactAdmin(TabbedTranslationAdmin):
    """The footer's contact details: one row, edited in place (never added twice or deleted)."""

    fields = ("email", "phone", "website", "address")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteContact.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # The list of one row is the row itself (or the form to write it the first time).
        if SiteContact.objects.exists():
            return redirect("admin:centre_sitecontact_change", quote(1))
        return redirect("admin:centre_sitecontact_add")


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
            # Totals count items (a page, a partner), not their fields.
            for code in languages:
                totals[code]["missing"] += bool(missing.get(code))
                totals[code]["stale"] += bool(stale.get(code))
            rows.append(
                {
                    "model": model._meta.verbose_name,
                    "object": obj,
                    "label": model._meta.label_lower,
                    "change_url": _change_url(obj),
                    "languages": [
                        {
                            "code": code,
                            "missing": _verbose_names(model, missing.get(code, [])),
                            "stale": _verbose_names(model, stale.get(code, [])),
                        }
                        for code in languages
                    ],
                    "can_check": isinstance(obj, TranslationTracked) and bool(stale),
                }
            )
    return rows, totals


def _verbose_names(model, fields):
    """Fields as staff know them from the form, in their language: "title" -> "başlıq"."""
    return [str(model._meta.get_field(field).verbose_name) for field in fields]


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
    obj = model._default_manager.filter(pk=pk).first() if pk.isascii() and pk.isdigit() else None
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
    object cannot be deleted, and a version restored from history keeps the current publishing
    fields (see ``HistoryMixin``).

    Some fields decide where an object is and, with that, sometimes whether the public sees it
    (``placement_fields``: a page's parent, as a page is public only under public pages). Without
    the permission they may be changed only while ``public_state()`` stays the same: the form
    refuses any other change with ``placement_error``, and a restored version keeps their
    current values instead.
    """

    #: The fields whose values decide whether the public sees an object.
    publishing_fields = ("status", "publish_from")
    #: What a new object gets when its author may not publish.
    unpublished_values = {"status": Status.DRAFT}
    #: Fields whoever may not publish changes only while the public sees no difference.
    placement_fields = ()
    #: Why the form refuses such a change.
    placement_error = gettext_lazy(
        "Only a publisher can make this change: it would change whether the public sees this "
        "item or what is under it."
    )

    def is_public(self, obj):
        """Whether ``obj`` is (or is scheduled to be) shown to the public."""
        return obj.status == Status.PUBLISHED

    def publishing_state(self, values):
        """The publishing fields' values, from an object or a ``{field: value}`` dict."""
        if isinstance(values, dict):
            return tuple(values.get(field) for field in self.publishing_fields)
        return tuple(getattr(values, field) for field in self.publishing_fields)

    def public_state(self, obj):
        """
        What decides whether, and from when, the public sees ``obj`` and what depends on it. By
        default its publishing fields' values; an admin with ``placement_fields`` asks the model
        (``Page.public_state()``: its place in the tree counts too).
        """
        return self.publishing_state(obj)

    def has_publish_permission(self, request):
        opts = self.model._meta
        return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")

    def keeps_public_state(self, request, stored, changed):
        """Whether ``request.user`` may turn ``stored`` into ``changed`` (unsaved)."""
        return self.has_publish_permission(request) or (
            self.public_state(stored) == self.public_state(changed)
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if self.has_publish_permission(request):
            return readonly
        return readonly + tuple(f for f in self.publishing_fields if f not in readonly)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if self.has_publish_permission(request):
            return form
        if obj is not None:
            return self._placement_form(request, form) if self.placement_fields else form
        unpublished_values = self.unpublished_values

        class UnpublishedForm(form):
            """Shows (read-only) what a new object by this user will be: not public."""

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for field, value in unpublished_values.items():
                    setattr(self.instance, field, value)

        return UnpublishedForm

    def _placement_form(self, request, form):
        model_admin = self

        class PlacementForm(form):
            """Refuses a change of place that would change what the public sees."""

            def clean(self):
                cleaned_data = super().clean()
                # The instance is still as stored: the form's values are set after clean().
                changed = copy.copy(self.instance)
                for name in model_admin.placement_fields:
                    if name in cleaned_data:
                        setattr(changed, name, cleaned_data[name])
                if not model_admin.keeps_public_state(request, self.instance, changed):
                    for name in model_admin.placement_fields:
                        if name in self.changed_data:
                            self.add_error(name, model_admin.placement_error)
                return cleaned_data

        return PlacementForm

    def has_delete_permission(self, request, obj=None):
        if obj is not None and self.is_public(obj) and not self.has_publish_permission(request):
            return False
        return super().has_delete_permission(request, obj)

    def render_change_form(self, request, context, *args, **kwargs):
        context["may_publish"] = self.has_publish_permission(request)
        return super().render_change_form(request, context, *args, **kwargs)

    def fields_kept_on_restore(self, request):
        kept = super().fields_kept_on_restore(request)
        if self.has_publish_permission(request):
            return kept
        return (*kept, *self.publishing_fields)

    def restoring(self, request, stored, restored):
        super().restoring(request, stored, restored)
        if self.keeps_public_state(request, stored, restored):
            return
        names = []
        for name in self.placement_fields:
            field = self.opts.get_field(name)
            if getattr(restored, field.attname) != getattr(stored, field.attname):
                setattr(restored, field.attname, getattr(stored, field.attname))
                names.append(str(field.verbose_name))
        if names:
            messages.warning(
                request,
                _(
                    "Not restored from this version: %(fields)s. It would change whether the "
                    "public sees this item or what is under it, which only a publisher can do."
                )
                % {"fields": ", ".join(names)},
            )

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


class PublicParentInlineMixin:
    """
    For an inline whose rows the public gets with their parent (a publication's PDFs): while the
    parent is public, only whoever may publish it adds, replaces or removes them, as adding one
    makes it public and removing one withdraws it. The parent's admin must be a
    ``PublishingPermissionMixin``.
    """

    def _parent_is_locked(self, request, obj):
        parent_admin = self.admin_site.get_model_admin(self.parent_model)
        return (
            obj is not None
            and parent_admin.is_public(obj)
            and not parent_admin.has_publish_permission(request)
        )

    def has_add_permission(self, request, obj):
        return not self._parent_is_locked(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._parent_is_locked(request, obj) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return not self._parent_is_locked(request, obj) and super().has_delete_permission(
            request, obj
        )


class HistoryMixin:
    """
    Every change saved in the admin is kept (django-reversion): who, when, every field in every
    language, and the related objects named in ``history_follow`` (a page's milestones). The
    object's *History* lists its versions; opening one shows it in the usual form, all language
    tabs included, and saving restores it.

    Restoring a version restores that object only, with what it follows as it was in the same
    revision: a list action records every object it touched in one revision, and the others are
    left alone. The version's values are applied to the current object and saved with its own
    ``save()`` (addresses, search), then the usual form is shown or, on *Save*, processed like
    any change (a new version, the page cache renewed); otherwise nothing is kept.

    Django-reversion's own ``Revision.revert()`` would restore every object of the revision, and
    ``Version.revert()`` writes the stored row raw (no signals, old file names): so the view is
    ours, and only reversion's public API (``create_revision``, ``Version.field_dict``) is used.

    What ``fields_kept_on_restore()`` names keeps its current value: ``kept_on_revert`` (stored
    file names and what is derived from them, as an old version's files have been deleted; stored
    addresses, rebuilt from the restored slugs by ``save()``) and, for whoever may not publish,
    the publishing fields. Deleted objects are not restored from history: deleting is a
    publisher's decision, and their files are gone.
    """

    #: Reverse relations kept in each version and restored with it (e.g. a page's milestones).
    history_follow = ()
    kept_on_revert = ()
    object_history_template = "admin/centre_object_history.html"
    version_form_template = "admin/centre_revision_form.html"

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        if not reversion.is_registered(model):
            for name in self.history_follow:
                related = model._meta.get_field(name).related_model
                if not reversion.is_registered(related):
                    reversion.register(related)
            reversion.register(model, follow=self.history_follow)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/history/<int:version_id>/",
                self.admin_site.admin_view(self.version_view),
                name=f"{self.opts.app_label}_{self.opts.model_name}_version",
            ),
            *super().get_urls(),
        ]

    def fields_kept_on_restore(self, request):
        return tuple(self.kept_on_revert)

    def restoring(self, request, stored, restored):
        """
        Called with the object as stored and as brought back to a version (``restored``, not
        yet saved); may set some of ``restored``'s fields back (see PublishingPermissionMixin).
        """

    # Recording: every view that saves runs in one revision, with who and what.

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        # List actions and list edits.
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().changelist_view(request, extra_context)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._comment(entry)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._comment(entry)
        return entry

    @staticmethod
    def _comment(entry):
        # Django's structured message: the History shows it in each reader's language.
        if reversion.is_active():
            reversion.set_comment(entry.change_message)

    # Reading and restoring.

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        versions = (
            Version.objects.get_for_object(obj).select_related("revision__user").order_by("-pk")
            if obj is not None
            else []
        )
        action_list = [
            {"revision": version.revision, "url": self._version_url(obj, version)}
            for version in versions
        ]
        return super().history_view(
            request, object_id, {"action_list": action_list, **(extra_context or {})}
        )

    def _url_name(self, view):
        return f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_{view}"

    def _version_url(self, obj, version):
        return reverse(self._url_name("version"), args=[quote(str(obj.pk)), version.pk])

    def version_view(self, request, object_id, version_id, extra_context=None):
        """An earlier version in the usual form; saving it restores it."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        # Only a version of this very object: another model's or object's id is not found.
        version = get_object_or_404(Version.objects.get_for_object(obj), pk=version_id)
        if "_saveasnew" in request.POST:
            raise BadRequest  # a version restores its object; it is not a template for another
        if request.method == "POST":
            allowed = self.has_change_permission(request, obj)
        else:
            allowed = self.has_view_or_change_permission(request, obj)
        if not allowed:
            raise PermissionDenied
        context = {"version": version, **(extra_context or {})}
        try:
            with reversion.create_revision():
                reversion.set_user(request.user)
                self.restore_version(request, obj, version)
                response = self.changeform_view(request, object_id, request.path, context)
                if request.method == "POST" and response.status_code == 302:
                    reversion.set_comment(
                        _("Reverted to previous version, saved on %(datetime)s")
                        % {"datetime": localize(template_localtime(version.revision.date_created))}
                    )
                    return response
                # Shown only (or the form had errors): the database is left as it was.
                if hasattr(response, "render"):
                    response.template_name = self.version_form_template
                    response.render()
                raise ShownOnly(response)
        except ShownOnly as shown:
            return shown.response
        except (ValidationError, IntegrityError, RevertError) as error:
            reasons = error.messages if isinstance(error, ValidationError) else []
            messages.error(
                request,
                " ".join([_("This version cannot be restored; nothing was changed."), *reasons]),
            )
            return redirect(self._url_name("history"), quote(str(obj.pk)))

    def restore_version(self, request, obj, version):
        """
        Bring ``obj`` (and what it follows) back to ``version`` in the database, through its own
        ``save()``. Raises ``ValidationError`` if the version no longer fits (its address taken
        since, something it refers to deleted).
        """
        obj = self.model._default_manager.get(pk=obj.pk)
        stored = copy.copy(obj)
        kept = set(self.fields_kept_on_restore(request))
        many = apply_version(obj, version.field_dict, exclude=kept)
        self.restoring(request, stored, obj)
        obj.full_clean(exclude=kept)
        obj.save()
        for field, pks in many.items():
            getattr(obj, field.name).set(field.related_model._default_manager.filter(pk__in=pks))
        for name in self.history_follow:
            restore_followed(obj, name, version)


class ShownOnly(Exception):
    """Leaves a history view's transaction, undoing what was restored only to be shown."""

    def __init__(self, response):
        self.response = response


def apply_version(obj, field_dict, exclude=()):
    """
    Set ``obj``'s fields to a version's values (``Version.field_dict``), except those in
    ``exclude`` and fields added since; return ``{field: [pks]}`` of its many-to-many fields, to
    be set once ``obj`` is saved. The languages' own columns are set, not the translated field.
    """
    model = type(obj)
    translated = (
        set(translator.get_options_for_model(model).fields)
        if model in translator.get_registered_models()
        else set()
    )
    many = {}
    for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        if (
            field.primary_key
            or field.name in exclude
            or field.name in translated
            or field.attname not in field_dict
        ):
            continue
        if field.many_to_many:
            many[field] = field_dict[field.attname]
        else:
            setattr(obj, field.attname, field_dict[field.attname])
    return many


def restore_followed(obj, name, version):
    """
    Bring ``obj``'s related objects ``name`` (a reverse foreign key, e.g. a page's milestones)
    back to what ``version``'s revision holds of them: changed ones restored, removed ones made
    again, ones added since deleted. Other objects' rows in the revision are left alone.
    """
    relation = obj._meta.get_field(name)
    model, foreign_key = relation.related_model, relation.field
    current = getattr(obj, name).all()
    kept = []
    for item_version in Version.objects.get_for_model(model).filter(revision=version.revision):
        values = item_version.field_dict
        if values.get(foreign_key.attname) != obj.pk:
            continue
        item = current.filter(pk=item_version.object_id).first()
        if item is None:
            # Made again under its old id while that is free: the form shown and the form saved
            # (two requests, the first rolled back) then name the same row, also where the
            # database's id sequence does not roll back (PostgreSQL).
            old_id = model._meta.pk.to_python(item_version.object_id)
            taken = model._default_manager.filter(pk=old_id).exists()
            item = model() if taken else model(pk=old_id)
        many = apply_version(item, values)
        item.full_clean()
        item.save()
        for field, pks in many.items():
            getattr(item, field.name).set(field.related_model._default_manager.filter(pk__in=pks))
        kept.append(item.pk)
    current.exclude(pk__in=kept).delete()


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
