"""
Every news page runs a fixed number of SQL queries (page cache off), the same for a handful of
items as for a hundred, and the same for an item with many related partners and publications.
"""

import datetime

import pytest
from django.utils import translation

from .factories import make_news_item, make_partner, make_publication
from .reading import queries

pytestmark = pytest.mark.django_db

EXPECTED = {
    # The upcoming events, the count and the page (page 2: no upcoming events); the filter
    # values are kept per cache generation.
    "list": 3,
    "list filtered": 3,
    "list page 2": 2,
    "list en": 3,
    # The item, its partners, its publications.
    "event": 3,
    "event ru": 3,
    "calendar file": 1,
    "calendar feed": 1,
    "rss": 1,
    "atom": 1,
    # As tests/test_query_counts.py: the latest news, like the home page's other blocks, are
    # kept per cache generation.
    "home": 2,
    # The sitemap's entries are kept per cache generation.
    "sitemap": 0,
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
