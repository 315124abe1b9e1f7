"""Staff write news and events in the admin: three language tabs, drafts, publishing rights."""

import datetime

import pytest
from reversion.models import Version

from centre.models import Status
from news.models import Kind, NewsItem

from .admin_forms import admin_form_data
from .factories import make_news_item, make_staff
from .images import image_upload

pytestmark = pytest.mark.django_db

ADD = "/admin/news/newsitem/add/"
EVENT = {
    "kind": Kind.EVENT,
    "date": "23.02.2030",
    "title_az": "Konfrans “Dördüncü Sənaye İnqilabının trendləri”",
    "title_en": "Conference “Trends of the Fourth Industrial Revolution”",
    "title_ru": "Конференция «Тренды Четвёртой промышленной революции»",
    "summary_az": "Bakıda konfrans.",
    "summary_en": "A conference in Baku.",
    "summary_ru": "Конференция в Баку.",
    "body_az": "<p>Mətn</p>",
    "body_en": "<p>Text</p>",
    "body_ru": "<p>Текст</p>",
    "start_date": "23.02.2030",
    "start_time": "10:00",
    "end_time": "13:00",
    "place_az": "Bakı",
    "place_en": "Baku",
    "place_ru": "Баку",
    "source_url": "https://bestsolutions.az/",
    "source_name_az": "B-EST Solutions",
}


def test_the_add_form_has_language_tabs_and_the_event_fields(client):
    client.force_login(make_staff("redaktor", "Editor"))
    response = client.get(ADD)
    assert response.status_code == 200
    html = response.text
    for name in ("title_az", "title_en", "title_ru", "place_ru", "start_time", "image"):
        assert f'name="{name}"' in html, name
    assert "Bakı vaxtı ilə" in html  # the event fieldset says the times are Baku's
    assert 'accept="image/png,image/jpeg,image/webp"' in html


def test_an_editor_writes_an_event_in_three_languages_as_a_draft(client, media):
    client.force_login(make_staff("redaktor", "Editor"))
    data = admin_form_data(
        client.get(ADD), **EVENT, status=Status.PUBLISHED, image=image_upload("konfrans.png")
    )
    response = client.post(ADD, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    item = NewsItem.objects.get()
    assert item.status == Status.DRAFT  # an editor cannot publish
    assert (item.slug_az, item.slug_en, item.slug_ru) == (
        "konfrans-dorduncu-senaye-inqilabinin-trendleri",
        "conference-trends-of-the-fourth-industrial-revolution",
        "konferentsiya-trendy-chetvertoy-promyshlennoy-revolyutsii",
    )
    assert item.starts_at == datetime.datetime(2030, 2, 23, 6, 0, tzinfo=datetime.UTC)
    assert item.ends_at == datetime.datetime(2030, 2, 23, 9, 0, tzinfo=datetime.UTC)
    assert item.image_renditions
    assert client.get(item.get_absolute_url()).status_code == 200  # the preview
    client.logout()
    assert client.get(item.get_absolute_url()).status_code == 404
    assert client.get(item.image.url).status_code == 404


def test_a_publisher_publishes_and_the_public_sees_it_at_once(client, page_cache):
    item = make_news_item("Konfrans", status=Status.DRAFT, start_date=datetime.date(2030, 2, 23))
    assert client.get("/az/xeberler/").status_code == 200  # cached without it
    staff = make_staff("nasir", "Publisher")
    client.force_login(staff)
    url = f"/admin/news/newsitem/{item.pk}/change/"
    response = client.post(url, admin_form_data(client.get(url), status=Status.PUBLISHED))
    assert response.status_code == 302
    client.logout()
    assert ">Konfrans<" in client.get("/az/xeberler/").text
    assert client.get(item.get_absolute_url()).status_code == 200


def test_an_event_without_a_start_is_a_form_error(client):
    client.force_login(make_staff("nasir", "Publisher"))
    data = admin_form_data(client.get(ADD), **{**EVENT, "start_date": "", "start_time": ""})
    response = client.post(ADD, data)
    assert response.status_code == 200
    assert "start_date" in response.context["adminform"].form.errors
    assert not NewsItem.objects.exists()


def test_changes_are_kept_in_the_history(client):
    client.force_login(make_staff("nasir", "Publisher"))
    item = make_news_item("Konfrans")
    url = f"/admin/news/newsitem/{item.pk}/change/"
    client.post(url, admin_form_data(client.get(url), title_en="Conference"))
    client.post(url, admin_form_data(client.get(url), title_en="The conference"))
    response = client.get(f"/admin/news/newsitem/{item.pk}/history/")
    assert response.status_code == 200
    versions = Version.objects.get_for_object(item)
    # The oldest: the item as it was before its first change in the admin.
    titles = [v.field_dict["title_en"] for v in versions]
    assert titles == ["The conference", "Conference", None]


def test_addresses_taken_in_several_languages_are_field_errors_not_constraint_names(client):
    client.force_login(make_staff("nasir", "Publisher"))
    make_news_item(
        "Köhnə konfrans",
        title_en=EVENT["title_en"],
        title_ru=EVENT["title_ru"],
        start_date=datetime.date(2030, 2, 23),
    )
    response = client.post(ADD, admin_form_data(client.get(ADD), **EVENT))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert not form.non_field_errors(), form.non_field_errors()
    assert set(form.errors) == {"slug_en", "slug_ru"}
    assert "news_unique_slug" not in response.text
