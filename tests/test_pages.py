import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from centre import cache
from centre.models import Status
from pages.models import Milestone, Page, PageRedirect

from .factories import make_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    """About > History > Sources, translated into en; a ru title only on About."""
    about = make_page("Mərkəz haqqında", title_en="About the Centre", title_ru="О Центре")
    history = make_page("Tarixçə", parent=about, title_en="History")
    sources = make_page("Mənbələr", parent=history, title_en="Sources")
    return about, history, sources


class TestPaths:
    def test_nested_paths_in_three_languages(self, client, tree):
        _about, _history, sources = tree
        sources.refresh_from_db()
        assert sources.url_path_az == "merkez-haqqinda/tarixce/menbeler"
        assert sources.url_path_en == "about-the-centre/history/sources"
        # No Russian titles below About: its Russian path continues with the az slugs.
        assert sources.url_path_ru == "o-tsentre/tarixce/menbeler"
        for url in (
            "/az/merkez-haqqinda/tarixce/menbeler/",
            "/en/about-the-centre/history/sources/",
            "/ru/o-tsentre/tarixce/menbeler/",
        ):
            response = client.get(url)
            assert response.status_code == 200, url
            assert response.context["page"] == sources

    def test_get_absolute_url_follows_the_active_language(self, tree):
        _about, history, _sources = tree
        for language, url in [
            ("az", "/az/merkez-haqqinda/tarixce/"),
            ("en", "/en/about-the-centre/history/"),
            ("ru", "/ru/o-tsentre/tarixce/"),
        ]:
            with translation.override(language):
                assert history.get_absolute_url() == url

    def test_a_page_is_not_found_under_another_languages_path(self, client, tree):
        assert client.get("/en/merkez-haqqinda/").status_code == 404
        assert client.get("/az/about-the-centre/").status_code == 404

    def test_moving_a_slug_moves_the_children_and_redirects_old_paths(self, client, tree):
        about, _history, sources = tree
        about.slug_en = "about"
        about.save()
        sources.refresh_from_db()
        assert sources.url_path_en == "about/history/sources"
        assert sources.url_path_az == "merkez-haqqinda/tarixce/menbeler"  # untouched

        response = client.get("/en/about-the-centre/history/sources/")
        assert response.status_code == 301
        assert response["Location"] == "/en/about/history/sources/"
        assert client.get("/en/about-the-centre/").headers["Location"] == "/en/about/"
        assert client.get("/en/about/history/sources/").status_code == 200

    def test_a_page_moved_to_another_parent_redirects(self, client, tree):
        about, _history, sources = tree
        sources.parent = about
        sources.save()
        response = client.get("/az/merkez-haqqinda/tarixce/menbeler/")
        assert response.status_code == 301
        assert response["Location"] == "/az/merkez-haqqinda/menbeler/"

    def test_redirects_chain_to_the_latest_path(self, client, tree):
        about, _history, _sources = tree
        about.slug_az = "haqqimizda"
        about.save()
        about.slug_az = "merkez"
        about.save()
        assert client.get("/az/merkez-haqqinda/").headers["Location"] == "/az/merkez/"
        assert client.get("/az/haqqimizda/").headers["Location"] == "/az/merkez/"
        assert PageRedirect.objects.filter(language="az", old_path="merkez").count() == 0

    def test_redirect_of_a_draft_is_404_for_the_public(self, client, tree):
        about, _history, _sources = tree
        about.slug_az = "haqqimizda"
        about.status = Status.DRAFT
        about.save()
        assert client.get("/az/merkez-haqqinda/").status_code == 404

    def test_page_found_with_one_query(self, django_assert_num_queries, tree):
        with django_assert_num_queries(1):
            page = Page.objects.published().at_path("merkez-haqqinda/tarixce/menbeler").get()
        assert page.title == "Mənbələr"

    def test_an_address_too_long_for_any_page_is_not_looked_up(self, client, tree):
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/az/" + "a/" * 501).status_code == 404
        # The address (1,002 characters) at most once a query, not its paths' 250,000.
        assert max(len(query["sql"]) for query in queries.captured_queries) < 5_000

    def test_an_address_with_an_empty_segment_is_not_looked_up(self, client, tree):
        # No page's path has one (a slug is never empty): 999 slashes are not 1,000 paths
        # (500,000 characters) to ask for, nor past SQLite's 999 parameters before 3.32.
        for address in (
            "/az/" + "/" * 999 + "x/",
            "/az/merkez-haqqinda//tarixce/",
            "/az//merkez-haqqinda/",
            "/az/merkez-haqqinda//",
        ):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(address).status_code == 404
            assert not any('"url_path_az" IN' in query["sql"] for query in queries.captured_queries)

    def test_two_pages_cannot_share_an_address(self, tree):
        about, _history, _sources = tree
        twin = Page(title_az="Tarixçə", parent=about, status=Status.PUBLISHED)
        with pytest.raises(ValidationError) as error:
            twin.full_clean()
        assert "slug_az" in error.value.message_dict
        with pytest.raises(IntegrityError), transaction.atomic():
            twin.save()

    @pytest.mark.urls("tests.urls_with_an_app")
    def test_a_page_cannot_take_an_address_used_by_another_app(self):
        page = Page(title_az="Partners", status=Status.PUBLISHED)
        with pytest.raises(ValidationError) as error:
            page.full_clean()
        assert "slug_az" in error.value.message_dict
        Page(title_az="Partnyorlarımız", status=Status.PUBLISHED).full_clean()

    def test_a_page_cannot_be_its_own_ancestor(self, tree):
        about, _history, sources = tree
        about.parent = sources
        with pytest.raises(ValidationError) as error:
            about.full_clean()
        assert "parent" in error.value.message_dict

    def test_only_one_home_page(self):
        make_page("Ana", is_home=True)
        with pytest.raises(IntegrityError), transaction.atomic():
            make_page("Başqa ana", is_home=True)

    @pytest.mark.parametrize(
        "path",
        [
            "/az/" + "a" * 5000 + "/",
            "/az/%F0%9F%98%80/",
            "/az/%E2%80%AEtxt.exe/",
            "/az/merkez-haqqinda%00/",
            "/az/%ff%fe/",
        ],
    )
    def test_odd_paths_are_404(self, client, tree, path):
        assert client.get(path).status_code == 404

    def test_pages_answer_only_get_and_head(self, client, tree):
        assert client.head("/az/merkez-haqqinda/").status_code == 200
        response = client.post("/az/merkez-haqqinda/")
        assert response.status_code == 405
        assert "GET" in response["Allow"]


class TestPublishing:
    def test_draft_is_404_for_the_public(self, client):
        make_page("Qaralama", status=Status.DRAFT)
        assert client.get("/az/qaralama/").status_code == 404

    def test_future_page_is_404_for_the_public(self, client):
        make_page("Gələcək", publish_from=timezone.now() + datetime.timedelta(days=1))
        assert client.get("/az/gelecek/").status_code == 404

    def test_page_appears_once_its_time_has_come(self, client):
        make_page("Keçmiş", publish_from=timezone.now() - datetime.timedelta(minutes=1))
        assert client.get("/az/kecmis/").status_code == 200

    def test_staff_preview_drafts_with_a_notice(self, staff_client):
        make_page("Qaralama", status=Status.DRAFT)
        response = staff_client.get("/az/qaralama/")
        assert response.status_code == 200
        assert "Önizləmə: bu qaralamadır." in response.text

    def test_staff_preview_future_pages_with_a_notice(self, staff_client):
        make_page("Gələcək", publish_from=timezone.now() + datetime.timedelta(days=1))
        response = staff_client.get("/en/gelecek/")
        assert response.status_code == 200
        assert "Preview: this will be published on" in response.text

    def test_logged_in_non_staff_do_not_see_drafts(self, client, django_user_model):
        client.force_login(django_user_model.objects.create_user("visitor", password="x" * 20))
        make_page("Qaralama", status=Status.DRAFT)
        assert client.get("/az/qaralama/").status_code == 404

    def test_drafts_stay_out_of_menus_and_section_lists(self, client):
        parent = make_page("Bölmə")
        make_page("Gizli", parent=parent, status=Status.DRAFT)
        make_page("Gizli menyu", status=Status.DRAFT)
        html = client.get("/az/bolme/").text
        assert "Gizli" not in html

    def test_view_on_site_from_the_admin_reaches_the_preview(self, staff_client):
        page = make_page("Qaralama", status=Status.DRAFT)
        content_type = ContentType.objects.get_for_model(Page)
        shortcut = f"/admin/r/{content_type.pk}/{page.pk}/"
        assert shortcut in staff_client.get(f"/admin/pages/page/{page.pk}/change/").text
        response = staff_client.get(shortcut)
        assert response.status_code == 302
        assert staff_client.get(response["Location"]).status_code == 200


class TestTranslations:
    def test_missing_translation_shows_azerbaijani_with_a_notice(self, client, tree):
        response = client.get("/ru/o-tsentre/tarixce/")
        assert response.status_code == 200
        html = response.text
        assert '<h1 lang="az">Tarixçə</h1>' in html
        assert "Этот текст ещё не переведён на ваш язык." in html
        # The notice is the page's own language; only the Azerbaijani text is marked.
        assert '<article class="page">' in html

    def test_translated_page_has_no_notice(self, client, tree):
        html = client.get("/en/about-the-centre/history/").text
        assert "<h1>History</h1>" in html
        assert "has not been translated" not in html

    def test_hreflang_lists_only_languages_the_page_has(self, client, tree):
        html = client.get("/az/merkez-haqqinda/tarixce/").text
        assert 'hreflang="az" href="http://testserver/az/merkez-haqqinda/tarixce/"' in html
        assert 'hreflang="en" href="http://testserver/en/about-the-centre/history/"' in html
        assert '<link rel="alternate" hreflang="ru"' not in html

    def test_language_switcher_goes_to_the_same_page(self, client, tree):
        html = client.get("/az/merkez-haqqinda/tarixce/").text
        assert '<a href="/en/about-the-centre/history/" hreflang="en" lang="en">' in html
        # The Russian version exists as an address (with the notice), so it is offered too.
        assert '<a href="/ru/o-tsentre/tarixce/" hreflang="ru" lang="ru">' in html

    def test_canonical_link_is_the_page_in_the_active_language(self, client, tree):
        html = client.get("/en/about-the-centre/history/").text
        assert (
            '<link rel="canonical" href="http://testserver/en/about-the-centre/history/">' in html
        )

    def test_title_and_meta_description(self, client, tree):
        about, _history, _sources = tree
        about.summary_en = "Who we are."
        about.seo_description_en = "The Centre, in brief."
        about.save()
        html = client.get("/en/about-the-centre/").text
        assert "<title>About the Centre | 4SIM</title>" in html
        assert '<meta name="description" content="The Centre, in brief.">' in html


class TestNavigation:
    def test_menu_lists_top_level_published_pages_in_order(self, client):
        make_page("İkinci", menu_order=20)
        make_page("Birinci", menu_order=10)
        make_page("Menyuda deyil", show_in_menu=False)
        html = client.get("/az/").text
        menu = html[html.index('class="main-nav"') :]
        assert menu.index("Birinci") < menu.index("İkinci")
        assert "Menyuda deyil" not in menu

    def test_breadcrumbs_and_section_list(self, client, tree):
        response = client.get("/en/about-the-centre/history/")
        assert [page.title for page in response.context["breadcrumbs"]] == ["About the Centre"]
        assert [page.title for page in response.context["subpages"]] == ["Sources"]
        assert '<span aria-current="page">History</span>' in response.text

    def test_the_header_is_rendered_once_per_language_and_marked_item(self, client, tree):
        make_page("Ana səhifə", title_en="Home page", is_home=True)
        make_page("Xidmətlər", title_en="Services", menu_order=5)
        marked = {
            "/en/": "/en/",
            "/en/about-the-centre/": "/en/about-the-centre/",
            # A page below marks the top-level page it is under.
            "/en/about-the-centre/history/sources/": "/en/about-the-centre/",
            "/en/partners/": "/en/partners/",
            "/en/publications/": "/en/publications/",
            "/en/news/": "/en/news/",
            "/en/search/?q=x": None,
        }
        seen = set()
        for _round in range(2):
            for url, item in marked.items():
                response = client.get(url)
                menu = response.text.split('class="main-nav"')[1].split("</nav>")[0]
                lines = menu.splitlines()
                current = [line.split('"')[1] for line in lines if 'aria-current="page"' in line]
                assert current == ([item] if item else []), url
                assert menu.count("Services") == 1, url
                # Each page has its own language links in the kept header.
                switcher = response.text[response.text.index('class="language-switcher"') :]
                assert '<span aria-current="true" lang="en">English</span>' in switcher, url
                rendered = {template.name for template in response.templates}
                # Only the first page that marks an item renders the header.
                assert ("includes/header.html" in rendered) == (item not in seen), url
                seen.add(item)
        html = client.get("/en/about-the-centre/history/").text
        assert '<a href="/az/merkez-haqqinda/tarixce/" hreflang="az" lang="az">' in html
        assert '<a href="/ru/o-tsentre/tarixce/" hreflang="ru" lang="ru">' in html

    def test_a_new_generation_shows_a_changed_menu(self, client, tree):
        about = tree[0]
        assert "About the Centre</a>" in client.get("/en/partners/").text
        about.title_en = "About us"
        about.save()
        cache.invalidate()  # what a staff write in the admin does
        html = client.get("/en/partners/").text
        assert "About us</a>" in html
        assert "About the Centre</a>" not in html

    def test_staff_and_the_public_share_a_header_without_drafts(self, client, staff_client):
        make_page("Dərc olunub", title_en="Published top")
        make_page("Qaralama", title_en="Draft top", status=Status.DRAFT)
        # Staff first: whatever they preview, the kept header lists published pages only.
        assert "Draft top" in staff_client.get("/en/draft-top/").text
        for url in ("/en/draft-top/", "/en/", "/en/published-top/"):
            html = staff_client.get(url).text
            assert "Draft top</a>" not in html[html.index('class="main-nav"') :], url
        html = client.get("/en/published-top/").text
        assert "Published top</a>" in html
        assert "Draft top" not in html

    def test_menu_breadcrumbs_and_subpages_each_list_only_their_own(self, staff_client):
        make_page("Menyu", menu_order=1, title_en="Menu item")
        make_page("Gizli", show_in_menu=False, title_en="Hidden top")
        make_page("Qaralama menyu", status=Status.DRAFT, title_en="Draft top")
        parent = make_page("Valideyn", status=Status.DRAFT, title_en="Draft parent")
        page = make_page("Səhifə", parent=parent, title_en="The page")
        child = make_page("Uşaq", parent=page, title_en="Child", menu_order=2)
        make_page("Birinci uşaq", parent=page, title_en="First child", menu_order=1)
        make_page("Qaralama uşaq", parent=page, status=Status.DRAFT, title_en="Draft child")
        make_page("Nəvə", parent=child, title_en="Grandchild")
        # Staff preview the page under its draft parent: the draft is in their breadcrumbs,
        # never in the menu or among the subpages.
        response = staff_client.get("/en/draft-parent/the-page/")
        titles = {
            name: [item.title for item in response.context[name]]
            for name in ("breadcrumbs", "menu_pages", "subpages")
        }
        assert titles == {
            "breadcrumbs": ["Draft parent"],
            "menu_pages": ["Menu item"],
            "subpages": ["First child", "Child"],
        }
        assert response.context["section"].title == "Draft parent"

    def test_a_page_and_all_its_links_in_three_queries(self, client, tree):
        client.get("/en/about-the-centre/history/")  # the menu, kept per cache generation
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/en/about-the-centre/history/")
        # The page; its links (breadcrumbs, subpages); its milestones.
        assert len(queries) == 3
        assert [page.title for page in response.context["menu_pages"]] == ["About the Centre"]


class TestSeedContent:
    def test_home_about_mandate_and_history_in_three_languages(self, client, seeded):
        for url, text in [
            ("/az/", "Dördüncü Sənaye İnqilabının Təhlili və Koordinasiya Mərkəzi"),
            ("/en/", "Fourth Industrial Revolution Analysis and Coordination Centre"),
            ("/ru/", "Центр анализа и координации Четвёртой промышленной революции"),
            ("/az/merkez-haqqinda/", "MDB məkanında yaradılan ilk bu cür mərkəzdir"),
            ("/en/about-the-centre/", "the first such centre in the CIS"),
            ("/ru/o-tsentre/", "первый подобный центр на пространстве СНГ"),
            ("/az/merkez-haqqinda/merkezin-mandati/", "22 dövlət qurumunun"),
            ("/en/about-the-centre/mandate/", "22 state bodies"),
            ("/ru/o-tsentre/mandat-tsentra/", "22 государственных органов"),
        ]:
            response = client.get(url)
            assert response.status_code == 200, url
            assert text in response.text, url

    @pytest.mark.parametrize(
        ("url", "dates"),
        [
            (
                "/az/merkez-haqqinda/tarixce/",
                ["21 yanvar 2020", "6 yanvar 2021", "1 aprel 2021", "23 fevral 2022"],
            ),
            (
                "/en/about-the-centre/history/",
                ["21 January 2020", "6 January 2021", "1 April 2021", "23 February 2022"],
            ),
            (
                "/ru/o-tsentre/istoriya/",
                ["21 января 2020", "6 января 2021", "1 апреля 2021", "23 февраля 2022"],
            ),
        ],
    )
    def test_history_timeline_dates_per_language(self, client, seeded, url, dates):
        html = client.get(url).text
        positions = [html.index(date) for date in dates]
        assert positions == sorted(positions)

    def test_home_shows_key_dates(self, client, seeded):
        html = client.get("/az/").text
        assert "Əsas tarixlər" in html
        assert "6 yanvar 2021" in html

    def test_key_dates_of_unpublished_pages_are_for_staff_only(self, client, django_user_model):
        from pages.models import Milestone

        future = timezone.now() + datetime.timedelta(days=1)
        for title, fields in [
            ("Qaralama", {"status": Status.DRAFT}),
            ("Gələcək", {"publish_from": future}),
            ("Açıq", {}),
        ]:
            page = make_page(title, **fields)
            Milestone.objects.create(
                page=page, date=datetime.date(2020, 1, 1), title=f"{title} tarix"
            )
        public = client.get("/az/").text
        assert "Açıq tarix" in public
        assert "Qaralama tarix" not in public and "Gələcək tarix" not in public
        staff = django_user_model.objects.create_user("editor", password="x", is_staff=True)
        client.force_login(staff)
        preview = client.get("/az/").text
        assert "Qaralama tarix" in preview and "Gələcək tarix" in preview


class TestPagesUnderHiddenPages:
    """A page is public only while every page above it is: its address names them all."""

    @pytest.fixture
    def hidden_tree(self):
        home = make_page("Ana səhifə", is_home=True)
        parent = make_page("Gizli bölmə", status=Status.DRAFT)
        child = make_page("Açıq uşaq", parent=parent, body_az="<p>Kvant sensorları.</p>")
        grandchild = make_page("Nəvə səhifə", parent=child)
        Milestone.objects.create(page=grandchild, date=datetime.date(2021, 1, 6), title_az="Fərman")
        return home, parent, child, grandchild

    @staticmethod
    def public_sees(client, page):
        """Where the public meets ``page``: its address, the sitemap, search, key dates."""
        slug = page.slug_az
        return {
            "page": client.get(page.get_absolute_url()).status_code,
            "sitemap": slug in client.get("/sitemap-pages.xml").text,
            "search": "Açıq uşaq"
            in [
                r.entry.title for r in client.get("/az/axtaris/", {"q": "kvant"}).context["results"]
            ],
            "key dates": "Fərman" in client.get("/az/").text,
        }

    def test_hidden_while_a_page_above_is_a_draft(self, client, hidden_tree):
        _home, parent, child, grandchild = hidden_tree
        hidden = {"page": 404, "sitemap": False, "search": False, "key dates": False}
        assert self.public_sees(client, child) == hidden
        assert client.get(grandchild.get_absolute_url()).status_code == 404
        parent.status = Status.PUBLISHED
        parent.save()
        cache.invalidate()  # as the admin's write does: what is kept per generation is made anew
        shown = {"page": 200, "sitemap": True, "search": True, "key dates": True}
        assert self.public_sees(client, child) == shown
        assert client.get(grandchild.get_absolute_url()).status_code == 200
        # Withdrawn again (as the list's action does, a save each): hidden again.
        parent.status = Status.DRAFT
        parent.save()
        cache.invalidate()
        assert self.public_sees(client, child) == hidden

    def test_shown_when_a_scheduled_page_above_comes_due_without_a_save(
        self, client, hidden_tree, monkeypatch
    ):
        _home, parent, child, grandchild = hidden_tree
        parent.status = Status.PUBLISHED
        parent.publish_from = timezone.now() + datetime.timedelta(hours=1)
        parent.save()
        hidden = {"page": 404, "sitemap": False, "search": False, "key dates": False}
        assert self.public_sees(client, child) == hidden
        later = timezone.now() + datetime.timedelta(hours=2)
        monkeypatch.setattr(timezone, "now", lambda: later)
        shown = {"page": 200, "sitemap": True, "search": True, "key dates": True}
        assert self.public_sees(client, child) == shown
        assert client.get(grandchild.get_absolute_url()).status_code == 200

    def test_staff_preview_the_page_under_a_draft(self, staff_client, hidden_tree):
        _home, _parent, child, _grandchild = hidden_tree
        response = staff_client.get(child.get_absolute_url())
        assert response.status_code == 200
        assert "Önizləmə: bu səhifə “Gizli bölmə” səhifəsinin altındadır." in response.text
        with translation.override("en"):
            english = staff_client.get(child.get_absolute_url()).text
        assert "this page is under “Gizli bölmə”, which the public cannot see yet" in english

    def test_only_the_pages_above_count_not_pages_with_a_similar_address(self, client):
        make_page("Qaralama", slug_az="a_b", status=Status.DRAFT)
        make_page("Qaralama 2", slug_az="ax", status=Status.DRAFT)
        child = make_page("Uşaq", parent=make_page("Açıq", slug_az="axb"))
        # "_" would match any letter in a LIKE pattern, and "ax" begins "axb".
        assert client.get(child.get_absolute_url()).status_code == 200
