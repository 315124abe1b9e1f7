"""Staff edit partners in the admin: three languages, logo uploads checked, old files removed."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from PIL import Image

from partners.models import Kind, Partner

from .admin_forms import partner_form_data
from .factories import make_partner, make_technology
from .images import gif_upload, html_as_png, image_upload, png_bomb, svg_upload, truncated_png

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

ADD_URL = "/admin/partners/partner/add/"
LIST_URL = "/admin/partners/partner/"


@pytest.fixture
def ai():
    return make_technology("artificial-intelligence", "Süni intellekt", name_en="AI")


def stored_files(media):
    return sorted(str(path.relative_to(media)) for path in media.rglob("*") if path.is_file())


def change_url(partner):
    return f"/admin/partners/partner/{partner.pk}/change/"


class TestAddAndChange:
    def test_add_form_has_language_tabs_and_an_image_only_file_picker(self, admin_client, ai):
        response = admin_client.get(ADD_URL, headers={"accept-language": "ru"})
        assert response.status_code == 200
        html = response.text
        for field in ("name_az", "name_en", "name_ru", "description_ru", "host_institution_en"):
            assert f'name="{field}"' in html
        assert "modeltranslation/js/tabbed_translation_fields.js" in html
        assert 'accept="image/png,image/jpeg,image/webp"' in html
        assert 'type="checkbox" name="technologies"' in html
        # Countries are named in the staff member's language, in its alphabetical order.
        assert '<option value="JP">Япония</option>' in html
        assert html.index('value="AZ">Азербайджан<') < html.index('value="AL">Албания<')

    def test_add_in_three_languages_with_a_logo(self, admin_client, media, ai):
        data = partner_form_data(logo=image_upload("Yaponiya loqosu.png", size=(640, 320)))
        data["technologies"] = [ai.pk]
        response = admin_client.post(ADD_URL, data, headers={"accept-language": "az"})
        assert response.status_code == 302, response.context["adminform"].form.errors
        partner = Partner.objects.get()
        assert (partner.name_az, partner.name_en, partner.name_ru) == (
            "Yaponiya Dördüncü Sənaye İnqilabı Mərkəzi",
            "Centre for the Fourth Industrial Revolution Japan",
            "Центр Четвертой промышленной революции Японии",
        )
        assert (partner.slug_az, partner.slug_en, partner.slug_ru) == (
            "yaponiya-dorduncu-senaye-inqilabi-merkezi",
            "centre-for-the-fourth-industrial-revolution-japan",
            "tsentr-chetvertoy-promyshlennoy-revolyutsii-yaponii",
        )
        assert partner.description_az == "<p>Avtonom <strong>mobillik</strong>.</p>"
        assert (partner.country, partner.founded_year) == ("JP", 2018)
        assert list(partner.technologies.all()) == [ai]

        # The original under a readable name, and 160/320 px copies in WebP and PNG.
        logo = "partners/logos/yaponiya-dorduncu-senaye-inqilabi-merkezi.png"
        assert partner.logo.name == logo
        assert [(r["width"], r["height"], r["format"]) for r in partner.logo_renditions] == [
            (160, 80, "webp"),
            (160, 80, "png"),
            (320, 160, "webp"),
            (320, 160, "png"),
        ]
        assert stored_files(media) == sorted(
            [logo] + [rendition["name"] for rendition in partner.logo_renditions]
        )
        for rendition in partner.logo_renditions:
            with Image.open(media / rendition["name"]) as image:
                assert image.size == (rendition["width"], rendition["height"])
                assert image.format == rendition["format"].upper()

        # The public page serves them with srcset, width and height.
        html = admin_client.get(partner.get_absolute_url()).text
        for rendition in partner.logo_renditions:
            address = f"/media/partners/partner/{partner.pk}/{rendition['name']}"
            assert f"{address} {rendition['width']}w" in html
        assert 'width="160" height="80"' in html

    def test_change_in_three_languages(self, admin_client, ai):
        partner = make_partner("Köhnə ad", name_en="Old name", name_ru="Старое название")
        response = admin_client.get(change_url(partner))
        assert response.status_code == 200
        assert 'value="Köhnə ad"' in response.text and 'value="Старое название"' in response.text
        data = partner_form_data(
            name_az="Təzə ad",
            name_en="New name",
            name_ru="Новое название",
            slug_az=partner.slug_az,
            slug_en="",
            slug_ru=partner.slug_ru,
            kind=Kind.ACADEMIA,
            is_active="",
        )
        response = admin_client.post(change_url(partner), data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        partner.refresh_from_db()
        assert (partner.name_az, partner.name_en, partner.name_ru) == (
            "Təzə ad",
            "New name",
            "Новое название",
        )
        assert partner.slug_en == "new-name"  # an emptied slug is made again from the name
        assert partner.slug_az == "kohne-ad"  # a kept slug keeps the address
        assert partner.kind == Kind.ACADEMIA and not partner.is_active

    def test_duplicate_address_is_a_form_error_in_the_staff_language(self, admin_client):
        make_partner("Yaponiya Dördüncü Sənaye İnqilabı Mərkəzi")
        response = admin_client.post(
            ADD_URL, partner_form_data(), headers={"accept-language": "az"}
        )
        assert response.status_code == 200
        assert "ünvanı artıq başqa tərəfdaşa məxsusdur" in response.text
        assert Partner.objects.count() == 1

    def test_an_address_taken_through_the_azerbaijani_fallback_is_refused(self, admin_client):
        # The other partner has no English name: its English address is its Azerbaijani slug.
        make_partner("Digital", slug_az="digital")
        response = admin_client.post(
            ADD_URL,
            partner_form_data(name_az="Rəqəmsal", name_en="Digital", name_ru=""),
            headers={"accept-language": "en"},
        )
        assert response.status_code == 200
        assert "Another partner already has the address “digital”." in response.text

    def test_year_and_links_are_checked(self, admin_client):
        response = admin_client.post(
            ADD_URL,
            partner_form_data(founded_year="3000", website="javascript:alert(1)"),
            headers={"accept-language": "en"},
        )
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert set(errors) == {"founded_year", "website"}
        assert not Partner.objects.exists()


class TestLogoUploads:
    @pytest.mark.parametrize(
        ("upload", "message"),
        [
            (png_bomb, "Şəkil çox böyükdür: ən çoxu 25 meqapiksel qəbul olunur."),
            (svg_upload, "Bu fayl yararlı şəkil deyil"),
            (html_as_png, "Bu fayl yararlı şəkil deyil"),
            (truncated_png, "Bu fayl yararlı şəkil deyil"),
            (gif_upload, "PNG, JPEG və ya WebP şəkli yükləyin."),
        ],
    )
    def test_refused_upload_is_a_form_error_in_azerbaijani(
        self, admin_client, media, upload, message
    ):
        response = admin_client.post(
            ADD_URL, partner_form_data(logo=upload()), headers={"accept-language": "az"}
        )
        assert response.status_code == 200
        assert response.context["adminform"].form.errors.keys() == {"logo"}
        assert message in response.text
        assert not Partner.objects.exists()
        assert stored_files(media) == []

    def test_refusal_in_english_for_english_staff(self, admin_client):
        response = admin_client.post(
            ADD_URL, partner_form_data(logo=svg_upload()), headers={"accept-language": "en"}
        )
        assert "This file is not a usable image" in response.text

    def test_too_large_a_file_is_refused(self, admin_client, media, monkeypatch):
        monkeypatch.setattr("partners.models.LOGO_MAX_BYTES", 100)
        response = admin_client.post(
            ADD_URL, partner_form_data(logo=image_upload()), headers={"accept-language": "az"}
        )
        assert response.status_code == 200
        assert "Fayl çox böyükdür" in response.text
        assert stored_files(media) == []

    def test_refused_replacement_keeps_the_old_logo(self, admin_client, media):
        partner = make_partner("Loqolu", logo=image_upload())
        before = stored_files(media)
        data = partner_form_data(name_az="Loqolu", slug_az=partner.slug_az, logo=html_as_png())
        response = admin_client.post(change_url(partner), data)
        assert response.status_code == 200
        partner.refresh_from_db()
        assert stored_files(media) == before
        assert len(partner.logo_renditions) == 4

    def test_replacing_a_logo_removes_the_old_files(
        self, admin_client, media, django_capture_on_commit_callbacks
    ):
        partner = make_partner("Loqolu", logo=image_upload("first.png"))
        old = [partner.logo.name] + [r["name"] for r in partner.logo_renditions]
        data = partner_form_data(
            name_az="Loqolu",
            slug_az=partner.slug_az,
            logo=image_upload("second.jpg", size=(500, 500), pillow_format="JPEG"),
        )
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(change_url(partner), data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        partner.refresh_from_db()
        new = [partner.logo.name] + [r["name"] for r in partner.logo_renditions]
        assert partner.logo.name.endswith(".jpg")
        assert {r["format"] for r in partner.logo_renditions} == {"webp", "jpg"}
        assert stored_files(media) == sorted(new)
        assert not set(old) & set(stored_files(media))

    def test_clearing_a_logo_removes_its_files(
        self, admin_client, media, django_capture_on_commit_callbacks
    ):
        partner = make_partner("Loqolu", logo=image_upload())
        data = partner_form_data(name_az="Loqolu", slug_az=partner.slug_az, **{"logo-clear": "on"})
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(change_url(partner), data)
        assert response.status_code == 302
        partner.refresh_from_db()
        assert not partner.logo and partner.logo_renditions == []
        assert stored_files(media) == []

    def test_saving_without_a_new_logo_keeps_the_files(
        self, admin_client, media, django_capture_on_commit_callbacks
    ):
        partner = make_partner("Loqolu", logo=image_upload())
        before = stored_files(media)
        data = partner_form_data(name_az="Loqolu", slug_az=partner.slug_az, summary_az="Yeni")
        with django_capture_on_commit_callbacks(execute=True):
            admin_client.post(change_url(partner), data)
        assert stored_files(media) == before

    def test_deleting_a_partner_removes_its_files(
        self, admin_client, media, django_capture_on_commit_callbacks
    ):
        partner = make_partner("Loqolu", logo=image_upload())
        assert len(stored_files(media)) == 5
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(
                f"/admin/partners/partner/{partner.pk}/delete/", {"post": "yes"}
            )
        assert response.status_code == 302
        assert stored_files(media) == []

    def test_bulk_delete_removes_the_files(
        self, admin_client, media, django_capture_on_commit_callbacks
    ):
        first = make_partner("Bir", logo=image_upload())
        second = make_partner("İki", logo=image_upload(pillow_format="WEBP"))
        kept = make_partner("Üç", logo=image_upload())
        with django_capture_on_commit_callbacks(execute=True):
            admin_client.post(
                LIST_URL,
                {
                    "action": "delete_selected",
                    "_selected_action": [first.pk, second.pk],
                    "post": "yes",
                },
            )
        assert list(Partner.objects.all()) == [kept]
        assert stored_files(media) == sorted(
            [kept.logo.name] + [r["name"] for r in kept.logo_renditions]
        )

    def test_files_stay_when_the_delete_is_rolled_back(self, media):
        partner = make_partner("Loqolu", logo=image_upload())
        before = stored_files(media)
        partner.delete()  # the test's transaction never commits: nothing may be removed
        assert stored_files(media) == before

    def test_webp_logo_has_webp_copies_only(self):
        partner = make_partner("WebP", logo=image_upload(pillow_format="WEBP"))
        assert {r["format"] for r in partner.logo_renditions} == {"webp"}
        assert partner.logo_image["webp_srcset"] == ""  # no <source> for the same format
        assert partner.logo_image["srcset"].endswith("320w")


class TestList:
    def test_list_shows_logo_thumbnails_country_and_languages(self, admin_client):
        make_partner("Türkiyə Mərkəzi", name_en="Türkiye Centre", country="TR", logo=image_upload())
        make_partner("Loqosuz")
        response = admin_client.get(LIST_URL, headers={"accept-language": "az"})
        html = response.text
        assert re.search(
            r'<img class="partner-logo-thumbnail" src="/media/partners/partner/\d+/partners/logos/'
            r"renditions/",
            html,
        )
        assert "Türkiyə" in html and "AZ, EN" in html
        assert 'name="form-0-order"' in html  # the order is editable from the list

    def test_search_by_name_in_any_language(self, admin_client):
        make_partner("Yaponiya Mərkəzi", name_en="Japan Centre", name_ru="Японский центр")
        make_partner("Başqa")
        for term in ("Yaponiya", "Japan", "Японский"):
            response = admin_client.get(LIST_URL, {"q": term})
            assert [p.name_az for p in response.context["cl"].result_list] == ["Yaponiya Mərkəzi"]

    def test_filters_by_kind_country_and_active(self, admin_client):
        make_partner("Türkiyə Mərkəzi", country="TR")
        make_partner("Platforma", kind=Kind.PLATFORM)
        make_partner("Köhnə", country="JP", is_active=False)

        def names(query):
            response = admin_client.get(LIST_URL, query, headers={"accept-language": "az"})
            assert response.status_code == 200
            return sorted(p.name_az for p in response.context["cl"].result_list)

        assert names({"kind__exact": "wef-platform"}) == ["Platforma"]
        assert names({"country": "TR"}) == ["Türkiyə Mərkəzi"]
        assert names({"is_active__exact": "0"}) == ["Köhnə"]
        # Only the countries partners are in, named in the staff member's language.
        html = admin_client.get(LIST_URL, headers={"accept-language": "az"}).text
        assert "?country=JP" in html and "Yaponiya" in html and "?country=FR" not in html
        assert names({"country": "XX"}) == ["Köhnə", "Platforma", "Türkiyə Mərkəzi"]

    @pytest.mark.parametrize(
        "query",
        [{"q": "\x00"}, {"kind__exact": "\x00"}, {"country": "T\x00"}, {"\x00": "1"}],
    )
    def test_nul_in_the_query_is_dropped(self, admin_client, query):
        # centre.middleware.NulBytesMiddleware removes NUL before the filters meet the database.
        make_partner("Bir")
        assert admin_client.get(LIST_URL, query).status_code in (200, 302)  # 302: ?e=1, bad lookup

    def test_order_edited_from_the_list(self, admin_client):
        first, second = make_partner("Bir"), make_partner("İki")
        data = {
            "form-TOTAL_FORMS": "2",
            "form-INITIAL_FORMS": "2",
            "form-0-id": str(first.pk),
            "form-0-order": "20",
            "form-1-id": str(second.pk),
            "form-1-order": "10",
            "_save": "Save",
        }
        response = admin_client.post(LIST_URL, data)
        assert response.status_code == 302
        assert list(Partner.objects.in_name_order("az")) == [second, first]

    def test_view_on_site_reaches_an_inactive_partner(self, admin_client):
        partner = make_partner("Gizli", is_active=False)
        content_type = ContentType.objects.get_for_model(Partner)
        shortcut = f"/admin/r/{content_type.pk}/{partner.pk}/"
        assert shortcut in admin_client.get(change_url(partner)).text
        response = admin_client.get(shortcut)
        assert response.status_code == 302
        assert admin_client.get(response["Location"]).status_code == 200

    def test_logo_preview_in_the_form(self, admin_client):
        partner = make_partner("Loqolu", logo=image_upload())
        html = admin_client.get(change_url(partner), headers={"accept-language": "az"}).text
        assert (
            f'<img class="partner-logo-preview" src="/media/partners/partner/{partner.pk}/'
            "partners/logos/renditions/"
        ) in html
        html = admin_client.get(ADD_URL, headers={"accept-language": "az"}).text
        assert "Hələ loqo yoxdur." in html
