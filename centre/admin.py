"""``ContentAdmin``, the base of every content admin, and the admins of the site's settings."""

import copy
import json
import logging
from functools import partial

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.db import IntegrityError, models, router, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.translator import translator
from reversion.errors import RevertError
from reversion.models import Version

from .history import comment, keep_first_version, revision
from .html import editor_media
from .images import validate_image
from .models import SiteContact, Status, Technology
from .review import ReviewRequestMixin, publish_permission
from .storage import atomic_with_files
from .translating import TranslationViewMixin

logger = logging.getLogger(__name__)


class TaxonomyAdmin(TabbedTranslationAdmin):
    """Technologies and sectors: a name in every language, a slug and an order."""

    list_display = ("name", "slug", "order")
    list_editable = ("order",)
    search_fields = ("name_az", "name_en", "name_ru", "slug")


admin.site.register(Technology, TaxonomyAdmin)


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


class ContentAdmin(ReviewRequestMixin, TranslationViewMixin, TabbedTranslationAdmin):
    """
    The admin of pages, partners and publications: az/en/ru tabs, translation state,
    publishing rights, history, and uploads that fail cleanly.

    Only staff with ``publish_<model>`` (the *Publisher* role) change ``publishing_fields``, get
    the publish/withdraw actions and delete a public object; others save new objects with
    ``unpublished_values`` and change ``placement_fields`` only while ``public_state()`` stays.

    History (django-reversion): a version is restored for its object only, through ``save()``
    and the form, so addresses, search and the page cache follow (reversion's ``revert()``
    would restore the whole revision, or write rows raw). ``kept_on_revert`` keeps its current
    value (file names: an old version's files are gone).

    A submission is one ``atomic_with_files()`` block: a file that cannot be stored rolls it
    all back and shows the form again with the reason, not a 500.
    """

    #: The fields whose values decide whether the public sees an object.
    publishing_fields = ("status", "publish_from")
    #: What the publish action sets; an object with these values is public.
    published_values = {"status": Status.PUBLISHED}
    #: What a new object gets when its author may not publish; the withdraw action sets the
    #: ``published_values`` fields to these.
    unpublished_values = {"status": Status.DRAFT}
    #: The actions' (name, description), and the message after either.
    publish_action = ("publish", "")
    withdraw_action = ("unpublish", "")
    updated_message = ""
    placement_fields = ()
    placement_error = ""
    #: Reverse relations kept in each version and restored with it (e.g. a page's milestones).
    history_follow = ()
    kept_on_revert = ()
    object_history_template = "admin/centre_object_history.html"
    version_form_template = "admin/centre_revision_form.html"
    actions = ("mark_translations_checked",)
    formfield_overrides = {
        models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple},
        # "example.org" typed without a scheme becomes https://example.org.
        models.URLField: {"assume_scheme": "https"},
    }

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        if not reversion.is_registered(model):
            for name in self.history_follow:
                related = model._meta.get_field(name).related_model
                if not reversion.is_registered(related):
                    reversion.register(related)
            reversion.register(model, follow=self.history_follow)

    def get_urls(self):
        version_view = self.admin_site.admin_view(self.version_view)
        name = f"{self.opts.app_label}_{self.opts.model_name}_version"
        route = "<path:object_id>/history/<int:version_id>/"
        return [path(route, version_view, name=name), *super().get_urls()]

    # Publishing rights.

    def has_publish_permission(self, request):
        return request.user.has_perm(publish_permission(self.model))

    def is_public(self, obj):
        """Whether ``obj`` is (or is scheduled to be) shown to the public."""
        return all(getattr(obj, name) == value for name, value in self.published_values.items())

    def public_state(self, obj):
        """What decides whether, and from when, the public sees ``obj`` and what depends on it."""
        return tuple(getattr(obj, name) for name in self.publishing_fields)

    def may_change_public(self, request, obj):
        """Whether ``request.user`` may change ``obj`` (None: a new one) as the public sees it."""
        return obj is None or not self.is_public(obj) or self.has_publish_permission(request)

    def keeps_public_state(self, request, stored, changed):
        """Whether ``request.user`` may turn ``stored`` into ``changed`` (unsaved)."""
        return self.has_publish_permission(request) or (
            self.public_state(stored) == self.public_state(changed)
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if validate_image in getattr(db_field, "validators", ()):
            # The browser's file picker offers only what the site accepts.
            formfield.widget.attrs["accept"] = "image/png,image/jpeg,image/webp"
        return formfield

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if self.has_publish_permission(request):
            return readonly
        return readonly + tuple(f for f in self.publishing_fields if f not in readonly)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if getattr(request, "upload_failed", False):
            form = type(form.__name__, (UploadFailedForm, form), {})
        if self.has_publish_permission(request) or (obj is not None and not self.placement_fields):
            return form
        model_admin = self

        class PublishingForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if obj is None:  # shown (read-only) as it will be saved: not public
                    for name, value in model_admin.unpublished_values.items():
                        setattr(self.instance, name, value)

            def clean(self):
                cleaned_data = super().clean()
                if obj is None:
                    return cleaned_data
                # A change of place that changes what the public sees is refused. The instance
                # is still as stored: the form's values are set after clean().
                changed = copy.copy(self.instance)
                for name in model_admin.placement_fields:
                    if name in cleaned_data:
                        setattr(changed, name, cleaned_data[name])
                if not model_admin.keeps_public_state(request, self.instance, changed):
                    for name in set(model_admin.placement_fields) & set(self.changed_data):
                        self.add_error(name, model_admin.placement_error)
                return cleaned_data

        return PublishingForm

    def save_model(self, request, obj, form, change):
        if not self.has_publish_permission(request):
            # The form has no publishing fields for this user; whatever else set them, the
            # stored values (or, for a new object, unpublished ones) are what gets saved.
            values = self.unpublished_values
            if change:
                stored = type(obj)._default_manager.filter(pk=obj.pk)
                values = stored.values(*self.publishing_fields).first() or {}
            for name, value in values.items():
                setattr(obj, name, value)
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        return self.may_change_public(request, obj) and super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        # The publish and withdraw actions: a publisher's (and none in a popup, like the others).
        if actions and self.has_publish_permission(request):
            withdrawn = {name: self.unpublished_values[name] for name in self.published_values}
            for (name, description), values in (
                (self.publish_action, self.published_values),
                (self.withdraw_action, withdrawn),
            ):
                action = partial(type(self).set_publishing_state, values=values)
                actions[name] = (action, name, description)
        return actions

    def set_publishing_state(self, request, queryset, values):
        """Each object saved with ``values``, so that history and search follow."""
        objects = self.model._default_manager.filter(pk__in=queryset.values("pk"))
        for obj in objects:
            for name, value in values.items():
                setattr(obj, name, value)
            obj.save()
            self.end_review(request, obj)
        self.message_user(request, self.updated_message % {"count": len(objects)}, messages.SUCCESS)

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        context["may_publish"] = self.has_publish_permission(request)
        if obj is not None and "adminform" in context:
            context["translations_url"] = self.translation_url(obj)
            self._link_flagged_translations(context["adminform"].form, obj)
        if "media" in context:
            context["media"] = editor_media(request, context["media"])
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    # Translations.

    def _link_flagged_translations(self, form, obj):
        """Each missing or possibly outdated translation links to the translation view."""
        flags = [
            (obj.stale_translations(), _("Possibly outdated: see what changed")),
            (obj.missing_translations(), _("Missing: translate beside the Azerbaijani")),
        ]
        for flagged, text in flags:
            for code, fields in flagged.items():
                for field in fields:
                    formfield = form.fields.get(f"{field}_{code}")
                    if formfield is not None:
                        link = format_html(
                            '<a class="translation-flag" href="{}">{}</a>',
                            self.translation_url(obj, field, code),
                            text,
                        )
                        formfield.help_text = format_html("{} {}", link, formfield.help_text)

    @admin.display(description=gettext_lazy("languages"))
    def languages(self, obj):
        return ", ".join(code.upper() for code in obj.available_languages) or "—"

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

    # Saving: one revision, and one atomic_with_files() block for a submission.

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        args = (request, object_id, form_url, extra_context)
        if request.method == "POST":
            stored = object_id is not None and self.get_object(request, unquote(object_id))
            if stored and self.has_change_permission(request, stored):  # not on a refused POST
                keep_first_version(stored)
            try:
                with atomic_with_files(using=router.db_for_write(self.model)), revision(request):
                    return super().changeform_view(*args)
            except OSError:
                logger.exception("An upload could not be stored; nothing was saved.")
                request.upload_failed = True  # the form again, as submitted, with the reason
        return super().changeform_view(*args)

    def changelist_view(self, request, extra_context=None):
        with revision(request):  # list actions and list edits
            return super().changelist_view(request, extra_context)

    def construct_change_message(self, request, form, formsets, add=False):
        message = super().construct_change_message(request, form, formsets, add)
        # Django's structured message (as its log keeps it): shown in each reader's language.
        if reversion.is_active():
            reversion.set_comment(json.dumps(message))
        return message

    # History: reading and restoring.

    def _url_name(self, view):
        return f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_{view}"

    def permitted_object(self, request, object_id):
        """The object, or 404; 403 unless the user may see it (or change it, on a POST)."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if request.method == "POST":
            permitted = self.has_change_permission(request, obj)
        else:
            permitted = self.has_view_or_change_permission(request, obj)
        if not permitted:
            raise PermissionDenied
        return obj

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        versions = Version.objects.get_for_object(obj) if obj else Version.objects.none()
        action_list = [
            {
                "revision": version.revision,
                "date": version.revision.date_created,
                "user": version.revision.user,
                "text": comment(version.revision),
                "url": reverse(self._url_name("version"), args=[quote(obj.pk), version.pk]),
            }
            for version in versions.select_related("revision__user").order_by("-pk")
        ]
        # Asking for review and rejecting change no field: they stand beside the versions.
        action_list += self.review_events(obj) if obj else []
        action_list.sort(key=lambda action: action["date"], reverse=True)
        return super().history_view(
            request, object_id, {"action_list": action_list, **(extra_context or {})}
        )

    def version_view(self, request, object_id, version_id, extra_context=None):
        """An earlier version in the usual form; saving it restores it."""
        obj = self.permitted_object(request, object_id)
        # Only a version of this very object: another model's or object's id is not found.
        version = get_object_or_404(Version.objects.get_for_object(obj), pk=version_id)
        if "_saveasnew" in request.POST:
            raise BadRequest  # a version restores its object; it is not a template for another
        context = {"version": version, **(extra_context or {})}
        try:
            with revision(request):
                self.restore_version(request, obj, version)
                response = self.changeform_view(request, object_id, request.path, context)
                if request.method == "POST" and response.status_code == 302:
                    reversion.set_comment(
                        _("Reverted to previous version, saved on %(datetime)s")
                        % {"datetime": localize(template_localtime(version.revision.date_created))}
                    )
                    return response
                # Shown only (or the form had errors): rendered as restored, then rolled back
                # (reversion records no revision for a block that rolls back).
                if hasattr(response, "render"):
                    response.template_name = self.version_form_template
                    response.render()
                transaction.set_rollback(True)
                return response
        except (ValidationError, IntegrityError, RevertError) as error:
            reasons = error.messages if isinstance(error, ValidationError) else []
            messages.error(
                request,
                " ".join([_("This version cannot be restored; nothing was changed."), *reasons]),
            )
            return redirect(self._url_name("history"), quote(obj.pk))

    def restore_version(self, request, obj, version):
        """Save ``obj`` and what it follows as in ``version`` (or raise ValidationError)."""
        obj = self.model._default_manager.get(pk=obj.pk)
        stored = copy.copy(obj)
        # The version's translation sources come back with its texts: a translation that was
        # possibly outdated then is so again (save() records anew only what does not match).
        kept = set(self.kept_on_revert)
        if not self.has_publish_permission(request):
            kept.update(self.publishing_fields)
        restore_fields(
            obj, version.field_dict, kept, lambda: self._keep_place(request, stored, obj)
        )
        for name in self.history_follow:
            restore_followed(obj, name, version)

    def _keep_place(self, request, stored, restored):
        """A restored place that changes what the public sees is, for an editor, the stored one."""
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


class PublicParentInlineMixin:
    """
    An inline whose rows the public sees with their parent (a publication's PDFs): while the
    parent (a ``ContentAdmin``'s) is public, only a publisher changes them.
    """

    def _may_change_rows(self, request, obj):
        return self.admin_site.get_model_admin(self.parent_model).may_change_public(request, obj)

    def has_add_permission(self, request, obj):
        return self._may_change_rows(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_change_rows(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_change_rows(request, obj) and super().has_delete_permission(request, obj)


def restore_fields(obj, field_dict, exclude=(), before_clean=None):
    """
    Save ``obj`` with ``Version.field_dict``'s values but ``exclude``. The languages' columns
    are set, not the translated field (which would set the current language's only).
    """
    model = type(obj)
    skipped = {*exclude, *translator.get_options_for_model(model).fields}
    many = {}
    for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        if field.primary_key or field.name in skipped or field.attname not in field_dict:
            continue
        if field.many_to_many:
            many[field] = field_dict[field.attname]
        else:
            setattr(obj, field.attname, field_dict[field.attname])
    if before_clean is not None:
        before_clean()
    obj.full_clean(exclude=exclude)
    obj.save()
    for field, pks in many.items():
        getattr(obj, field.name).set(field.related_model._default_manager.filter(pk__in=pks))


def restore_followed(obj, name, version):
    """Bring ``obj``'s reverse relation ``name`` (a page's milestones) back to ``version``."""
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
        restore_fields(item, values)
        kept.append(item.pk)
    current.exclude(pk__in=kept).delete()
