"""
What staff type into the admin, bounded for every ModelAdmin and inline the project has (the
admin site, accounts.admin_site.CentreAdminSite, gives each one :class:`SaneInputMixin`, Django's
and the libraries' too): no admin form is left out, and no model field (so no migration) changes.
"""

from functools import cache

from django import forms
from django.core.exceptions import ValidationError
from django.db import connections, models

from centre.dates import FIRST_YEAR, LAST_YEAR, validate_sane_date

# Lookups a change list's address may not carry. A malformed regular expression is a database
# error (a 500), and a slow one ties up the database; no admin link ever makes one.
REFUSED_LOOKUPS = ("regex", "iregex")
# Lookups that build a date from the address's number: outside the years Python and the site
# know, the query cannot even be written (a 500 in every list with a date).
YEAR_LOOKUPS = ("year", "iso_year")


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """
    A many-to-many choice (technologies, sectors, permissions) whose hand-made number no
    database integer holds is no choice, as any unknown number is: Django's ``pk__in`` query
    cannot even be written with it (a 500), where its ``pk=`` query finds nothing.
    """

    def clean(self, value):
        pk = self.queryset.model._meta.pk
        integers = isinstance(pk, models.IntegerField) and self.to_field_name is None
        if integers and isinstance(value, (list, tuple)):
            operations = connections[self.queryset.db].ops
            low, high = operations.integer_field_range(pk.get_internal_type())
            for item in value:
                number = str(item).strip()
                if number.lstrip("-").isdecimal() and not (
                    len(number) <= 20 and low <= int(number) <= high
                ):
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": item},
                    )
        return super().clean(value)


class SaneInputMixin:
    """
    For a ModelAdmin or an inline: every date and date-time field of its forms refuses years
    outside ``FIRST_YEAR``–``LAST_YEAR``, its many-to-many choices numbers beyond the database's
    integers, and its change list refuses lookups in the address that
    only a hand-made address has (a regular expression, an impossible year): a 400, not a 500.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        # DateTimeField is a DateField; the admin shows it as a SplitDateTimeField, whose
        # validators see the combined date and time.
        if formfield is not None and isinstance(db_field, models.DateField):
            formfield.validators.append(validate_sane_date)
        return formfield

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", BoundedModelMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_inlines(self, request, obj):  # for a ModelAdmin; an inline has none
        return [with_sane_input(inline) for inline in super().get_inlines(request, obj)]

    def lookup_allowed(self, lookup, value, request=None):
        # A list filter's own parameter (``?year=``) is its own business: only field lookups.
        field_path, _sep, last = lookup.rpartition("__")
        year = str(value).strip()
        # int() of thousands of digits is itself an error: a year has four.
        sane_year = year.isascii() and year.isdigit() and len(year) <= 4
        if field_path and (
            last in REFUSED_LOOKUPS
            or (last in YEAR_LOOKUPS and not (sane_year and FIRST_YEAR <= int(year) <= LAST_YEAR))
        ):
            return False
        return super().lookup_allowed(lookup, value, request)


@cache
def with_sane_input(admin_class):
    if issubclass(admin_class, SaneInputMixin):
        return admin_class
    return type(
        admin_class.__name__,
        (SaneInputMixin, admin_class),
        {"__module__": admin_class.__module__, "__qualname__": admin_class.__qualname__},
    )
