"""
The public page cache: anonymous visitors get cached pages per address and language, with ETag
and 304s; staff never do; every save or delete staff make in the admin ends the cached pages at
once, whatever the model and whatever the admin feature (form, inline, list edit, bulk action).
"""

import datetime
import uuid

import pytest
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.test import Client, override_settings
from django.utils import timezone

from centre import cache
from centre.models import Status
from pages.models import Milestone
from publications.models import PublicationFile, PublicationType, Sector

from .admin_forms import submit
from .factories import (
    make_page,
    make_partner,
    make_publication,
    make_technology,
)
from .pdfs import pdf_upload
from .services import redis_answers, redis_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def visitor():
    """An anonymous browser (``client`` is the one staff_client logs in)."""
    return Client()


@pytest.fixture
def site(db):
    home = make_page("Ana səhifə", is_home=True, title_en="Home")
    about = make_page("Haqqımızda", title_en="About us", summary_az="Mərkəz haqqında.")
    Milestone.objects.create(page=about, date=datetime.date(2021, 1, 6), title_az="Fərman")
    return {"home": home, "about": about}


def fetch(visitor, url, **headers):
    response = visitor.get(url, headers=headers)
    assert response.status_code in (200, 304), url
    return response


def directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def cached(visitor, url):
    """Fetch twice; the second answer must come from the cache."""
    fetch(visitor, url)
    response = fetch(visitor, url)
    assert response["X-Page-Cache"] == "hit", url
    return response


class TestAnonymousVisitors:
    def test_second_visit_is_served_from_the_cache_without_a_query(
        self, visitor, site, django_assert_num_queries
    ):
        first = fetch(visitor, "/az/haqqimizda/")
        assert first["X-Page-Cache"] == "miss"
        with django_assert_num_queries(0):
            second = fetch(visitor, "/az/haqqimizda/")
        assert second["X-Page-Cache"] == "hit"
        assert second.content == first.content
        assert second["Content-Type"] == first["Content-Type"]
        assert second["Content-Language"] == "az"

    def test_each_language_has_its_own_entry(self, visitor, site):
        assert "Haqqımızda" in cached(visitor, "/az/haqqimizda/").text
        english = cached(visitor, "/en/about-us/")
        assert "About us" in english.text
        assert english["Content-Language"] == "en"

    def test_unprefixed_addresses_are_kept_per_language_too(self, visitor, site):
        # The sitemap does not depend on the language, but its Vary says it might.
        azerbaijani = cached(visitor, "/sitemap.xml")
        english = visitor.get("/sitemap.xml", headers={"accept-language": "en"})
        assert english["X-Page-Cache"] == "miss"
        assert english.content == azerbaijani.content

    def test_public_pages_have_an_etag_and_must_be_revalidated(self, visitor, site):
        response = fetch(visitor, "/az/haqqimizda/")
        assert response["ETag"].startswith('"')
        assert directives(response) == {"public", "no-cache"}
        assert "Cookie" in response["Vary"]

    @pytest.mark.parametrize("warm", [False, True])
    def test_conditional_get_is_a_304_without_a_body(self, visitor, site, warm):
        etag = fetch(visitor, "/az/haqqimizda/")["ETag"]
        if warm:
            fetch(visitor, "/az/haqqimizda/")
        response = visitor.get("/az/haqqimizda/", headers={"if-none-match": etag})
        assert response.status_code == 304
        assert response.content == b""
        assert response["ETag"] == etag
        assert (
            visitor.get("/az/haqqimizda/", headers={"if-none-match": '"other"'}).status_code == 200
        )

    def test_etag_and_304_with_the_cache_off(self, visitor, site, settings):
        settings.PUBLIC_CACHE_SECONDS = 0
        response = fetch(visitor, "/az/haqqimizda/")
        assert "X-Page-Cache" not in response
        assert directives(response) == {"public", "no-cache"}
        etag = response["ETag"]
        assert visitor.get("/az/haqqimizda/", headers={"if-none-match": etag}).status_code == 304

    def test_changes_show_once_the_etag_changes(self, visitor, site, staff_client):
        etag = fetch(visitor, "/az/haqqimizda/")["ETag"]
        submit(staff_client, f"/admin/pages/page/{site['about'].pk}/change/", {"title_az": "Biz"})
        response = visitor.get("/az/haqqimizda/", headers={"if-none-match": etag})
        assert response.status_code == 200
        assert response["ETag"] != etag

    def test_not_found_pages_and_redirects_are_not_stored(self, visitor, site):
        for _ in range(2):
            assert visitor.get("/az/yoxdur/").status_code == 404
            assert visitor.get("/").status_code == 302
        assert not [key for key in caches["default"]._cache if cache.PAGE_KEY_PREFIX in key]

    def test_downloads_keep_their_own_policy(self, visitor, site):
        publication = make_publication("Hesabat", files=["az"])
        url = publication.files.get().get_absolute_url()
        for _ in range(2):
            response = visitor.get(url)
            assert response.status_code == 200
            assert "X-Page-Cache" not in response
            b"".join(response.streaming_content)
        assert directives(response) == {"public", "no-cache", "max-age=0"}

    def test_long_query_strings_are_not_stored(self, visitor, site):
        url = "/az/axtaris/?q=" + "inqilab+" * 60
        fetch(visitor, url)
        assert "X-Page-Cache" not in fetch(visitor, url)

    def test_scheduled_publication_appears_on_time(self, visitor, site, settings):
        settings.PUBLIC_CACHE_SECONDS = 86400  # outlives the hour: only the schedule ends it
        later = make_page("Sonra", publish_from=timezone.now() + datetime.timedelta(hours=1))
        cache.invalidate()  # as a save through the admin would
        assert "Sonra" not in cached(visitor, "/az/").text
        # An hour passes: the generation made at the save knows this page was due.
        page_time = later.publish_from.timestamp()
        generation = caches["default"].get(cache.STATE_KEY)
        assert generation.next_change == page_time
        later_now = timezone.now() + datetime.timedelta(hours=2)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(timezone, "now", lambda: later_now)
            response = fetch(visitor, "/az/")
        assert response["X-Page-Cache"] == "miss"
        assert "Sonra" in response.text


def page_entries():
    return [key for key in caches["default"]._cache if cache.PAGE_KEY_PREFIX in key]


class TestQueryParameters:
    """Only the parameters a view reads make a page of their own, in one normal form."""

    def test_parameters_no_view_reads_make_no_entry(self, visitor, site):
        for junk in ("zz=1", "zz=2", "page=2&zz=3"):
            response = fetch(visitor, f"/az/?{junk}")
            assert "X-Page-Cache" not in response
            assert directives(response) == {"public", "no-cache"}
        assert page_entries() == []
        cached(visitor, "/az/")
        assert len(page_entries()) == 1

    def test_page_one_is_the_bare_address(self, visitor, site):
        make_publication("Hesabat")
        assert fetch(visitor, "/az/nesrler/?page=1")["X-Page-Cache"] == "miss"
        assert page_entries() == []  # rendered for another spelling of the address: not kept
        cached(visitor, "/az/nesrler/")
        for same in ("page=1", "page=", "page=abc", "page=1&page=1"):
            assert fetch(visitor, f"/az/nesrler/?{same}")["X-Page-Cache"] == "hit", same
        assert len(page_entries()) == 1

    def test_the_order_of_parameters_does_not_matter(self, visitor, site):
        make_publication("Hesabat", publication_type=PublicationType.REPORT)
        cached(visitor, "/az/nesrler/?type=report&year=2024")
        response = fetch(visitor, "/az/nesrler/?year=2024&type=report")
        assert response["X-Page-Cache"] == "hit"
        assert len(page_entries()) == 1

    def test_the_publication_filters_are_cached_and_served_right(self, visitor, site):
        make_publication("Hesabat 2024", publication_type=PublicationType.REPORT)
        make_publication(
            "Strategiya 2023",
            publication_type=PublicationType.STRATEGY,
            publication_date=datetime.date(2023, 5, 1),
        )
        reports = cached(visitor, "/az/nesrler/?type=report").text
        strategies = cached(visitor, "/az/nesrler/?type=strategy").text
        of_2023 = cached(visitor, "/az/nesrler/?year=2023").text
        assert "Hesabat 2024" in reports and "Strategiya 2023" not in reports
        assert "Strategiya 2023" in strategies and "Hesabat 2024" not in strategies
        assert "Strategiya 2023" in of_2023 and "Hesabat 2024" not in of_2023
        assert len(page_entries()) == 3

    @pytest.mark.parametrize(
        "query",
        [
            "year=abc",
            "year=99999",
            "year=1999",  # a year with no publication
            "technology=nonexistent",
            "sector=nonexistent",
            "type=nonexistent",
            "language=xx",
            "page=999999",
            "page=2",  # one past the last
            "type=report&year=abc",
        ],
    )
    def test_values_the_publication_list_cannot_use_make_no_entry(self, visitor, site, query):
        make_technology("artificial-intelligence", "Süni intellekt")
        make_publication("Hesabat", publication_type=PublicationType.REPORT)
        for _ in range(2):
            response = fetch(visitor, f"/az/nesrler/?{query}")
            assert response["X-Page-Cache"] == "miss"
            assert "Hesabat" in response.text
        assert page_entries() == []
        # The addresses of what they show are cached as usual.
        cached(visitor, "/az/nesrler/")
        cached(visitor, "/az/nesrler/?type=report")
        assert len(page_entries()) == 2

    @pytest.mark.parametrize(
        "query",
        [
            "kind=nope",
            "kind=industry",  # a kind no partner has
            "technology=nonexistent",
            "page=999999",
            "kind=academia&page=2",
        ],
    )
    def test_values_the_partner_list_cannot_use_make_no_entry(self, visitor, site, query):
        make_partner("ADA Universiteti", kind="academia")
        for _ in range(2):
            response = fetch(visitor, f"/az/terefdaslar/?{query}")
            assert response["X-Page-Cache"] == "miss"
            assert "ADA Universiteti" in response.text
        assert page_entries() == []
        academia = cached(visitor, "/az/terefdaslar/?kind=academia")
        assert "ADA Universiteti" in academia.text
        assert len(page_entries()) == 1

    def test_real_filter_values_and_pages_are_cached(self, visitor, site):
        technology = make_technology("artificial-intelligence", "Süni intellekt")
        for day in range(1, 15):
            make_publication(
                f"Nəşr {day}",
                publication_date=datetime.date(2024, 1, day),
                technologies=[technology] if day == 1 else [],
            )
        on_ai = cached(visitor, "/az/nesrler/?technology=artificial-intelligence")
        assert "Nəşr 1<" in on_ai.text and "Nəşr 14" not in on_ai.text
        second = cached(visitor, "/az/nesrler/?page=2&year=2024")
        assert "Nəşr 1<" in second.text and "Nəşr 14" not in second.text
        assert len(page_entries()) == 2

    def test_a_search_past_its_last_page_makes_no_entry(self, visitor, site):
        for page in ("2", "999999"):
            assert (
                fetch(visitor, f"/az/axtaris/?q=haqqimizda&page={page}")["X-Page-Cache"] == "miss"
            )
        assert page_entries() == []

    def test_a_long_search_is_served_uncached(self, visitor, site):
        long_query = "haqqimizda " + "x" * 120
        response = fetch(visitor, f"/az/axtaris/?q={long_query}")
        assert "X-Page-Cache" not in response
        assert long_query in response.text
        assert page_entries() == []
        # White space aside, a search is the same page.
        cached(visitor, "/az/axtaris/?q=haqqimizda+merkez")
        assert fetch(visitor, "/az/axtaris/?q=+haqqimizda++merkez")["X-Page-Cache"] == "hit"

    def test_campaign_links_are_served_the_cached_page(self, visitor, site):
        assert fetch(visitor, "/az/?utm_source=newsletter")["X-Page-Cache"] == "miss"
        assert page_entries() == []
        page = cached(visitor, "/az/")
        response = fetch(visitor, "/az/?utm_source=newsletter&utm_medium=email&fbclid=x")
        assert response["X-Page-Cache"] == "hit"
        assert response.content == page.content
        assert len(page_entries()) == 1

    def test_a_search_is_kept_per_query(self, visitor, site):
        cached(visitor, "/az/axtaris/?q=haqqimizda")
        assert fetch(visitor, "/az/axtaris/?q=haqqimizda&page=1")["X-Page-Cache"] == "hit"
        assert fetch(visitor, "/az/axtaris/?q=merkez")["X-Page-Cache"] == "miss"
        assert fetch(visitor, "/az/axtaris/?q=haqqimizda&zz=1").get("X-Page-Cache") is None
        assert len(page_entries()) == 2


class TestStaff:
    def test_staff_always_get_a_fresh_private_page(self, visitor, staff_client, site):
        cached(visitor, "/az/haqqimizda/")
        for _ in range(2):
            response = staff_client.get("/az/haqqimizda/")
            assert "X-Page-Cache" not in response
            assert "private" in response["Cache-Control"]

    def test_pages_rendered_for_staff_are_never_stored(self, visitor, staff_client, site):
        staff_client.get("/az/haqqimizda/")
        assert visitor.get("/az/haqqimizda/")["X-Page-Cache"] == "miss"

    def test_drafts_are_never_cached_for_the_public(self, visitor, staff_client, site):
        draft = make_page("Qaralama", status=Status.DRAFT)
        for _ in range(2):
            preview = staff_client.get(draft.get_absolute_url())
            assert preview.status_code == 200
            assert "private" in preview["Cache-Control"]
        for _ in range(2):
            assert visitor.get(draft.get_absolute_url()).status_code == 404

    def test_anonymous_writes_do_not_end_the_cache(self, visitor, site):
        cached(visitor, "/az/haqqimizda/")
        visitor.post("/admin/login/", {"username": "x", "password": "y"})
        visitor.post("/i18n/setlang/", {"language": "en", "next": "/en/"})
        visitor.cookies.clear()
        assert fetch(visitor, "/az/haqqimizda/")["X-Page-Cache"] == "hit"


class TestStaffChangesShowAtOnce:
    """Every kind of content, every admin feature: the next anonymous request sees it."""

    def test_page_saved(self, visitor, staff_client, site):
        cached(visitor, "/az/")
        submit(
            staff_client,
            f"/admin/pages/page/{site['about'].pk}/change/",
            {"title_az": "Mərkəz haqqında"},
        )
        assert "Mərkəz haqqında" in fetch(visitor, "/az/").text  # the main menu

    def test_milestone_edited_inline(self, visitor, staff_client, site):
        assert "Fərman" in cached(visitor, "/az/").text  # key dates
        submit(
            staff_client,
            f"/admin/pages/page/{site['about'].pk}/change/",
            {"milestones-0-title_az": "Prezidentin Fərmanı"},
        )
        assert "Prezidentin Fərmanı" in fetch(visitor, "/az/").text

    def test_pages_withdrawn_in_bulk(self, visitor, staff_client, site):
        cached(visitor, "/az/haqqimizda/")
        response = staff_client.post(
            "/admin/pages/page/",
            {"action": "unpublish", "_selected_action": [site["about"].pk]},
        )
        assert response.status_code == 302
        assert visitor.get("/az/haqqimizda/").status_code == 404

    def test_partner_saved_and_deleted(self, visitor, staff_client, site):
        partner = make_partner("Yaponiya Mərkəzi")
        assert "Yaponiya Mərkəzi" in cached(visitor, "/az/terefdaslar/").text
        submit(
            staff_client,
            f"/admin/partners/partner/{partner.pk}/change/",
            {"name_az": "Tokio Mərkəzi"},
        )
        assert "Tokio Mərkəzi" in cached(visitor, "/az/terefdaslar/").text
        submit(staff_client, f"/admin/partners/partner/{partner.pk}/delete/", {"post": "yes"})
        assert "Tokio Mərkəzi" not in fetch(visitor, "/az/terefdaslar/").text

    def test_partner_order_edited_in_the_list(self, visitor, staff_client, site):
        first = make_partner("Birinci", order=1)
        second = make_partner("İkinci", order=2)
        text = cached(visitor, "/az/terefdaslar/").text
        assert text.index("Birinci") < text.index("İkinci")
        data = {
            "form-TOTAL_FORMS": "2",
            "form-INITIAL_FORMS": "2",
            "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "1000",
            "form-0-id": str(first.pk),
            "form-0-order": "3",
            "form-1-id": str(second.pk),
            "form-1-order": "2",
            "_save": "Save",
        }
        assert staff_client.post("/admin/partners/partner/", data).status_code == 302
        text = fetch(visitor, "/az/terefdaslar/").text
        assert text.index("İkinci") < text.index("Birinci")

    def test_technology_renamed(self, visitor, staff_client, site):
        technology = make_technology("robotics", "Robototexnika")
        make_partner("Robot Mərkəzi", technologies=[technology])
        assert "Robototexnika" in cached(visitor, "/az/terefdaslar/").text
        submit(
            staff_client,
            f"/admin/centre/technology/{technology.pk}/change/",
            {"name_az": "Robotlar"},
        )
        assert "Robotlar" in fetch(visitor, "/az/terefdaslar/").text

    def test_publication_saved(self, visitor, staff_client, site):
        publication = make_publication("Hesabat 2024")
        assert "Hesabat 2024" in cached(visitor, "/az/nesrler/").text
        submit(
            staff_client,
            f"/admin/publications/publication/{publication.pk}/change/",
            {"title_az": "İllik hesabat"},
        )
        assert "İllik hesabat" in fetch(visitor, "/az/nesrler/").text

    def test_publication_file_added_and_deleted_inline(self, visitor, staff_client, site):
        publication = make_publication("Hesabat", files=["az"])
        url = publication.get_absolute_url()
        change = f"/admin/publications/publication/{publication.pk}/change/"
        assert 'hreflang="en" type="application/pdf"' not in cached(visitor, url).text
        submit(
            staff_client,
            change,
            {"files-1-language": "en", "files-1-file": pdf_upload(name="report-en.pdf")},
        )
        assert PublicationFile.objects.filter(publication=publication, language="en").exists()
        assert 'hreflang="en" type="application/pdf"' in cached(visitor, url).text
        english = publication.files.get(language="en")
        index = 0 if publication.file_list[0] == english else 1
        submit(staff_client, change, {f"files-{index}-DELETE": "on"})
        assert 'hreflang="en" type="application/pdf"' not in fetch(visitor, url).text

    def test_sector_renamed(self, visitor, staff_client, site):
        sector = Sector.objects.create(name_az="Enerji", slug="energy")
        make_publication("Enerji hesabatı", sectors=[sector])
        assert "Enerji" in cached(visitor, "/az/nesrler/").text
        submit(
            staff_client,
            f"/admin/publications/sector/{sector.pk}/change/",
            {"name_az": "Energetika sektoru"},
        )
        assert "Energetika sektoru" in fetch(visitor, "/az/nesrler/").text

    def test_publications_published_in_bulk(self, visitor, staff_client, site):
        draft = make_publication("Gələcək hesabat", status=Status.DRAFT)
        assert "Gələcək hesabat" not in cached(visitor, "/az/nesrler/").text
        staff_client.post(
            "/admin/publications/publication/",
            {"action": "publish", "_selected_action": [draft.pk]},
        )
        assert "Gələcək hesabat" in fetch(visitor, "/az/nesrler/").text

    def test_search_results_follow_a_save(self, visitor, staff_client, site):
        found = 'class="search-result"'
        assert found in cached(visitor, "/az/axtaris/?q=haqqimizda").text
        assert found not in cached(visitor, "/az/axtaris/?q=kimik").text
        submit(
            staff_client,
            f"/admin/pages/page/{site['about'].pk}/change/",
            {"title_az": "Biz kimik"},
        )
        assert found not in fetch(visitor, "/az/axtaris/?q=haqqimizda").text
        assert found in fetch(visitor, "/az/axtaris/?q=kimik").text


class TestSharedGeneration:
    def test_the_generation_is_in_the_file_cache_all_workers_read(self, visitor, site, tmp_path):
        """The embedded default (no Redis): Django's file-based cache, one folder per machine."""
        files = {
            "default": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(tmp_path / "cache"),
            }
        }
        with override_settings(CACHES=files):
            generation = cache.invalidate()
            assert cache.generation() == generation.token
            cached(visitor, "/az/haqqimizda/")
            # Another worker process saves: its own cache object, the same folder.
            another_worker = FileBasedCache(str(tmp_path / "cache"), {})
            another_worker.set(cache.STATE_KEY, cache.Generation("from-another-worker", None))
            assert fetch(visitor, "/az/haqqimizda/")["X-Page-Cache"] == "miss"
            assert cache.generation() == "from-another-worker"
            assert fetch(visitor, "/az/haqqimizda/")["X-Page-Cache"] == "hit"

    def test_a_new_release_has_its_own_generation(self, tmp_path):
        """A deploy needs no step: the pages and parts the code before kept are not served."""
        (tmp_path / "templates").mkdir()
        (tmp_path / "templates" / "base.html").write_text("<header>1</header>")
        (tmp_path / "centre").mkdir()
        (tmp_path / "centre" / "views.py").write_text("A = 1\n")
        before = cache.release_digest(tmp_path)
        assert cache.release_digest(tmp_path) == before  # every server of a release agrees
        (tmp_path / "templates" / "base.html").write_text("<header>2</header>")
        changed_template = cache.release_digest(tmp_path)
        (tmp_path / "centre" / "views.py").write_text("A = 2\n")
        assert len({before, changed_template, cache.release_digest(tmp_path)}) == 3
        assert f"public-pages:generation:{cache.release_digest()}" == cache.STATE_KEY

    def test_a_lost_generation_starts_a_new_one(self, visitor, site):
        # Evicted by Redis's LRU, culled by the file-based cache: never an old page served.
        cached(visitor, "/az/haqqimizda/")
        caches["default"].delete(cache.STATE_KEY)
        assert fetch(visitor, "/az/haqqimizda/")["X-Page-Cache"] == "miss"

    @pytest.mark.skipif(not redis_answers(), reason="needs Redis")
    def test_with_redis_one_round_trip_serves_a_page(self, visitor, site):
        shared = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": redis_url(),
                "KEY_PREFIX": f"centre-test-{uuid.uuid4().hex}",
            }
        }
        with override_settings(CACHES=shared):
            generation = cache.invalidate()
            assert caches["default"].get(cache.STATE_KEY) == generation
            cached(visitor, "/az/haqqimizda/")
            cache.invalidate()
            assert fetch(visitor, "/az/haqqimizda/")["X-Page-Cache"] == "miss"
            caches["default"].clear()

    def test_a_cache_server_that_is_down_costs_the_cache_not_the_page(self, visitor, site):
        down = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
                "OPTIONS": {"socket_connect_timeout": 0.2},
            }
        }
        with override_settings(CACHES=down):
            response = fetch(visitor, "/az/haqqimizda/")
        assert "Haqqımızda" in response.text
        assert "X-Page-Cache" not in response
