"""The public partner pages: list, filters, detail, languages, the home page and query counts."""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from centre.models import Status
from pages.models import Page
from partners.models import KIND_HEADINGS, Kind, Partner
from partners.views import PartnerDetailView

from .factories import make_partner, make_technology
from .images import image_upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

TR_AZ = "/az/terefdaslar/turkiye-dorduncu-senaye-inqilabi-merkezi/"
TR_EN = "/en/partners/centre-for-the-fourth-industrial-revolution-turkiye/"
TR_RU = "/ru/partnery/tsentr-chetvertoy-promyshlennoy-revolyutsii-turtsii/"


@pytest.fixture
def technologies():
    return SimpleNamespace(
        ai=make_technology(
            "artificial-intelligence",
            "Süni intellekt",
            name_en="Artificial intelligence",
            name_ru="Искусственный интеллект",
        ),
        iot=make_technology("internet-of-things", "Əşyaların interneti", name_en="IoT"),
        quantum=make_technology("quantum-computing", "Kvant hesablamaları"),
    )


@pytest.fixture
def catalogue(technologies):
    """A network centre in three languages, a platform, a university and an inactive partner."""
    return SimpleNamespace(
        turkiye=make_partner(
            "Türkiyə Dördüncü Sənaye İnqilabı Mərkəzi",
            name_en="Centre for the Fourth Industrial Revolution Türkiye",
            name_ru="Центр Четвертой промышленной революции Турции",
            short_name_az="C4IR Türkiyə",
            summary_az="İstanbuldakı mərkəz.",
            summary_en="The centre in Istanbul.",
            summary_ru="Центр в Стамбуле.",
            description_az="<p>Yol xəritələri hazırlayır.</p>",
            description_en="<p>It prepares roadmaps.</p>",
            description_ru="<p>Готовит дорожные карты.</p>",
            host_institution_az="MEXT Texnologiya Mərkəzi",
            host_institution_en="MEXT Technology Center",
            host_institution_ru="Технологический центр MEXT",
            country="TR",
            founded_year=2020,
            website="https://mext.example.org/",
            reference_url="https://news.example.org/c4ir-turkiye",
            logo=image_upload("tr.png", size=(400, 200)),
            technologies=[technologies.ai, technologies.iot],
        ),
        platform=make_partner(
            "Rəqəmsal ticarət",
            name_en="Digital Trade",
            kind=Kind.PLATFORM,
            technologies=[technologies.iot],
        ),
        university=make_partner(
            "ADA Universiteti",
            kind=Kind.ACADEMIA,
            country="AZ",
            technologies=[technologies.ai],
        ),
        inactive=make_partner(
            "Köhnə tərəfdaş",
            is_active=False,
            kind=Kind.INDUSTRY,
            technologies=[technologies.quantum],
        ),
    )


def names_on(response):
    return [partner.name for group in response.context["groups"] for partner in group["partners"]]


class TestList:
    @pytest.mark.parametrize(
        ("url", "texts"),
        [
            (
                "/az/terefdaslar/",
                ["<h1>Tərəfdaşlar</h1>", "C4IR şəbəkəsinin mərkəzləri", "DİF platformaları",
                 "Akademik qurumlar", "Türkiyə Dördüncü Sənaye İnqilabı Mərkəzi", "Türkiyə"],
            ),
            (
                "/en/partners/",
                ["<h1>Partners</h1>", "C4IR network centres", "WEF platforms", "Academia",
                 "Centre for the Fourth Industrial Revolution Türkiye", "Türkiye", "Azerbaijan"],
            ),
            (
                "/ru/partnery/",
                ["<h1>Партнёры</h1>", "Центры сети C4IR", "Платформы ВЭФ",
                 "Центр Четвертой промышленной революции Турции", "Турция", "Центр в Стамбуле."],
            ),
        ],
    )  # fmt: skip
    def test_list_in_three_languages(self, client, catalogue, url, texts):
        response = client.get(url)
        assert response.status_code == 200
        for text in texts:
            assert text in response.text, text

    def test_grouped_by_kind_in_the_kinds_order(self, client, catalogue):
        groups = client.get("/az/terefdaslar/").context["groups"]
        assert [group["kind"] for group in groups] == [
            Kind.NETWORK_CENTRE,
            Kind.PLATFORM,
            "academia",
        ]

    def test_inactive_partners_are_not_listed(self, client, catalogue):
        response = client.get("/az/terefdaslar/")
        assert "Köhnə tərəfdaş" not in response.text
        assert "Köhnə tərəfdaş" not in names_on(response)

    def test_staff_see_inactive_partners_marked(self, staff_client, catalogue):
        response = staff_client.get("/az/terefdaslar/")
        assert "Köhnə tərəfdaş" in names_on(response)
        assert "Qeyri-aktiv: yalnız əməkdaşlar görür." in response.text

    def test_staff_text_is_escaped_in_the_cards(self, client):
        """Names, short names (initials) and summaries are staff's text: written as text."""
        make_partner(
            "<script>alert(1)</script> & Co",
            short_name_az="<x> y",
            summary_az='<b onmouseover="x">bold</b>',
            country="AZ",
        )
        for url in ("/az/terefdaslar/", "/en/partners/"):
            html = client.get(url).text
            assert "<script>alert(1)" not in html and "<b onmouseover" not in html
            assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</a>" in html
            assert "&lt;b onmouseover=&quot;x&quot;&gt;bold&lt;/b&gt;</p>" in html
            assert "<Y" not in html and "&lt;Y</span>" in html

    def test_logos_with_srcset_width_and_height(self, client, catalogue):
        html = client.get("/az/terefdaslar/").text
        picture = re.search(r"<picture.*?</picture>", html, re.S)[0]
        assert re.search(
            r'<source type="image/webp" srcset="/media/partners/partner/\d+/partners/logos/'
            r"renditions/turkiye-dorduncu-senaye-inqilabi-merkezi-160\.webp 160w, "
            r"/media/partners/partner/\d+/partners/logos/renditions/"
            r'turkiye-dorduncu-senaye-inqilabi-merkezi-320\.webp 320w"',
            picture,
        )
        assert re.search(
            r'srcset="/media/partners/partner/\d+/partners/logos/renditions/turkiye-dorduncu-',
            picture,
        )
        assert 'width="160" height="80"' in picture
        assert 'alt=""' in picture  # the name is written beside it
        # A partner without a logo gets a placeholder of the same size, not a broken image.
        assert '<span class="partner-logo partner-logo--placeholder" aria-hidden="true">RT' in html

    def test_header_links_to_partners_and_marks_it_current(self, client, catalogue):
        html = client.get("/en/partners/").text
        assert '<a href="/en/partners/" aria-current="page">Partners</a>' in html
        assert '<a href="/en/partners/">Partners</a>' in client.get("/en/").text


class TestFilters:
    def test_filter_by_kind(self, client, catalogue):
        response = client.get("/az/terefdaslar/", {"kind": "wef-platform"})
        assert response.status_code == 200
        assert names_on(response) == ["Rəqəmsal ticarət"]
        assert '<a href="?kind=wef-platform" aria-current="true">DİF platformaları</a>' in (
            response.text
        )

    def test_filter_by_technology(self, client, catalogue):
        response = client.get("/en/partners/", {"technology": "artificial-intelligence"})
        assert names_on(response) == [
            "Centre for the Fourth Industrial Revolution Türkiye",
            "ADA Universiteti",
        ]
        assert "<title>Partners: Artificial intelligence | 4SIM</title>" in response.text

    def test_combined_filters_and_links_that_keep_the_other_filter(self, client, catalogue):
        response = client.get(
            "/az/terefdaslar/", {"kind": "academia", "technology": "artificial-intelligence"}
        )
        assert names_on(response) == ["ADA Universiteti"]
        html = response.text
        assert 'href="?kind=network-centre&amp;technology=artificial-intelligence"' in html
        assert 'href="?kind=academia&amp;technology=internet-of-things"' in html
        assert 'href="?kind=academia"' in html  # "all technologies" keeps the kind

    def test_combination_without_partners_says_so(self, client, catalogue):
        response = client.get(
            "/en/partners/", {"kind": "academia", "technology": "internet-of-things"}
        )
        assert response.status_code == 200
        assert names_on(response) == []
        assert "No partner matches these filters." in response.text

    def test_only_kinds_and_technologies_with_visible_partners_are_offered(self, client, catalogue):
        context = client.get("/az/terefdaslar/").context
        assert list(context["kinds"]) == [
            Kind.NETWORK_CENTRE,
            Kind.PLATFORM,
            Kind.ACADEMIA,
        ]  # the industry partner is inactive
        assert [t.slug for t in context["technologies"]] == [
            "artificial-intelligence",
            "internet-of-things",
        ]  # quantum computing only has the inactive partner
        # A kind or technology no visible partner has is not offered: as on the publications'
        # list, it is left out, the list shows as without it (and is not cached).
        everyone = names_on(client.get("/az/terefdaslar/"))
        for query in ({"technology": "quantum-computing"}, {"kind": Kind.INDUSTRY}):
            response = client.get("/az/terefdaslar/", query)
            assert response.status_code == 200
            assert names_on(response) == everyone
            assert response.context["selected_technology"] is None
            assert response.context["selected_kind"] == ""

    def test_nul_is_dropped_from_filters(self, client, catalogue):
        html = client.get("/az/terefdaslar/", {"kind": "academia\x00"}).text
        assert "ADA Universiteti" in html
        assert client.get("/az/terefdaslar/", {"kind": "\x00"}).status_code in (200, 404)

    @pytest.mark.parametrize(
        "query",
        [
            {"kind": "nope"},
            {"kind": "Network-Centre"},
            {"technology": "no-such-technology"},
            {"kind": "academia", "technology": "x" * 5000},
            {"technology": "süni-intellekt"},
        ],
    )
    def test_unknown_values_are_ignored_never_an_error(self, client, catalogue, query):
        """As on the publications' list: the list shows as without them (not cached)."""
        response = client.get("/az/terefdaslar/", query)
        assert response.status_code == 200
        expected = client.get("/az/terefdaslar/", {"kind": query.get("kind", "")})
        assert names_on(response) == names_on(expected)
        assert response.context["selected_technology"] is None

    def test_unrelated_parameters_are_ignored(self, client, catalogue):
        assert (
            client.get("/az/terefdaslar/", {"utm_source": "\x00", "page": "x"}).status_code == 200
        )

    def test_language_switcher_keeps_the_filters(self, client, catalogue):
        html = client.get("/az/terefdaslar/", {"kind": "academia"}).text
        assert '<a href="/en/partners/?kind=academia" hreflang="en" lang="en">' in html
        assert '<a href="/ru/partnery/?kind=academia" hreflang="ru" lang="ru">' in html

    def test_many_partners_come_in_pages_of_48_still_grouped_by_kind(
        self, client, catalogue, technologies
    ):
        add_partners(150, technologies)
        active = Partner.objects.filter(is_active=True).count()
        assert 96 < active <= 144
        first = client.get("/en/partners/")
        second = client.get("/en/partners/?page=2")
        third = client.get("/en/partners/?page=3")
        pages = [names_on(first), names_on(second), names_on(third)]
        assert [len(names) for names in pages] == [48, 48, active - 96]
        # Every active partner once, kind after kind in the headings' order across pages.
        with translation.override("en"):
            every_active = [partner.name for partner in Partner.objects.filter(is_active=True)]
        assert sorted(name for names in pages for name in names) == sorted(every_active)
        kinds = [
            group["kind"]
            for response in (first, second, third)
            for group in response.context["groups"]
        ]
        order = list(KIND_HEADINGS)
        assert [order.index(kind) for kind in kinds] == sorted(order.index(kind) for kind in kinds)
        assert 'href="?page=2" rel="next"' in first.text
        assert "Page 2 of 3" in second.text
        assert "(page 2)" in second.text.split("</title>")[0]

    def test_a_filter_link_starts_again_at_the_first_page(self, client, catalogue, technologies):
        add_partners(150, technologies)
        ai = "artificial-intelligence"
        html = client.get("/en/partners/", {"page": "2", "technology": ai}).text
        assert f'href="?page=1&amp;technology={ai}" rel="prev"' in html
        filters = html.split('class="partner-filters"')[1].split("</nav>")[0]
        assert f'href="?technology={ai}&amp;kind=academia"' in filters  # the technology stays
        assert "page=" not in filters

    @pytest.mark.parametrize("page", ["0", "-1", "abc", "1e9", "999999999", "2" * 30])
    def test_bad_page_numbers_show_a_page(self, client, catalogue, technologies, page):
        add_partners(60, technologies)
        response = client.get(f"/az/terefdaslar/?page={page}")
        assert response.status_code == 200
        assert names_on(response)

    def test_links_work_without_javascript(self, client, catalogue):
        html = client.get("/az/terefdaslar/").text
        # No script but data for search engines (JSON-LD), which no browser runs.
        assert not re.search(r'<script(?! type="application/ld\+json">)', html)
        filters = html[
            html.index('<nav class="partner-filters"') : html.index(
                "</nav>", html.index('<nav class="partner-filters"')
            )
        ]
        assert "<form" not in filters
        assert 'href="?kind=academia"' in filters or "kind=academia" in filters


class TestDetail:
    @pytest.mark.parametrize(
        ("url", "texts"),
        [
            (
                TR_AZ,
                ["<h1>Türkiyə Dördüncü Sənaye İnqilabı Mərkəzi</h1>", "Yol xəritələri hazırlayır.",
                 "MEXT Texnologiya Mərkəzi", "2020", "Türkiyə", "Süni intellekt",
                 "C4IR şəbəkəsinin mərkəzi"],
            ),
            (
                TR_EN,
                ["<h1>Centre for the Fourth Industrial Revolution Türkiye</h1>",
                 "It prepares roadmaps.", "MEXT Technology Center", "Türkiye",
                 "Artificial intelligence", "C4IR network centre", "Founded or joined"],
            ),
            (
                TR_RU,
                ["<h1>Центр Четвертой промышленной революции Турции</h1>",
                 "Готовит дорожные карты.", "Технологический центр MEXT", "Турция",
                 "Искусственный интеллект", "Центр сети C4IR"],
            ),
        ],
    )  # fmt: skip
    def test_detail_in_three_languages(self, client, catalogue, url, texts):
        response = client.get(url)
        assert response.status_code == 200
        for text in texts:
            assert text in response.text, text
        assert "has not been translated" not in response.text

    def test_website_and_source_are_ordinary_links_with_noopener(self, client, catalogue):
        html = client.get(TR_EN).text
        assert '<a href="https://mext.example.org/" rel="noopener">' in html
        assert '<a href="https://news.example.org/c4ir-turkiye" rel="noopener">' in html
        assert 'target="_blank"' not in html

    def test_technologies_link_to_the_filtered_list(self, client, catalogue):
        html = client.get(TR_EN).text
        assert '<a href="/en/partners/?technology=artificial-intelligence">' in html
        assert '<a href="/en/partners/?technology=internet-of-things">IoT</a>' in html

    def test_logo_picture(self, client, catalogue):
        html = client.get(TR_AZ).text
        assert re.search(
            r'<img src="/media/partners/partner/\d+/partners/logos/renditions/[^"]+-160\.png"', html
        )
        assert 'width="160" height="80"' in html

    def test_inactive_partner_is_404_for_the_public(self, client, catalogue):
        url = catalogue.inactive.get_absolute_url()
        assert url == "/az/terefdaslar/kohne-terefdas/"
        assert client.get(url).status_code == 404
        assert client.get("/en/partners/kohne-terefdas/").status_code == 404

    def test_staff_preview_an_inactive_partner(self, staff_client, catalogue):
        response = staff_client.get(catalogue.inactive.get_absolute_url())
        assert response.status_code == 200
        assert "Önizləmə: bu tərəfdaş qeyri-aktivdir." in response.text

    def test_untranslated_partner_shows_azerbaijani_with_a_notice(self, client, catalogue):
        response = client.get("/ru/partnery/ada-universiteti/")
        assert response.status_code == 200
        assert "Этот текст ещё не переведён на ваш язык." in response.text
        assert '<h1 lang="az">ADA Universiteti</h1>' in response.text

    def test_language_switcher_goes_to_the_same_partner(self, client, catalogue):
        html = client.get(TR_AZ).text
        assert f'<a href="{TR_EN}" hreflang="en" lang="en">' in html
        assert f'<a href="{TR_RU}" hreflang="ru" lang="ru">' in html
        assert f'<link rel="canonical" href="http://testserver{TR_AZ}">' in html

    def test_hreflang_lists_only_the_languages_the_partner_has(self, client, catalogue):
        html = client.get("/en/partners/digital-trade/").text
        assert (
            '<link rel="alternate" hreflang="az" href="http://testserver/az/terefdaslar/reqemsal-ticaret/">'
            in html
        )
        assert (
            '<link rel="alternate" hreflang="en" href="http://testserver/en/partners/digital-trade/">'
            in html
        )
        assert '<link rel="alternate" hreflang="ru"' not in html
        # The Russian page exists (Azerbaijani text with a notice), under the Azerbaijani slug.
        assert '<a href="/ru/partnery/reqemsal-ticaret/" hreflang="ru" lang="ru">' in html

    def test_address_in_another_language_redirects(self, client, catalogue):
        response = client.get("/en/partners/turkiye-dorduncu-senaye-inqilabi-merkezi/")
        assert response.status_code == 301
        assert response["Location"] == TR_EN

    @pytest.mark.parametrize(
        "path",
        [
            "/az/terefdaslar/yoxdur/",
            "/az/terefdaslar/%00/",
            "/az/terefdaslar/turkiye%00/",
            "/az/terefdaslar/" + "a" * 3000 + "/",
            "/az/terefdaslar/%D1%82%D1%83%D1%80/",
            "/en/partnyorlar/turkiye-dorduncu-senaye-inqilabi-merkezi/",
        ],
    )
    def test_odd_addresses_are_404(self, client, catalogue, path):
        assert client.get(path).status_code == 404

    def test_breadcrumbs_and_menu(self, client, catalogue):
        html = client.get(TR_EN).text
        assert '<li><a href="/en/partners/">Partners</a></li>' in html
        assert '<a href="/en/partners/" aria-current="page">Partners</a>' in html

    def test_related_publications_section_when_the_view_provides_them(
        self, client, catalogue, monkeypatch
    ):
        publication = SimpleNamespace(
            title="4SİM texnologiya həlləri",
            get_absolute_url="/az/nesrler/texnologiya-helleri/",
            publication_date=datetime.date(2021, 1, 6),
        )
        assert "Mərkəzin eyni texnologiyalara dair nəşrləri" not in client.get(TR_AZ).text
        monkeypatch.setattr(
            PartnerDetailView,
            "extra_context",
            {"related_publications": [publication]},
            raising=False,
        )
        html = client.get(TR_AZ).text
        assert "Mərkəzin eyni texnologiyalara dair nəşrləri" in html
        assert '<a href="/az/nesrler/texnologiya-helleri/">4SİM texnologiya həlləri</a>' in html
        assert '<time datetime="2021-01-06">6 yanvar 2021</time>' in html


def test_a_page_cannot_take_the_partners_address():
    page = Page(title_az="Partnyorlar", status=Status.PUBLISHED)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "slug_az" in error.value.message_dict


class TestHomePage:
    def test_home_shows_network_centre_logos_linking_to_them(self, client, catalogue):
        make_partner("Köhnə mərkəz", is_active=False, short_name_az="Köhnə C4IR")
        html = client.get("/az/").text
        section = re.search(r'<section class="network-centres".*?</section>', html, re.S)[0]
        assert f'<a class="network-centres__link" href="{TR_AZ}">' in section
        assert "<picture" in section and "160w" in section and 'width="160"' in section
        assert "C4IR Türkiyə" in section
        assert "Rəqəmsal ticarət" not in section  # a platform, not a network centre
        assert "Köhnə C4IR" not in section  # inactive
        assert '<a href="/az/terefdaslar/">Bütün tərəfdaşlar</a>' in section

    def test_home_in_english_links_to_english_addresses(self, client, catalogue):
        html = client.get("/en/").text
        assert f'href="{TR_EN}"' in html
        assert "Partner centres of the C4IR Network" in html

    def test_no_section_without_network_centres(self, client):
        assert 'class="network-centres"' not in client.get("/az/").text


def queries_for(client, url):
    # The steady state: what is kept per cache generation (the menu, the footer) is read by
    # the first request only.
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def add_partners(count, technologies):
    kinds = list(Kind)
    for number in range(count):
        make_partner(
            f"Tərəfdaş {number:03d}",
            name_en=f"Partner {number:03d}",
            kind=kinds[number % len(kinds)],
            country="TR" if number % 2 else "JP",
            is_active=bool(number % 5),
            technologies=[technologies.ai, technologies.iot][: number % 3],
        )


@pytest.mark.parametrize(
    "url",
    [
        "/az/terefdaslar/",
        "/en/partners/?technology=artificial-intelligence",
        "/ru/partnery/?kind=academia&technology=internet-of-things",
        TR_AZ,
        TR_EN,
        "/az/",
    ],
)
def test_query_count_is_the_same_with_4_and_300_partners(client, catalogue, technologies, url):
    small = queries_for(client, url)
    add_partners(296, technologies)
    assert Partner.objects.count() == 300
    large = queries_for(client, url)
    assert small == large
    assert large <= 6


def test_staff_query_count_is_constant_too(staff_client, catalogue, technologies):
    small = [queries_for(staff_client, url) for url in ("/az/terefdaslar/", TR_AZ)]
    add_partners(100, technologies)
    assert [queries_for(staff_client, url) for url in ("/az/terefdaslar/", TR_AZ)] == small


class TestSeed:
    def test_seed_creates_the_network_centres_and_platforms(self, client, media):
        call_command("seed_demo")
        centres = Partner.objects.filter(kind=Kind.NETWORK_CENTRE)
        platforms = Partner.objects.filter(kind=Kind.PLATFORM)
        assert sorted(centres.values_list("country", flat=True)) == ["AE", "IL", "JP", "TR"]
        assert platforms.count() == 4
        for partner in Partner.objects.all():
            for field in ("name", "short_name", "summary", "description", "host_institution"):
                for language in ("az", "en", "ru"):
                    assert getattr(partner, f"{field}_{language}"), (partner.name_az, field)
            assert partner.logo and len(partner.logo_renditions) == 4
            assert (media / partner.logo.name).exists()
            for rendition in partner.logo_renditions:
                assert (media / rendition["name"]).exists()
        for partner in centres:
            assert partner.reference_url.startswith("https://")
            assert partner.founded_year in (2018, 2019, 2020)
        japan = centres.get(country="JP")
        assert japan.founded_year == 2018
        assert "precision medicine" in japan.description_en
        assert set(japan.technologies.values_list("slug", flat=True)) == {
            "artificial-intelligence",
            "robotics",
        }
        iot = platforms.get(name_en__contains="Internet of Things")
        assert list(iot.technologies.values_list("slug", flat=True)) == ["internet-of-things"]

        html = client.get("/az/").text
        for name in ("C4IR Türkiyə", "C4IR BƏƏ", "C4IR İsrail", "C4IR Yaponiya"):
            assert name in html

    def test_seed_twice_changes_nothing(self, media, capsys):
        call_command("seed_demo")
        first = list(Partner.objects.order_by("pk").values())
        files = sorted(media.rglob("*"))
        assert "partners: 8 created" in capsys.readouterr().out
        call_command("seed_demo")
        assert list(Partner.objects.order_by("pk").values()) == first
        assert sorted(media.rglob("*")) == files
        assert "partners: 0 created" in capsys.readouterr().out

    def test_seeded_pages_answer_in_three_languages(self, client):
        call_command("seed_demo")
        for partner in Partner.objects.all():
            for language in ("az", "en", "ru"):
                with translation.override(language):
                    url = partner.get_absolute_url()
                assert client.get(url).status_code == 200, url
