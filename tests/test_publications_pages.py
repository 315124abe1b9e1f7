"""Public pages of publications: list with filters and pages, detail, citations, feeds, home."""

import datetime
import inspect
import json
import re

import pytest
from defusedxml import ElementTree as ET
from django.http import HttpRequest
from django.urls import resolve
from django.utils import timezone, translation

from centre.models import Status, Technology
from centre.seed import seed as seed_technologies
from publications.feeds import PublicationsRssFeed
from publications.models import PublicationType, Sector

from .factories import make_page, make_publication

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    """Four published publications of different kinds, and two the public must not see."""
    seed_technologies()
    ai, iot = (
        Technology.objects.get(slug="artificial-intelligence"),
        Technology.objects.get(slug="internet-of-things"),
    )
    energy = Sector.objects.create(name_az="Enerji", name_en="Energy", slug="energy")
    health = Sector.objects.create(name_az="Səhiyyə", name_en="Healthcare", slug="healthcare")
    research = make_publication(
        "Tədqiqat sənədi",
        title_en="Research document",
        publication_type=PublicationType.RESEARCH,
        publication_date=datetime.date(2022, 2, 23),
        featured=True,
        files=["az", "en", "ru"],
        technologies=[ai, iot],
        sectors=[energy],
    )
    report = make_publication(
        "Hesabat",
        publication_type=PublicationType.REPORT,
        publication_date=datetime.date(2023, 5, 1),
        files=["az"],
        technologies=[ai],
        sectors=[health],
    )
    strategy = make_publication(
        "Strategiya",
        title_ru="Стратегия",
        publication_type=PublicationType.STRATEGY,
        publication_date=datetime.date(2024, 3, 1),
        files=["az", "ru"],
        technologies=[iot],
    )
    brief = make_publication(
        "Qısa icmal", publication_type=PublicationType.POLICY_BRIEF,
        publication_date=datetime.date(2021, 7, 1),
    )  # fmt: skip
    # A technology and a sector only these two have: never offered as filters.
    robotics = Technology.objects.get(slug="robotics")
    mining = Sector.objects.create(name_az="Mədən", name_en="Mining", slug="mining")
    make_publication("Qaralama", status=Status.DRAFT, files=["az"], technologies=[ai, robotics])
    make_publication(
        "Gələcək",
        publish_from=timezone.now() + datetime.timedelta(days=3),
        files=["az"],
        sectors=[mining],
    )
    return {"research": research, "report": report, "strategy": strategy, "brief": brief}


def titles(response):
    return [publication.title for publication in response.context["publications"]]


class TestList:
    def test_newest_first_with_type_date_and_languages(self, client, catalogue):
        response = client.get("/az/nesrler/")
        assert response.status_code == 200
        assert titles(response) == ["Strategiya", "Hesabat", "Tədqiqat sənədi", "Qısa icmal"]
        html = response.text
        assert "Qaralama" not in html and "Gələcək" not in html
        assert "Tədqiqat sənədi" in html and "23 fevral 2022" in html
        assert '<span lang="ru">Русский</span>' in html

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("type=research", ["Tədqiqat sənədi"]),
            ("type=strategy", ["Strategiya"]),
            ("technology=artificial-intelligence", ["Hesabat", "Tədqiqat sənədi"]),
            ("technology=internet-of-things", ["Strategiya", "Tədqiqat sənədi"]),
            ("sector=healthcare", ["Hesabat"]),
            ("year=2022", ["Tədqiqat sənədi"]),
            ("language=ru", ["Strategiya", "Tədqiqat sənədi"]),
            ("language=en", ["Tədqiqat sənədi"]),
            ("technology=internet-of-things&language=ru&year=2024", ["Strategiya"]),
            ("technology=artificial-intelligence&type=strategy", []),
        ],
    )
    def test_filters_combine(self, client, catalogue, query, expected):
        response = client.get(f"/az/nesrler/?{query}")
        assert response.status_code == 200
        assert titles(response) == expected

    @pytest.mark.parametrize(
        "query",
        [
            "type=nonsense",
            "technology=%00",
            "sector=x%00y",
            "year=abc",
            "year=99999999999999999999",
            "year=1999",
            "language=de",
            "type=" + "x" * 5000,
            "technology=süni",
            "year=٢٠٢٢",
        ],
    )
    def test_unknown_filter_values_are_ignored_never_an_error(self, client, catalogue, query):
        response = client.get(f"/az/nesrler/?{query}")
        assert response.status_code == 200
        assert len(titles(response)) == 4

    def test_filter_links_keep_the_other_filters_and_toggle(self, client, catalogue):
        html = client.get("/az/nesrler/?type=research&year=2022").text
        # Another technology is added to the filters in force…
        assert 'href="/az/nesrler/?type=research&amp;year=2022&amp;technology=robotics"' not in html
        assert (
            'href="/az/nesrler/?type=research&amp;year=2022&amp;technology=artificial-intelligence"'
            in html
        )
        # …and the active year's link removes it.
        assert 'href="/az/nesrler/?type=research" aria-current="true"' in html
        assert '<meta name="robots" content="noindex, follow">' in html

    def test_only_values_in_use_are_offered(self, client, catalogue):
        html = client.get("/en/publications/").text
        assert "?type=white-paper" not in html
        assert "?technology=quantum-computing" not in html
        # Used only by a draft and by a publication not out yet.
        assert "?technology=robotics" not in html and "?sector=mining" not in html
        assert "?technology=artificial-intelligence" in html and "?sector=energy" in html
        assert "?year=2024" in html and "?year=2020" not in html

    @pytest.mark.parametrize(
        ("page", "number"),
        [
            ("1", 1),
            ("2", 2),
            ("3", 3),
            ("4", 3),
            ("abc", 1),
            ("-1", 1),
            ("0", 1),
            ("1e9", 1),
            ("999999999", 3),
            ("9" * 5000, 1),
            ("%00", 1),
            ("", 1),
            ("2.5", 1),
            ("٢", 1),
        ],
    )
    def test_bad_page_numbers_never_fail(self, client, page, number):
        for day in range(1, 26):
            make_publication(f"Nəşr {day}", publication_date=datetime.date(2024, 1, day))
        response = client.get(f"/az/nesrler/?page={page}")
        assert response.status_code == 200
        assert response.context["page_obj"].number == number

    def test_pagination_links_keep_the_filters(self, client):
        for day in range(1, 16):
            make_publication(
                f"Nəşr {day}",
                publication_type=PublicationType.REPORT,
                publication_date=datetime.date(2024, 1, day),
            )
        html = client.get("/az/nesrler/?type=report").text
        assert 'href="?type=report&amp;page=2" rel="next"' in html

    def test_staff_text_is_escaped_in_the_cards(self, client):
        make_publication(
            "<script>alert(1)</script> & co",
            abstract_az='<b onmouseover="x">bold</b>',
        )
        for url in ("/az/nesrler/", "/en/publications/"):
            html = client.get(url).text
            assert "<script>alert(1)" not in html and "<b onmouseover" not in html
            assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</a>" in html
            assert "&lt;b onmouseover=&quot;x&quot;&gt;bold&lt;/b&gt;</p>" in html

    def test_empty_list(self, client):
        response = client.get("/ru/publikatsii/")
        assert response.status_code == 200
        assert "Нет публикаций" in response.text

    def test_header_links_to_publications_in_each_language(self, client, catalogue):
        assert 'href="/az/nesrler/" aria-current="page">Nəşrlər<' in client.get("/az/nesrler/").text
        assert 'href="/en/publications/">Publications<' in client.get("/en/").text
        assert 'href="/ru/publikatsii/">Публикации<' in client.get("/ru/").text


class TestDetail:
    def test_detail_shows_cover_abstract_metadata_and_a_button_per_language(
        self, client, catalogue
    ):
        research = catalogue["research"]
        research.abstract_az = "Birinci abzas.\n\nİkinci abzas."
        research.authors_az = "Məmmədov, Əli\nDördüncü Sənaye İnqilabının Təhlili Mərkəzi"
        research.save()
        research.refresh_cover()
        response = client.get("/az/nesrler/tedqiqat-senedi/")
        assert response.status_code == 200
        html = response.text
        assert "<p>Birinci abzas.</p>" in html and "<p>İkinci abzas.</p>" in html
        assert "<li>Əli Məmmədov</li>" in html
        assert '<source type="image/webp"' in html
        buttons = re.findall(
            r'class="button button--download" href="([^"]+)" hreflang="(\w+)"', html
        )
        assert [language for _url, language in buttons] == ["az", "en", "ru"]
        assert "2 səhifə" in html
        assert "bu nəşr sizin dilinizdə yoxdur" not in html.lower()
        assert "?technology=artificial-intelligence" in html

    def test_a_missing_language_is_offered_the_others_with_one_notice(self, client, catalogue):
        response = client.get("/en/publications/hesabat/")
        assert response.status_code == 200
        # Untranslated text and no English PDF: one notice says both, not two stacked ones.
        assert response.text.count('class="notice notice--language"') == 1
        assert "you can download it in the languages below" in response.text
        assert 'hreflang="az" type="application/pdf"' in response.text
        # The text is shown in Azerbaijani, marked as such, and announced in az only.
        assert '<h1 lang="az">Hesabat</h1>' in response.text
        assert 'hreflang="az"' in response.text
        assert '<link rel="alternate" hreflang="en"' not in response.text

    def test_the_visitors_language_comes_first(self, client, catalogue):
        html = client.get("/ru/publikatsii/strategiya/").text
        buttons = re.findall(r'class="button button--download" href="[^"]+" hreflang="(\w+)"', html)
        assert buttons == ["ru", "az"]

    def test_scholarly_and_opengraph_meta_tags(self, client, catalogue):
        research = catalogue["research"]
        research.refresh_cover()
        research.authors_en = "Aliyev, Ali\nSmith, Jane"
        research.save()
        html = client.get("/en/publications/research-document/").text
        assert '<meta name="citation_title" content="Research document">' in html
        assert '<meta name="citation_author" content="Aliyev, Ali">' in html
        assert '<meta name="citation_author" content="Smith, Jane">' in html
        assert '<meta name="citation_publication_date" content="2022/02/23">' in html
        pdf_url = re.search(r'<meta name="citation_pdf_url" content="([^"]+)">', html)[1]
        assert pdf_url.startswith("http://testserver/en/publications/files/")
        assert pdf_url.endswith("-en.pdf")
        assert '<meta property="og:title" content="Research document">' in html
        assert '<meta property="og:type" content="article">' in html
        assert '<meta property="og:locale" content="en_GB">' in html
        assert re.search(r'<meta property="og:image" content="http://testserver/media/', html)

    def test_language_switcher_follows_translated_slugs(self, client, catalogue):
        html = client.get("/az/nesrler/tedqiqat-senedi/").text
        assert 'href="/en/publications/research-document/" hreflang="en"' in html
        assert 'href="/ru/publikatsii/tedqiqat-senedi/" hreflang="ru"' in html

    def test_another_languages_slug_redirects(self, client, catalogue):
        response = client.get("/az/nesrler/research-document/")
        assert response.status_code == 301
        assert response["Location"] == "/az/nesrler/tedqiqat-senedi/"

    def test_drafts_and_future_publications_are_404_to_the_public(self, client, catalogue):
        assert client.get("/az/nesrler/qaralama/").status_code == 404
        assert client.get("/az/nesrler/gelecek/").status_code == 404
        assert client.get("/az/nesrler/qaralama/citation.bib").status_code == 404

    def test_staff_preview_drafts_with_a_notice(self, staff_client, catalogue):
        response = staff_client.get("/az/nesrler/qaralama/")
        assert response.status_code == 200
        assert "Önizləmə: bu qaralamadır." in response.text

    @pytest.mark.parametrize("path", ["/az/nesrler/yoxdur/", "/az/nesrler/%00/", "/az/nesrler/ş/"])
    def test_unknown_addresses_are_404(self, client, catalogue, path):
        assert client.get(path, follow=True).status_code == 404


class TestCitations:
    def test_bibtex(self, client, catalogue):
        research = catalogue["research"]
        research.authors_en = "Aliyev, Ali\n4SIM {Centre} & Partners_100%"
        research.save()
        response = client.get("/en/publications/research-document/citation.bib")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
        assert 'filename="research-document.bib"' in response["Content-Disposition"]
        text = response.content.decode()
        assert text.startswith("@techreport{tedqiqat-senedi-2022,\n")
        assert "  title = {{Research document}},\n" in text
        assert r"  author = {Aliyev, Ali and {4SIM \{Centre\} \& Partners\_100\%}}," in text
        assert "  year = {2022},\n  month = feb,\n" in text
        assert "  url = {http://testserver/en/publications/research-document/},\n" in text
        assert "  keywords = {Artificial intelligence, Internet of Things},\n" in text
        assert text.count("{") == text.count("}") + text.count(r"\}") - text.count(r"\{")

    def test_ris(self, client, catalogue):
        response = client.get("/ru/publikatsii/strategiya/citation.ris")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
        lines = response.content.decode().split("\r\n")
        assert lines[0] == "TY  - GOVDOC"
        assert "TI  - Стратегия" in lines
        # No named author: the Centre is the publisher (PB), not a person-shaped AU.
        assert "PB  - Центр анализа и координации Четвёртой промышленной революции" in lines
        assert not [line for line in lines if line.startswith("AU  -")]
        assert "PY  - 2024" in lines and "DA  - 2024/03/01" in lines
        assert "LA  - ru" in lines
        assert any(
            line.startswith("L1  - http://testserver/ru/publikatsii/faily/") for line in lines
        )
        assert lines[-2:] == ["ER  - ", ""]

    def test_newlines_and_control_characters_cannot_break_a_ris_record(self, client):
        make_publication("Başlıq\nER  - \x07", abstract_az="Bir\r\nTY  - JOUR")
        text = client.get("/az/nesrler/basliq-er/citation.ris").content.decode()
        assert text.count("\r\n") == len(text.splitlines())
        assert "TI  - Başlıq ER -" in text
        assert [line[:2] for line in text.splitlines()].count("ER") == 1


class TestFeeds:
    @pytest.mark.parametrize(
        ("url", "language", "title"),
        [
            ("/az/nesrler/rss.xml", "az", "4SİM nəşrləri"),
            ("/en/publications/rss.xml", "en", "4SIM publications"),
            ("/ru/publikatsii/rss.xml", "ru", "Публикации 4SİM"),
        ],
    )
    def test_rss_is_valid_xml_per_language(self, client, catalogue, url, language, title):
        response = client.get(url)
        assert response.status_code == 200
        channel = ET.fromstring(response.content).find("channel")
        assert channel.findtext("title") == title
        assert channel.findtext("language") == language
        items = channel.findall("item")
        assert len(items) == 4
        # The publication's date, at midnight in Baku (the newest is the strategy's).
        assert items[0].findtext("pubDate") == "Fri, 01 Mar 2024 00:00:00 +0400"
        enclosure = items[2].find("enclosure")
        assert enclosure.get("type") == "application/pdf"
        assert enclosure.get("url").startswith(f"http://testserver/{language}/")
        assert int(enclosure.get("length")) > 0

    def test_the_feed_keeps_no_request_of_its_own(self, client, catalogue):
        """One feed object answers every request (and every thread): nothing of one is kept."""
        response = client.get("/en/publications/rss.xml", HTTP_HOST="localhost")
        assert b"http://localhost/en/" in response.content
        feed = inspect.unwrap(resolve("/en/publications/rss.xml").func)
        assert isinstance(feed, PublicationsRssFeed)
        assert not any(isinstance(value, HttpRequest) for value in vars(feed).values())

    @pytest.mark.parametrize("language", ["az", "en", "ru"])
    def test_atom_is_valid_xml_per_language(self, client, catalogue, language):
        prefix = {"az": "nesrler", "en": "publications", "ru": "publikatsii"}[language]
        response = client.get(f"/{language}/{prefix}/atom.xml")
        assert response.status_code == 200
        feed = ET.fromstring(response.content)
        namespace = {"atom": "http://www.w3.org/2005/Atom"}
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language
        own = feed.find("atom:link[@rel='self']", namespace).get("href")
        assert own == f"http://testserver/{language}/{prefix}/atom.xml"
        entries = feed.findall("atom:entry", namespace)
        assert len(entries) == 4
        link = entries[0].find("atom:link", namespace).get("href")
        assert link.startswith(f"http://testserver/{language}/{prefix}/")

    def test_control_characters_do_not_break_the_feed(self, client):
        make_publication("Başlıq \x0b\x1b", abstract_az="Mətn\x08\x1f və s.", files=["az"])
        ET.fromstring(client.get("/az/nesrler/rss.xml").content)
        ET.fromstring(client.get("/az/nesrler/atom.xml").content)

    def test_list_and_detail_announce_the_feeds(self, client, catalogue):
        html = client.get("/en/publications/").text
        assert '<link rel="alternate" type="application/rss+xml"' in html
        assert 'href="/en/publications/atom.xml"' in html


class TestHome:
    def test_home_features_the_research_document_with_its_download(self, client, catalogue):
        make_page("Ana səhifə", is_home=True)
        html = client.get("/en/").text
        featured = html.split('class="featured-publication"')[1].split("</article>")[0]
        assert "Research document" in featured
        assert re.search(r'href="/en/publications/files/\d+/[-a-z0-9]+-en\.pdf"', featured)
        latest = html.split("home-publications__latest")[1]
        assert "Strategiya" in latest and "Hesabat" in latest

    def test_home_without_publications(self, client):
        response = client.get("/az/")
        assert response.status_code == 200
        assert "featured-publication" not in response.text

    def test_the_home_page_falls_back_to_azerbaijani(self, client, catalogue):
        with translation.override("ru"):
            html = client.get("/ru/").text
        featured = html.split('class="featured-publication"')[1].split("</article>")[0]
        assert "-ru.pdf" in featured  # the Russian file exists


# What publication_list.html wrote for a card before {% publication_cards %} (issue 16).
CARD_TEMPLATE = """{% load centre_tags publications_tags %}<li class="publication-card">
          <div class="publication-card__cover">{% cover publication "(min-width: 48em) 10rem, 6rem" lazy=True %}</div>
          <div class="publication-card__body">
            <p class="publication-card__meta"><span class="tag tag--type">{{ publication.get_publication_type_display }}</span>{% if publication.publication_date %} <time datetime="{{ publication.publication_date|date:'Y-m-d' }}">{{ publication.publication_date|date:"DATE_FORMAT" }}</time>{% endif %}</p>
            <h3 class="publication-card__title"><a href="{{ publication.get_absolute_url }}"{% lang_attr publication "title" %}>{{ publication.title }}</a>{% in_language publication "title" %}</h3>
            {% if publication.abstract %}<p class="publication-card__abstract"{% lang_attr publication "abstract" %}>{{ publication.abstract|truncatewords:36 }}</p>{% endif %}
            {% pdf_languages publication %}
          </div>
        </li>"""  # noqa: E501


@pytest.mark.usefixtures("media")
@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_a_card_is_what_the_template_wrote(language):
    """The card written in Python is the template's card, in every language and case."""
    from django.template import Context, Template

    from publications.templatetags.publications_tags import publication_cards

    publications = [
        make_publication(
            "Tədqiqat <sənədi>",
            title_en="Research & document",
            abstract_az=" ".join(["söz"] * 50),
            abstract_en="Short & sweet.",
            publication_type=PublicationType.REPORT,
            publication_date=datetime.date(2022, 2, 23),
            files=["az", "ru"],
        ),
        make_publication("Yalnız azərbaycanca", publication_date=None, abstract_ru="Кратко."),
    ]
    template = Template(CARD_TEMPLATE)
    with translation.override(language):
        for publication in publications:
            expected = template.render(Context({"publication": publication}))
            assert publication_cards([publication]) == expected


@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_type_and_kind_labels_are_the_choices_labels(language):
    """get_publication_type_display and get_kind_display, now one lookup (issue 16), give the
    choice's label in the page's language, and a value that is no choice as it is."""
    from news.models import Kind, NewsItem
    from publications.models import Publication

    with translation.override(language):
        for value, label in PublicationType.choices:
            shown = Publication(publication_type=value).get_publication_type_display()
            assert (type(shown), shown) == (str, str(label))
        for value, label in Kind.choices:
            assert NewsItem(kind=value).get_kind_display() == str(label)
        assert Publication(publication_type="gone").get_publication_type_display() == "gone"
        assert NewsItem(kind="").get_kind_display() == ""


def test_facet_options_are_what_the_template_loop_wrote():
    """{% facet_options %} (issue 16) writes the links the sidebar's template loop wrote."""
    from django.template import Context, Template

    from publications.filters import facets

    choices = {
        "type": dict(PublicationType.choices),
        "language": {"az": "Azərbaycanca", "en": "English"},
    }
    labels = {"type": "Type", "language": "Language"}
    found = facets(choices, {"type": "report", "q": "a&b"}, "/en/publications/", labels)
    loop = Template(
        "{% for option in facet.options %}"
        '<li><a href="{{ option.url }}"{% if option.active %} aria-current="true" '
        'class="is-active"{% endif %}{% if option.lang %} lang="{{ option.lang }}"{% endif %}>'
        "{{ option.label }}</a></li>|{% endfor %}"
    )
    tag = Template("{% load publications_tags %}{% facet_options facet %}")
    for facet in found:
        with translation.override("ru"):
            expected = loop.render(Context({"facet": facet})).rstrip("|").split("|")
            assert tag.render(Context({"facet": facet})).split("\n          ") == expected


def test_staff_markup_in_a_title_is_text_in_the_page_and_its_structured_data(client):
    title = 'Hesabat </script><b onclick="x()">qalın</b> & "sitat"'
    html = client.get(make_publication(title).get_absolute_url()).text
    assert "<b onclick" not in html and "</script><b" not in html
    assert "&lt;/script&gt;&lt;b onclick=&quot;x()&quot;&gt;qalın&lt;/b&gt; &amp;" in html
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    publication, trail = (json.loads(block) for block in blocks)
    assert publication["name"] == trail["itemListElement"][-1]["name"] == title
