"""News and events: the list, an item's page, filters, drafts, and the seed."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import translation

from centre.models import Status
from news.models import Kind, NewsItem

pytestmark = pytest.mark.django_db


def make_item(title_az, *, status=Status.PUBLISHED, date=datetime.date(2024, 5, 1), **fields):
    item = NewsItem(title_az=title_az, status=status, date=date, **fields)
    item.full_clean()
    item.save()
    return item


def test_smoke(client):
    call_command("seed_demo", stdout=io.StringIO())
    for url in ("/az/xeberler/", "/en/news/", "/ru/novosti/", "/az/"):
        response = client.get(url)
        assert response.status_code == 200, url
    item = NewsItem.objects.get(kind=Kind.EVENT)
    for code in ("az", "en", "ru"):
        with translation.override(code):
            response = client.get(item.get_absolute_url())
            assert response.status_code == 200
            assert client.get(item.get_calendar_url()).status_code == 200
    print(client.get(item.get_calendar_url()).content.decode())
    print(client.get("/en/news/").content.decode()[-6000:])
