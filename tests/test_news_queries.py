"""
Every news page runs a fixed number of SQL queries (page cache off), the same for a handful of
items as for a hundred, and the same for an item with many related partners and publications.
"""

import datetime

import pytest
from django.utils import translation

from .factories import make_news_item, make_partner, make_publication
from .test_query_counts import queries

pytestmark = pytest.mark.django_db

EXPECTED = {
    # Filter values, the upcoming events, the count and the page (page 2: no upcoming events).
    "list": 4,
    "list filtered": 4,
    "list page 2": 3,
    "list en": 4,
    # The item, its partners, its publications.
    "event": 3,
    "event ru": 3,
    "calendar file": 1,
    "calendar feed": 1,
    "rss": 1,
    "atom": 1,
    # As before news came (tests/test_query_counts.py): the latest news are kept per generation.
    "home": 5,
    "sitemap": 1,
}


def add_items(count, start):
    partners = [make_partner(f"Tərəfdaş {start + n}") for n in range(3)]
    publications = [make_publication(f"Nəşr {start + n}") for n in range(3)]
    items = []
    for n in range(count):
        day = datetime.date(2021, 1, 1) + datetime.timedelta(days=start + n)
        fields = {"start_date": day + datetime.timedelta(days=3650)} if n % 3 == 0 else {}
        item = make_news_item(
            f"Xəbər {start + n}", title_en=f"News {start + n}", date=day, **fields
        )
        item.partners.set(partners)
        item.publications.set(publications)
        items.append(item)
    return items[0]


def addresses(event):
    urls = {
        "list": "/az/xeberler/",
        "list filtered": "/az/xeberler/?kind=news&year=2021",
        "list page 2": "/ru/novosti/?page=2",
        "list en": "/en/news/",
        "calendar feed": "/az/xeberler/events.ics",
        "rss": "/az/xeberler/rss.xml",
        "atom": "/en/news/atom.xml",
        "home": "/az/",
        "sitemap": "/sitemap-news.xml",
    }
    urls |= {"event": event.get_absolute_url(), "calendar file": event.get_calendar_url()}
    with translation.override("ru"):
        urls["event ru"] = event.get_absolute_url()
    return urls


def test_query_counts_are_fixed(client):
    first = add_items(30, 0)
    assert first.kind == "event"
    few = {name: queries(client, url) for name, url in addresses(first).items()}
    add_items(100, 100)
    many = {name: queries(client, url) for name, url in addresses(first).items()}
    assert few == many
    assert few == EXPECTED
