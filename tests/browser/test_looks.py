"""Looks: screenshots of every public page type, a stable layout, print, the home page.

The screenshots (full pages, in Azerbaijani, 375 and 1280 pixels wide) are saved to
``var/screenshots/`` so that anyone can look at the site without running it.
"""

import io

import pytest
from django.utils import translation
from django.utils.translation import gettext as _
from playwright.sync_api import expect
from pypdf import PdfReader

from .conftest import SCREENSHOTS, save_screenshot, show_all_images
from .site_pages import LANGUAGES, PAGE_TYPES, address, research_document

# The sum of the page's unexpected layout shifts so far (the Cumulative Layout Shift score).
LAYOUT_SHIFT = """() => new Promise(resolve => {
    let total = 0;
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
        resolve(total);
    }).observe({type: "layout-shift", buffered: true});
    setTimeout(() => resolve(total), 250);  // no entry at all: nothing moved
})"""


def scroll_through(page):
    """Scroll down a screen at a time, as a reader would, letting lazy images load."""
    height = page.viewport_size["height"]
    for top in range(0, page.evaluate("document.body.scrollHeight"), height):
        page.evaluate(f"window.scrollTo(0, {top})")
        show_all_images(page)
    page.evaluate("window.scrollTo(0, 0)")


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_screenshots_without_layout_shift(visits, page_type):
    """Nothing moves while a phone loads the page; then screenshots at 375 and 1280 px."""
    path, status = address(page_type, "az")
    page = visits.open("az", width=375, height=800)
    visits.visit(page, path, status)
    scroll_through(page)
    assert page.evaluate(LAYOUT_SHIFT) < 0.01, f"{path} moves while it loads"
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        save_screenshot(page, f"{page_type}-{width}")
        assert (SCREENSHOTS / f"{page_type}-{width}.png").stat().st_size > 10_000


def test_the_layout_shift_measure_sees_a_shift(visits):
    """The measure above notices content pushed down once the page is shown."""
    page = visits.open("az", width=375)
    visits.visit(page, address("home", "az")[0])
    page.wait_for_timeout(200)  # shifts before the first paint do not count
    # Through the CSSOM: the Content-Security-Policy refuses inline style attributes.
    page.evaluate(
        "const block = document.createElement('div'); block.style.height = '300px';"
        "document.querySelector('main').prepend(block)"
    )
    assert page.evaluate(LAYOUT_SHIFT) > 0.05


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_presents_the_centre(visits, language):
    page = visits.open(language)
    visits.visit(page, address("home", language)[0])
    with translation.override(language):
        centre_name = _("Fourth Industrial Revolution Analysis and Coordination Centre")
    header = page.locator(".site-header")
    expect(header.locator(".brand__mark")).to_be_visible()
    expect(header.locator(".brand__name")).to_have_text(centre_name)
    expect(page.locator(".hero h1")).to_be_visible()
    expect(page.locator(".home-mission")).to_be_visible()
    expect(page.locator(".key-dates .timeline__item")).to_have_count(4)
    featured = page.locator(".featured-publication")
    with translation.override(language):
        expect(featured.locator("h3")).to_have_text(research_document().title)
    expect(featured.locator(".button--download")).to_be_visible()
    show_all_images(page)
    logos = page.locator(".network-centres img")
    expect(logos).to_have_count(4)
    for index in range(4):
        assert logos.nth(index).evaluate("image => image.naturalWidth > 0")
    expect(page.locator(".home-publications .publication-list > li")).to_have_count(3)


def test_a_publication_prints_as_a_document(visits):
    """Printed, a publication is its title, cover, abstract and details: no site furniture."""
    page = visits.open("az")
    visits.visit(page, address("publication", "az")[0])
    page.emulate_media(media="print")
    for furniture in (
        ".site-header",
        ".main-nav",
        ".site-footer",
        ".breadcrumbs",
        ".skip-link",
        ".downloads",
        ".cite",
    ):
        expect(page.locator(furniture)).to_be_hidden()
    for content in ("h1", ".publication__cover img", ".publication__abstract", ".details"):
        expect(page.locator(content).first).to_be_visible()
    with translation.override("az"):
        address_line = page.locator(".publication__address")
        expect(address_line).to_contain_text(
            visits.base_url + research_document().get_absolute_url()
        )
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
    show_all_images(page)
    printed = page.pdf(format="A4", print_background=False)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "publication-print.pdf").write_bytes(printed)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(printed)).pages)
    assert research_document().get_absolute_url() in text.replace("\n", "")
    assert len(PdfReader(io.BytesIO(printed)).pages) <= 2


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("page_type", ["home", "publications"])
def test_untranslated_items_are_marked(visits, page_type, language):
    """
    The seed's publications without an English or Russian text are shown in Azerbaijani, marked
    ``lang="az"`` with a visible "in Azerbaijani" label beside their titles; screenshots at
    1280 px (``<page type>-<language>-1280.png``).
    """
    path, status = address(page_type, language)
    page = visits.open(language, width=1280, height=800)
    visits.visit(page, path, status)
    label = page.locator(".in-language").first
    label.wait_for()
    assert label.is_visible()
    # The label speaks the page's language; the title beside it is marked as Azerbaijani.
    assert label.evaluate("node => node.closest('[lang]').lang") == language
    assert label.evaluate("node => node.previousElementSibling.lang") == "az"
    scroll_through(page)
    save_screenshot(page, f"{page_type}-{language}-1280")
