"""Staff see what is untranslated or possibly outdated; visitors are told discreetly."""

import pytest

from pages.models import Page

from .factories import make_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def about():
    return make_page(
        "Mərkəz haqqında",
        title_en="About the Centre",
        title_ru="О Центре",
        summary_az="Qısa məlumat.",
        summary_en="In brief.",
        summary_ru="Коротко.",
    )


class TestStaleFlag:
    def test_fresh_translations_are_not_stale(self, about):
        assert about.stale_translations() == {}

    def test_an_azerbaijani_edit_flags_existing_translations(self, about):
        about.summary_az = "Yeni qısa məlumat."
        about.save()
        about.refresh_from_db()
        assert about.stale_translations() == {"en": ["summary"], "ru": ["summary"]}

    def test_a_translation_edit_clears_its_flag(self, about):
        about.summary_az = "Yeni qısa məlumat."
        about.save()
        about.summary_en = "New, in brief."
        about.save()
        about.refresh_from_db()
        assert about.stale_translations() == {"ru": ["summary"]}

    def test_marking_as_checked_clears_the_flag(self, about):
        about.title_az = "Haqqımızda"
        about.save()
        about.mark_translations_checked(languages=["ru"])
        about.save()
        about.refresh_from_db()
        assert about.stale_translations() == {"en": ["title"]}

    def test_an_empty_translation_is_missing_not_stale(self):
        page = make_page("Yalnız azərbaycanca", summary_az="Mətn")
        page.summary_az = "Başqa mətn"
        page.save()
        assert page.stale_translations() == {}
        assert page.missing_translations()["en"] == ["title", "summary"]


class TestVisitors:
    def test_stale_translation_notice_in_that_language_only(self, client, about):
        about.summary_az = "Yeni qısa məlumat."
        about.save()
        html = client.get("/en/about-the-centre/").text
        assert "this translation may be out of date" in html
        assert "может быть устаревшим" in client.get("/ru/o-tsentre/").text
        assert "notice--stale" not in client.get("/az/merkez-haqqinda/").text


class TestAdmin:
    def test_translations_view_lists_missing_and_stale_with_totals(self, admin_client, about):
        make_page("Yalnız azərbaycanca", summary_az="Mətn")
        about.summary_az = "Yeni qısa məlumat."
        about.save()
        response = admin_client.get("/admin/translations/", headers={"accept-language": "en"})
        assert response.status_code == 200
        totals = response.context["totals"]
        # Items, not fields: the az-only page misses its title and summary in en and ru (one
        # item), and About's summary is stale (one item).
        assert totals["en"] == {"missing": 1, "stale": 1}
        assert totals["ru"] == {"missing": 1, "stale": 1}
        html = response.text
        assert "Yalnız azərbaycanca" in html
        assert f"/admin/pages/page/{about.pk}/change/" in html

    def test_translations_view_is_linked_from_the_admin_index(self, admin_client):
        assert "/admin/translations/" in admin_client.get("/admin/").text

    def test_mark_as_checked_from_the_translations_view(self, admin_client, about):
        about.summary_az = "Yeni qısa məlumat."
        about.save()
        response = admin_client.post(
            "/admin/translations/", {"model": "pages.page", "pk": about.pk, "language": "en"}
        )
        assert response.status_code == 302
        about.refresh_from_db()
        assert about.stale_translations() == {"ru": ["summary"]}

    @pytest.mark.parametrize(
        "data",
        [
            {"model": "auth.user", "pk": "1", "language": "en"},
            {"model": "nope", "pk": "1", "language": "en"},
            {"model": "pages.page", "pk": "x\x00", "language": "en"},
            # str.isdigit() says yes to a superscript two; int() does not.
            {"model": "pages.page", "pk": "²", "language": "en"},
            {"model": "pages.page", "pk": "١", "language": "en"},
        ],
    )
    def test_bad_mark_requests_are_refused_without_error(self, admin_client, about, data):
        assert admin_client.post("/admin/translations/", data).status_code in (302, 403)

    def test_translations_view_needs_staff(self, client):
        response = client.get("/admin/translations/")
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]

    def test_page_list_shows_translation_state_and_checks_in_bulk(self, admin_client, about):
        about.title_az = "Haqqımızda"
        about.save()
        html = admin_client.get("/admin/pages/page/", headers={"accept-language": "en"}).text
        assert "EN: possibly outdated" in html
        admin_client.post(
            "/admin/pages/page/",
            {"action": "mark_translations_checked", "_selected_action": [about.pk]},
        )
        assert Page.objects.get(pk=about.pk).stale_translations() == {}
