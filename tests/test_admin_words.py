"""The admin's words in Azerbaijani, Russian and English: capitals, names, order, counts."""

import html
import re

import pytest
from django.conf import settings
from django.utils.html import strip_tags

from publications.models import Sector

from .factories import make_page, make_partner

pytestmark = pytest.mark.django_db


def admin_get(client, url, language, **params):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url, params)
    assert response.status_code == 200
    return response


def text(response):
    return re.sub(r"\s+", " ", html.unescape(strip_tags(response.text)))


class TestCapitalI:
    """Python's capitalisation makes "I" of "i": the admin must show İ in Azerbaijani."""

    @pytest.mark.parametrize(
        "url",
        ["/admin/", "/admin/publications/sector/", "/admin/auth/user/", "/admin/auth/user/add/"],
    )
    def test_azerbaijani_admin_writes_the_dotted_capital(self, admin_client, url):
        page = text(admin_get(admin_client, url, "az"))
        assert "Iqtisadiyyat" not in page and "Istifadəçi" not in page
        assert "İstifadəçi" in page

    def test_index_and_changelist_name_sectors_and_users(self, admin_client):
        index = text(admin_get(admin_client, "/admin/", "az"))
        assert "İqtisadiyyat sahələri" in index and "İstifadəçilər" in index
        changelist = text(admin_get(admin_client, "/admin/publications/sector/", "az"))
        assert "› İqtisadiyyat sahələri" in changelist
        assert "Dəyişmək üçün iqtisadiyyat sahəsi seçin" in changelist


class TestLibraryNames:
    @pytest.mark.parametrize(
        ("language", "names"),
        [
            (
                "az",
                [
                    "Girişin bloklanması",
                    "Giriş cəhdləri",
                    "İki mərhələli giriş",
                    "Autentifikator tətbiqləri",
                ],
            ),
            (
                "ru",
                [
                    "Блокировка входа",
                    "Попытки доступа",
                    "Двухфакторный вход",
                    "Приложения-аутентификаторы",
                ],
            ),
            ("en", ["Login lockout", "Access attempts", "Two-factor login", "Authenticator apps"]),
        ],
    )
    def test_axes_and_otp_speak_the_staff_language(self, admin_client, language, names):
        page = text(admin_get(admin_client, "/admin/", language))
        for name in names:
            assert name in page
        for raw in ("AXES", "Axes", "OTP_TOTP", "Otp_Totp", "TOTP devices"):
            assert raw not in page

    def test_app_page_of_axes_is_translated(self, admin_client):
        page = text(admin_get(admin_client, "/admin/axes/", "az"))
        assert "Girişin bloklanması" in page


def test_index_is_content_first(admin_client):
    apps = [
        app["app_label"] for app in admin_get(admin_client, "/admin/", "az").context["app_list"]
    ]
    assert apps == [
        "pages",
        "partners",
        "publications",
        "news",
        "centre",
        "auth",
        "axes",
        "otp_totp",
    ]


class TestNumerals:
    def test_azerbaijani_counts_take_the_singular(self, admin_client):
        for title in ("Bir", "İki", "Üç", "Dörd"):
            make_page(title)
        page = text(admin_get(admin_client, "/admin/pages/page/", "az"))
        assert "4 səhifə" in page
        assert "4 səhifələr" not in page

    def test_english_and_russian_keep_their_forms(self, admin_client):
        for title in ("Bir", "İki", "Üç", "Dörd"):
            make_page(title)
        assert "4 pages" in text(admin_get(admin_client, "/admin/pages/page/", "en"))
        make_page("Beş")
        ru = text(admin_get(admin_client, "/admin/pages/page/", "ru"))
        # After 2–4 and 5+ Russian takes the genitive ("5 страниц"), which no verbose name
        # gives: the line says "Всего: 5" rather than "5 страницы".
        assert "Всего: 5" in ru
        assert "5 страницы" not in ru
        for number in range(8):
            make_partner(f"Tərəfdaş {number}")
        ru = text(admin_get(admin_client, "/admin/partners/partner/", "ru"))
        assert "Всего: 8" in ru and "8 партнёры" not in ru

    def test_one_item(self, admin_client):
        Sector.objects.create(name_az="Enerji", slug="enerji")
        assert "1 iqtisadiyyat sahəsi" in text(
            admin_get(admin_client, "/admin/publications/sector/", "az")
        )


class TestAdminTerms:
    def test_the_history_page_is_a_history(self, admin_client):
        # Django's az "Dəyişmə tarixi" reads "date of change"; its button says "Tarixçə".
        page = make_page("Tarixçəli")
        history = text(admin_get(admin_client, f"/admin/pages/page/{page.pk}/history/", "az"))
        assert "Dəyişikliklər tarixçəsi: Tarixçəli" in history
        assert "Dəyişmə tarixi" not in history

    def test_page_breadcrumb_and_field_names(self, admin_client):
        page = text(admin_get(admin_client, "/admin/pages/page/add/", "az"))
        assert "Səhifə ağacı › Səhifələr" in page
        assert "Üst səhifə" in page and "Ana səhifə (üst səhifə)" not in page
        assert "Saytda görünmə vaxtı" in page
        assert "Ünvan hissəsi (slug)" in page and "Slaq" not in page
        assert "Əsas tarixlər" in page and "Mərhələlər" not in page
        assert "Yeni səhifə" in page


class TestTranslationsPage:
    def test_fields_by_their_verbose_names_and_items_counted(self, admin_client):
        make_page("Yalnız azərbaycanca", summary_az="Mətn")
        make_page("Bu da yalnız azərbaycanca", summary_az="Mətn")
        response = admin_get(admin_client, "/admin/translations/", "az")
        assert response.context["totals"]["en"]["missing"] == 2  # two pages, four fields
        page = text(response)
        assert "Yoxdur: başlıq, xülasə" in page
        assert "title, summary" not in page
        ru = text(admin_get(admin_client, "/admin/translations/", "ru"))
        assert "Нет перевода: заголовок" in ru


class TestPartnersAddress:
    def test_one_word_for_partners_in_the_address(self, client):
        partner = make_partner("Türkiyə Mərkəzi", slug_az="turkiye-merkezi")
        assert partner.get_absolute_url() == "/az/terefdaslar/turkiye-merkezi/"
        response = client.get("/az/terefdaslar/")
        assert response.status_code == 200
        assert "<h1>Tərəfdaşlar</h1>" in response.text

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("/az/partnyorlar/", "/az/terefdaslar/"),
            ("/az/partnyorlar/?kind=academia&page=2", "/az/terefdaslar/?kind=academia&page=2"),
            ("/az/partnyorlar/turkiye-merkezi/", "/az/terefdaslar/turkiye-merkezi/"),
            ("/az/partnyorlar/turkiye-merkezi/?x=1", "/az/terefdaslar/turkiye-merkezi/?x=1"),
        ],
    )
    def test_the_former_address_redirects_permanently(self, client, old, new):
        make_partner("Türkiyə Mərkəzi", slug_az="turkiye-merkezi")
        response = client.get(old)
        assert response.status_code == 301
        assert response["Location"] == new

    @pytest.mark.parametrize(
        "path", ["/en/partnyorlar/", "/ru/partnyorlar/x/", "/az/partnyorlar/a/b/"]
    )
    def test_the_former_address_is_azerbaijani_only(self, client, path):
        assert client.get(path).status_code == 404
