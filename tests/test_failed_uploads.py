"""
A failed upload leaves nothing behind and tells the staff member why.

Two kinds of failure, for partner logos, publication PDFs and covers and page sharing images:
a refused file (the form's validation) and a storage that cannot write (the disk is full),
injected at every single write a submission makes. Afterwards no row points at a missing file,
no file is left that no row points at (not even a half-written one), and the admin shows the
form again with an error in the staff member's language: never a 500.
"""

import errno
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage as DjangoFileSystemStorage
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import FileField

from centre.storage import FileSystemStorage, atomic_with_files
from pages.models import Page
from partners.models import Partner
from publications.models import Publication, PublicationFile

from .admin_forms import file_rows, page_form_data, partner_form_data, publication_form_data
from .factories import add_file, make_partner, make_publication
from .images import html_as_png, image_upload, svg_upload
from .pdfs import html_as_pdf, pdf_upload

pytestmark = [pytest.mark.django_db]

STORAGE_ERROR = {
    "az": "Yüklənən fayl saxlanıla bilmədi",
    "en": "The uploaded file could not be stored",
    "ru": "Не удалось сохранить загруженный файл",
}


class Disk:
    """The disk behind every FileSystemStorage: counts writes, and can fill up."""

    def __init__(self):
        self.writes = 0
        self.fills_after = None  # the write after this many successful ones fails

    def fill_after(self, writes):
        self.writes, self.fills_after = 0, writes


@pytest.fixture
def disk(monkeypatch):
    disk = Disk()
    write = DjangoFileSystemStorage._save

    def save(storage, name, content):
        if disk.fills_after is not None and disk.writes >= disk.fills_after:
            # What a full disk does: the start of the file is written, then the write fails.
            path = Path(storage.path(name))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"the first bytes")
            raise OSError(errno.ENOSPC, "No space left on device")
        disk.writes += 1
        return write(storage, name, content)

    monkeypatch.setattr(DjangoFileSystemStorage, "_save", save)
    return disk


@pytest.fixture
def stored(media):
    """The files in MEDIA_ROOT and in the publications' private storage, as a set."""

    def files():
        found = set()
        for root in (Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)):
            found |= {str(path) for path in root.rglob("*") if path.is_file()}
        return found

    return files


def assert_every_file_field_points_at_a_file():
    """No row names a file that is not in its storage (uploads and their smaller copies)."""
    for model in (Page, Partner, Publication, PublicationFile):
        for obj in model.objects.all():
            for field in obj._meta.fields:
                value = getattr(obj, field.attname)
                if isinstance(field, FileField) and value:
                    assert value.storage.exists(value.name), f"{obj!r}.{field.attname}: {value}"
                if field.attname.endswith("_renditions"):
                    for rendition in value:
                        assert default_storage.exists(rendition["name"]), rendition


def fail_at_every_write(disk, stored, post, language, nothing_saved):
    """
    Post once per write the submission makes, the disk filling up at that write: each time the
    staff member reads why in ``language``, ``nothing_saved()`` holds and no file was left. The
    last submission meets no full disk and must be saved. Returns how many writes it made.
    """
    before = stored()
    for writes in range(100):
        disk.fill_after(writes)
        response = post(headers={"accept-language": language})
        if response.status_code == 302:  # saved: the disk never filled up
            return writes
        assert response.status_code == 200, f"write {writes + 1}: {response.status_code}"
        assert STORAGE_ERROR[language] in response.content.decode()
        assert nothing_saved(), f"write {writes + 1} failed, rows were left behind"
        assert stored() == before, f"write {writes + 1} failed, files were left behind"
        assert_every_file_field_points_at_a_file()
    raise AssertionError("the submission never succeeded")


def poster(client, url, data):
    """Posts ``data()`` (fresh uploads each time) to ``url``."""
    return lambda **kwargs: client.post(url, data(), **kwargs)


# ---- The disk fills up -----------------------------------------------------------------------


class TestDiskFull:
    def test_adding_a_partner_with_a_logo(self, admin_client, disk, stored):
        post = poster(
            admin_client,
            "/admin/partners/partner/add/",
            lambda: partner_form_data(logo=image_upload("loqo.png", size=(640, 320))),
        )
        # The logo and four smaller copies (160 and 320 pixels, WebP and PNG).
        assert (
            fail_at_every_write(disk, stored, post, "az", lambda: not Partner.objects.exists()) == 5
        )

    def test_replacing_a_partner_logo(self, admin_client, disk, stored):
        partner = make_partner("Yaponiya mərkəzi", logo=image_upload("kohne.png"))
        old = (partner.logo.name, partner.logo_renditions)
        post = poster(
            admin_client,
            f"/admin/partners/partner/{partner.pk}/change/",
            lambda: partner_form_data(logo=image_upload("yeni.png", size=(500, 250))),
        )

        def unchanged():
            partner.refresh_from_db()
            return (partner.logo.name, partner.logo_renditions) == old

        assert fail_at_every_write(disk, stored, post, "ru", unchanged) == 5

    def test_adding_a_publication_with_pdfs_and_a_cover(self, admin_client, disk, stored):
        post = poster(
            admin_client,
            "/admin/publications/publication/add/",
            lambda: publication_form_data(
                cover=image_upload("uz.png", size=(700, 1000)),
                **file_rows(("az", pdf_upload("az.pdf")), ("en", pdf_upload("en.pdf"))),
            ),
        )

        def nothing_saved():
            return not Publication.objects.exists() and not PublicationFile.objects.exists()

        # The cover, ten smaller copies (160, 240, 320, 480, 640 pixels; WebP and PNG) and two
        # PDFs.
        assert fail_at_every_write(disk, stored, post, "en", nothing_saved) == 13

    def test_adding_a_publication_whose_cover_is_made_from_its_pdf(
        self, admin_client, disk, stored
    ):
        post = poster(
            admin_client,
            "/admin/publications/publication/add/",
            lambda: publication_form_data(**file_rows(("az", pdf_upload("az.pdf")))),
        )

        def nothing_saved():
            return not Publication.objects.exists()

        # The PDF, the cover made from its first page and the cover's ten smaller copies.
        assert fail_at_every_write(disk, stored, post, "ru", nothing_saved) == 12
        assert Publication.objects.get().cover_source

    def test_replacing_a_publication_pdf(self, admin_client, disk, stored):
        publication = make_publication("Hesabat", files=("az",))
        old = publication.files.get()
        post = poster(
            admin_client,
            f"/admin/publications/publication/{publication.pk}/change/",
            lambda: publication_form_data(
                title_az="Hesabat",
                **{
                    "files-INITIAL_FORMS": "1",
                    "files-0-id": str(old.pk),
                    "files-0-publication": str(publication.pk),
                    "files-0-language": "az",
                    "files-0-file": pdf_upload("yeni.pdf", pages=4),
                },
            ),
        )

        def unchanged():
            current = PublicationFile.objects.get(pk=old.pk)
            return (current.file.name, current.sha256) == (old.file.name, old.sha256)

        fail_at_every_write(disk, stored, post, "az", unchanged)
        assert PublicationFile.objects.get(pk=old.pk).page_count == 4

    def test_adding_a_page_with_sharing_images(self, admin_client, disk, stored):
        post = poster(
            admin_client,
            "/admin/pages/page/add/",
            lambda: page_form_data(
                og_image_az=image_upload("paylasma.png"),
                og_image_en=image_upload("share.jpg", pillow_format="JPEG"),
                **{"milestones-0-date": "2021-01-06"},
            ),
        )
        assert fail_at_every_write(disk, stored, post, "en", lambda: not Page.objects.exists()) == 2

    def test_the_form_comes_back_as_submitted(self, admin_client, disk, stored):
        disk.fill_after(0)
        data = partner_form_data(name_en="Kept as typed", logo=image_upload())
        response = admin_client.post("/admin/partners/partner/add/", data)
        assert response.status_code == 200
        assert 'value="Kept as typed"' in response.content.decode()

    def test_saving_without_the_admin_raises_and_leaves_nothing(self, disk, stored):
        before = stored()
        for writes in range(5):
            disk.fill_after(writes)
            with pytest.raises(OSError):
                make_partner("Loqolu tərəfdaş", logo=image_upload())
            publication = make_publication("Nəşr")
            with pytest.raises(OSError):
                add_file(publication, "az")
            assert not Partner.objects.exists()
            assert not PublicationFile.objects.exists()
            assert stored() == before
            Publication.objects.all().delete()


# ---- The file is refused ---------------------------------------------------------------------


class TestRefusedFiles:
    @pytest.mark.parametrize(
        ("url", "data", "message"),
        [
            (
                "/admin/partners/partner/add/",
                lambda: partner_form_data(logo=svg_upload()),
                "This file is not a usable image",
            ),
            (
                "/admin/publications/publication/add/",
                lambda: publication_form_data(**file_rows(("az", html_as_pdf()))),
                "This file is not a PDF",
            ),
            (
                "/admin/publications/publication/add/",
                lambda: publication_form_data(
                    cover=html_as_png(), **file_rows(("az", pdf_upload()))
                ),
                "Upload a valid image",
            ),
            (
                "/admin/pages/page/add/",
                lambda: page_form_data(
                    og_image_ru=html_as_png(), **{"milestones-0-date": "2021-01-06"}
                ),
                "Upload a valid image",
            ),
        ],
        ids=["partner-logo", "publication-pdf", "publication-cover", "page-sharing-image"],
    )
    def test_a_refused_file_stores_nothing(self, admin_client, stored, url, data, message):
        before = stored()
        response = admin_client.post(url, data(), headers={"accept-language": "en"})
        assert response.status_code == 200
        assert message in response.content.decode()
        assert stored() == before
        for model in (Page, Partner, Publication, PublicationFile):
            assert not model.objects.exists()


# ---- The storage and the block ----------------------------------------------------------------


def test_a_half_written_file_is_removed(disk, media):
    disk.fill_after(0)
    storage = FileSystemStorage(location=media)
    with pytest.raises(OSError):
        storage.save("x/report.pdf", image_upload())
    assert not list(media.rglob("*.pdf"))


def test_files_written_in_a_failed_block_are_deleted_and_kept_in_a_good_one(media):
    storage = FileSystemStorage(location=media)
    with pytest.raises(ZeroDivisionError), atomic_with_files():
        storage.save("one.png", image_upload())
        with atomic_with_files():
            storage.save("two.png", image_upload())
        1 / 0  # noqa: B018
    assert not list(media.iterdir())
    with atomic_with_files():
        kept = storage.save("three.png", image_upload())
    assert [path.name for path in media.iterdir()] == [kept]


@pytest.mark.django_db(transaction=True)
def test_files_stay_when_something_fails_after_the_commit(media):
    storage = FileSystemStorage(location=media)

    def fails():
        raise OSError("an old file could not be removed")

    with pytest.raises(OSError), atomic_with_files():
        name = storage.save("logo.png", image_upload())
        transaction.on_commit(fails)
    assert (media / name).is_file()
