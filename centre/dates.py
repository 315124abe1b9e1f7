"""
Month names for dates written out in words.

Azerbaijani writes month names in lower case inside a date ("6 yanvar 2021"); Django's own az
catalogue capitalises them. The date format "E" uses the "alt. month" names, so locale/az gives
those in lower case. They are listed here so that makemessages keeps them in the catalogues.
"""

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
