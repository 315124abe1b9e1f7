"""Uploaded PDFs: refused unless they parse, described on upload, stored privately; covers."""

import hashlib
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.utils import translation
from PIL import Image

from centre.models import Status
from publications.models import Publication, PublicationFile
from publications.pdf import inspect_pdf

from .factories import add_file, make_publication
from .images import image_upload
from .pdfs import (
    damaged_pdf,
    empty_file,
    encrypted_pdf,
    html_as_pdf,
    pdf_bytes,
    pdf_header_only,
    pdf_upload,
    truncated_pdf,
)

pytestmark = pytest.mark.django_db


def upload_error(publication, upload, language="az"):
    publication_file = PublicationFile(publication=publication, language=language, file=upload)
    with pytest.raises(ValidationError) as error:
        publication_file.full_clean()
    return error.value


class TestRefusals:
    @pytest.mark.parametrize(
        ("upload", "code"),
        [
            (html_as_pdf, "not_a_pdf"),
            (pdf_header_only, "pdf_broken"),
            (encrypted_pdf, "pdf_encrypted"),
            (truncated_pdf, "pdf_broken"),
            (damaged_pdf, "pdf_broken"),
            (empty_file, "not_a_pdf"),
        ],
    )
    def test_refused_with_a_reason(self, upload, code):
        with pytest.raises(ValidationError) as error:
            inspect_pdf(upload())
        assert error.value.code == code

    @pytest.mark.parametrize(
        ("upload", "language", "text"),
        [
            (html_as_pdf, "az", "Bu fayl PDF deyil"),
            (html_as_pdf, "ru", "Этот файл не является PDF"),
            (html_as_pdf, "en", "This file is not a PDF"),
            (pdf_header_only, "az", "Bu PDF zədələnib"),
            (truncated_pdf, "ru", "Этот PDF повреждён"),
            (encrypted_pdf, "az", "parolla qorunur"),
            (encrypted_pdf, "ru", "защищён паролем"),
        ],
    )
    def test_form_error_on_the_file_field_in_the_staff_language(self, upload, language, text):
        publication = make_publication("Nəşr")
        with translation.override(language):
            error = upload_error(publication, upload())
            assert text in error.message_dict["file"][0]

    def test_size_limit_is_configurable(self, settings):
        settings.PUBLICATION_MAX_FILE_SIZE = 1000
        publication = make_publication("Nəşr")
        with translation.override("az"):
            error = upload_error(publication, pdf_upload())
        message = error.message_dict["file"][0]
        assert "Fayl çox böyükdür" in message
        assert "1000" in message

    def test_default_limit_is_100_megabytes(self, settings):
        from centre import settings as site_settings

        assert site_settings.PUBLICATION_MAX_FILE_SIZE == 100 * 1024 * 1024

    def test_refused_file_is_not_stored(self):
        publication = make_publication("Nəşr")
        upload_error(publication, html_as_pdf())
        assert not PublicationFile.objects.exists()


class TestMetadata:
    def test_size_pages_hash_and_text_are_recorded(self):
        publication = make_publication("Nəşr")
        payload = pdf_bytes(pages=3)
        publication_file = PublicationFile(
            publication=publication, language="az", file=pdf_upload(pages=3)
        )
        publication_file.full_clean()
        publication_file.save()
        publication_file.refresh_from_db()
        assert publication_file.size == len(payload)
        assert publication_file.page_count == 3
        assert publication_file.sha256 == hashlib.sha256(payload).hexdigest()
        for word in ("Dördüncü", "Sənaye", "İnqilabı", "əşyaların", "süni intellekt", "Ğğ Şş Çç"):
            assert word in publication_file.text

    def test_a_large_upload_spooled_to_disk_is_read_the_same_way(self):
        # Uploads over FILE_UPLOAD_MAX_MEMORY_SIZE arrive as temporary files, not in memory.
        payload = pdf_bytes(pages=3)
        upload = TemporaryUploadedFile("big.pdf", "application/pdf", len(payload), None)
        upload.write(payload)
        upload.seek(0)
        info = inspect_pdf(upload)
        assert (info.size, info.page_count) == (len(payload), 3)
        assert info.sha256 == hashlib.sha256(payload).hexdigest()
        upload.close()

    def test_russian_text_is_extracted(self):
        publication_file = add_file(make_publication("Nəşr"), "ru")
        assert "Четвертая промышленная революция" in publication_file.text

    def test_file_saved_without_full_clean_is_still_inspected(self):
        publication_file = add_file(make_publication("Nəşr"), "en", pages=4)
        assert publication_file.page_count == 4
        assert publication_file.size > 0

    def test_pdf_is_stored_outside_media_root_under_an_ascii_name(self, settings):
        publication = make_publication("Əşyaların interneti")
        publication_file = PublicationFile.objects.create(
            publication=publication,
            language="az",
            file=ContentFile(pdf_bytes(), name="../../Şəkil ‮fdp.exe"),
        )
        assert publication_file.file.name.startswith("publications/esyalarin-interneti-az")
        path = publication_file.file.path
        assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
        assert not path.startswith(str(settings.MEDIA_ROOT))

    def test_replacing_a_file_deletes_the_old_one(self, django_capture_on_commit_callbacks):
        publication_file = add_file(make_publication("Nəşr"), "az")
        old_name, storage = publication_file.file.name, publication_file.file.storage
        with django_capture_on_commit_callbacks(execute=True):
            publication_file.file = ContentFile(pdf_bytes(pages=1), name="new.pdf")
            publication_file.save()
        assert publication_file.page_count == 1
        assert not storage.exists(old_name)
        assert storage.exists(publication_file.file.name)

    def test_deleting_a_publication_deletes_its_pdfs_and_cover(
        self, django_capture_on_commit_callbacks
    ):
        publication = make_publication("Nəşr", files=["az", "en"])
        publication.refresh_cover()
        names = [f.file.name for f in publication.files.all()]
        cover = publication.cover.name
        with django_capture_on_commit_callbacks(execute=True):
            publication.delete()
        storage = PublicationFile._meta.get_field("file").storage
        assert not any(storage.exists(name) for name in names)
        assert not publication.cover.storage.exists(cover)


class TestCover:
    def test_cover_is_made_from_the_first_page_of_the_azerbaijani_pdf(self):
        publication = make_publication("Nəşr", files=["en", "az"])
        assert publication.refresh_cover()
        publication.refresh_from_db()
        assert publication.cover.name.startswith("publications/covers/")
        assert publication.cover_source == publication.file_for("az").sha256
        with publication.cover.open("rb") as cover, Image.open(cover) as image:
            assert image.format == "JPEG"
            width, height = image.size
            assert width == 800 and 1.3 < height / width < 1.5  # an A4 page
        formats = {r["format"] for r in publication.cover_renditions}
        assert formats == {"webp", "jpg"}
        assert "320w" in publication.cover_image["webp_srcset"]

    def test_cover_follows_a_replaced_pdf_and_is_not_remade_needlessly(self):
        publication = make_publication("Nəşr", files=["az"])
        publication.refresh_cover()
        assert not publication.refresh_cover()  # same PDF: nothing to do
        first = publication.cover.name
        publication_file = publication.files.get()
        publication_file.file = ContentFile(pdf_bytes(pages=1, text="Yeni"), name="new.pdf")
        publication_file.save()
        publication = Publication.objects.get(pk=publication.pk)
        assert publication.refresh_cover()
        assert publication.cover.name != first

    def test_each_languages_pdf_has_its_own_cover_on_its_own_pages(self, client):
        publication = make_publication("Nəşr", title_en="Paper", files=["az", "en"])
        assert publication.refresh_cover()
        assert not publication.refresh_cover()  # nothing changed: nothing remade
        english = publication.file_for("en")
        assert english.cover_source == english.sha256
        assert {r["format"] for r in english.cover_renditions} == {"webp", "jpg"}
        assert not publication.file_for("az").cover  # the publication's own cover is its
        own = f"/media/publications/publicationfile/{english.pk}/"
        azerbaijani = f"/media/publications/publication/{publication.pk}/"
        for language, cover in (("en", own), ("az", azerbaijani), ("ru", azerbaijani)):
            with translation.override(language):
                html = client.get(publication.get_absolute_url()).text
            image = re.search(r'<img src="([^"]+)" srcset="([^"]+)"', html)
            assert image[1].startswith(cover) and image[2].startswith(cover), language
        # A replaced English PDF gets a new cover, the old one goes (centre.files).
        english.file = ContentFile(pdf_bytes(pages=1, text="New"), name="new.pdf")
        english.save()
        first = english.cover.name
        publication = Publication.objects.get(pk=publication.pk)
        assert publication.refresh_cover()
        assert publication.file_for("en").cover.name != first

    def test_an_uploaded_cover_wins_in_every_language(self, client):
        publication = make_publication("Nəşr", title_en="Paper", files=["az", "en"])
        publication.refresh_cover()
        publication.cover = image_upload("cover.png", size=(600, 800))
        publication.save()
        with translation.override("en"):
            html = client.get(publication.get_absolute_url()).text
        assert f'<img src="/media/publications/publication/{publication.pk}/' in html

    def test_an_uploaded_cover_wins(self):
        publication = make_publication("Nəşr", files=["az"])
        publication.cover = image_upload("cover.png", size=(600, 800))
        publication.save()
        assert publication.cover_source == ""
        assert not publication.refresh_cover()
        assert publication.cover.name.endswith(".png")
        assert {r["width"] for r in publication.cover_renditions} == {160, 240, 320, 480, 600}

    def test_without_files_there_is_no_cover(self):
        publication = make_publication("Nəşr", files=["az"])
        publication.refresh_cover()
        publication.files.all().delete()
        publication = Publication.objects.get(pk=publication.pk)
        publication.refresh_cover()
        assert not publication.cover

    def test_cover_can_be_made_from_a_storage_without_local_paths(self, monkeypatch):
        field = PublicationFile._meta.get_field("file")
        monkeypatch.setattr(field, "storage", InMemoryStorage())
        publication = make_publication("Nəşr", files=["az"])
        assert publication.refresh_cover()


def test_slugs_are_made_per_language_and_kept_unique():
    first = make_publication(
        "Dördüncü Sənaye İnqilabı", title_en="Fourth Industrial Revolution", title_ru="Отчёт"
    )
    assert (first.slug_az, first.slug_en, first.slug_ru) == (
        "dorduncu-senaye-inqilabi",
        "fourth-industrial-revolution",
        "otchet",
    )
    # The same title makes the same address: refused (as for pages and partners), on the
    # slug staff can change, whether it was made from the title or written.
    for fields in (
        {"title_az": "Dördüncü Sənaye İnqilabı"},
        {"title_az": "Başqa", "slug_ru": "otchet"},
    ):
        twin = Publication(status=Status.DRAFT, publication_date=first.publication_date, **fields)
        with pytest.raises(ValidationError) as error:
            twin.full_clean()
        assert list(error.value.message_dict) == ["slug_ru" if "slug_ru" in fields else "slug_az"]
        assert "“dorduncu-senaye-inqilabi”" in str(error.value) or "“otchet”" in str(error.value)
