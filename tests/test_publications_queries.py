"""Publication pages run a fixed number of SQL queries, with 3 publications or 500."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from centre.models import Status, Technology
from centre.seed import seed as seed_technologies
from publications.models import Publication, PublicationFile, PublicationType, Sector

from .factories import make_page, make_publication

pytestmark = pytest.mark.django_db

TYPES = list(PublicationType)


def add_publications(count, start=0):
    """``count`` published publications with files and topics, made in bulk."""
    technologies = list(Technology.objects.all())
    sectors = list(Sector.objects.all())
    publications = Publication.objects.bulk_create(
        Publication(
            title_az=f"Nəşr {number}",
            title_en=f"Publication {number}",
            slug_az=f"nesr-{number}",
            slug_en=f"publication-{number}",
            abstract_az="Xülasə " * 20,
            publication_type=TYPES[number % len(TYPES)],
            publication_date=datetime.date(2015 + number % 10, 1 + number % 12, 1),
            status=Status.PUBLISHED if number % 7 else Status.DRAFT,
        )
        for number in range(start, start + count)
    )
    PublicationFile.objects.bulk_create(
        PublicationFile(
            publication=publication,
            language=language,
            file=f"publications/{publication.slug_az}-{language}.pdf",
            size=1000 + index,
            page_count=3,
            sha256="0" * 64,
        )
        for index, publication in enumerate(publications)
        for language in ("az", "en", "ru")[: 1 + index % 3]
    )
    Through = Publication.technologies.through
    Through.objects.bulk_create(
        Through(publication=publication, technology=technology)
        for index, publication in enumerate(publications)
        for technology in technologies[index % 3 : index % 3 + 2]
    )
    SectorThrough = Publication.sectors.through
    SectorThrough.objects.bulk_create(
        SectorThrough(publication=publication, sector=sectors[index % len(sectors)])
        for index, publication in enumerate(publications)
        if sectors
    )


def queries_for(client, url):
    # The steady state: what is kept per cache generation (the menu, the footer) is read by
    # the first request only.
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


@pytest.mark.parametrize(
    ("url", "most"),
    [
        # List: filter choices (the types and years in use; the technologies and sectors in
        # use), count, page, files, menu.
        ("/az/nesrler/", 6),
        ("/en/publications/?technology=robotics&language=en", 6),
        ("/ru/publikatsii/?type=report&page=2", 6),
        # Detail: publication, files, technologies, sectors, menu.
        ("/az/nesrler/esas-nesr/", 5),
        ("/en/publications/esas-nesr/", 5),
        ("/az/nesrler/esas-nesr/citation.bib", 3),
        ("/az/nesrler/rss.xml", 3),
        ("/en/publications/atom.xml", 3),
        # Home: page and menu, key dates, network centres, featured and latest, their files.
        ("/az/", 5),
    ],
)
def test_query_count_is_the_same_with_3_and_500_publications(client, url, most):
    seed_technologies()
    for number in range(4):
        Sector.objects.create(name_az=f"Sahə {number}", slug=f"sector-{number}")
    make_page("Ana səhifə", is_home=True)
    make_publication(
        "Əsas nəşr",
        files=["az", "en"],
        featured=True,
        technologies=Technology.objects.all()[:3],
        sectors=Sector.objects.all()[:2],
    )
    add_publications(2)
    small = queries_for(client, url)

    add_publications(497, start=2)
    large = queries_for(client, url)

    assert small == large
    assert large <= most


def test_download_query_count_is_constant(client):
    publication = make_publication("Nəşr", files=["az"])
    publication_file = publication.files.get()
    url = publication_file.get_absolute_url()
    small = queries_for(client, url)
    add_publications(100)
    assert queries_for(client, url) == small <= 3
