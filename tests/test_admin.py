import re

import pytest
from django.contrib.staticfiles import finders

from centre.models import Status
from pages.models import Milestone, Page

from .admin_forms import page_form_data
from .factories import make_page

pytestmark = pytest.mark.django_db

ASSET_URL = re.compile(r'(?:src|href)="([^"]+\.(?:js|css|woff2?)(?:\?[^"]*)?)"')


def test_add_page_form_shows_three_language_tabs(admin_client):
    response = admin_client.get("/admin/pages/page/add/")
    assert response.status_code == 200
    html = response.text
    for field in ("title_az", "title_en", "title_ru", "body_az", "body_en", "body_ru"):
        assert f'name="{field}"' in html
    assert "modeltranslation/js/tabbed_translation_fields.js" in html
    assert "data-django-prose-editor" in html


def test_admin_loads_every_asset_from_the_site_itself(admin_client):
    page = make_page("Səhifə")
    for url in ("/admin/pages/page/add/", f"/admin/pages/page/{page.pk}/change/"):
        html = admin_client.get(url).text
        assets = ASSET_URL.findall(html)
        assert any("jquery-ui" in asset for asset in assets)
        assert any("django_prose_editor" in asset for asset in assets)
        for asset in assets:
            assert asset.startswith("/static/"), asset
            assert finders.find(asset.removeprefix("/static/").split("?")[0]), asset
        assert "googleapis" not in html
        assert not re.search(r'(?:src|href)="(?:https?:)?//', html)


def test_add_page_in_three_languages(admin_client):
    response = admin_client.post(
        "/admin/pages/page/add/", page_form_data(), headers={"accept-language": "az"}
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    page = Page.objects.get()
    assert (page.title_az, page.title_en, page.title_ru) == (
        "Yeni səhifə",
        "New page",
        "Новая страница",
    )
    assert (page.url_path_az, page.url_path_en, page.url_path_ru) == (
        "yeni-sehife",
        "new-page",
        "novaya-stranitsa",
    )
    assert page.body_az == "<p><strong>Qalın</strong> mətn</p>"
    assert 'href="https://weforum.org"' in page.body_en
    assert page.status == Status.DRAFT
    milestone = Milestone.objects.get()
    assert (milestone.title_az, milestone.title_en, milestone.title_ru) == (
        "Fərman",
        "Decree",
        "Указ",
    )
    assert str(milestone.date) == "2021-01-06"


def test_change_page_in_three_languages(admin_client):
    page = make_page("Köhnə", title_en="Old", title_ru="Старая")
    response = admin_client.get(f"/admin/pages/page/{page.pk}/change/")
    assert response.status_code == 200
    assert 'value="Köhnə"' in response.text and 'value="Старая"' in response.text
    data = page_form_data(
        title_az="Təzə",
        title_en="Fresh",
        title_ru="Свежая",
        slug_az=page.slug_az,
        slug_en="",
        slug_ru=page.slug_ru,
        status=Status.PUBLISHED,
        **{"milestones-TOTAL_FORMS": "0"},
    )
    response = admin_client.post(f"/admin/pages/page/{page.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    page.refresh_from_db()
    assert (page.title_az, page.title_en, page.title_ru) == ("Təzə", "Fresh", "Свежая")
    assert page.url_path_en == "fresh"  # emptied slug is made again from the new title
    assert page.url_path_az == "kohne"  # kept slug keeps the address


def test_duplicate_address_is_a_form_error_in_the_staff_language(admin_client):
    make_page("Yeni səhifə")
    response = admin_client.post(
        "/admin/pages/page/add/", page_form_data(), headers={"accept-language": "az"}
    )
    assert response.status_code == 200
    assert "artıq başqa səhifəyə məxsusdur" in response.text
    assert Page.objects.count() == 1


def test_bulk_publish_and_withdraw(admin_client):
    first, second = make_page("Bir", status=Status.DRAFT), make_page("İki", status=Status.DRAFT)
    admin_client.post(
        "/admin/pages/page/",
        {"action": "publish", "_selected_action": [first.pk, second.pk]},
    )
    assert set(Page.objects.values_list("status", flat=True)) == {Status.PUBLISHED}
    admin_client.post("/admin/pages/page/", {"action": "unpublish", "_selected_action": [first.pk]})
    first.refresh_from_db()
    assert first.status == Status.DRAFT


def test_page_list_shows_languages_and_searches_every_language(admin_client):
    make_page("Tarixçə", title_en="History")
    response = admin_client.get("/admin/pages/page/", {"q": "History"})
    assert response.status_code == 200
    assert "Tarixçə" in response.text
    assert "AZ, EN" in response.text
