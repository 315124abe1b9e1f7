"""
The admin home's desk in Chromium, in each language: no serious or critical axe-core violation at
a phone's and a desktop's width, nothing that scrolls sideways, and each figure on one line.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from centre.models import ReviewRequest, Status
from pages.models import Page
from publications.models import MonthlyDownloads, PublicationFile, this_month

from .site_pages import LANGUAGES, SIDEWAYS, log_in, problems_at_width

# The figures of the downloads block, and how many lines each takes.
FIGURE_LINES = """() => [...document.querySelectorAll("#desk-downloads td")]
    .filter(cell => /^\\d+$/.test(cell.textContent.trim()))
    .map(cell => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        return [cell.textContent.trim(), range.getClientRects().length];
    })"""


@pytest.fixture(scope="module")
def desk(site, django_db_blocker):
    """A draft waiting for review, and downloads this month."""
    with django_db_blocker.unblock():
        draft = Page.objects.create(title_az="Yoxlanacaq", status=Status.DRAFT)
        ReviewRequest.objects.create(content_object=draft, message="Hazırdır")
        for number, publication_file in enumerate(PublicationFile.objects.all(), start=1):
            MonthlyDownloads.objects.create(
                file=publication_file, month=this_month(), count=12345 * number
            )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_desk(visits, staff, desk, language):
    page = visits.open(language)
    log_in(visits, page, staff)
    visits.visit(page, reverse("admin:index"))
    found = []
    for width in (375, 1280):
        found += problems_at_width(page, width)
        figures = page.evaluate(FIGURE_LINES)
        assert figures
        # Django's dashboard breaks words anywhere: "36" above "5" for 365.
        found += [
            f"{figure} on {lines} lines at {width}px" for figure, lines in figures if lines > 1
        ]
    assert not found, "\n".join(found)


def test_a_long_rejection_reason_wraps_on_the_form(visits, staff):
    # A reason without spaces (a pasted address) made the whole form scroll sideways.
    draft = Page.objects.create(title_az="Rədd edilmiş", status=Status.DRAFT)
    ReviewRequest.objects.create(
        content_object=draft, closed_at=timezone.now(), rejection_reason="ğ" * 2000
    )
    page = visits.open("az")
    log_in(visits, page, staff)
    visits.visit(page, reverse("admin:pages_page_change", args=[draft.pk]))
    assert page.locator("#review-state").is_visible()
    assert page.evaluate(SIDEWAYS) <= 0
