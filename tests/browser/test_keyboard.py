"""A keyboard user: everything reachable with Tab, used with Enter, with a visible focus ring."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from playwright.sync_api import expect

from partners.models import KIND_HEADINGS, Kind

from .site_pages import (
    LANGUAGES,
    OTHER_LANGUAGE,
    RESEARCH_WORDS,
    address,
    check_download,
    research_document,
    tab_to,
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_keyboard_journey(visits, language):
    research = research_document()
    with translation.override(language):
        partners_label, publications_label = _("Partners"), _("Publications")
        platforms = str(KIND_HEADINGS[Kind.PLATFORM])
        technology = research.technologies.get(slug="artificial-intelligence").name
        research_url, research_title = research.get_absolute_url(), research.title
    other = OTHER_LANGUAGE[language]
    with translation.override(other):
        other_partners_url = reverse("partners:list")
    page = visits.open(language)
    visits.visit(page, address("home", language)[0])

    # The skip link comes first, shows itself, and takes the focus to the main content.
    skip = page.locator(".skip-link")
    tab_to(page, skip, limit=1)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")

    # The menu.
    tab_to(page, page.locator(".main-nav").get_by_role("link", name=partners_label, exact=True))
    page.keyboard.press("Enter")
    with translation.override(language):
        expect(page).to_have_url(visits.base_url + reverse("partners:list"))

    # A filter.
    tab_to(page, page.locator(".partner-filters").get_by_role("link", name=platforms))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"\?kind=wef-platform$"))
    expect(page.locator(".partner-group > h2")).to_have_text([platforms])

    # The language switcher, there and back.
    switcher = page.locator(".language-switcher")
    tab_to(page, switcher.get_by_role("link", name=get_language_info(other)["name_local"]))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(other_partners_url) + r"\?kind=wef-platform$"))
    tab_to(page, switcher.get_by_role("link", name=get_language_info(language)["name_local"]))
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", language)

    # Publications, a technology filter, the research document and its download button.
    tab_to(page, page.locator(".main-nav").get_by_role("link", name=publications_label))
    page.keyboard.press("Enter")
    tab_to(page, page.locator("#filters").get_by_role("link", name=technology, exact=True))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"\?technology=artificial-intelligence$"))
    tab_to(page, page.locator(".publication-list").get_by_role("link", name=research_title))
    page.keyboard.press("Enter")
    expect(page).to_have_url(visits.base_url + research_url)
    button = page.locator(".downloads .button--download").first
    tab_to(page, button)
    with page.expect_download() as started:
        page.keyboard.press("Enter")
    check_download(started.value, research.files.get(language=language))

    # The search box.
    tab_to(page, page.locator("#site-search-q"))
    page.keyboard.type(RESEARCH_WORDS[language])
    page.keyboard.press("Enter")
    result = page.locator(".search-result__title a").filter(has_text=research_title)
    tab_to(page, result)
    page.keyboard.press("Enter")
    expect(page).to_have_url(visits.base_url + research_url)
