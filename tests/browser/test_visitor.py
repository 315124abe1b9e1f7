"""A visitor's journey through the site, in each language, with and without JavaScript."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from playwright.sync_api import expect

from partners.models import KIND_HEADINGS, Kind
from publications.models import Publication

from .site_pages import (
    LANGUAGES,
    OTHER_LANGUAGE,
    RESEARCH_WORDS,
    about_page,
    check_download,
    network_centre,
    research_document,
)


def in_language(language, obj, *attributes):
    """``obj``'s URL and the given attributes as a visitor of ``language`` sees them."""
    with translation.override(language):
        return [obj.get_absolute_url(), *(str(getattr(obj, name)) for name in attributes)]


def switch_language(page, language):
    switcher = page.locator(".language-switcher")
    switcher.get_by_role("link", name=get_language_info(language)["name_local"]).click()


def visitor_journey(visits, page, language):
    """Home, About, the language switch, partners, publications, a download and a search."""
    about, centre, research = about_page(), network_centre(), research_document()
    technology = research.technologies.get(slug="artificial-intelligence")
    with translation.override(language):
        partners_label, publications_label = _("Partners"), _("Publications")
        network_centres = str(KIND_HEADINGS[Kind.NETWORK_CENTRE])
        platforms = str(KIND_HEADINGS[Kind.PLATFORM])
        technology_name = technology.name

    # "/" sends the visitor to the language the browser asks for.
    visits.visit(page, "/")
    expect(page).to_have_url(visits.base_url + f"/{language}/")
    expect(page.locator("html")).to_have_attribute("lang", language)

    # The menu leads to About.
    about_url, about_title = in_language(language, about, "title")
    page.locator(".main-nav").get_by_role("link", name=about_title, exact=True).click()
    expect(page).to_have_url(visits.base_url + about_url)
    expect(page.locator("h1")).to_have_text(about_title)

    # Another language keeps the visitor on the same page, and back again.
    other = OTHER_LANGUAGE[language]
    other_url, other_title = in_language(other, about, "title")
    switch_language(page, other)
    expect(page).to_have_url(visits.base_url + other_url)
    expect(page.locator("h1")).to_have_text(other_title)
    expect(page.locator("html")).to_have_attribute("lang", other)
    switch_language(page, language)
    expect(page).to_have_url(visits.base_url + about_url)

    # Partners, filtered to the C4IR network centres; one centre's page.
    page.locator(".main-nav").get_by_role("link", name=partners_label, exact=True).click()
    with translation.override(language):
        expect(page).to_have_url(visits.base_url + reverse("partners:list"))
    page.locator(".partner-filters").get_by_role("link", name=network_centres).click()
    expect(page).to_have_url(re.compile(r"\?kind=network-centre$"))
    groups = page.locator(".partner-group > h2")
    expect(groups).to_have_text([network_centres])
    expect(page.get_by_role("heading", name=platforms)).to_have_count(0)
    centre_url, centre_name = in_language(language, centre, "name")
    page.locator(".partner-group").get_by_role("link", name=centre_name, exact=True).click()
    expect(page).to_have_url(visits.base_url + centre_url)
    expect(page.locator("h1")).to_have_text(centre_name)

    # Publications, filtered by a technology; the research document; its PDF.
    page.locator(".main-nav").get_by_role("link", name=publications_label, exact=True).click()
    page.locator("#filters").get_by_role("link", name=technology_name, exact=True).click()
    expect(page).to_have_url(re.compile(r"\?technology=artificial-intelligence$"))
    research_url, research_title = in_language(language, research, "title")
    results = page.locator(".publication-list .publication-card__title a")
    expected = Publication.objects.published().filter(technologies=technology).count()
    expect(results).to_have_count(expected)
    results.filter(has_text=research_title).click()
    expect(page).to_have_url(visits.base_url + research_url)
    expect(page.locator("h1")).to_have_text(research_title)
    download_and_compare(page, research.files.get(language=language))

    # The header's search box finds the research document by words of its title.
    page.locator("#site-search-q").fill(RESEARCH_WORDS[language])
    page.locator("#site-search-q").press("Enter")
    found = page.locator(".search-result__title a")
    expect(found.filter(has_text=research_title)).to_have_attribute("href", research_url)
    found.filter(has_text=research_title).click()
    expect(page).to_have_url(visits.base_url + research_url)


def download_and_compare(page, publication_file):
    """The first download button gives the visitor's language's PDF, byte for byte."""
    with page.expect_download() as started:
        page.locator(".downloads .button--download").first.click()
    check_download(started.value, publication_file)


@pytest.mark.parametrize("language", LANGUAGES)
def test_visitor_on_a_phone(visits, language):
    visitor_journey(visits, visits.open(language, width=375, height=740), language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_visitor_without_javascript(visits, language):
    visitor_journey(visits, visits.open(language, javascript=False), language)


def test_a_language_the_site_does_not_have_gets_azerbaijani(visits):
    page = visits.open("az")
    page.context.set_extra_http_headers({"Accept-Language": "fr-FR,fr;q=0.9"})
    visits.visit(page, "/")
    expect(page).to_have_url(visits.base_url + "/az/")


def test_the_download_counts(visits):
    publication_file = research_document().files.get(language="az")
    before = publication_file.download_count
    page = visits.open("az")
    visits.visit(page, publication_file.publication.get_absolute_url())
    download_and_compare(page, publication_file)
    publication_file.refresh_from_db()
    assert publication_file.download_count == before + 1
