import datetime
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale"


@pytest.mark.django_db
class TestLanguagePrefixes:
    def test_root_redirects_to_azerbaijani_by_default(self, client):
        response = client.get("/")
        assert response.status_code == 302
        assert response["Location"] == "/az/"

    @pytest.mark.parametrize(
        ("accept_language", "target"),
        [("en-GB,en;q=0.9", "/en/"), ("ru-RU,ru;q=0.9", "/ru/"), ("az", "/az/"), ("de", "/az/")],
    )
    def test_root_follows_accept_language(self, client, accept_language, target):
        response = client.get("/", headers={"accept-language": accept_language})
        assert response.status_code == 302
        assert response["Location"] == target

    def test_root_follows_the_language_cookie_over_the_header(self, client):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
        response = client.get("/", headers={"accept-language": "en"})
        assert response["Location"] == "/ru/"

    @pytest.mark.parametrize("prefix", ["az", "en", "ru"])
    def test_every_language_prefix_serves_the_home_page(self, client, seeded, prefix):
        response = client.get(f"/{prefix}/")
        assert response.status_code == 200
        assert f'<html lang="{prefix}">' in response.text

    @pytest.mark.parametrize(
        "path", ["/xx/", "/de/", "/xx/merkez-haqqinda/", "/AZ/", "/merkez-haqqinda/"]
    )
    def test_unknown_language_prefix_is_404(self, client, seeded, path):
        response = client.get(path)
        assert response.status_code == 404

    def test_404_page_is_translated(self, client, seeded):
        assert "Səhifə tapılmadı" in client.get("/az/yoxdur/").text
        assert "Страница не найдена" in client.get("/ru/net-takoy/").text
        assert "Page not found" in client.get("/en/missing/").text


class TestLocaleSmoke:
    @pytest.mark.parametrize(
        ("language", "text"),
        [
            ("az", "Əsas məzmuna keç"),
            ("ru", "Перейти к основному содержанию"),
            ("en", "Skip to main content"),
        ],
    )
    def test_ui_strings_are_translated(self, language, text):
        with translation.override(language):
            assert translation.gettext("Skip to main content") == text

    @pytest.mark.parametrize("language", ["az", "ru"])
    def test_catalogues_are_complete(self, language):
        po = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
        entries = po.split("\n\n")[1:]
        untranslated = [
            entry
            for entry in entries
            if "#, fuzzy" in entry or re.search(r'^msgstr(\[0\])? ""\n(?!")', entry + "\n", re.M)
        ]
        assert untranslated == []

    @pytest.mark.parametrize("language", ["az", "en", "ru"])
    def test_compiled_catalogues_are_committed_and_current(self, language):
        folder = LOCALE / language / "LC_MESSAGES"
        with (folder / "django.mo").open("rb") as mo:
            catalog = gettext.GNUTranslations(mo)._catalog
        compiled = {key[0] if isinstance(key, tuple) else key.split("\x04")[-1] for key in catalog}
        po = (folder / "django.po").read_text(encoding="utf-8")
        # One-line msgids are enough to notice a .mo compiled before the latest strings.
        msgids = {m for m in re.findall(r'^msgid "(.+)"$', po, re.M) if "\\" not in m}
        assert msgids
        assert msgids - compiled == set()


@pytest.mark.parametrize(
    ("language", "expected"),
    [("az", "6 yanvar 2021"), ("en", "6 January 2021"), ("ru", "6 января 2021 г.")],
)
def test_dates_render_per_language(language, expected):
    template = Template('{{ day|date:"DATE_FORMAT" }}')
    with translation.override(language):
        assert template.render(Context({"day": datetime.date(2021, 1, 6)})) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("az", "6 yanvar 2021, 14:30"),
        ("en", "6 January 2021, 14:30"),
        ("ru", "6 января 2021 г. 14:30"),
    ],
)
def test_date_times_render_per_language(language, expected):
    template = Template('{{ moment|date:"DATETIME_FORMAT" }}')
    with translation.override(language):
        moment = datetime.datetime(2021, 1, 6, 14, 30)
        assert template.render(Context({"moment": moment})) == expected


@pytest.mark.django_db
def test_admin_speaks_azerbaijani_to_azerbaijani_staff(admin_client):
    response = admin_client.get("/admin/", headers={"accept-language": "az"})
    assert response.status_code == 200
    assert "Saytın məzmunu" in response.text  # our index title
    assert "Xoş gördük," in response.text  # Django's own "Welcome,"


@pytest.mark.django_db
def test_admin_speaks_russian_to_russian_staff(admin_client):
    response = admin_client.get("/admin/", headers={"accept-language": "ru"})
    assert "Содержание сайта" in response.text


@pytest.mark.django_db
def test_staff_switch_the_admin_language(admin_client):
    html = admin_client.get("/admin/", headers={"accept-language": "az"}).text
    assert 'action="/i18n/setlang/"' in html
    response = admin_client.post("/i18n/setlang/", {"language": "ru", "next": "/admin/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert "Содержание сайта" in admin_client.get("/admin/", headers={"accept-language": "az"}).text


@pytest.mark.django_db
def test_language_switch_never_redirects_off_site(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert not response["Location"].startswith("https://evil.example")


@pytest.mark.urls("tests.urls_failing")
@pytest.mark.parametrize(
    ("prefix", "text"),
    [("az", "Xəta baş verdi"), ("en", "Something went wrong"), ("ru", "Что-то пошло не так")],
)
def test_500_page_is_translated(client, prefix, text):
    client.raise_request_exception = False
    response = client.get(f"/{prefix}/broken/")
    assert response.status_code == 500
    assert text in response.text
    assert f'<html lang="{prefix}">' in response.text
