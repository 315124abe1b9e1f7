"""
Every public page type runs a fixed number of SQL queries, at most 5 (with the page cache off):
the same for the demo content as after ``generate_content`` has added pages, partners and
publications of every kind, and the same for a generated object as for a seeded one.
"""

import io

import pytest
from django.core.management import call_command
from django.utils import translation

from benchmarks.generate.text import SLUG_MARK_REGEX
from benchmarks.management.commands.generate_content import Command as GenerateContent
from pages.models import Page
from partners.models import Partner
from publications.models import Publication, PublicationFile, PublicationType

from .factories import make_publication
from .reading import queries

pytestmark = pytest.mark.django_db

MOST = 5


def addresses(generated):
    """One address of every public page type, for a seeded or a generated object."""
    mark = {"slug_az__regex": SLUG_MARK_REGEX}
    pick = (
        (lambda queryset: queryset.filter(**mark))
        if generated
        else (lambda queryset: queryset.exclude(**mark))
    )
    page = pick(Page.objects.published().exclude(is_home=True).filter(milestones__isnull=False))
    partner = pick(Partner.objects.active().filter(logo__gt="")).first()
    publication = pick(Publication.objects.published().filter(files__language="en")).first()
    publication_file = PublicationFile.objects.filter(publication=publication).first()
    # Samples (all the seed's publications) have no citation: a real one's is counted.
    cited = pick(
        Publication.objects.published()
        .exclude(publication_type=PublicationType.SAMPLE)
        .filter(files__language="en")
    ).first()
    urls = {}
    for language in ("az", "en", "ru"):
        with translation.override(language):
            urls |= {
                f"page {language}": page.order_by("-url_path_az").first().get_absolute_url(),
                f"partner {language}": partner.get_absolute_url(),
                f"publication {language}": publication.get_absolute_url(),
            }
    with translation.override("en"):
        urls |= {
            "citation": cited.get_absolute_url() + "citation.ris",
            "download": publication_file.get_absolute_url(),
        }
    return urls


LISTS = {
    "home az": "/az/",
    "home en": "/en/",
    "home ru": "/ru/",
    "partners": "/az/terefdaslar/",
    # A kind the demo content has: an empty list skips fetching its (no) cards.
    "partners by kind": "/en/partners/?kind=wef-platform",
    "partners by technology": "/ru/partnery/?technology=robotics",
    "publications": "/az/nesrler/",
    "publications filtered": "/en/publications/?technology=artificial-intelligence&language=en",
    "publications page 2": "/ru/publikatsii/?type=report&page=2",
    "publications by sector and year": "/az/nesrler/?sector=energy&year=2022",
    "rss": "/az/nesrler/rss.xml",
    "atom": "/en/publications/atom.xml",
    "search": "/az/axtaris/?q=texnologiya",
    "search en": "/en/search/?q=digital+economy",
    "sitemap index": "/sitemap.xml",
    "sitemap": "/sitemap-publications.xml",
}


def test_query_counts_are_fixed_and_small(client):
    call_command("seed_demo", stdout=io.StringIO())
    make_publication(
        "Hesabat", title_en="Report", publication_type=PublicationType.REPORT, files=("az", "en")
    )
    seeded_urls = {**LISTS, **addresses(generated=False)}
    before = {name: queries(client, url) for name, url in seeded_urls.items()}

    call_command(
        GenerateContent(),
        pages=30,
        partners=30,
        publications=40,
        large_pdfs=0,
        stdout=io.StringIO(),
    )
    after = {name: queries(client, url) for name, url in seeded_urls.items()}
    generated = {name: queries(client, url) for name, url in addresses(generated=True).items()}

    assert after == before
    assert generated == {name: before[name] for name in generated}
    assert max(before.values()) <= MOST, before
