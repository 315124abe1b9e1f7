"""
Dates: the range the site accepts, and month names for dates written out in words.

Month names: Azerbaijani writes them in lower case inside a date ("6 yanvar 2021"); Django's
own az catalogue capitalises them. The date format "E" uses the "alt. month" names, so
locale/az gives those in lower case. They are listed here so that makemessages keeps them in
the catalogues.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

ALT_MONTH_NAMES = [
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]


# Years outside these are a typing mistake. Year 1 at midnight Baku time is a date before
# Christ in UTC, which PostgreSQL stores and psycopg cannot read back (every list of the model
# was a 500); SQLite cannot store it at all.
FIRST_YEAR, LAST_YEAR = 1900, 2200


def validate_sane_date(value):
    """A date or a time between 1900 and 2200, the years anything on the site can have."""
    if isinstance(value, datetime.date) and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            _("Enter a date between the years %(first)s and %(last)s."),
            code="date_out_of_range",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )
