"""Small helpers that build test objects; shared by the test modules."""

from centre.models import Status, Technology
from pages.models import Page
from partners.models import Kind, Partner


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
