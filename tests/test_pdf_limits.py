"""
Hostile PDFs are read within limits: the cover's size, pages, inflated streams, memory and
time of the worker process (publications/pdf_worker.py) are bounded, and a file over them is
a form error in the staff member's language, never a 500.
"""

import io
import resource
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from publications.models import Publication, PublicationFile
from publications.pdf import inspect_pdf, render_first_page

from .admin_forms import file_rows, publication_form_data
from .factories import make_publication
from .pdfs import (
    AZERBAIJANI_TEXT,
    flate_bomb_pdf,
    many_pages_pdf,
    page_box_pdf,
    pdf_bytes,
    research_document_pdf,
)

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/publications/publication/add/"


def upload(content, name="document.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def upload_error(content, language="az"):
    """The form error on the file field: its code and its message in ``language``."""
    publication_file = PublicationFile(
        publication=make_publication("Nəşr"), language="az", file=upload(content)
    )
    with translation.override(language):
        with pytest.raises(ValidationError) as error:
            publication_file.full_clean()
        (message,) = error.value.message_dict["file"]
    return error.value.error_dict["file"][0].code, message


def cover_size(content, **kwargs):
    return Image.open(io.BytesIO(render_first_page(io.BytesIO(content), **kwargs))).size


class TestCover:
    @pytest.mark.parametrize(
        ("width", "height", "expected"),
        [
            (595, 842, (800, 1132)),  # A4: the whole page
            (1, 100, (800, 1600)),  # the top of a strip, twice as tall as wide
            (1, 14400, (800, 1600)),
            (14400, 1, (800, 400)),  # the left of a banner, twice as wide as tall
            (14400, 14400, (800, 800)),
        ],
    )
    def test_bounded_whatever_the_page_box(self, width, height, expected):
        cover_width, cover_height = cover_size(page_box_pdf(width, height))
        # PDFium rounds each side up: a pixel more at most.
        assert expected[0] <= cover_width <= expected[0] + 1
        assert expected[1] <= cover_height <= expected[1] + 1

    def test_width_is_the_callers(self):
        assert cover_size(page_box_pdf(1, 14400), width=200) == (200, 400)

    def test_a_strip_page_through_the_admin_gives_a_small_cover(self, admin_client):
        data = publication_form_data(
            **file_rows(("az", upload(page_box_pdf(1, 14400), "strip.pdf"))),
            **{"files-TOTAL_FORMS": "1"},
        )
        response = admin_client.post(ADD_URL, data, headers={"accept-language": "az"})
        assert response.status_code == 302
        publication = Publication.objects.get()
        with publication.cover.open("rb") as cover:
            assert Image.open(cover).size[0] <= 801
            assert Image.open(cover).size[1] <= 1601

    def test_a_page_of_impossible_size_is_a_form_error(self):
        # 1 × 14,400 pt drawn 80,000 pixels wide: a canvas PDFium cannot address.
        code, message = upload_error(page_box_pdf(0.0001, 14400))
        assert code == "pdf_page_size"
        assert "ölçüsü yararsızdır" in message

    def test_a_cover_that_fails_after_the_check_is_a_warning(self, admin_client):
        data = publication_form_data(
            **file_rows(("az", upload(pdf_bytes(pages=1)))), **{"files-TOTAL_FORMS": "1"}
        )
        over = ValidationError("over the limits")
        with mock.patch("publications.models.render_first_page", side_effect=over):
            response = admin_client.post(
                ADD_URL, data, headers={"accept-language": "az"}, follow=True
            )
        assert response.status_code == 200
        assert "Üz qabığı PDF-dən hazırlana bilmədi" in response.text
        assert PublicationFile.objects.get().page_count == 1
        assert not Publication.objects.get().cover


class TestLimits:
    def test_a_flate_bomb_is_refused_by_its_inflated_size(self, settings):
        # 64 MB inflated, from 64 KB: over the 50 MB a stream may inflate to.
        assert settings.PDF_MAX_INFLATED_MB == 50
        code, message = upload_error(flate_bomb_pdf(64), language="en")
        assert code == "pdf_over_limits"
        assert "512 MB of memory or 10 seconds" in message
        # The worker is the only process this inflates in, and it stays under its limit.
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        assert peak_mb < settings.PDF_MAX_MEMORY_MB

    def test_many_pages_are_refused_before_they_are_read(self):
        code, message = upload_error(many_pages_pdf(35000), language="ru")
        assert code == "pdf_too_many_pages"
        assert message == "Страниц в этом PDF: 35000, а загрузить можно не больше 2000."

    def test_the_page_limit_is_a_setting(self, settings):
        settings.PDF_MAX_PAGES = 3
        assert inspect_pdf(io.BytesIO(pdf_bytes(pages=3))).page_count == 3
        assert upload_error(pdf_bytes(pages=4)) == (
            "pdf_too_many_pages",
            "Bu PDF-də 4 səhifə var: ən çoxu 3 səhifəlik fayl yükləmək olar.",
        )

    @pytest.mark.parametrize("text_layer", [True, False])
    @pytest.mark.parametrize(
        ("language", "text"),
        [("az", "yaddaş və ya"), ("ru", "памяти или")],
    )
    def test_out_of_memory_is_a_form_error(self, settings, text_layer, language, text):
        # With the stream limit lifted, the worker itself runs out of memory: pypdf raises
        # MemoryError (text layer), PDFium aborts the process (drawing only).
        settings.PDF_MAX_INFLATED_MB = 1000
        settings.PDF_MAX_MEMORY_MB = 120
        code, message = upload_error(flate_bomb_pdf(200, text_layer=text_layer), language)
        assert code == "pdf_over_limits"
        assert text in message

    def test_out_of_time_is_a_form_error_through_the_admin(self, settings, admin_client):
        settings.PDF_MAX_SECONDS = 0.01  # less than the worker needs to start
        for language, text in (("az", "saniyədən"), ("ru", "секунд")):
            data = publication_form_data(
                **file_rows(("az", upload(pdf_bytes(pages=1)))), **{"files-TOTAL_FORMS": "1"}
            )
            response = admin_client.post(ADD_URL, data, headers={"accept-language": language})
            assert response.status_code == 200
            assert text in response.text
        assert not PublicationFile.objects.exists()


class TestRealDocuments:
    def test_the_seed_research_document_is_read_and_rendered(self):
        info = inspect_pdf(io.BytesIO(research_document_pdf("az")))
        assert info.page_count >= 2
        assert "İnqilab" in info.text
        width, height = cover_size(research_document_pdf("az"))
        assert (width, height) in ((800, 1132), (801, 1133))

    def test_a_few_hundred_text_pages(self):
        info = inspect_pdf(io.BytesIO(pdf_bytes(pages=300)))
        assert info.page_count == 300
        assert info.text.count(AZERBAIJANI_TEXT) == 300
