"""Language tools: the locale middleware, and the URLs of one thing in every language."""

import functools

from django.conf import settings
from django.middleware import locale
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.encoding import iri_to_uri
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modeltranslation.fields import NONE, TranslationFieldDescriptor
from modeltranslation.utils import build_localized_fieldname, resolution_order

#: "Shown in <language>", for text shown in a language other than the page's.
IN_LANGUAGE = {"az": _("in Azerbaijani"), "en": _("in English"), "ru": _("in Russian")}


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def translation_languages():
    """The languages Azerbaijani (the default) is translated into."""
    return [code for code in language_codes() if code != settings.LANGUAGE_CODE]


def site_language(language=None):
    """``language`` (default: the active one) if the site has it, else the default language."""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).lower()
    try:  # Django's own lookup (cached): the code, or its generic form ("en" for "en-gb")
        return translation.get_supported_language_variant(language)
    except LookupError:
        return settings.LANGUAGE_CODE


@functools.cache
def local_name(code):
    """A language's name in itself ("English"): Django's ``get_language_info`` copies the
    language's record and makes a lazy translated name on each call; cards ask per PDF."""
    return get_language_info(code)["name_local"]


# localized_field("title", "en") == "title_en": the column modeltranslation keeps for a language.
localized_field = build_localized_fieldname


def shown_language(obj, field, language=None):
    """
    The language of the text ``obj.<field>`` shows in ``language`` (default: the active one),
    by modeltranslation's own fallback order and test of emptiness; ``language`` itself when no
    column has text or the field is not translated.
    """
    language = site_language(language)
    # __class__, not type(): a lazy object (the footer's contact details) gives its target's.
    descriptor = getattr(obj.__class__, field, None)
    if not isinstance(descriptor, TranslationFieldDescriptor):
        return language
    undefined = descriptor.fallback_undefined
    if undefined is NONE:
        undefined = descriptor.field.get_default()
    for code in resolution_order(language, descriptor.fallback_languages):
        value = getattr(obj, localized_field(field, code), None)
        if descriptor.meaningful_value(value, undefined):
            return code
    return language


class LocaleMiddleware(locale.LocaleMiddleware):
    """
    Django's LocaleMiddleware, except that only ``/`` is redirected to a language: with the
    page tree's catch-all pattern, ``/xx/`` would be sent to ``/az/xx/`` and an unknown
    language prefix would never be a plain 404.
    """

    def process_response(self, request, response):
        if (
            response.status_code == 404
            and request.path_info != "/"
            and not translation.get_language_from_path(request.path_info)
        ):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)


def language_links(request, obj=None):
    """
    Where "this page" is in each site language: ``obj.get_absolute_url()`` in it (following
    translated slugs), else the current URL translated. ``available`` (the object has its own
    text there) is what hreflang links may list.
    """
    current = translation.get_language()
    available = getattr(obj, "available_languages", None)
    links = []
    for code in language_codes():
        if hasattr(obj, "get_absolute_url"):
            with translation.override(code):
                path = obj.get_absolute_url()
        else:
            path = _on_site(_translated_path(request, code), code)
        links.append(
            {
                "code": code,
                "name": local_name(code),
                "path": path,
                "url": request.build_absolute_uri(path),
                "is_current": code == current,
                "is_default": code == settings.LANGUAGE_CODE,
                "available": available is None or code in available,
            }
        )
    return links


def _translated_path(request, language):
    """
    ``translate_url(request.get_full_path(), language)``, from the address as the request was
    resolved (``resolver_match``) rather than resolving it again for each language.
    """
    full_path = request.get_full_path()
    match = request.resolver_match
    if match is None:  # not resolved (a 404 outside every pattern): left as it is
        return full_path
    with translation.override(language):
        try:
            path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return full_path
    query = request.META.get("QUERY_STRING", "")
    return f"{path}?{iri_to_uri(query)}" if query else path


def _on_site(path, language):
    """
    ``path`` if it is on this site, else the home page: ``translate_url`` returns an
    unresolvable path such as ``//evil.example/x`` unchanged, a link off the site.
    """
    if path.startswith("/") and not path.startswith("//") and "\\" not in path:
        return path
    with translation.override(language):
        return reverse("pages:home")
