"""
Every change of a page, partner or publication made in the admin is kept (django-reversion):
who, when, every language. A version opens in the usual form and saving it restores it.
"""

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from reversion.models import Version

from centre.models import SearchEntry, Status
from pages.models import Page

from .admin_forms import admin_form_data
from .factories import make_page, make_partner, make_publication, make_staff, make_technology
from .images import image_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def publisher(client):
    user = make_staff("nasir", "Publisher", first_name="Leyla", last_name="Məmmədova")
    client.force_login(user)
    return client


def change(client, url, **values):
    response = client.post(url, admin_form_data(client.get(url), **values))
    assert response.status_code == 302, response.context and response.context.get("errors")
    return response


def versions(client, url):
    response = client.get(f"{url}history/")
    assert response.status_code == 200
    return response.context["action_list"]


def restore(client, version):
    response = client.get(version["url"])
    assert response.status_code == 200
    return client.post(version["url"], admin_form_data(response))


def test_a_page_keeps_every_language_and_who_changed_it(publisher):
    page = make_page("Haqqımızda", title_en="About us", title_ru="О нас", status=Status.DRAFT)
    url = f"/admin/pages/page/{page.pk}/change/"
    change(publisher, url, title_az="Mərkəz haqqında", title_en="About the Centre")
    change(publisher, url, title_ru="О Центре", body_az="<p>Yeni</p>")

    # The page as it was made (outside the admin, by nobody history knows) is kept before its
    # first change: the oldest version.
    listed = versions(publisher, url.removesuffix("change/"))
    assert len(listed) == 3
    *changes, made = listed
    assert made["revision"].user is None
    assert all(item["revision"].user.username == "nasir" for item in changes)
    html = publisher.get(f"/admin/pages/page/{page.pk}/history/").text
    assert "nasir (Leyla Məmmədova)" in html
    _latest, first, as_made = Version.objects.get_for_object(page)
    assert as_made.field_dict["title_az"] == "Haqqımızda"
    assert first.field_dict["title_az"] == "Mərkəz haqqında"
    assert first.field_dict["title_ru"] == "О нас"

    # Restored while the staff member reads the admin in English: every language comes back.
    with translation.override("en"):
        restore(publisher, changes[-1])
    page.refresh_from_db()
    assert (page.title_az, page.title_en, page.title_ru) == (
        "Mərkəz haqqında",
        "About the Centre",
        "О нас",
    )
    assert "Yeni" not in page.body_az
    assert len(versions(publisher, url.removesuffix("change/"))) == 4

    # The page as it was made can be restored too.
    restore(publisher, versions(publisher, url.removesuffix("change/"))[-1])
    page.refresh_from_db()
    assert (page.title_az, page.title_en) == ("Haqqımızda", "About us")


def test_restoring_an_old_slug_moves_the_page_and_its_children(publisher, client):
    parent = make_page("Fəaliyyət")
    child = make_page("Layihələr", parent=parent)
    url = f"/admin/pages/page/{parent.pk}/change/"
    change(publisher, url, slug_az="fealiyyet")
    change(publisher, url, slug_az="isimiz")
    child.refresh_from_db()
    assert child.url_path_az == "isimiz/layiheler"

    restore(publisher, versions(publisher, url.removesuffix("change/"))[-1])
    child.refresh_from_db()
    assert child.url_path_az == "fealiyyet/layiheler"
    assert client.get("/az/isimiz/").status_code == 301


def test_a_pages_milestones_are_part_of_its_history(publisher):
    page = make_page("Tarix")
    page.milestones.create(date="2021-01-06", title_az="Fərman")
    url = f"/admin/pages/page/{page.pk}/change/"
    change(publisher, url)
    change(publisher, url, **{"milestones-0-title_az": "Prezident fərmanı"})
    restore(publisher, versions(publisher, url.removesuffix("change/"))[-1])
    assert list(page.milestones.values_list("title_az", flat=True)) == ["Fərman"]


def test_milestones_come_back_as_they_were_and_other_pages_keep_theirs(publisher):
    page, other = make_page("Tarix"), make_page("Başqa")
    kept = page.milestones.create(date="2021-01-06", title_az="Fərman")
    removed = page.milestones.create(date="2021-04-01", title_az="WEF")
    other.milestones.create(date="2020-01-21", title_az="Davos")
    publisher.post(
        "/admin/pages/page/",
        {"action": "mark_translations_checked", "_selected_action": [page.pk, other.pk]},
    )
    removed.delete()
    page.milestones.create(date="2022-01-01", title_az="Sonradan")
    other.milestones.all().delete()
    kept.title_az = "Dəyişdi"
    kept.save()

    restore(publisher, versions(publisher, f"/admin/pages/page/{page.pk}/")[-1])
    assert list(page.milestones.order_by("date").values_list("title_az", flat=True)) == [
        "Fərman",
        "WEF",
    ]
    assert not other.milestones.exists()


def test_a_partner_restored_keeps_its_current_logo(publisher, media):
    partner = make_partner("Tərəfdaş", logo=image_upload("logo.png"))
    url = f"/admin/partners/partner/{partner.pk}/change/"
    change(publisher, url, name_en="Partner")
    change(publisher, url, name_en="The partner", logo=image_upload("yeni.png", size=(500, 250)))
    partner.refresh_from_db()
    logo, renditions = partner.logo.name, partner.logo_renditions
    assert (media / logo).exists()

    restore(publisher, versions(publisher, url.removesuffix("change/"))[-2])  # the first change
    partner.refresh_from_db()
    assert partner.name_en == "Partner"
    assert (partner.logo.name, partner.logo_renditions) == (logo, renditions)
    assert all((media / item["name"]).exists() for item in renditions)


def test_a_publication_restored_keeps_its_files_and_gets_its_topics_back(publisher):
    ai = make_technology("artificial-intelligence", "Süni intellekt")
    iot = make_technology("internet-of-things", "Əşyaların interneti")
    publication = make_publication("Hesabat", files=["az"], technologies=[ai])
    pdf = publication.files.get()
    url = f"/admin/publications/publication/{publication.pk}/change/"
    change(publisher, url, abstract_ru="Аннотация")
    change(publisher, url, abstract_ru="Другая", technologies=[str(iot.pk)])

    restore(publisher, versions(publisher, url.removesuffix("change/"))[-2])  # the first change
    publication.refresh_from_db()
    assert publication.abstract_ru == "Аннотация"
    assert list(publication.technologies.all()) == [ai]
    assert publication.files.get() == pdf
    assert publication.files.get().file.name == pdf.file.name


def test_bulk_publishing_is_recorded_too(publisher):
    page = make_page("Qaralama", status=Status.DRAFT)
    publisher.post("/admin/pages/page/", {"action": "publish", "_selected_action": [page.pk]})
    (version,) = Version.objects.get_for_object(page)
    assert version.field_dict["status"] == Status.PUBLISHED
    assert version.revision.user.username == "nasir"


def test_a_version_whose_address_is_taken_is_refused_with_a_message(publisher):
    first = make_partner("Birinci")
    url = f"/admin/partners/partner/{first.pk}/change/"
    change(publisher, url)  # slug "birinci"
    change(publisher, url, slug_az="bashqa")
    make_partner("İkinci", slug_az="birinci")
    oldest = versions(publisher, url.removesuffix("change/"))[-1]
    for method in (publisher.get, publisher.post):
        response = method(oldest["url"])
        assert response.status_code == 302
        assert response.url == f"/admin/partners/partner/{first.pk}/history/"
        messages = [m for m in publisher.get(response.url).context["messages"] if m.level_tag]
        assert [m.level_tag for m in messages] == ["error"]
        # In the staff member's language (Azerbaijani here), with the reason.
        assert "heç nə dəyişdirilmədi" in messages[0].message
        assert "birinci" in messages[0].message
    first.refresh_from_db()
    assert first.slug_az == "bashqa"


@pytest.mark.parametrize("model", ["pages_page", "partners_partner", "publications_publication"])
def test_deleted_items_are_not_recovered_from_history(publisher, model):
    with pytest.raises(NoReverseMatch):
        reverse(f"admin:{model}_recoverlist")
    assert "recover" not in publisher.get(reverse(f"admin:{model}_changelist")).text


def test_a_restored_object_is_searchable_as_restored_and_its_page_is_fresh(
    publisher, client, settings
):
    settings.PUBLIC_CACHE_SECONDS = 600
    first = make_page("Rəqəmsal iqtisadiyyat", title_en="Digital economy")
    other = make_page("Süni intellekt", title_en="Artificial intelligence")
    publisher.post(
        "/admin/pages/page/",
        {"action": "mark_translations_checked", "_selected_action": [first.pk, other.pk]},
    )
    change(publisher, f"/admin/pages/page/{other.pk}/change/", title_az="Maşın öyrənməsi")
    change(publisher, f"/admin/pages/page/{first.pk}/change/", title_az="Ağıllı şəhərlər")
    visitor = Client()
    assert "Ağıllı şəhərlər" in visitor.get(f"/az/{first.url_path_az}/").text

    def titles():
        entries = SearchEntry.objects.filter(model="pages.page", language="az")
        return dict(entries.values_list("object_id", "title"))

    # Opening a version changes nothing, in the search index either.
    oldest = versions(publisher, f"/admin/pages/page/{first.pk}/")[-1]
    publisher.get(oldest["url"])
    assert titles() == {first.pk: "Ağıllı şəhərlər", other.pk: "Maşın öyrənməsi"}

    restore(publisher, oldest)
    # The index holds what is stored: the restored title, and the other page of that revision
    # untouched.
    stored = dict(Page.objects.values_list("pk", "title_az"))
    assert titles() == stored
    assert stored == {first.pk: "Rəqəmsal iqtisadiyyat", other.pk: "Maşın öyrənməsi"}
    # The next visitor gets the restored page, not the cached one.
    assert "Rəqəmsal iqtisadiyyat" in visitor.get(f"/az/{first.url_path_az}/").text


def test_a_version_of_another_object_or_model_is_not_found(publisher):
    page = make_page("Səhifə")
    other_page = make_page("Başqa səhifə")
    partner = make_partner("Tərəfdaş", pk=page.pk)  # the same id as the page's
    change(publisher, f"/admin/pages/page/{page.pk}/change/")
    change(publisher, f"/admin/pages/page/{other_page.pk}/change/", title_az="Dəyişdi")
    change(publisher, f"/admin/partners/partner/{partner.pk}/change/", name_az="Dəyişdi")
    own = Version.objects.get_for_object(page).first()
    assert publisher.get(f"/admin/pages/page/{page.pk}/history/{own.pk}/").status_code == 200
    for version in (
        *Version.objects.get_for_object(other_page),
        *Version.objects.get_for_object(partner),
    ):
        address = f"/admin/pages/page/{page.pk}/history/{version.pk}/"
        for method in (publisher.get, publisher.post):
            assert method(address).status_code == 404
    for address in (
        f"/admin/pages/page/{page.pk + 1000}/history/{own.pk}/",
        f"/admin/pages/page/{page.pk}/history/{10**20}/",
        f"/admin/pages/page/x%00y/history/{own.pk}/",
    ):
        assert publisher.get(address).status_code == 404
    # Not a way to copy a version into a new item either.
    response = publisher.post(f"/admin/pages/page/{page.pk}/history/{own.pk}/", {"_saveasnew": "1"})
    assert response.status_code == 400
    assert Page.objects.count() == 2
    page.refresh_from_db()
    assert page.title_az == "Səhifə"
