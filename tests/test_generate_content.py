"""
``generate_content`` (benchmarks/): realistic content for load tests, topped up, removable. The
command belongs to the benchmarks' settings only: it is run here as a command object.
"""

import io

import pypdfium2
import pytest
from django.core.files import File
from django.core.management import call_command
from pypdf import PdfReader

from benchmarks.generate.large_pdf import write_large_pdf
from benchmarks.generate.text import SLUG_MARK_REGEX, TextMaker, marked_slug, slug_number
from benchmarks.management.commands.generate_content import Command as GenerateContent
from centre.models import SearchEntry, Status
from pages.models import Milestone, Page
from partners.models import Partner
from publications.models import Publication, PublicationFile
from publications.pdf import inspect_pdf

pytestmark = pytest.mark.django_db

SMALL = {"pages": 18, "partners": 9, "publications": 14, "large_pdfs": 1, "large_pdf_mb": 2}


def generate(**options):
    output = io.StringIO()
    call_command(GenerateContent(), stdout=output, **{**SMALL, **options})
    return output.getvalue()


def generated(model):
    return model.objects.filter(slug_az__regex=SLUG_MARK_REGEX)


def test_generates_the_numbers_asked_for_and_a_second_run_adds_nothing(media):
    output = generate()
    assert "pages: 18 generated" in output
    assert generated(Page).count() == 18
    assert generated(Partner).count() == 9
    assert generated(Publication).count() == 14
    seeded = Publication.objects.count() - 14
    assert seeded > 0, "the demo content comes first"

    again = generate()
    assert "pages: 0 generated" in again and "publications: 0 generated" in again
    assert generated(Publication).count() == 14

    more = generate(pages=21)
    assert "pages: 3 generated" in more
    assert generated(Page).count() == 21


def test_text_is_in_three_languages_with_gaps_like_real_content(media):
    generate()
    titles = [
        (page.title_az, page.title_en, page.title_ru) for page in generated(Page).order_by("pk")
    ]
    assert all(az for az, _en, _ru in titles)
    assert any(set(az) & set("əğışçöüİ") for az, _en, _ru in titles)
    assert any(ru and set(ru) & set("абвгдежзийклмнопрстуфхцчшщыэюя") for _a, _e, ru in titles)
    # Some objects have no Russian (or English) text: visitors get the Azerbaijani one.
    assert any(not ru for _az, _en, ru in titles)
    # A tree (eight pages to a section), drafts among them, timelines on some pages.
    assert generated(Page).filter(parent__in=generated(Page)).count() == 18 - 5
    assert generated(Page).filter(status=Status.DRAFT).exists()
    assert Milestone.objects.filter(page__in=generated(Page)).exists()
    # Partners of several kinds, with logos and their renditions.
    assert generated(Partner).values("kind").distinct().count() >= 4
    assert generated(Partner).exclude(logo="").first().logo_image is not None


def test_publications_have_real_pdfs_covers_and_search_entries(media):
    generate()
    publication = generated(Publication).filter(status=Status.PUBLISHED).last()
    assert publication.cover_renditions
    assert publication.technologies.exists()
    for publication_file in publication.files.all():
        with publication_file.file.open("rb") as stored:
            info = inspect_pdf(File(stored))
        assert info.sha256 == publication_file.sha256
        assert info.page_count == publication_file.page_count
    assert SearchEntry.objects.filter(
        model="publications.publication", object_id=publication.pk
    ).exists()


def test_large_pdfs_are_valid_pdfs_of_the_size_asked_for(media):
    generate()
    large = PublicationFile.objects.filter(publication__in=generated(Publication)).order_by("-size")
    largest = large.first()
    assert 2 * 1024 * 1024 <= largest.size < 2.1 * 1024 * 1024
    with largest.file.open("rb") as stored:
        content = stored.read()
    assert len(PdfReader(io.BytesIO(content)).pages) == largest.page_count
    document = pypdfium2.PdfDocument(content)
    assert len(document) == largest.page_count
    document.close()


def test_write_large_pdf_holds_one_page_at_a_time():
    out = io.BytesIO()
    page_count, sha256 = write_large_pdf(out, 3 * 1024 * 1024, "Large sample (3 MB)")
    assert page_count == 4  # a title page and three pages of 1 MB images
    info = inspect_pdf(File(io.BytesIO(out.getvalue()), name="large.pdf"))
    assert info.page_count == 4
    assert info.sha256 == sha256
    assert "Large sample" in info.text


def test_delete_removes_only_generated_objects(media):
    generate()
    seeded = {model: model.objects.count() - generated(model).count() for model in (Page, Partner)}
    output = io.StringIO()
    call_command(GenerateContent(), delete=True, stdout=output)
    assert not generated(Page).exists()
    assert not generated(Partner).exists()
    assert not generated(Publication).exists()
    assert Page.objects.count() == seeded[Page]
    assert Partner.objects.count() == seeded[Partner]


def test_the_same_seed_gives_the_same_text():
    first, second = TextMaker.seeded("x-1"), TextMaker.seeded("x-1")
    assert first.title(first.topic()) == second.title(second.topic())
    assert marked_slug("a" * 120, 17, max_length=100).endswith("-g17")
    assert len(marked_slug("a" * 120, 17, max_length=100)) == 100
    assert slug_number("suni-intellekt-g17") == 17
    assert slug_number("suni-intellekt") is None
