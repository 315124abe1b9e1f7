"""
Generated publications for load tests and benchmarks
(``generate_content --publications N --large-pdfs K --large-pdf-mb M``).

Publications of every type from 2015 on, on one to three technologies and up to two sectors,
with real PDFs (one to three languages each), covers made from the first page, a few featured,
drafts and scheduled ones, some without a translation. The PDFs are real sample documents
(``publications.samples``), built and inspected once per language and stored for each
publication, so a thousand publications take seconds rather than an upload each. The first
``K`` publications carry a large PDF instead (``M`` MB of image pages), for the download
benchmark.
"""

import datetime
import io
import tempfile
from functools import cache

from django.core.files.base import ContentFile, File
from django.core.files.storage import InMemoryStorage
from django.db import transaction
from django.utils import timezone

from centre.i18n import localized_field
from centre.images import make_renditions, rendition_stem
from centre.models import Status, Technology
from centre.search import index_object
from centre.text import slugify_az
from publications.models import (
    COVER_RENDITIONS_TO,
    COVER_UPLOAD_TO,
    COVER_WIDTHS,
    Publication,
    PublicationFile,
    PublicationType,
    Sector,
    publication_file_path,
)
from publications.pdf import inspect_pdf, render_first_page
from publications.samples import build_pdf

from .large_pdf import write_large_pdf
from .text import LANGUAGES, SLUG_MARK_REGEX, TextMaker, marked_slug, names_of, slug_number

# Generated documents stand for real ones: never the demo's undated samples.
TYPES = [kind for kind in PublicationType if kind != PublicationType.SAMPLE]


def generated():
    return Publication.objects.filter(slug_az__regex=SLUG_MARK_REGEX)


def generate(count, *, text, large_pdfs=0, large_pdf_mb=200, **options):
    """Top the generated publications up to ``count``; return how many were created."""
    existing = {slug_number(slug) for slug in generated().values_list("slug_az", flat=True)}
    technologies = list(Technology.objects.all())
    sectors = list(Sector.objects.all())
    created = 0
    for number in range(1, count + 1):
        if number in existing:
            continue
        large = large_pdf_mb * 1024 * 1024 if number <= large_pdfs else 0
        with transaction.atomic():
            make_publication(number, text(f"publication-{number}"), technologies, sectors, large)
        created += 1
    return created


def make_publication(number, maker, technologies, sectors, large_pdf_bytes=0):
    chosen_technologies = _pick(technologies, number, 1 + number % 3)
    chosen_sectors = _pick(sectors, number * 7, number % 3)
    topic = maker.topic(
        names_of(chosen_technologies[0]) if chosen_technologies else None,
        names_of(chosen_sectors[0]) if chosen_sectors else None,
    )
    title, abstract = maker.title(topic), maker.sentences(topic, 4 + number % 4)
    authors = maker.people(1 + number % 3) if number % 4 else None
    languages = maker.languages(number)
    publication = Publication(
        publication_type=TYPES[number % len(TYPES)],
        publication_date=datetime.date(2015 + number % 11, 1 + number % 12, 1 + number % 28),
        featured=number % 150 == 0,
        status=Status.DRAFT if number % 23 == 0 else Status.PUBLISHED,
        publish_from=timezone.now() + datetime.timedelta(days=30) if number % 97 == 0 else None,
    )
    for code in LANGUAGES:
        present = code in languages
        setattr(publication, localized_field("title", code), title[code] if present else "")
        setattr(publication, localized_field("abstract", code), abstract[code] if present else "")
        if authors:
            setattr(publication, localized_field("authors", code), authors[code])
        slug = marked_slug(slugify_az(title[code]), number, max_length=120) if present else ""
        setattr(publication, localized_field("slug", code), slug)
    publication.save()
    publication.technologies.set(chosen_technologies)
    publication.sectors.set(chosen_sectors)

    file_languages = languages if number % 6 else languages[:1]
    files = []
    for code in file_languages:
        if large_pdf_bytes and code == "az":
            files.append(_store_large_pdf(publication, large_pdf_bytes, title["en"]))
        else:
            files.append(_store_sample_pdf(publication, code))
    PublicationFile.objects.bulk_create(files)
    _copy_cover(publication, file_languages[0])
    index_object(publication)
    return publication


def _pick(items, start, count):
    if not items or not count:
        return []
    return [items[(start + offset) % len(items)] for offset in range(min(count, len(items)))]


@cache
def sample_pdf(language):
    """A real sample PDF in ``language`` and what inspecting it finds (made once a run)."""
    maker = TextMaker.seeded(f"sample-pdf-{language}")
    sections = []
    for _index in range(3):
        topic = maker.topic()
        heading = maker.short(4)[language]
        paragraphs = [maker.sentences(topic, 5)[language] for _ in range(3)]
        sections.append((heading, paragraphs))
    title = maker.title(maker.topic())[language]
    content = build_pdf(
        language=language,
        title=title,
        subtitle=maker.short(8)[language],
        publisher="4SİM",
        date="2024",
        sections=sections,
    )
    return content, inspect_pdf(io.BytesIO(content))


@cache
def sample_cover(language):
    """
    The sample PDF's first page as a JPEG, and its renditions as ``(description, bytes)``
    pairs: made once a run, in memory, then copied for each publication.
    """
    content, _info = sample_pdf(language)
    original = render_first_page(io.BytesIO(content))
    storage = InMemoryStorage()
    renditions = make_renditions(io.BytesIO(original), storage, "cover", COVER_WIDTHS)
    return original, [(item, storage.open(item["name"]).read()) for item in renditions]


def _store_sample_pdf(publication, language):
    content, info = sample_pdf(language)
    publication_file = PublicationFile(publication=publication, language=language)
    storage = publication_file.file.storage
    name = storage.save(publication_file_path(publication_file, ""), ContentFile(content))
    publication_file.file.name = name
    publication_file.size, publication_file.page_count = info.size, info.page_count
    publication_file.sha256, publication_file.text = info.sha256, info.text
    return publication_file


def _store_large_pdf(publication, size, title):
    publication_file = PublicationFile(publication=publication, language="az")
    storage = publication_file.file.storage
    with tempfile.TemporaryFile() as temporary:
        page_count, sha256 = write_large_pdf(temporary, size, title)
        written = temporary.tell()
        temporary.seek(0)
        name = storage.save(publication_file_path(publication_file, ""), File(temporary))
    publication_file.file.name = name
    publication_file.size, publication_file.page_count, publication_file.sha256 = (
        written,
        page_count,
        sha256,
    )
    publication_file.text = title
    return publication_file


def _copy_cover(publication, language):
    """The sample PDF's cover and its renditions, stored again for this publication."""
    storage = publication._meta.get_field("cover").storage
    stem = slugify_az(publication.slug_az, max_length=60)
    original, renditions = sample_cover(language)
    name = storage.save(f"{COVER_UPLOAD_TO}{stem}.jpg", ContentFile(original))
    stored = []
    for rendition, content in renditions:
        path = f"{rendition_stem(COVER_RENDITIONS_TO, name)}-{rendition['width']}"
        stored_name = storage.save(f"{path}.{rendition['format']}", ContentFile(content))
        stored.append({**rendition, "name": stored_name})
    # update(): the cover is already stored and rendered; save() would render it again.
    Publication.objects.filter(pk=publication.pk).update(
        cover=name, cover_renditions=stored, cover_source=sample_pdf(language)[1].sha256
    )


def delete():
    publications = generated()
    count = publications.count()
    publications.delete()  # files and covers go with them (publications.models signals)
    return count
