"""
What staff type into the admin, bounded for every ModelAdmin and inline the project has (the
admin site, accounts.admin_site.CentreAdminSite, gives each one :class:`SaneInputMixin`, Django's
and the libraries' too): no admin form is left out, and no model field (so no migration) changes.
"""

from functools import cache

from django.db import models

from centre.dates import FIRST_YEAR, LAST_YEAR, validate_sane_date

# Lookups a change list's address may not carry. A malformed regular expression is a database
# error (a 500), and a slow one ties up the database; no admin link ever makes one.
REFUSED_LOOKUPS = ("regex", "iregex")
# Lookups that build a date from the address's number: outside the years Python and the site
# know, the query cannot even be written (a 500 in every list with a date).
YEAR_LOOKUPS = ("year", "iso_year")


class SaneInputMixin:
    """
    For a ModelAdmin or an inline: every date and date-time field of its forms refuses years
    outside ``FIRST_YEAR``–``LAST_YEAR``, and its change list refuses lookups in the address that
    only a hand-made address has (a regular expression, an impossible year): a 400, not a 500.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        # DateTimeField is a DateField; the admin shows it as a SplitDateTimeField, whose
        # validators see the combined date and time.
        if formfield is not None and isinstance(db_field, models.DateField):
            formfield.validators.append(validate_sane_date)
        return formfield

    def get_inlines(self, request, obj):  # for a ModelAdmin; an inline has none
        return [with_sane_input(inline) for inline in super().get_inlines(request, obj)]

    def lookup_allowed(self, lookup, value, request=None):
        # A list filter's own parameter (``?year=``) is its own business: only field lookups.
        field_path, _sep, last = lookup.rpartition("__")
        if not field_path:
            return super().lookup_allowed(lookup, value, request)
        if last in REFUSED_LOOKUPS:
            return False
        if last in YEAR_LOOKUPS:
            year = str(value).strip()
            if not (year.isascii() and year.isdigit() and FIRST_YEAR <= int(year) <= LAST_YEAR):
                return False
        return super().lookup_allowed(lookup, value, request)


@cache
def with_sane_input(admin_class):
    """``admin_class`` (a ModelAdmin or an inline) with :class:`SaneInputMixin`."""
    if issubclass(admin_class, SaneInputMixin):
        return admin_class
    return type(
        admin_class.__name__,
        (SaneInputMixin, admin_class),
        {"__module__": admin_class.__module__, "__qualname__": admin_class.__qualname__},
    )
