"""
News and events in Chromium: a visitor goes from the home page to the news, to an event and
its calendar file; staff write an event in three tabs, save it as a draft, preview it and
publish it, and the public sees it at once. The news pages pass axe-core in each language.
"""

import datetime
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from centre.models import Status
from news.models import Kind, NewsItem

from .site_pages import LANGUAGES, log_in, save_and_continue, tab

LAUNCH = "c4ir-azerbaycanin-resmi-acilisi"
NEW_EVENT = {
    "az": ("Süni intellekt üzrə seminar", "Dövlət qurumları üçün seminar.", "Bakı"),
    "en": ("Seminar on artificial intelligence", "A seminar for government bodies.", "Baku"),
    "ru": ("Семинар по искусственному интеллекту", "Семинар для государственных органов.", "Баку"),
}


def unfolded(text):
    return text.replace("\r\n ", "").removesuffix("\r\n").split("\r\n")


def test_visitor_from_home_to_an_event_and_its_calendar_file(visits):
    page = visits.open("en")
    visits.visit(page, "/en/")
    page.locator(".home-news").get_by_role("link", name="All news and events").click()
    expect(page).to_have_url(visits.base_url + "/en/news/")
    expect(page.locator("h1")).to_have_text("News and events")
    expect(page.locator(".main-nav [aria-current=page]")).to_have_text("News and events")
    event = page.get_by_role("link", name="Official launch of C4IR Azerbaijan", exact=False)
    event.click()
    launch = NewsItem.objects.get(slug_az=LAUNCH)
    with translation.override("en"):
        expect(page).to_have_url(visits.base_url + launch.get_absolute_url())
    expect(page.locator(".news-event")).to_contain_text("23 February 2022")
    expect(page.locator(".news-event")).to_contain_text("Baku")
    expect(page.locator(".news-item__source a")).to_have_attribute("href", launch.source_url)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to calendar").click()
    download = download_info.value
    assert download.failure() is None
    assert download.suggested_filename == f"{launch.slug_en}.ics"
    lines = unfolded(Path(download.path()).read_bytes().decode())
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "DTSTART;VALUE=DATE:20220223" in lines
    assert "LOCATION:Baku" in lines
    assert any(line.startswith("SUMMARY:Official launch of C4IR Azerbaijan") for line in lines)


def test_staff_write_an_event_in_three_tabs_from_draft_to_published(visits, staff):
    page = visits.open("az")
    log_in(visits, page, staff)
    visits.visit(page, reverse("admin:news_newsitem_add"))
    page.locator("#id_kind").select_option(Kind.EVENT)
    when = datetime.date.today() + datetime.timedelta(days=20)
    page.locator("#id_date").fill(when.strftime("%d.%m.%Y"))
    page.locator("#id_start_date").fill(when.strftime("%d.%m.%Y"))
    page.locator("#id_start_time").fill("10:00")
    page.locator("#id_end_time").fill("12:30")
    for language in LANGUAGES:
        title, summary, place = NEW_EVENT[language]
        tab(page, "title", language).fill(title)
        tab(page, "summary", language).fill(summary)
        tab(page, "place", language).fill(place)
    assert page.locator("#id_status").input_value() == Status.DRAFT
    save_and_continue(page)

    created = NewsItem.objects.get(title_az=NEW_EVENT["az"][0])
    assert created.status == Status.DRAFT
    assert created.starts_at == datetime.datetime.combine(
        when, datetime.time(6, 0), tzinfo=datetime.UTC
    )
    visitor = visits.open("az")
    visits.visit(visitor, created.get_absolute_url(), status=404)

    page.locator(".viewsitelink").click()
    expect(page).to_have_url(visits.base_url + created.get_absolute_url())
    expect(page.locator(".notice--preview")).to_be_visible()
    expect(page.locator("h1")).to_have_text(NEW_EVENT["az"][0])

    page.go_back()
    page.locator("#id_status").select_option(Status.PUBLISHED)
    save_and_continue(page)
    visits.visit(visitor, reverse("news:list"))
    upcoming = visitor.locator(".news-upcoming")
    expect(upcoming.get_by_role("link", name=NEW_EVENT["az"][0])).to_be_visible()
    for language in LANGUAGES:
        with translation.override(language):
            visits.visit(visitor, created.get_absolute_url())
        title, summary, place = NEW_EVENT[language]
        expect(visitor.locator("h1")).to_have_text(title)
        expect(visitor.locator(".news-event")).to_contain_text(place)
        expect(visitor.locator(".news-event")).to_contain_text("10:00")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_news_pages_pass_axe(visits, language):
    launch = NewsItem.objects.get(slug_az=LAUNCH)
    with translation.override(language):
        paths = [reverse("news:list"), launch.get_absolute_url()]
    page = visits.open(language, width=375)
    for path in paths:
        visits.visit(page, path)
        for width in (375, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            violations = [
                f"{v['id']}: {v['help']}"
                for v in Axe().run(page).response["violations"]
                if v["impact"] in ("serious", "critical")
            ]
            assert not violations, (path, width, violations)
