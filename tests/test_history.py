"""
Every change of a page, partner or publication made in the admin is kept (django-reversion):
who, when, every language. A version opens in the usual form and saving it restores it.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from reversion.models import Version

from centre.models import SearchEntry, Status
from partners.models import Partner

from .factories import (
    admin_form_data,
    make_page,
    make_partner,
    make_publication,
    make_staff,
    make_technology,
)
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

    listed = versions(publisher, url.removesuffix("change/"))
    assert len(listed) == 2
    assert all(item["revision"].user.username == "nasir" for item in listed)
    html = publisher.get(f"/admin/pages/page/{page.pk}/history/").text
    assert "nasir (Leyla Məmmədova)" in html
    first = Version.objects.get_for_object(page).last()
    assert first.field_dict["title_az"] == "Mərkəz haqqında"
    assert first.field_dict["title_ru"] == "О нас"

    # Restored while the staff member reads the admin in English: every language comes back.
    with translation.override("en"):
        restore(publisher, listed[-1])
    page.refresh_from_db()
    assert (page.title_az, page.title_en, page.title_ru) == (
        "Mərkəz haqqında",
        "About the Centre",
        "О нас",
    )
    assert "Yeni" not in page.body_az
    assert len(versions(publisher, url.removesuffix("change/"))) == 3


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


def test_a_partner_restored_keeps_its_current_logo(publisher, media):
    partner = make_partner("Tərəfdaş", logo=image_upload("logo.png"))
    url = f"/admin/partners/partner/{partner.pk}/change/"
    change(publisher, url, name_en="Partner")
    change(publisher, url, name_en="The partner", logo=image_upload("yeni.png", size=(500, 250)))
    partner.refresh_from_db()
    logo, renditions = partner.logo.name, partner.logo_renditions
    assert (media / logo).exists()

    restore(publisher, versions(publisher, url.removesuffix("change/"))[-1])
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

    restore(publisher, versions(publisher, url.removesuffix("change/"))[-1])
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
        assert "birinci" in messages[0].message
    first.refresh_from_db()
    assert first.slug_az == "bashqa"


@pytest.mark.parametrize("model", ["pages_page", "partners_partner", "publications_publication"])
def test_deleted_items_are_not_recovered_from_history(publisher, model):
    with pytest.raises(NoReverseMatch):
        reverse(f"admin:{model}_recoverlist")
    assert "recover" not in publisher.get(reverse(f"admin:{model}_changelist")).text


# ---- One version restores one object ----------------------------------------------------
# A list action records every object it touches in one revision; restoring one object's
# version from that revision must leave the others alone, whoever restores it.


@dataclass
class Kind:
    name: str
    url: str
    make: Callable  # make(title, public) -> object
    withdraw: str  # the publisher's action that hides an object

    def is_public(self, obj):
        obj.refresh_from_db()
        return obj.is_active if isinstance(obj, Partner) else obj.status == Status.PUBLISHED


KINDS = [
    Kind(
        "page",
        "/admin/pages/page/",
        lambda title, public: make_page(title, status=Status.PUBLISHED if public else Status.DRAFT),
        "unpublish",
    ),
    Kind(
        "partner",
        "/admin/partners/partner/",
        lambda title, public: make_partner(title, is_active=public),
        "deactivate",
    ),
    Kind(
        "publication",
        "/admin/publications/publication/",
        lambda title, public: make_publication(
            title, status=Status.PUBLISHED if public else Status.DRAFT, files=["az"]
        ),
        "unpublish",
    ),
]


@pytest.fixture
def editor_user():
    return make_staff("redaktor", "Editor")


@pytest.fixture
def publisher_user():
    return make_staff("nasir", "Publisher")


def versions_of(client, url, obj):
    return versions(client, f"{url}{obj.pk}/")


def one_revision_for_both(client, kind, draft, public):
    """*Mark as checked* on a draft and a public object: one revision holding both."""
    response = client.post(
        kind.url,
        {"action": "mark_translations_checked", "_selected_action": [draft.pk, public.pk]},
    )
    assert response.status_code == 302
    (version,) = Version.objects.get_for_object(draft)
    assert Version.objects.get_for_object(public).get().revision == version.revision


@pytest.mark.parametrize("kind", KINDS, ids=[kind.name for kind in KINDS])
@pytest.mark.parametrize("role", ["Editor", "Publisher"])
def test_restoring_a_version_from_a_list_action_restores_that_object_only(
    client, editor_user, publisher_user, kind, role, media
):
    draft, public = kind.make("Qaralama", False), kind.make("Açıq", True)
    client.force_login(editor_user)
    one_revision_for_both(client, kind, draft, public)
    # A publisher withdraws the public one since.
    client.force_login(publisher_user)
    client.post(kind.url, {"action": kind.withdraw, "_selected_action": [public.pk]})
    assert not kind.is_public(public)

    client.force_login(editor_user if role == "Editor" else publisher_user)
    change_url = f"{kind.url}{draft.pk}/change/"
    change(client, change_url, **{f"{'name' if kind.name == 'partner' else 'title'}_en": "New"})
    restore(client, versions_of(client, kind.url, draft)[-1])

    # The withdrawn object stays withdrawn (and a publication's PDF stays out of reach) ...
    assert not kind.is_public(public)
    if kind.name == "publication":
        pdf = public.files.get()
        client.logout()
        assert client.get(pdf.get_absolute_url()).status_code == 404
    # ... and only the draft's version was restored, as a new version of it alone.
    draft.refresh_from_db()
    assert not kind.is_public(draft)
    assert not getattr(draft, f"{'name' if kind.name == 'partner' else 'title'}_en")
    latest = Version.objects.get_for_object(draft).first()
    assert list(latest.revision.version_set.values_list("object_id", flat=True)) == [str(draft.pk)]


@pytest.mark.parametrize("kind", KINDS, ids=[kind.name for kind in KINDS])
def test_an_editor_restores_text_but_never_whether_it_is_public(
    client, editor_user, publisher_user, kind, media
):
    obj = kind.make("Birinci", False)
    title = "name_az" if kind.name == "partner" else "title_az"
    client.force_login(publisher_user)
    change(client, f"{kind.url}{obj.pk}/change/", **{title: "İkinci"})
    client.post(
        kind.url,
        {
            "action": "activate" if kind.name == "partner" else "publish",
            "_selected_action": [obj.pk],
        },
    )
    assert kind.is_public(obj)
    draft_version, _published = versions_of(client, kind.url, obj)[::-1][:2]

    client.force_login(editor_user)
    response = client.get(draft_version["url"])
    assert response.status_code == 200
    assert "only a publisher" in response.text
    # Even a post that says otherwise leaves it public.
    data = admin_form_data(response, status=Status.DRAFT, is_active=None)
    assert client.post(draft_version["url"], data).status_code == 302
    assert kind.is_public(obj)
    assert getattr(obj, title) == "İkinci"


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
    # Found by its restored title; the other page of that revision untouched, and found as it is.
    assert titles() == {first.pk: "Rəqəmsal iqtisadiyyat", other.pk: "Maşın öyrənməsi"}
    other.refresh_from_db()
    assert other.title_az == "Maşın öyrənməsi"
    # The next visitor gets the restored page, not the cached one.
    assert "Rəqəmsal iqtisadiyyat" in visitor.get(f"/az/{first.url_path_az}/").text


def test_a_version_of_another_object_or_model_is_not_found(publisher):
    page = make_page("Səhifə")
    other_page = make_page("Başqa səhifə")
    partner = make_partner("Tərəfdaş", pk=page.pk)  # the same id as the page's
    change(publisher, f"/admin/pages/page/{page.pk}/change/")
    change(publisher, f"/admin/pages/page/{other_page.pk}/change/", title_az="Dəyişdi")
    change(publisher, f"/admin/partners/partner/{partner.pk}/change/", name_az="Dəyişdi")
    own = Version.objects.get_for_object(page).get()
    assert publisher.get(f"/admin/pages/page/{page.pk}/history/{own.pk}/").status_code == 200
    for version in (
        Version.objects.get_for_object(other_page).get(),
        Version.objects.get_for_object(partner).get(),
    ):
        address = f"/admin/pages/page/{page.pk}/history/{version.pk}/"
        for method in (publisher.get, publisher.post):
            assert method(address).status_code == 404
    assert publisher.get(f"/admin/pages/page/{page.pk + 1000}/history/{own.pk}/").status_code == 404
    page.refresh_from_db()
    assert page.title_az == "Səhifə"
