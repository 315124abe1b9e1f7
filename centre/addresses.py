"""Objects' addresses, built from their stored slugs without asking the URL resolver each time."""

import functools
import re

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation

# A slug, or a path of slugs (a page's url_path): nothing in them needs quoting.
SLUGS = re.compile(r"[-a-zA-Z0-9_]+(?:/[-a-zA-Z0-9_]+)*")
PLACEHOLDER = "slug0placeholder0slug"


def slug_address(viewname, kwarg, slug):
    """
    ``reverse(viewname, kwargs={kwarg: slug})`` in the active language.

    A list of 48 partners or a sitemap page of 600 addresses asks for an address per object,
    and the resolver takes some 30 µs for each. Here the address of a placeholder is worked
    out once per view, language and URLconf, and each slug is put in its place.
    """
    if not SLUGS.fullmatch(slug):
        return reverse(viewname, kwargs={kwarg: slug})  # its own checks, its own quoting
    key = (translation.get_language(), get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    before, after = _around_placeholder(viewname, kwarg, *key)
    return f"{before}{slug}{after}"


def slug_addresses(viewname, kwarg):
    """``slug_address`` for the many objects of a list: the address around the slug once."""
    address = slug_address(viewname, kwarg, PLACEHOLDER)
    return lambda slug: (
        address.replace(PLACEHOLDER, slug)
        if SLUGS.fullmatch(slug)
        else reverse(viewname, kwargs={kwarg: slug})
    )


@functools.lru_cache(maxsize=256)
def _around_placeholder(viewname, kwarg, language, urlconf, script_prefix):
    # script_prefix is part of the key: reverse() reads it (a site served under a sub-path).
    with translation.override(language):
        address = reverse(viewname, urlconf=urlconf, kwargs={kwarg: PLACEHOLDER})
    before, _placeholder, after = address.partition(PLACEHOLDER)
    return before, after


@receiver(setting_changed)
def _forget_addresses(*, setting, **kwargs):
    # Tests that swap the URLconf or the languages get addresses from the new ones.
    if setting in {"ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE"}:
        _around_placeholder.cache_clear()
