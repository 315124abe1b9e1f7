"""
Files of items the public cannot see are not public either (centre/files.py), and every model's
stored files follow its rows: replaced, cleared and deleted files go after the commit.
"""

import datetime
import importlib
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import clear_url_caches, reverse
from django.utils import timezone

from centre.models import Status
from pages.models import Page
from publications.models import Publication

from .admin_forms import admin_form_data
from .factories import add_file, make_page, make_partner, make_publication
from .images import image_upload

pytestmark = pytest.mark.django_db

README = Path(settings.BASE_DIR) / "README.md"


@pytest.fixture
def visitor():
    """An anonymous visitor (``client`` is the one ``staff_client`` logs in)."""
    return Client()


def cover_urls(publication):
    """The cover's address and every rendition's, as the pages show them."""
    image = publication.cover_image
    srcsets = f"{image['webp_srcset']}, {image['srcset']}"
    renditions = [item.split()[0] for item in srcsets.split(", ") if item]
    assert len(renditions) == len(publication.cover_renditions) > 0
    return [publication.cover.url, image["src"], *renditions]


def logo_urls(partner):
    image = partner.logo_image
    srcsets = f"{image['webp_srcset']}, {image['srcset']}"
    renditions = [item.split()[0] for item in srcsets.split(", ") if item]
    assert len(set(renditions)) == len(partner.logo_renditions) > 0
    return [partner.logo.url, image["src"], *renditions, partner.meta_image_url]


def statuses(visitor, urls):
    return {visitor.get(url).status_code for url in urls}


def stored(media):
    return sorted(str(p.relative_to(media)) for p in Path(media).rglob("*") if p.is_file())


@pytest.fixture
def draft(db, media):
    publication = make_publication("Qaralama nəşr", status=Status.DRAFT, files=["az"])
    assert publication.refresh_cover()  # the automatic cover: the PDF's first page
    return publication


class TestPublicationCover:
    def test_a_drafts_cover_and_renditions_are_hidden_until_published(
        self, visitor, staff_client, draft
    ):
        urls = cover_urls(draft)
        assert statuses(visitor, urls) == {404}
        assert statuses(staff_client, urls) == {200}  # staff preview
        draft.status = Status.PUBLISHED
        draft.save()
        assert statuses(visitor, urls) == {200}
        draft.status = Status.DRAFT  # withdrawn: hidden again at once
        draft.save()
        assert statuses(visitor, urls) == {404}

    def test_a_scheduled_cover_appears_when_its_time_comes_without_a_save(
        self, visitor, staff_client, draft, monkeypatch
    ):
        start = timezone.now()
        Publication.objects.filter(pk=draft.pk).update(
            status=Status.PUBLISHED, publish_from=start + datetime.timedelta(hours=1)
        )
        urls = cover_urls(draft)
        assert statuses(visitor, urls) == {404}
        assert statuses(staff_client, urls) == {200}
        later = start + datetime.timedelta(hours=2)
        monkeypatch.setattr(timezone, "now", lambda: later)
        assert statuses(visitor, urls) == {200}

    def test_the_detail_page_shares_the_cover_at_its_checked_address(self, visitor, draft):
        draft.status = Status.PUBLISHED
        draft.save()
        html = visitor.get(draft.get_absolute_url()).text
        address = f"/media/publications/publication/{draft.pk}/{draft.cover.name}"
        # Shared at the largest rendition's address, whose size the page states.
        shared = max(
            (r for r in draft.cover_renditions if r["format"] != "webp"), key=lambda r: r["width"]
        )
        shared_address = f"/media/publications/publication/{draft.pk}/{shared['name']}"
        assert f'<meta property="og:image" content="http://testserver{shared_address}">' in html
        assert f'<meta property="og:image:width" content="{shared["width"]}">' in html
        assert f'"image": "http://testserver{address}"' in html  # JSON-LD
        assert visitor.get(address).status_code == 200
        assert visitor.get(shared_address).status_code == 200

    def test_a_language_pdfs_cover_is_hidden_with_its_publication(
        self, visitor, staff_client, draft
    ):
        english = add_file(draft, "en")
        assert draft.refresh_cover()
        english.refresh_from_db()
        urls = cover_urls(english)
        assert all(
            url.startswith(f"/media/publications/publicationfile/{english.pk}/") for url in urls
        )
        assert statuses(visitor, urls) == {404}
        assert statuses(staff_client, urls) == {200}
        draft.status = Status.PUBLISHED
        draft.save()
        assert statuses(visitor, urls) == {200}

    def test_the_pdf_is_never_served_here(self, visitor, draft):
        draft.status = Status.PUBLISHED
        draft.save()
        pdf = draft.files.get()
        for model in ("publicationfile", "publication"):
            pk = pdf.pk if model == "publicationfile" else draft.pk
            url = f"/media/publications/{model}/{pk}/{pdf.file.name}"
            assert visitor.get(url).status_code == 404
        assert visitor.get(pdf.get_absolute_url()).status_code == 200  # the download view


class TestPartnerLogo:
    def test_an_inactive_partners_logo_is_hidden_until_activated(
        self, visitor, staff_client, media
    ):
        partner = make_partner("Köhnə tərəfdaş", is_active=False, logo=image_upload())
        urls = logo_urls(partner)
        assert statuses(visitor, urls) == {404}
        assert statuses(staff_client, urls) == {200}
        partner.is_active = True
        partner.save()
        assert statuses(visitor, urls) == {200}
        partner.is_active = False
        partner.save()
        assert statuses(visitor, urls) == {404}


class TestPageSharingImage:
    def test_a_draft_pages_sharing_image_is_hidden_until_published(
        self, visitor, staff_client, media
    ):
        page = make_page(
            "Qaralama",
            status=Status.DRAFT,
            og_image_az=image_upload("az.png"),
            og_image_en=image_upload("en.png"),
        )
        urls = [page.og_image_az.url, page.og_image_en.url, page.meta_image_url]
        assert statuses(visitor, urls) == {404}
        assert statuses(staff_client, urls) == {200}
        page.status = Status.PUBLISHED
        page.save()
        assert statuses(visitor, urls) == {200}


class TestNoWayAround:
    def test_only_the_owners_own_visible_files(self, visitor, draft, media):
        public = make_partner("Açıq", logo=image_upload())
        hidden = draft.cover.name
        for url in [
            f"/media/{hidden}",  # the folder itself
            f"/media/{public.logo.name}",
            # A visible object's address with a hidden object's file.
            f"/media/partners/partner/{public.pk}/{hidden}",
            f"/media/partners/partner/{public.pk}/../../publications/publication/{draft.pk}/{hidden}",
            f"/media/partners/partner/{public.pk}/{public.logo.name}/../../{hidden}",
            f"/media/partners/partner/{public.pk}/%2e%2e/{hidden}",
            # Models that own no served files, or none at all.
            f"/media/auth/user/1/{public.logo.name}",
            f"/media/centre/technology/1/{public.logo.name}",
            f"/media/nope/nothing/1/{public.logo.name}",
            f"/media/partners/partner/999999/{public.logo.name}",
            f"/media/partners/partner/{'9' * 40}/{public.logo.name}",
            f"/media/partners/partner/{public.pk}/{public.logo.name}%00.png",
            f"/media/partners/partner/{public.pk}/partners/logos/other.png",
        ]:
            response = visitor.get(url)
            assert response.status_code == 404, url
        assert visitor.get(public.logo.url).status_code == 200

    def test_files_of_other_kinds_are_never_served(self, visitor, media):
        partner = make_partner("Açıq", logo=image_upload())
        # Even if a row pointed at one (PublicMediaStorage stores only decoded images).
        for name in ("partners/logos/x.html", "partners/logos/x.svg"):
            (Path(media) / name).write_bytes(b"<svg onload=alert(1)>")
            type(partner).objects.filter(pk=partner.pk).update(logo=name)
            assert visitor.get(f"/media/partners/partner/{partner.pk}/{name}").status_code == 404

    def test_django_serve_media_no_longer_opens_the_folder(self, visitor, draft, settings):
        # Today's DJANGO_SERVE_MEDIA routed /media/ to a plain file view; whatever the setting
        # says, the only route is the checked one.
        settings.SERVE_MEDIA = True
        urls = importlib.import_module(settings.ROOT_URLCONF)
        try:
            importlib.reload(urls)
            clear_url_caches()
            assert visitor.get(f"/media/{draft.cover.name}").status_code == 404
            assert statuses(visitor, cover_urls(draft)) == {404}
        finally:
            del settings.SERVE_MEDIA
            importlib.reload(urls)
            clear_url_caches()

    def test_nginx_does_not_serve_the_media_folder(self):
        readme = README.read_text()
        assert "alias /srv/centre/media/$1" not in readme
        assert "location /internal/media/ {\n           internal;" in readme


class TestResponses:
    def test_headers_of_a_public_file(self, visitor, media):
        partner = make_partner("Açıq", logo=image_upload())
        assert partner.logo.url == reverse(
            "media-file",
            kwargs={
                "app_label": "partners",
                "model_name": "partner",
                "pk": partner.pk,
                "name": partner.logo.name,
            },
        )
        response = visitor.get(partner.logo.url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'"
        # No shared cache keeps it, so a deactivated partner's logo is gone at once.
        assert response["Cache-Control"] == "private, max-age=86400"
        body = b"".join(response.streaming_content)
        assert body == (Path(media) / partner.logo.name).read_bytes()
        again = visitor.get(partner.logo.url, headers={"if-none-match": response["ETag"]})
        assert again.status_code == 304 and again["ETag"] == response["ETag"]
        since = visitor.get(
            partner.logo.url, headers={"if-modified-since": response["Last-Modified"]}
        )
        assert since.status_code == 304
        head = visitor.head(partner.logo.url)
        assert head.status_code == 200 and head["Content-Length"] == str(len(body))
        assert visitor.post(partner.logo.url).status_code == 405

    def test_a_hidden_file_is_a_404_no_cache_keeps(self, visitor, staff_client, draft):
        response = visitor.get(draft.cover.url)
        assert response.status_code == 404
        assert "no-store" in response["Cache-Control"]
        assert response.content.decode() == "Bu şəkil mövcud deyil.\n"
        russian = visitor.get(draft.cover.url, headers={"accept-language": "ru"})
        assert russian.content.decode() == "Это изображение недоступно.\n"
        staff = staff_client.get(draft.cover.url)
        assert staff.status_code == 200 and "no-store" in staff["Cache-Control"]

    def test_nginx_may_send_the_bytes(self, visitor, media, settings):
        settings.MEDIA_X_ACCEL_REDIRECT = "/internal/media/"
        partner = make_partner("Açıq", logo=image_upload())
        response = visitor.get(partner.logo.url)
        assert response["X-Accel-Redirect"] == f"/internal/media/{partner.logo.name}"
        assert response.content == b""
        assert response["Content-Type"] == "image/png"

    def test_one_query_per_file(self, visitor, staff_client, draft, django_assert_num_queries):
        partner = make_partner("Açıq", logo=image_upload())
        with django_assert_num_queries(1):
            assert visitor.get(partner.logo_image["src"]).status_code == 200
        with django_assert_num_queries(1):
            assert visitor.get(draft.cover.url).status_code == 404
        # the session, the user, whether they have an authenticator, the object
        with django_assert_num_queries(4):
            assert staff_client.get(draft.cover_image["src"]).status_code == 200


class TestLifecycle:
    """Replaced, cleared and deleted files go once the change is committed, for every model."""

    def test_a_replaced_or_cleared_sharing_image_is_removed(
        self, media, django_capture_on_commit_callbacks
    ):
        page = make_page("Paylaşım", og_image_az=image_upload("first.png"))
        first = page.og_image_az.name
        with django_capture_on_commit_callbacks(execute=True):
            page.og_image_az = image_upload("second.png")
            page.save()
        assert stored(media) == [page.og_image_az.name]
        assert first != page.og_image_az.name
        with django_capture_on_commit_callbacks(execute=True):
            page.og_image_az = None
            page.save()
        assert stored(media) == []

    def test_a_sharing_image_cleared_in_the_admin_is_removed(
        self, admin_client, media, django_capture_on_commit_callbacks
    ):
        page = make_page("Paylaşım", og_image_en=image_upload("en.png"))
        url = f"/admin/pages/page/{page.pk}/change/"
        data = admin_form_data(admin_client.get(url), **{"og_image_en-clear": "on"})
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(url, data)
        assert response.status_code == 302
        assert stored(media) == []

    def test_deleted_pages_take_their_sharing_images_along(
        self, admin_client, media, django_capture_on_commit_callbacks
    ):
        one = make_page("Bir", og_image_az=image_upload("bir.png"))
        two = make_page("İki", og_image_ru=image_upload("iki.png"))
        kept = make_page("Üç", og_image_az=image_upload("uc.png"))
        gone = make_page("Dörd", og_image_az=image_upload("dord.png"))
        with django_capture_on_commit_callbacks(execute=True):
            admin_client.post(
                "/admin/pages/page/",
                {"action": "delete_selected", "_selected_action": [one.pk, two.pk], "post": "yes"},
            )
        assert set(Page.objects.all()) == {kept, gone}
        with django_capture_on_commit_callbacks(execute=True):
            gone.delete()
        assert stored(media) == [kept.og_image_az.name]

    def test_covers_and_pdfs_go_with_their_publication(
        self, admin_client, media, django_capture_on_commit_callbacks
    ):
        one = make_publication("Bir", files=["az"])
        one.refresh_cover()
        kept = make_publication("İki", cover=image_upload("cover.png"))
        private = Path(settings.PRIVATE_MEDIA_ROOT)
        pdf = private / one.files.get().file.name
        assert pdf.is_file()
        with django_capture_on_commit_callbacks(execute=True):
            admin_client.post(
                "/admin/publications/publication/",
                {"action": "delete_selected", "_selected_action": [one.pk], "post": "yes"},
            )
        assert not pdf.exists()
        assert stored(media) == sorted(
            [kept.cover.name] + [r["name"] for r in kept.cover_renditions]
        )

    def test_a_replaced_cover_is_removed_with_its_renditions(
        self, media, django_capture_on_commit_callbacks
    ):
        publication = make_publication("Bir", cover=image_upload("first.png"))
        with django_capture_on_commit_callbacks(execute=True):
            publication.cover = image_upload("second.png")
            publication.save()
        assert stored(media) == sorted(
            [publication.cover.name] + [r["name"] for r in publication.cover_renditions]
        )

    def test_a_rolled_back_change_keeps_the_files(self, media, django_capture_on_commit_callbacks):
        page = make_page("Paylaşım", og_image_az=image_upload("first.png"))
        first = page.og_image_az.name
        with (
            django_capture_on_commit_callbacks(execute=True),
            pytest.raises(RuntimeError),
            transaction.atomic(),
        ):
            page.og_image_az = None
            page.save()
            Page.objects.get(pk=page.pk).delete()
            raise RuntimeError
        assert stored(media) == [first]


def test_seeded_images_are_served(visitor, media):
    call_command("seed_demo", stdout=io.StringIO())
    html = visitor.get("/az/").text
    addresses = set(re.findall(r'(?:src|srcset)="(/media/[^" ]+)', html))
    assert addresses
    assert statuses(visitor, addresses) == {200}
