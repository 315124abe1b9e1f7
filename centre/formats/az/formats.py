# Azerbaijani dates are written "6 yanvar 2021": day, month name in lower case (the lower-case
# "alt. month" names come from locale/az), year. Django's own az formats are kept otherwise.
from django.conf.locale.az.formats import *  # noqa: F403

DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
YEAR_MONTH_FORMAT = "E Y"
MONTH_DAY_FORMAT = "j E"
