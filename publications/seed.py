"""
Sectors and sample publications for ``manage.py seed_demo``, from content/sectors.json and
content/publications.json; each sample clearly labelled as a sample.

The Centre has prepared a research document on successful solutions of 4IR technologies across
sectors of the economy, but its real title, year and PDF are not available. The first sample
stands in for it, built only from public facts about the Centre and saying on every page that it
is a sample; a few smaller samples give the list and its filters something to show. Every sample
has a real PDF per language, made here. A sample presents no invented fact as real: its type is
"Sample", it has no date (so no citation, no year), and its summary describes the document.

Sectors are looked up by slug and publications by their Azerbaijani slug; whatever exists
(possibly edited by staff) is left alone. The one exception: a sample made by an earlier seed
with an invented type and date is corrected, field by field, only where it still holds exactly
what that seed wrote (its ``earlier`` entry); the database keeps no record of who wrote a value,
so a value staff typed that happens to equal the old one is corrected too.
"""

import datetime
import hashlib

from django.core.files.base import ContentFile
from django.db import transaction

from centre.models import Status, Technology
from centre.seed import fields, read

from .models import Publication, PublicationFile, Sector
from .samples import build_pdf

# What a sample's entry holds beside its model fields.
NOT_FIELDS = ("technologies", "sectors", "subtitle", "sections", "earlier")


def samples():
    return read("publications")["samples"]


def seed():
    """Create the sectors and sample publications that are missing; return how many."""
    created = 0
    for order, item in enumerate(read("sectors"), start=1):
        _sector, new = Sector.objects.get_or_create(
            slug=item["slug"], defaults={**fields(item, skip=("slug",)), "order": order}
        )
        created += new
    for sample in samples():
        created += _ensure_publication(sample)
    return created


def _ensure_publication(sample):
    existing = Publication.objects.filter(slug_az=sample["slug"]["az"]).first()
    if existing is not None:
        _correct_earlier_seed(existing, sample)
        return 0
    with transaction.atomic():
        publication = Publication(
            status=Status.PUBLISHED,
            **fields(sample, skip=NOT_FIELDS),
        )
        publication.save()
        publication.technologies.set(Technology.objects.filter(slug__in=sample["technologies"]))
        publication.sectors.set(Sector.objects.filter(slug__in=sample["sectors"]))
        for code in sample["title"]:
            PublicationFile.objects.create(
                publication=publication, language=code, file=_pdf_file(sample, code)
            )
        publication.refresh_cover()
    return 1


def sample_pdf(sample, code, date="", earlier=False):
    """The PDF of ``sample`` in language ``code``; ``earlier``: as an earlier seed made it."""
    texts = read("publications")["pdf"]
    about = texts["earlier_about"] if earlier else texts["about"]["text"]
    sections = [
        (section["heading"][code], [paragraph[code] for paragraph in section["paragraphs"]])
        for section in sample["sections"]
    ]
    return build_pdf(
        language=code,
        title=sample["title"][code],
        subtitle=sample["subtitle"][code],
        publisher=texts["publisher"][code],
        date=date,
        sections=[(texts["about"]["heading"][code], [about[code]]), *sections],
    )


def _pdf_file(sample, code):
    return ContentFile(sample_pdf(sample, code), name=f"{sample['slug']['az']}-{code}.pdf")


def _correct_earlier_seed(publication, sample):
    """Take out what an earlier seed invented, where the row still holds exactly that."""
    earlier = sample.get("earlier")
    if earlier is None or (publication.publication_type, publication.publication_date) != (
        earlier["publication_type"],
        datetime.date.fromisoformat(earlier["publication_date"]),
    ):
        return
    with transaction.atomic():
        publication.publication_type = sample["publication_type"]
        publication.publication_date = None
        for code, text in earlier.get("abstract", {}).items():
            if getattr(publication, f"abstract_{code}") == text:
                setattr(publication, f"abstract_{code}", sample["abstract"][code])
        publication.save()
        # The PDFs printed the date on their first page (and so on the cover made from it):
        # a file still as that seed made it is made again.
        for stored in publication.files.filter(language__in=sample["title"]):
            old = sample_pdf(sample, stored.language, earlier["publication_date"], earlier=True)
            if stored.sha256 == hashlib.sha256(old).hexdigest():
                stored.file = _pdf_file(sample, stored.language)
                stored.save()
        publication.refresh_cover()
