"""Accessibility: axe-core on every public page type in each language, reflow, text alternatives.

axe-core comes with axe-playwright-python, so the checks run offline. Its colour-contrast rule
is WCAG 2.1 AA's (4.5:1 for text, 3:1 for large text).
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation

from .conftest import show_all_images
from .site_pages import (
    BLOCKING,
    LANGUAGES,
    PAGE_TYPES,
    address,
    describe,
    network_centre,
    research_document,
)

AXE = Axe()
IMAGES = """() => [...document.images].map(image => ({
    html: image.outerHTML.slice(0, 160),
    width: image.getAttribute("width"),
    height: image.getAttribute("height"),
    alt: image.getAttribute("alt"),
    language: image.closest("[lang]").lang,
    loaded: image.complete && image.naturalWidth > 0,
}))"""


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_every_page_type(visits, page_type, language):
    """
    axe-core finds no serious or critical violation at 375 px (a phone) and 1280 px (a
    desktop); at 360 px nothing scrolls sideways (WCAG's reflow); every image is described,
    sized (so nothing moves when it arrives) and loaded. One page, resized for each check.
    """
    path, status = address(page_type, language)
    page = visits.open(language, width=375)
    visits.visit(page, path, status)
    show_all_images(page)
    found = []
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        violations = [v for v in AXE.run(page).response["violations"] if v["impact"] in BLOCKING]
        if violations:
            found.append(f"{path} at {width}px:\n{describe(violations)}")
    page.set_viewport_size({"width": 360, "height": 740})
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    if overflow > 0:
        found.append(f"{path} scrolls sideways by {overflow}px at 360px")
    for image in page.evaluate(IMAGES):
        if not (image["width"] and image["height"]):
            found.append(f"{path}: an image without width and height: {image['html']}")
        if image["alt"] is None:
            found.append(f"{path}: an image without alt: {image['html']}")
        elif image["alt"] and image["language"] != language:
            found.append(f"{path}: alt text marked as {image['language']}: {image['html']}")
        if not image["loaded"]:
            found.append(f"{path}: an image that did not load: {image['html']}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("language", LANGUAGES)
def test_uploaded_images_are_described_in_the_page_language(visits, language):
    """A partner's logo and a publication's cover have alt text in the visitor's language."""
    partner, publication = network_centre(), research_document()
    assert partner.logo and publication.cover
    page = visits.open(language)
    with translation.override(language):
        logo_alt, cover_alt = partner.logo_alt, publication.cover_description
    visits.visit(page, address("partner", language)[0])
    assert page.locator(".partner__logo img").get_attribute("alt") == logo_alt
    visits.visit(page, address("publication", language)[0])
    assert page.locator(".publication__cover img").get_attribute("alt") == cover_alt


def test_a_cover_description_is_never_shown_in_another_language(visits):
    """Staff described the cover in Azerbaijani only: English readers get an English text."""
    publication = research_document()
    type(publication).objects.filter(pk=publication.pk).update(
        cover_alt_az="Mavi üz qabığı", cover_alt_en="", cover_alt_ru="Синяя обложка"
    )
    try:
        alts = {}
        for language in LANGUAGES:
            page = visits.open(language)
            visits.visit(page, address("publication", language)[0])
            alts[language] = page.locator(".publication__cover img").get_attribute("alt")
    finally:
        type(publication).objects.filter(pk=publication.pk).update(
            cover_alt_az="", cover_alt_en="", cover_alt_ru=""
        )
    assert alts == {
        "az": "Mavi üz qabığı",
        "en": f"Cover of “{publication.title_en}”",
        "ru": "Синяя обложка",
    }
