"""The editor's form: one editing-language switch for every field's tabs; a publication form
that fits the admin's width."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from pages.models import Page
from publications.models import Publication

from .site_pages import log_in

SWITCH = {"az": "Redaktə dili", "en": "Editing language", "ru": "Язык редактирования"}


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def active_tab_languages(page):
    """The language each translated field shows (modeltranslation's jQuery UI tabs)."""
    tabs = page.locator(".ui-tabs > ul li.ui-tabs-active a")
    return [text.strip() for text in tabs.all_text_contents()]


@pytest.mark.parametrize("model", [Publication, Page])
def test_one_switch_shows_every_field_in_the_chosen_language(visits, staff, model):
    obj = model.objects.order_by("pk").first()
    page = visits.open("az")
    log_in(visits, page, staff)
    visits.visit(page, change_url(obj))
    switch = page.get_by_role("group", name=SWITCH["az"])
    expect(switch).to_be_visible()
    expect(page.locator("#modeltranslation-main-switch")).to_be_hidden()
    assert set(active_tab_languages(page)) == {"az"}
    expect(switch.get_by_role("button", name="Azərbaycanca")).to_have_attribute(
        "aria-pressed", "true"
    )

    switch.get_by_role("button", name="English").click()
    languages = active_tab_languages(page)
    assert len(languages) >= 3 and set(languages) == {"en"}
    expect(page.locator("#id_title_en")).to_be_visible()
    expect(page.locator("#id_title_az")).to_be_hidden()
    expect(switch.get_by_role("button", name="English")).to_have_attribute("aria-pressed", "true")

    # One field's own tab still works; the switch then no longer claims a single language.
    page.locator("a[href='#tab_id_title_ru']").click()
    expect(page.locator("#id_title_ru")).to_be_visible()
    expect(switch.get_by_role("button", name="English")).to_have_attribute("aria-pressed", "false")
    switch.get_by_role("button", name="Русский").click()
    assert set(active_tab_languages(page)) == {"ru"}


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_switch_is_labelled_in_the_admins_language(visits, staff, language):
    page = visits.open(language)
    log_in(visits, page, staff)
    visits.visit(page, change_url(Publication.objects.order_by("pk").first()))
    expect(page.get_by_role("group", name=SWITCH[language])).to_be_visible()


def test_without_javascript_every_language_is_on_the_form(visits, staff):
    page = visits.open("az", javascript=False)
    log_in(visits, page, staff)
    visits.visit(page, change_url(Publication.objects.order_by("pk").first()))
    expect(page.locator(".editing-language")).to_be_hidden()
    for language in ("az", "en", "ru"):
        expect(page.locator(f"#id_title_{language}")).to_be_visible()


@pytest.mark.parametrize("language", ["az", "ru"])
def test_the_publication_form_fits_the_screen(visits, staff, language):
    publication = Publication.objects.filter(files__isnull=False).order_by("pk").first()
    page = visits.open(language, width=1280)
    log_in(visits, page, staff)
    visits.visit(page, change_url(publication))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1280, f"the form is {width} px wide in a 1,280 px window"
    # One file name per PDF; its size, pages and SHA-256 in the row's details.
    rows = page.locator("#files-group tr.has_original")
    assert rows.count() == publication.files.count()
    for index, file in enumerate(publication.files.order_by("pk")):
        row = rows.nth(index)
        text = row.inner_text()
        assert text.count(file.download_name) == 1
        assert file.file.name.rsplit("/", 1)[-1] not in text
        details = row.locator("details")
        expect(details.get_by_text(file.sha256)).to_be_hidden()
        details.locator("summary").click()
        expect(details.get_by_text(file.sha256)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    page.screenshot(path=f"var/screenshots/admin-publication-form-{language}.png", full_page=True)
