"""
Translated slugs, one way for pages, partners and publications.

Each language has its own slug (``slug_az``, ``slug_en``, … from modeltranslation), made from
the title in that language when left empty; a language without one answers at the default
language's (modeltranslation's fallback, so ``obj.slug`` is the slug of the active language's
addresses). An address is one object's in each language: a clash is refused with a form error
on the slug staff can change, never renamed behind their back (``-2``). Views find an object by
any language's slug and send another language's address (301) to this language's.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modeltranslation import settings as mt_settings
from modeltranslation.utils import build_localized_fieldname

from centre.text import slugify_az


def columns(field):
    """``{language: column}`` of a translated ``field``: ``{"az": "slug_az", …}``."""
    return {
        code: build_localized_fieldname(field, code) for code in mt_settings.AVAILABLE_LANGUAGES
    }


def slug_field(help_text, max_length=100):
    return models.SlugField(_("slug"), max_length=max_length, blank=True, help_text=help_text)


def unique_in_each_language(field, name):
    return [
        models.UniqueConstraint(
            fields=[column], condition=~Q(**{column: ""}), name=f"{name}_{code}"
        )
        for code, column in columns(field).items()
    ]


class TranslatedSlugQuerySet(models.QuerySet):
    def with_any_slug(self, slug, field="slug"):
        """The objects (one per language at most) whose ``field`` is ``slug`` in some language."""
        query = Q()
        for column in columns(field).values():
            query |= Q(**{column: slug})
        return self.filter(query)


class TranslatedSlugs:
    """Slugs made from ``slug_source`` per language, and kept unique in each (see above)."""

    slug_source = "title"
    #: The form error for a slug another object answers at, with ``%(slug)s``.
    slug_taken = None

    @property
    def available_languages(self):
        """Languages it has its own text in (the default language always)."""
        return [code for code, column in columns(self.slug_source).items() if getattr(self, column)]

    def slug_in(self, language):
        with translation.override(language):
            return self.slug

    def fill_slugs(self):
        sources = columns(self.slug_source)
        for code, column in columns("slug").items():
            text = getattr(self, sources[code])
            if text and not getattr(self, column):
                setattr(self, column, slugify_az(text) or self._meta.model_name)

    def addresses(self):
        return {code: self.slug_in(code) for code in mt_settings.AVAILABLE_LANGUAGES}

    def address_taken(self, language, address):
        """The form error if another object answers at ``address`` in ``language``, else None."""
        others = type(self)._default_manager.exclude(pk=self.pk).with_any_slug(address)
        if any(other.slug_in(language) == address for other in others):
            return self.slug_taken % {"slug": address}
        return None

    def clean(self):
        super().clean()
        self.fill_slugs()
        # Every clash at once: a slug field without its error would be checked again by its
        # unique constraint, whose message names the constraint.
        errors = {}
        for code, address in self.addresses().items():
            message = address and self.address_taken(code, address)
            if message:
                own = build_localized_fieldname("slug", code)
                default = build_localized_fieldname("slug", mt_settings.DEFAULT_LANGUAGE)
                errors.setdefault(own if getattr(self, own) else default, message)
        if errors:
            raise ValidationError(errors)


class TranslatedSlugMixin:
    """
    For a DetailView over a TranslatedSlugQuerySet: where no object has the slug in the active
    language, the one ``moved_object()`` names (by default: the object at that slug in another
    language) is redirected (301) to its slug in this language.
    """

    found = ()  # what the address's slug names in other languages, once it is not found

    def with_any_slug(self, slug):
        """The objects the viewer may see whose slug is ``slug`` in some language."""
        return self.get_queryset().with_any_slug(slug, self.slug_field)

    def get_object(self, queryset=None):
        slug = self.kwargs[self.slug_url_kwarg]
        found = list(self.with_any_slug(slug))
        for obj in found:
            if getattr(obj, self.slug_field) == slug:
                return obj
        self.found = found
        raise Http404

    def moved_object(self):
        return next(iter(self.found), None)

    def moved_url(self, obj):
        kwargs = {**self.kwargs, self.slug_url_kwarg: getattr(obj, self.slug_field)}
        return reverse(self.request.resolver_match.view_name, kwargs=kwargs)

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            moved = self.moved_object()
            if moved is None:
                raise
            return HttpResponsePermanentRedirect(self.moved_url(moved))
