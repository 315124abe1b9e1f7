"""Small helpers that build test objects; shared by the test modules."""

from centre.models import Status
from pages.models import Page


def make_page(title_az, *, parent=None, status=Status.PUBLISHED, **fields):
    page = Page(title_az=title_az, parent=parent, status=status, **fields)
    page.save()
    return page
