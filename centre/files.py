"""
Uploaded files: where the public fetches them, and when they go.

Only :func:`serve` hands a file out, at ``/media/<app>/<model>/<pk>/<name>``, and only if its
owner is in ``Model.objects.visible_to(request.user)``: a draft's, a scheduled item's or an
inactive partner's files (renditions too) are a 404 for the public until the object is public,
even when ``publish_from`` passes with nobody saving. Nothing else serves ``MEDIA_ROOT`` (nginx
must not: README).

What a save replaces or clears, and what a delete takes away (object, queryset, cascade), is
removed from storage once the transaction commits; a rollback keeps what the rows point at.
"""

import hashlib
import posixpath
from functools import cache, partial
from typing import NamedTuple
from urllib.parse import quote

from django.apps import apps
from django.conf import settings
from django.core.files.storage import storages
from django.db import models, transaction
from django.db.models.fields.files import FieldFile, ImageFieldFile
from django.db.models.signals import pre_delete
from django.http import HttpResponseNotFound
from django.urls import get_script_prefix
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from centre.downloads import file_response
from centre.images import by_format, make_renditions, rendition_stem, shared_rendition
from centre.middleware import public_read
from centre.models import can_preview_drafts
from centre.storage import atomic_with_files, discard

# What the media view may send, by extension (PublicMediaStorage stores nothing else).
CONTENT_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
}
# Public visitors' browsers may reuse an image for a day: they got it while its owner was
# public, and a replaced image mostly has a new name. No shared cache keeps it (private), so a
# withdrawn item's files are gone for everyone else at once.
PUBLIC_CACHE_CONTROL = {"private": True, "max_age": 86400}


# Where the media view is routed (centre/urls.py): beside the site's pages, unprefixed.
URL_PREFIX = "media/"


def owned_file_url(instance, name):
    if instance.pk is None:
        raise ValueError("An unsaved object's files have no address yet.")
    meta = instance._meta
    # What reverse("media-file", …) gives (centre/urls.py), without its cost: pages list many.
    return (
        f"{get_script_prefix()}{URL_PREFIX}"
        f"{meta.app_label}/{meta.model_name}/{instance.pk}/{quote(name)}"
    )


def renditions_srcset(instance, renditions):
    base = owned_file_url(instance, "")
    return ", ".join(f"{base}{quote(r['name'])} {r['width']}w" for r in renditions)


def picture_sources(instance, renditions):
    """
    What a ``<picture>`` of ``renditions`` needs: a WebP ``<source>`` srcset (only where the
    fallback is another format), the fallback's srcset, and its smallest copy and size.
    """
    webp, original = by_format(renditions)
    fallback = original or webp
    return {
        "webp_srcset": renditions_srcset(instance, webp) if original else "",
        "srcset": renditions_srcset(instance, fallback),
        "src": owned_file_url(instance, fallback[0]["name"]),
        "width": fallback[0]["width"],
        "height": fallback[0]["height"],
    }


class OwnedFileURL:
    @property
    def url(self):
        if not self:
            raise ValueError(f"The '{self.field.name}' attribute has no file associated with it.")
        return owned_file_url(self.instance, self.name)


class OwnedFieldFile(OwnedFileURL, FieldFile):
    pass


class OwnedImageFieldFile(OwnedFileURL, ImageFieldFile):
    pass


class OwnedFileField(models.FileField):
    """A ``FileField`` whose ``.url`` is its owner's checked address (see :func:`serve`)."""

    attr_class = OwnedFieldFile

    def deconstruct(self):
        # The same column and options as Django's field: migrations need not know the difference
        # (historical models never build addresses).
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.FileField", args, kwargs


class OwnedImageField(models.ImageField):
    """An ``ImageField`` whose ``.url`` is its owner's checked address (see :func:`serve`)."""

    attr_class = OwnedImageFieldFile

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs


@cache
def _file_fields(model):
    """For a translated field, its columns per language, not the original (unread) field."""
    fields = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
    translated = {getattr(f, "translated_field", None) for f in fields}
    return [f for f in fields if f not in translated]


@cache
def _columns(model):
    files = [f.attname for f in _file_fields(model)]
    return [*files, *(r.column for r in model.file_renditions.values())]


def _stored_names(model, row, *, served_only=False):
    """``{(storage, name), …}`` of the files a row (a dict of its file columns) points at."""
    found = set()
    for field in _file_fields(model):
        base = getattr(field, "translated_field", field).name  # og_image for og_image_en
        if served_only and base not in model.served_file_fields:
            continue
        if row.get(field.attname):
            found.add((field.storage, row[field.attname]))
        renditions = model.file_renditions.get(base)
        for rendition in (row.get(renditions.column) if renditions else None) or []:
            found.add((field.storage, rendition["name"]))
    return found


def remove_files(files):
    """Delete stored files (``(storage, name)`` pairs); a failure is logged, never raised."""
    for storage, name in files:
        discard(storage, name)


class Renditions(NamedTuple):
    column: str
    folder: str
    widths: tuple


class FileOwner(models.Model):
    """
    Stored files follow the rows (module docstring). Inherit it before bases whose ``save()``
    writes files, so that those are rolled back with the row.
    """

    file_renditions = {}
    #: The file fields whose files the media view (:func:`serve`) hands out, to whoever may
    #: see the object; the others have a view of their own (the publications' download).
    served_file_fields = ()
    #: ``{file column: stored name}`` as the row was loaded or last saved (see file_changed()).
    _saved_files = {}

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        model = type(self)
        columns = _columns(model)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            # Columns the save does not write keep their files.
            written = {model._meta.get_field(name).attname for name in update_fields}
            columns = [column for column in columns if column in written]
            if not columns:
                return super().save(*args, **kwargs)
        using = kwargs.get("using")
        before = {}
        if not self._state.adding and self.pk is not None:
            stored = model._base_manager.db_manager(using).filter(pk=self.pk).values(*columns)
            before = stored.first() or {}
        with atomic_with_files(using=using):
            self._make_renditions(columns)
            super().save(*args, **kwargs)
        after = {column: value for column, value in self._file_row().items() if column in columns}
        self._remember_files()
        gone = _stored_names(model, before) - _stored_names(model, after)
        if gone:
            # After the commit: a rollback keeps the row pointing at them.
            transaction.on_commit(partial(remove_files, gone), using=using)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._remember_files()
        return instance

    def _remember_files(self):
        # A deferred field is left out, unread.
        self._saved_files = {
            f.attname: getattr(self, f.attname).name or ""
            for f in _file_fields(type(self))
            if f.attname in self.__dict__
        }

    def file_changed(self, name):
        """Whether the file field ``name`` holds a new upload or another file than the row."""
        file = getattr(self, name)
        attname = self._meta.get_field(name).attname
        saved = self._saved_files.get(attname, "" if self._state.adding else file.name)
        return not file._committed or (file.name or "") != saved

    def _make_renditions(self, columns):
        for name, renditions in self.file_renditions.items():
            if name not in columns or not self.file_changed(name):
                continue
            file, made = getattr(self, name), []
            if file:
                content = file.file
                if not file._committed:
                    # Stored now (as the row's save would), so its own name names the copies.
                    file.save(file.name, content, save=False)
                stem = rendition_stem(renditions.folder, file.name)
                made = make_renditions(content, file.storage, stem, renditions.widths)
            setattr(self, renditions.column, made)

    def _file_row(self):
        files = {f.attname: getattr(self, f.attname).name or "" for f in _file_fields(type(self))}
        return files | {r.column: getattr(self, r.column) for r in self.file_renditions.values()}


class SharedImage:
    """
    What ``social_meta`` shares: ``meta_image``'s largest rendition in its own format (its size
    is known), else the upload.
    """

    meta_image = ""
    meta_image_alt_from = "title"
    meta_description_from = ()

    @property
    def shared_image_owner(self):
        """Whose image is shared: this object's, unless a model shows another's (its PDF's)."""
        return self

    def _shared_rendition(self):
        owner = self.shared_image_owner
        renditions = owner.file_renditions.get(self.meta_image)
        if renditions and getattr(owner, self.meta_image):
            return shared_rendition(getattr(owner, renditions.column))
        return None

    @property
    def meta_image_url(self):
        owner = self.shared_image_owner
        image, shared = getattr(owner, self.meta_image), self._shared_rendition()
        return owned_file_url(owner, shared["name"]) if shared else (image.url if image else None)

    @property
    def meta_image_size(self):
        shared = self._shared_rendition()
        return (shared["width"], shared["height"]) if shared else None

    @property
    def meta_image_alt(self):
        """The shared image's text (``social_meta`` asks only when there is an image)."""
        return getattr(self, self.meta_image_alt_from)

    @property
    def meta_description(self):
        return next(filter(None, (getattr(self, f) for f in self.meta_description_from)), "")


def _remove_files_of_deleted(sender, instance, using, **kwargs):
    # pre_delete runs inside the deletion's transaction, for Model.delete(), a queryset's
    # delete() and a cascade alike; the files go only if that transaction commits.
    columns = _columns(sender)
    deferred = instance.get_deferred_fields() & set(columns)
    if deferred:
        instance.refresh_from_db(fields=deferred)
    files = _stored_names(sender, instance._file_row())
    if files:
        transaction.on_commit(partial(remove_files, files), using=using)


def connect_signals():
    for model in apps.get_models():
        if issubclass(model, FileOwner):
            pre_delete.connect(
                _remove_files_of_deleted, sender=model, dispatch_uid=f"files:{model._meta.label}"
            )


def _served_model(app_label, model_name):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return None
    return model if issubclass(model, FileOwner) and model.served_file_fields else None


def not_found():
    """A 404 no cache keeps: the file is there the moment its owner is published."""
    response = HttpResponseNotFound(
        _("This image is not available.") + "\n", content_type="text/plain; charset=utf-8"
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


@public_read
def serve(request, app_label, model_name, pk, name):
    """One stored file (upload or rendition), if ``request.user`` may see its object."""
    content_type = CONTENT_TYPES.get(posixpath.splitext(name)[1].lower())
    model = _served_model(app_label, model_name)
    if model is None or content_type is None:
        return not_found()
    row = (
        model._default_manager.visible_to(request.user)
        .filter(pk=pk)
        .values(*_columns(model))
        .first()
    )
    if row is None:
        return not_found()
    storage = next(
        (s for s, stored in _stored_names(model, row, served_only=True) if stored == name), None
    )
    if storage is None:
        return not_found()
    try:
        size = storage.size(name)
        modified = int(storage.get_modified_time(name).timestamp())
    except (OSError, NotImplementedError):
        return not_found()
    digest = hashlib.sha256(f"{name}:{size}:{modified}".encode()).hexdigest()[:32]
    local = storage.location == storages["default"].location
    return file_response(
        request,
        storage,
        name,
        size=size,
        etag=f'"{digest}"',
        last_modified=modified,
        headers={"Content-Type": content_type},
        # Staff also see drafts: their browser asks again each time, and keeps nothing.
        cache_control={"private": True, "no_store": True}
        if can_preview_drafts(request.user)
        else PUBLIC_CACHE_CONTROL,
        # nginx sends the bytes from its internal location (README), once allowed here.
        accel=settings.MEDIA_X_ACCEL_REDIRECT if local else "",
    )[0]
