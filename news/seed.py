"""
The Centre's dated news for ``manage.py seed_demo``, from content/news.json: only what public
reporting dates, each item with its source. Items are looked up by their Azerbaijani slug;
whatever exists (possibly edited by staff) is left alone.
"""

import datetime

from centre.models import Status
from centre.seed import fields, read

from .models import NewsItem

DATES = {"date", "start_date", "end_date"}


def seed():
    """Create the news items that are missing; return how many."""
    created = 0
    for item in read("news"):
        if NewsItem.objects.filter(slug_az=item["slug"]["az"]).exists():
            continue
        values = fields(item)
        for name in DATES & values.keys():
            values[name] = datetime.date.fromisoformat(values[name])
        NewsItem(status=Status.PUBLISHED, **values).save()
        created += 1
    return created
