"""Staff in the admin: pages with rich text in three tabs, drafts, preview, publishing; a
publication with three PDFs and a partner with a logo uploaded through the real file inputs;
the login lockout."""

import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info
from playwright.sync_api import expect

from centre.models import Status
from pages.models import Page
from partners.models import Partner
from publications.models import Publication

from ..images import image_upload
from ..pdfs import AZERBAIJANI_TEXT, RUSSIAN_TEXT, pdf_bytes
from .site_pages import LANGUAGES, PASSWORD, log_in, save_and_continue, tab

# Per language: plain words, bold words, more plain words, a link's text, a list's items.
NEW_PAGE = {
    "az": {
        "title": "Rəqəmsal transformasiya",
        "summary": "Mərkəzin rəqəmsal transformasiya üzrə işi.",
        "body": ("Mərkəz", "dövlət qurumları", "ilə işləyir.", "Forumun saytı",
                 ["Süni intellekt", "Əşyaların interneti"]),
    },
    "en": {
        "title": "Digital transformation",
        "summary": "The Centre's work on digital transformation.",
        "body": ("The Centre works with", "government bodies", "daily.", "the Forum's website",
                 ["Artificial intelligence", "Internet of Things"]),
    },
    "ru": {
        "title": "Цифровая трансформация",
        "summary": "Работа Центра по цифровой трансформации.",
        "body": ("Центр работает с", "государственными органами", "ежедневно.", "сайт Форума",
                 ["Искусственный интеллект", "Интернет вещей"]),
    },
}  # fmt: skip
FORUM = "https://www.weforum.org/"


def write_rich_text(page, field, language, parts):
    """Type into the rich-text editor: plain text, bold words, a link and a bulleted list."""
    tab(page, field, language)
    editor = page.locator(".prose-editor").filter(has=page.locator(f"#id_{field}_{language}"))
    plain, bold, after, link_text, items = parts
    box = editor.locator("[contenteditable=true]")
    box.click()
    page.keyboard.type(f"{plain} ")
    editor.locator("button[data-name=bold]").click()
    page.keyboard.type(bold)
    editor.locator("button[data-name=bold]").click()
    page.keyboard.type(f" {after} {link_text}")
    expect(box).to_contain_text(f"{after} {link_text}")
    settle(page)
    for _letter in link_text:
        page.keyboard.press("Shift+ArrowLeft")
    page.wait_for_function("text => getSelection().toString() === text", arg=link_text)
    editor.locator("button[data-name=link]").click()
    dialog = page.locator("dialog[open]")
    dialog.locator("input[name=href]").fill(FORUM)
    dialog.locator("button[type=submit]").click()
    expect(box.get_by_role("link", name=link_text)).to_have_attribute("href", FORUM)
    # The editor takes the focus back with the link selected (a frame later): move past it.
    settle(page)
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => getSelection().isCollapsed")
    settle(page)
    page.keyboard.press("Enter")
    editor.locator("button[data-name=bulletList]").click()
    page.keyboard.type(items[0])
    page.keyboard.press("Enter")
    page.keyboard.type(items[1])
    expect(box.locator("ul > li")).to_have_text(items)
    expect(box.get_by_role("link", name=link_text)).to_have_attribute("href", FORUM)


def settle(page):
    """Wait two animation frames: the editor applies some changes at the next one."""
    page.evaluate(
        "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
    )


def check_rich_text(page, parts):
    _plain, bold, _after, link_text, items = parts
    body = page.locator(".rich-text")
    expect(body.locator("strong")).to_have_text(bold)
    expect(body.get_by_role("link", name=link_text)).to_have_attribute("href", FORUM)
    expect(body.locator("ul > li")).to_have_text(items)


def test_a_page_in_three_languages_from_draft_to_published(visits, staff):
    page = visits.open("az")
    log_in(visits, page, staff)
    visits.visit(page, reverse("admin:pages_page_add"))
    for language in LANGUAGES:
        tab(page, "title", language).fill(NEW_PAGE[language]["title"])
        tab(page, "summary", language).fill(NEW_PAGE[language]["summary"])
        write_rich_text(page, "body", language, NEW_PAGE[language]["body"])
    assert page.locator("#id_status").input_value() == Status.DRAFT
    save_and_continue(page)

    created = Page.objects.get(title_az=NEW_PAGE["az"]["title"])
    assert created.status == Status.DRAFT
    assert '<a href="https://www.weforum.org/"' in created.body_en
    assert "<strong>государственными органами</strong>" in created.body_ru
    urls = {}
    for language in LANGUAGES:
        with translation.override(language):
            urls[language] = created.get_absolute_url()

    # The public cannot see a draft; staff preview it from the admin.
    visitor = visits.open("az")
    visits.visit(visitor, urls["az"], status=404)
    page.locator(".viewsitelink").click()
    expect(page).to_have_url(visits.base_url + urls["az"])
    expect(page.locator(".notice--preview")).to_be_visible()
    expect(page.locator("h1")).to_have_text(NEW_PAGE["az"]["title"])
    check_rich_text(page, NEW_PAGE["az"]["body"])

    # Published, the page is everyone's, in the menu and in each language.
    page.go_back()
    page.locator("#id_status").select_option(Status.PUBLISHED)
    save_and_continue(page)
    visits.visit(visitor, urls["az"])
    expect(visitor.locator(".notice--preview")).to_have_count(0)
    expect(
        visitor.locator(".main-nav").get_by_role("link", name=NEW_PAGE["az"]["title"])
    ).to_be_visible()
    for language in LANGUAGES:
        if language != "az":
            name = get_language_info(language)["name_local"]
            visitor.locator(".language-switcher").get_by_role("link", name=name).click()
        expect(visitor).to_have_url(visits.base_url + urls[language])
        expect(visitor.locator("h1")).to_have_text(NEW_PAGE[language]["title"])
        expect(visitor.locator(".page .lead")).to_have_text(NEW_PAGE[language]["summary"])
        check_rich_text(visitor, NEW_PAGE[language]["body"])


def test_a_publication_with_three_pdfs(visits, staff, tmp_path):
    texts = {"az": AZERBAIJANI_TEXT, "en": "Fourth Industrial Revolution", "ru": RUSSIAN_TEXT}
    pdfs = {}
    for number, language in enumerate(LANGUAGES, start=2):
        pdfs[language] = tmp_path / f"hesabat-{language}.pdf"
        pdfs[language].write_bytes(pdf_bytes(number, texts[language]))
    page = visits.open("az")
    log_in(visits, page, staff)
    visits.visit(page, reverse("admin:publications_publication_add"))
    titles = {"az": "Sınaq hesabatı", "en": "A test report", "ru": "Пробный отчёт"}
    for language in LANGUAGES:
        tab(page, "title", language).fill(titles[language])
    page.locator("#id_publication_type").select_option("report")
    page.locator("#id_publication_date").fill("2025-03-10")
    page.get_by_label(re.compile("Süni intellekt")).check()
    page.locator("#id_status").select_option(Status.PUBLISHED)
    for row, language in enumerate(LANGUAGES):
        page.locator(f"#id_files-{row}-language").select_option(language)
        page.locator(f"#id_files-{row}-file").set_input_files(pdfs[language])
    save_and_continue(page)

    publication = Publication.objects.get(title_az=titles["az"])
    files = {file.language: file for file in publication.files.all()}
    assert {language: files[language].page_count for language in files} == {
        "az": 2,
        "en": 3,
        "ru": 4,
    }
    assert publication.cover  # made from the Azerbaijani PDF's first page

    # A visitor finds three download buttons; each gives back what staff uploaded.
    visitor = visits.open("ru")
    with translation.override("ru"):
        visits.visit(visitor, publication.get_absolute_url())
    expect(visitor.locator("h1")).to_have_text(titles["ru"])
    buttons = visitor.locator(".downloads .button--download")
    expect(buttons).to_have_count(3)
    expect(visitor.locator(".publication__cover img")).to_be_visible()
    for index, language in enumerate(("ru", "az", "en")):  # the visitor's language first
        expect(buttons.nth(index)).to_have_attribute("hreflang", language)
        with visitor.expect_download() as started:
            buttons.nth(index).click()
        assert started.value.path().read_bytes() == pdfs[language].read_bytes()


def test_a_partner_with_a_logo(visits, staff, tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(image_upload(size=(480, 240)).read())
    page = visits.open("az")
    log_in(visits, page, staff)
    visits.visit(page, reverse("admin:partners_partner_add"))
    names = {"az": "Sınaq Mərkəzi", "en": "Test Centre", "ru": "Тестовый центр"}
    for language in LANGUAGES:
        tab(page, "name", language).fill(names[language])
    page.locator("#id_kind").select_option("academia")
    page.locator("#id_logo").set_input_files(logo)
    save_and_continue(page)
    expect(page.locator(".partner-logo-preview")).to_be_visible()

    partner = Partner.objects.get(name_az=names["az"])
    assert partner.logo and len(partner.logo_renditions) == 4
    for language in LANGUAGES:
        visitor = visits.open(language, width=375)
        with translation.override(language):
            visits.visit(visitor, partner.get_absolute_url())
            alt = partner.logo_alt
        expect(visitor.locator("h1")).to_have_text(names[language])
        image = visitor.locator(".partner__logo img")
        expect(image).to_have_attribute("alt", alt)
        assert image.evaluate("image => image.complete && image.naturalWidth > 0")


@pytest.mark.skipif(
    not apps.is_installed("axes"),
    reason="the admin login lockout (django-axes) is not installed",
)
def test_five_wrong_passwords_lock_the_login(visits, staff):
    login = reverse("admin:login")
    visits.expect_failure(login)  # the lockout answers with an error status

    def attempt(page, password):
        visits.visit(page, login)
        page.locator("#id_username").fill(staff.username)
        page.locator("#id_password").fill(password)
        with page.expect_response(lambda response: response.request.method == "POST") as sent:
            page.locator("#login-form [type=submit]").click()
        return sent.value.status

    page = visits.open("az")
    try:
        statuses = [attempt(page, "not-the-password") for _attempt in range(5)]
        assert statuses[:4] == [200] * 4  # the form again, with its error
        assert statuses[4] in (403, 429), statuses  # the lockout message
        # The login page says so, in the staff member's language (and keeps its form).
        expect(page.locator('.errornote[role="alert"]')).to_be_visible()
        # Locked out, even the right password is refused.
        assert attempt(page, PASSWORD) in (403, 429)
        visits.visit(page, reverse("admin:index"))
        expect(page).to_have_url(re.compile(re.escape(login)))
    finally:
        call_command("axes_reset", verbosity=0)
