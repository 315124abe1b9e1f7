"""The sample publications: labelled as samples, real PDFs per language, seeded once."""

import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from publications.models import Publication, PublicationFile, Sector

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "publications": list(Publication.objects.order_by("pk").values()),
        "files": list(PublicationFile.objects.order_by("pk").values()),
        "sectors": list(Sector.objects.order_by("pk").values()),
    }


def test_seed_twice_changes_nothing(capsys):
    call_command("seed_demo")
    first = snapshot()
    assert len(first["publications"]) == 4
    assert len(first["sectors"]) == 9
    assert "publications: 13 created" in capsys.readouterr().out
    call_command("seed_demo")
    assert snapshot() == first
    assert "publications: 0 created" in capsys.readouterr().out


def test_every_sample_says_it_is_a_sample():
    call_command("seed_demo")
    words = {"az": "nümunə", "en": "sample", "ru": "образец"}
    for publication in Publication.objects.all():
        for code in publication.available_languages:
            title = getattr(publication, f"title_{code}").lower()
            abstract = getattr(publication, f"abstract_{code}").lower()
            assert words[code] in title, title
            assert words[code] in abstract, abstract
        assert publication.cover and publication.is_published


def test_the_research_document_is_a_real_multi_page_pdf_in_three_languages():
    call_command("seed_demo")
    research = Publication.objects.get(featured=True)
    assert research.featured
    files = {f.language: f for f in research.files.all()}
    assert set(files) == {"az", "en", "ru"}
    for publication_file in files.values():
        assert publication_file.page_count >= 5
        with publication_file.file.open("rb") as stored:
            reader = PdfReader(io.BytesIO(stored.read()))
        assert len(reader.pages) == publication_file.page_count
    az_text = files["az"].text
    for word in ("Dördüncü Sənaye İnqilabının", "əşyaların interneti", "Kənd təsərrüfatı",
                 "süni intellekt", "Fərmanı", "NÜMUNƏ SƏNƏD"):  # fmt: skip
        assert word in az_text, word
    for word in ("Четвёртой промышленной революции", "интернет вещей", "ОБРАЗЕЦ ДОКУМЕНТА"):
        assert word in files["ru"].text, word
    assert "SAMPLE DOCUMENT" in files["en"].text


def test_the_samples_publisher_is_the_centre_in_each_language(client):
    # No publisher of their own: the Centre's name in the page's language, not its
    # Azerbaijani name on an English page (nor another spelling than the catalogue's).
    call_command("seed_demo")
    publishers = Publication.objects.values_list("publisher_az", "publisher_en", "publisher_ru")
    assert not any(name for row in publishers for name in row)
    html = client.get("/en/publications/robototexnika-ve-3d-cap-senayede-numune/").text
    assert "<dd>Fourth Industrial Revolution Analysis and Coordination Centre</dd>" in html
