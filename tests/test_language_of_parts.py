"""
Language of parts (WCAG 3.1.2): text shown in another language than the page's, because its
translation is missing, carries ``lang`` (and a small "in Azerbaijani" label in lists); text in
the page's own language carries none. One mechanism: ``centre.i18n.shown_language``.
"""

import re

import pytest
from django.utils import translation

from centre import cache
from centre.i18n import shown_language
from centre.models import SiteContact
from partners.models import Kind
from publications.models import Publication

from .factories import make_page, make_partner, make_publication, make_technology

pytestmark = pytest.mark.django_db

LABEL = {"en": "in Azerbaijani", "ru": "на азербайджанском"}


@pytest.fixture
def content():
    robotics = make_technology("robotics", "Robototexnika", name_en="Robotics")
    return {
        "untranslated": make_publication(
            "Robototexnika hesabatı",
            abstract_az="Sənaye robotları haqqında.",
            publisher_az="İqtisadiyyat Nazirliyi",
            featured=True,
            files=["az"],
            technologies=[robotics],
        ),
        # English title of its own, abstract only in Azerbaijani.
        "half": make_publication(
            "Yarım tərcümə",
            title_en="Half translated",
            abstract_az="Yalnız azərbaycanca xülasə.",
            files=["az"],
            technologies=[robotics],
        ),
        "partner": make_partner(
            "Robot Mərkəzi",
            short_name_az="RM",
            summary_az="Robotlar üzrə mərkəz.",
            kind=Kind.NETWORK_CENTRE,
            technologies=[robotics],
        ),
        "translated_partner": make_partner(
            "Tərcümə olunmuş mərkəz",
            name_en="Translated centre",
            name_ru="Переведенный центр",
            summary_az="Azərbaycanca xülasə.",
            summary_en="An English summary.",
            summary_ru="Русское описание.",
            kind=Kind.NETWORK_CENTRE,
        ),
        "page": make_page("Haqqımızda", show_in_menu=True, summary_az="Mərkəz haqqında."),
    }


def test_shown_language_follows_modeltranslation_fallback(content):
    half = content["half"]
    with translation.override("en"):
        assert (half.title, shown_language(half, "title")) == ("Half translated", "en")
        assert (half.abstract, shown_language(half, "abstract")) == (
            "Yalnız azərbaycanca xülasə.",
            "az",
        )
        # No publisher in any language: the Centre's name, in the page's language.
        assert shown_language(half, "publisher") == "en"
    with translation.override("az"):
        assert shown_language(half, "abstract") == "az"


@pytest.mark.parametrize("language", ["en", "ru"])
def test_publications_list(client, content, language):
    html = client.get(f"/{language}/{'publications' if language == 'en' else 'publikatsii'}/").text
    untranslated = content["untranslated"]
    with translation.override(language):
        url = untranslated.get_absolute_url()
    assert (
        f'<a href="{url}" lang="az">Robototexnika hesabatı</a>'
        f'<span class="in-language">{LABEL[language]}</span>'
    ) in html
    assert '<p class="publication-card__abstract" lang="az">Sənaye robotları' in html
    if language == "en":
        # Its own title: no mark, no label; its Azerbaijani abstract is marked.
        assert re.search(r'<a href="[^"]+">Half translated</a></h3>', html)
        assert '<p class="publication-card__abstract" lang="az">Yalnız azərbaycanca' in html


def test_azerbaijani_page_marks_nothing(client, content):
    html = client.get("/az/nesrler/").text
    assert "in-language" not in html
    assert re.search(r'<a href="[^"]+">Robototexnika hesabatı</a></h3>', html)
    assert '<p class="publication-card__abstract">Sənaye robotları' in html
    html = client.get("/az/").text
    assert "in-language" not in html
    assert 'lang="az">Robot' not in html


@pytest.mark.parametrize("language", ["en", "ru"])
def test_partners_list(client, content, language):
    html = client.get(f"/{language}/{'partners' if language == 'en' else 'partnery'}/").text
    assert re.search(
        r'<a href="[^"]+" lang="az">Robot Mərkəzi</a>'
        rf'<span class="in-language">{LABEL[language]}</span>',
        html,
    )
    assert '<p class="partner-card__summary" lang="az">Robotlar üzrə mərkəz.</p>' in html
    name = {"en": "Translated centre", "ru": "Переведенный центр"}[language]
    assert re.search(rf'<a href="[^"]+">{name}</a></h3>', html)
    assert '<p class="partner-card__summary">' in html


def test_home_page(client, content):
    html = client.get("/en/").text
    # The featured publication, the network centres, the menu.
    assert re.search(
        r'<h3><a href="[^"]+" lang="az">Robototexnika hesabatı</a>'
        r'<span class="in-language">in Azerbaijani</span></h3>',
        html,
    )
    assert '<p lang="az">Sənaye robotları haqqında.</p>' in html
    assert '<span class="network-centres__name" lang="az">RM</span>' in html
    assert re.search(r'<li><a href="[^"]+" lang="az">Haqqımızda</a></li>', html)
    assert '<span class="network-centres__name">Translated centre</span>' in html


def test_related_publications_on_a_partner_page(client, content):
    with translation.override("ru"):
        url = content["partner"].get_absolute_url()
    html = client.get(url).text
    assert re.search(
        r'<li><a href="[^"]+" lang="az">Robototexnika hesabatı</a>'
        r'<span class="in-language">на азербайджанском</span>',
        html,
    )
    assert '<h1 lang="az">Robot Mərkəzi</h1>' in html


def test_publication_detail_marks_each_part(client, content):
    with translation.override("en"):
        html = client.get(content["untranslated"].get_absolute_url()).text
        half = client.get(content["half"].get_absolute_url()).text
    assert '<h1 lang="az">Robototexnika hesabatı</h1>' in html
    assert '<dd lang="az">İqtisadiyyat Nazirliyi</dd>' in html
    assert '<span aria-current="page" lang="az">Robototexnika hesabatı</span>' in html
    assert "<h1>Half translated</h1>" in half
    assert '<div lang="az"><p>Yalnız azərbaycanca xülasə.</p></div>' in half
    # No publisher of its own: the Centre's name, in English, unmarked.
    assert re.search(r"<dd>Fourth Industrial Revolution[^<]*</dd>", half)


def test_one_notice_when_the_text_is_translated_but_the_pdf_is_not(client, content):
    with translation.override("en"):
        html = client.get(content["half"].get_absolute_url()).text
    assert html.count('class="notice notice--language"') == 1
    assert "This publication is not available in your language." in html


def test_page_detail_subpages_and_breadcrumbs(client, content):
    parent = make_page("Bölmə", title_en="Section", summary_en="About the section.")
    make_page("Alt səhifə", parent=parent, summary_az="Azərbaycanca.")
    child = make_page("Tərcüməsiz", parent=parent)
    html = client.get(f"/en/{parent.slug_en}/").text
    assert re.search(
        r'<a href="[^"]+" lang="az">Alt səhifə</a><span class="in-language">in Azerbaijani</span>'
        r'<p lang="az">Azərbaycanca.</p>',
        html,
    )
    assert '<p class="lead">About the section.</p>' in html
    with translation.override("en"):
        html = client.get(child.get_absolute_url()).text
    assert re.search(r'<li><a href="[^"]+">Section</a></li>', html)
    assert '<span aria-current="page" lang="az">Tərcüməsiz</span>' in html


def test_search_results(client, content):
    html = client.get("/en/search/", {"q": "robototexnika"}).text
    assert '<span class="in-language">in Azerbaijani</span>' in html
    assert re.search(r'<a href="[^"]+" lang="az">Robototexnika hesabatı</a>', html)
    html = client.get("/en/search/", {"q": "half"}).text
    assert re.search(r'<a href="[^"]+">Half translated</a>', html)


def test_the_footers_address_in_azerbaijani_on_an_english_page(client, content):
    # Staff wrote only the Azerbaijani address: en/ru pages show it, marked; az marks nothing.
    SiteContact.objects.create(address_az="Bakı, Nizami küçəsi 1", address_ru="Баку")
    cache.invalidate()  # as a save in the admin does (centre.cache keeps the details)
    assert '<p lang="az">Bakı, Nizami küçəsi 1</p>' in client.get("/en/").text
    assert "<p>Баку</p>" in client.get("/ru/").text
    assert "<p>Bakı, Nizami küçəsi 1</p>" in client.get("/az/").text


def test_query_counts_do_not_grow_with_the_mark(client, content, django_assert_max_num_queries):
    """The mark reads columns already loaded: it never asks the database."""
    publications = list(Publication.objects.all())
    with translation.override("ru"), django_assert_max_num_queries(0):
        for publication in publications:
            for field in ("title", "abstract", "publisher", "authors"):
                shown_language(publication, field)
