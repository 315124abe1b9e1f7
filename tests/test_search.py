"""Site search: Azerbaijani folding, ranking, hostile input, fallback languages, query counts."""

import datetime
import html as html_module
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from centre import search
from centre.models import SearchEntry, Status

from .factories import make_page, make_publication
from .reading import SEARCH_URL, found

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    return {
        "revolution": make_page(
            "Dördüncü Sənaye İnqilabı",
            title_en="The Fourth Industrial Revolution",
            title_ru="Четвертая промышленная революция",
            body_az="<p>Süni intellekt və <strong>əşyaların interneti</strong>.</p>",
            body_en="<p>Artificial intelligence and the Internet of Things.</p>",
            body_ru="<p>Искусственный интеллект и интернет вещей.</p>",
        ),
        "city": make_page(
            "Şəhər transformasiyası",
            body_az="<p>Bakı şəhərində rəqəmsal xidmətlər.</p>",
        ),
        "things": make_page(
            "Əşyaların interneti",
            body_az="<p>Sensorlar və şəbəkələr.</p>",
        ),
        "davos": make_page(
            "Davos protokolu",
            body_az="<p>Prezident İlham Əliyev və Borge Brende protokol imzaladılar.</p>",
        ),
    }


class TestFolding:
    @pytest.mark.parametrize("query", ["inqilab", "İNQİLAB", "Inqilab", "inqilabı", "INQILAB"])
    def test_every_spelling_of_inqilab_finds_the_same_page(self, client, corpus, query):
        assert found(client, query) == ["Dördüncü Sənaye İnqilabı"]

    def test_without_azerbaijani_letters(self, client, corpus):
        assert found(client, "seher") == ["Şəhər transformasiyası"]
        assert set(found(client, "esyalarin")) == {
            "Əşyaların interneti",
            "Dördüncü Sənaye İnqilabı",
        }

    def test_turkic_capital_i(self, client, corpus):
        assert found(client, "ILHAM") == ["Davos protokolu"]
        assert found(client, "ilham") == ["Davos protokolu"]

    def test_every_word_must_match(self, client, corpus):
        assert found(client, "seher xidmetler") == ["Şəhər transformasiyası"]
        assert found(client, "seher sensorlar") == []

    def test_english_and_russian(self, client, corpus):
        assert found(client, "industrial revolution", "en") == ["The Fourth Industrial Revolution"]
        assert found(client, "революция", "ru") == ["Четвертая промышленная революция"]
        assert found(client, "ИНТЕРНЕТ", "ru")[0] == "Четвертая промышленная революция"

    def test_russian_yo_and_ye_are_one_letter(self, client, corpus):
        # Russian writes "ё" or "е" for the same letter: the site itself has "Четвёртой" in
        # its catalogue and "Четвертая" in its pages. Either finds both.
        make_page("Tərəfdaşlar", title_ru="Партнёры Центра")
        assert found(client, "четвёртая", "ru") == ["Четвертая промышленная революция"]
        assert found(client, "ПАРТНЕРЫ", "ru") == ["Партнёры Центра"]
        assert found(client, "Партнёр", "ru") == ["Партнёры Центра"]


class TestRanking:
    def test_title_match_above_body_match(self, client, corpus):
        # "Əşyaların interneti" has the words in its title; the revolution page only in its body.
        assert found(client, "esyalarin interneti") == [
            "Əşyaların interneti",
            "Dördüncü Sənaye İnqilabı",
        ]

    def test_excerpt_highlights_the_match(self, client, corpus):
        response = client.get("/az/axtaris/", {"q": "bakı"})
        excerpt = str(response.context["results"][0].excerpt)
        assert "<mark>Bakı</mark> şəhərində" in excerpt


class TestLanguages:
    def test_azerbaijani_only_content_is_found_from_en_and_ru_and_marked(self, client, corpus):
        response = client.get("/en/search/", {"q": "seher"})
        assert [r.entry.title for r in response.context["results"]] == ["Şəhər transformasiyası"]
        html = response.text
        assert "in Azerbaijani" in html
        assert 'href="/en/seher-transformasiyasi/"' in html
        assert found(client, "seher", "ru") == ["Şəhər transformasiyası"]
        assert "на азербайджанском" in client.get("/ru/poisk/", {"q": "seher"}).text


class TestVisibility:
    def test_drafts_are_not_found(self, client):
        make_page("Gizli qaralama", status=Status.DRAFT)
        assert found(client, "gizli") == []

    def test_future_pages_are_found_once_published(self, client):
        page = make_page("Gələcək xəbər", publish_from=timezone.now() + datetime.timedelta(hours=1))
        assert found(client, "gelecek") == []
        page.publish_from = timezone.now() - datetime.timedelta(seconds=1)
        page.save()
        assert found(client, "gelecek") == ["Gələcək xəbər"]

    def test_index_follows_edits_and_deletes(self, client, corpus):
        page = corpus["city"]
        page.title_az = "Ağıllı şəhər"
        page.save()
        assert found(client, "agilli") == ["Ağıllı şəhər"]
        page.status = Status.DRAFT
        page.save()
        assert found(client, "agilli") == []
        corpus["things"].delete()
        assert SearchEntry.objects.filter(object_id=corpus["things"].pk).count() == 0

    def test_rebuild_changes_nothing_when_nothing_changed(self, corpus):
        before = list(SearchEntry.objects.order_by("pk").values())
        search.rebuild_index()
        assert list(SearchEntry.objects.order_by("pk").values()) == before


class TestHostileInput:
    @pytest.mark.parametrize(
        "query",
        [
            "",
            " ",
            "x" * 10_000,
            "inqilab " * 2_000,
            "' OR 1=1 --",
            "'; DROP TABLE centre_searchentry; --",
            "inqilab\x00",
            "\x00",
            "a:* | !b & (c",
            "\u202eevil\u202c",
            "😀🇦🇿",
            "\ufeff\u200b",
            "е\u0301",
            "%",
            "_",
            "\\",
        ],
    )
    def test_answers_200_without_error(self, client, corpus, query):
        response = client.get("/az/axtaris/", {"q": query})
        assert response.status_code == 200

    def test_nul_byte_in_the_url(self, client, corpus):
        assert client.get("/az/axtaris/?q=inqilab%00").status_code == 200
        assert client.get("/az/axtaris/?q=%00&page=%00").status_code == 200

    def test_long_query_is_cut(self, client, corpus):
        response = client.get("/az/axtaris/", {"q": "inqilab " + "y" * 10_000})
        assert len(response.context["query"]) <= search.MAX_QUERY_LENGTH

    def test_punctuation_only_query_gets_a_clear_message(self, client, corpus):
        assert "no words to look for" in client.get("/en/search/", {"q": "!!! ???"}).text

    @pytest.mark.parametrize("page", ["abc", "-1", "0", "1e9", "99999999999999999999", ""])
    def test_bad_page_numbers(self, client, corpus, page):
        assert client.get("/az/axtaris/", {"q": "inqilab", "page": page}).status_code == 200


def test_query_count_does_not_grow_with_results(client):
    for number in range(3):
        make_page(f"Rəqəmsal iqtisadiyyat {number}")
    client.get("/az/axtaris/", {"q": "reqemsal"})  # the menu and footer, kept per generation
    with CaptureQueriesContext(connection) as few:
        client.get("/az/axtaris/", {"q": "reqemsal"})
    for number in range(3, 40):
        make_page(f"Rəqəmsal iqtisadiyyat {number}")
    with CaptureQueriesContext(connection) as many:
        response = client.get("/az/axtaris/", {"q": "reqemsal"})
    assert response.context["page_obj"].paginator.count == 40
    assert len(few.captured_queries) == len(many.captured_queries) <= 4


def test_search_is_linked_from_the_header(client):
    html = client.get("/en/").text
    assert 'action="/en/search/"' in html
    assert 'role="search"' in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")
def test_postgresql_keeps_a_stored_indexed_vector(corpus):
    assert SearchEntry.objects.count() == 4 * 3
    assert not SearchEntry.objects.filter(search_vector__isnull=True).exists()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'centre_searchentry_vector'"
        )
        assert "gin (search_vector)" in cursor.fetchone()[0]


def test_rebuild_command_and_seed_index_existing_content(seeded, capsys):
    from django.core.management import call_command

    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index")
    assert "indexed" in capsys.readouterr().out
    assert SearchEntry.objects.filter(language="en", title="About the Centre").exists()
    SearchEntry.objects.all().delete()
    call_command("seed_demo")
    assert SearchEntry.objects.filter(language="ru", title="О Центре").exists()


def test_partners_are_found_in_every_language_and_inactive_ones_are_not(client):
    from .factories import make_partner

    make_partner("İsrail Dördüncü Sənaye İnqilabı Mərkəzi", name_en="C4IR Israel")
    make_partner("Köhnə tərəfdaş", is_active=False)
    assert found(client, "israil") == ["İsrail Dördüncü Sənaye İnqilabı Mərkəzi"]
    assert found(client, "israel", "en") == ["C4IR Israel"]
    assert found(client, "kohne") == []


class TestExcerpts:
    def test_a_heading_does_not_run_into_the_text_under_it(self):
        html = (
            "<h2>Süni intellekt</h2><p>Süni intellekt hər yerdədir.</p>"
            "<ul><li>bir</li><li>iki</li></ul><p>Son.</p>"
        )
        assert search.plain_text(html) == (
            "Süni intellekt · Süni intellekt hər yerdədir. bir · iki · Son."
        )

    def test_a_heading_stays_apart_in_the_shown_excerpt(self, client):
        make_page(
            "Texnologiyalar",
            body_az="<h2>Dördüncü Sənaye İnqilabı</h2><p>Dördüncü Sənaye İnqilabı bir dövrdür.</p>",
        )
        response = client.get(SEARCH_URL["az"], {"q": "dovr"})
        excerpt = str(response.context["results"][0].excerpt)
        assert (
            excerpt
            == "Dördüncü Sənaye İnqilabı · Dördüncü Sənaye İnqilabı bir <mark>dövr</mark>dür."
        )

    def test_the_publisher_is_said_once(self, client):
        centre = "Dördüncü Sənaye İnqilabının Təhlili və Koordinasiya Mərkəzi"
        make_publication(
            "Hesabat",
            abstract_az="Robototexnika haqqında qısa hesabat.",
            authors_az=centre,
            publisher_az=centre,
        )
        response = client.get(SEARCH_URL["az"], {"q": "robot"})
        excerpt = str(response.context["results"][0].excerpt)
        assert excerpt.count("Koordinasiya Mərkəzi") == 1
        assert "hesabat. Dördüncü Sənaye" in excerpt


@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_the_search_hint_keeps_its_promise_on_the_demo_content(client, language):
    """The example in each language's hint finds what it says, in the site's own content."""
    from django.core.management import call_command

    call_command("seed_demo", stdout=io.StringIO())
    hint = re.search(r'<p class="search-hint">(.*?)</p>', client.get(SEARCH_URL[language]).text)
    pairs = re.findall(r"[“«]([^”»]+)[”»][^“«]*?[“«]([^”»]+)[”»]", html_module.unescape(hint[1]))
    assert pairs
    for query, promised in pairs:
        response = client.get(SEARCH_URL[language], {"q": query})
        shown = " ".join(
            f"{result.entry.title} {result.entry.body}" for result in response.context["results"]
        )
        assert promised.casefold() in shown.casefold(), (language, query, promised)
