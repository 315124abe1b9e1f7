"""
Country names in the site's languages, from the Unicode CLDR data that Babel ships.

Partners store an ISO 3166-1 alpha-2 code ("TR"); the name is looked up in the active
language when shown ("Türkiyə", "Türkiye", "Турция"), so a new site language gets its country
names without anyone translating 250 of them.
"""

from functools import lru_cache

from babel import Locale
from django.conf import settings

from centre.i18n import site_language
from centre.text import collation_key

# CLDR territories that are not countries: exceptional reservations, groupings, placeholders.
NOT_COUNTRIES = {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ"}


@lru_cache(maxsize=16)
def _names(language):
    territories = Locale.parse(language).territories
    return {
        code: name
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    }


@lru_cache(maxsize=16)
def _sorted_choices(language):
    names = _names(language)
    return tuple(sorted(names.items(), key=lambda item: collation_key(item[1], language)))


def country_name(code, language=None):
    """The name of the country ``code`` in ``language`` (default: the active one)."""
    return _names(site_language(language)).get(code, code) if code else ""


def country_choices():
    """``(code, name)`` pairs in the active language, in its alphabetical order."""
    return list(_sorted_choices(site_language()))


def country_codes():
    return _names(settings.LANGUAGE_CODE).keys()
