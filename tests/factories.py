"""Small helpers that build test objects; shared by the test modules."""

import datetime

from django.core.files.base import ContentFile

from centre.models import Status, Technology
from news.models import NewsItem
from pages.models import Page
from partners.models import Kind, Partner
from publications.models import Publication, PublicationFile

from .pdfs import AZERBAIJANI_TEXT, RUSSIAN_TEXT, pdf_bytes


def make_page(title_az, *, parent=None, status=Status.PUBLISHED, **fields):
    page = Page(title_az=title_az, parent=parent, status=status, **fields)
    page.save()
    return page


def make_partner(name_az, *, kind=Kind.NETWORK_CENTRE, technologies=(), **fields):
    partner = Partner(name_az=name_az, kind=kind, **fields)
    partner.save()
    if technologies:
        partner.technologies.set(technologies)
    return partner


def make_technology(slug, name_az, **names):
    return Technology.objects.create(slug=slug, name_az=name_az, **names)


def make_publication(
    title_az,
    *,
    status=Status.PUBLISHED,
    publication_date=datetime.date(2024, 1, 15),
    files=(),
    technologies=(),
    sectors=(),
    **fields,
):
    """A publication with a real PDF in each of the ``files`` languages."""
    publication = Publication(
        title_az=title_az, status=status, publication_date=publication_date, **fields
    )
    publication.save()
    publication.technologies.set(technologies)
    publication.sectors.set(sectors)
    for language in files:
        add_file(publication, language)
    return publication


def add_file(publication, language, pages=2):
    text = RUSSIAN_TEXT if language == "ru" else AZERBAIJANI_TEXT
    return PublicationFile.objects.create(
        publication=publication,
        language=language,
        file=ContentFile(pdf_bytes(pages, text), name=f"upload-{language}.pdf"),
    )


def make_staff(username, role=None, **fields):
    """A staff account, in the role (group) ``role``: "Editor" or "Publisher"."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(
        username, password="a-long-test-password", is_staff=True, **fields
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def make_news_item(title_az, *, status=Status.PUBLISHED, date=datetime.date(2024, 5, 1), **fields):
    """A news item (an event when given ``start_date``), checked as the admin form checks it."""
    if "start_date" in fields:
        fields.setdefault("kind", "event")
    item = NewsItem(title_az=title_az, status=status, date=date, **fields)
    item.full_clean()
    item.save()
    return item
