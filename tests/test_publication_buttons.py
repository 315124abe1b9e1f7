"""A publication's PDFs: each named in its own language, to download or to read in the browser."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from .factories import make_publication

pytestmark = pytest.mark.django_db

LABELS = {"az": "Azərbaycanca PDF", "en": "English PDF", "ru": "PDF на русском"}


@pytest.fixture
def publication():
    return make_publication(
        "Dördüncü Sənaye İnqilabı",
        title_en="The Fourth Industrial Revolution",
        title_ru="Четвёртая промышленная революция",
        files=["az", "en", "ru"],
    )


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("page_language", ["az", "en", "ru"])
def test_each_button_names_its_language_in_that_language(client, publication, page_language):
    translation.activate(page_language)
    html = client.get(publication.get_absolute_url()).text
    for file in publication.files.all():
        lang = "" if file.language == page_language else f' lang="{file.language}"'
        label = f'<span class="button__label"{lang}>{LABELS[file.language]}</span>'
        assert label in html
        download = re.search(
            rf'<a class="button button--download" href="{re.escape(file.get_absolute_url())}"'
            rf' hreflang="{file.language}" type="application/pdf" download>',
            html,
        )
        assert download
        read = f'<a class="download__read" href="{file.get_read_url()}" hreflang="{file.language}"'
        assert read in html
    assert "PDF-i yüklə" not in html


def test_the_read_link_in_each_language(client, publication):
    for language, text in [
        ("az", "Brauzerdə oxu"),
        ("en", "Read in the browser"),
        ("ru", "Читать в браузере"),
    ]:
        with translation.override(language):
            html = client.get(publication.get_absolute_url()).text
        assert f'type="application/pdf">{text}<span class="visually-hidden">' in html


def test_reading_in_the_browser_sends_the_same_file_inline(client, publication):
    file = publication.files.get(language="en")
    download = client.get(file.get_absolute_url())
    read = client.get(file.get_read_url())
    assert read.status_code == download.status_code == 200
    assert body(read) == body(download)
    assert read["Content-Disposition"] == download["Content-Disposition"].replace(
        "attachment;", "inline;", 1
    )
    assert read["Content-Disposition"].startswith('inline; filename="')
    for header in ("ETag", "Last-Modified", "Accept-Ranges", "Content-Type", "Cache-Control"):
        assert read[header] == download[header]
    assert read["Content-Security-Policy"] == "default-src 'none'"


def test_reading_in_the_browser_answers_ranges_and_validators(client, publication):
    file = publication.files.get(language="az")
    url = file.get_read_url()
    part = client.get(url, headers={"Range": "bytes=0-99"})
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 0-99/{file.size}"
    assert part["Content-Disposition"].startswith("inline;")
    assert len(body(part)) == 100
    unchanged = client.get(url, headers={"If-None-Match": f'"{file.sha256}"'})
    assert unchanged.status_code == 304


def test_an_old_read_link_still_reads(client, publication):
    file = publication.files.get(language="az")
    response = client.get(file.get_read_url().replace(file.download_stem, "kohne-ad-az"))
    assert response.status_code == 301
    assert response["Location"] == file.get_read_url()


def test_any_other_value_downloads(client, publication):
    file = publication.files.get(language="az")
    response = client.get(f"{file.get_absolute_url()}?inline=yes")
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize("page_language", ["az", "en", "ru"])
def test_the_languages_of_a_listed_publication_are_text_not_buttons(
    client, publication, page_language
):
    with translation.override(page_language):
        html = client.get(reverse("publications:list")).text
    tags = re.search(r'<p class="language-tags">.*?</p>', html, re.DOTALL)[0]
    assert 'class="tag"' not in tags and "<abbr" not in tags
    for code, name in [("az", "Azərbaycanca"), ("en", "English"), ("ru", "Русский")]:
        lang = "" if code == page_language else f' lang="{code}"'
        assert f"<span{lang}>{name}</span>" in tags
