# English on this site is British: "6 January 2021", day first, and dates typed day first
# ("06/01/2021" is 6 January, never 1 June as Django's US "en" formats read it; ISO dates
# are accepted too, by Django, in every language). The URL prefix
# stays /en/ (LANGUAGES), so the en-GB formats are taken here, and the month written out.
from django.conf.locale.en_GB.formats import *  # noqa: F403

DATE_FORMAT = "j F Y"  # 6 January 2021
TIME_FORMAT = "H:i"  # 14:30, as in az and ru
DATETIME_FORMAT = "j F Y, H:i"  # 6 January 2021, 14:30
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
