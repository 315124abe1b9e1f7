"""
The translator's view in Chromium: an Azerbaijani change made in the edit form shows, word by
word, beside the English and Russian, which are corrected there and their flags gone; the same
with the keyboard only; one language beside the Azerbaijani on a phone; no serious or critical
axe-core violation.
"""

import pytest
import reversion
from django.urls import reverse
from playwright.sync_api import expect

from centre.models import Status
from centre.translating import paragraphs
from pages.models import Page

from .conftest import save_screenshot
from .site_pages import (
    LANGUAGES,
    about_page,
    log_in,
    problems_at_width,
    save_and_continue,
    tab,
    tab_to,
)


def change_url(page):
    return reverse("admin:pages_page_change", args=[page.pk])


def translations_url(page):
    return reverse("admin:pages_page_translations", args=[page.pk])


# Selects the first word of the editor's first paragraph.
SELECT_FIRST_WORD = """box => {
    const text = document.createTreeWalker(box.querySelector("p"), NodeFilter.SHOW_TEXT).nextNode();
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, text.textContent.search(/\\s|$/));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
}"""


def replace_first_word(page, editor, word):
    """Replace the first word of a rich-text editor by ``word``, as a person types it."""
    box = editor.locator("[contenteditable=true]")
    box.focus()
    box.evaluate(SELECT_FIRST_WORD)
    settle(page)
    page.keyboard.type(word)
    expect(box.locator("p").first).to_contain_text(word)
    settle(page)


def settle(page):
    """Wait two animation frames: the editor applies some changes at the next one."""
    page.evaluate(
        "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
    )


def editor_of(page, name):
    return page.locator(".prose-editor").filter(has=page.locator(f"#id_{name}"))


def test_an_azerbaijani_change_is_marked_and_the_translations_corrected(visits, staff):
    about = about_page()
    first_word = paragraphs(about.body_az, rich=True)[0].split()[0]
    page = visits.open("en")
    log_in(visits, page, staff)

    # The Azerbaijani body changes in the edit form.
    visits.visit(page, change_url(about))
    tab(page, "body", "az")
    replace_first_word(page, editor_of(page, "body_az"), "Yenilənmiş")
    save_and_continue(page)
    about.refresh_from_db()
    assert about.body_az.startswith("<p>Yenilənmiş")
    assert about.stale_translations() == {"en": ["body"], "ru": ["body"]}

    # From the Translations page to the item's translation view.
    visits.visit(page, reverse("admin:translations"))
    row = page.locator("tr", has=page.locator(f"a[href='{change_url(about)}']"))
    row.get_by_role("link", name="Translate beside the Azerbaijani").click()
    expect(page).to_have_url(visits.base_url + translations_url(about))
    for language in ("en", "ru"):
        cell = page.locator(f"#field-body-{language}")
        expect(cell).to_contain_text("Possibly outdated")
        difference = cell.locator(".word-difference")
        expect(difference).to_have_attribute("lang", "az")
        expect(difference.locator("del")).to_have_text(f"[removed: {first_word}]")
        expect(difference.locator("ins")).to_have_text("[added: Yenilənmiş]")
        # Struck through and underlined: readable without colour.
        assert "line-through" in difference.locator("del").evaluate(
            "element => getComputedStyle(element).textDecorationLine"
        )
        assert "underline" in difference.locator("ins").evaluate(
            "element => getComputedStyle(element).textDecorationLine"
        )

    # English and Russian corrected, one field each; each flag goes.
    for language, word in (("en", "Renewed"), ("ru", "Обновлённый")):
        replace_first_word(page, editor_of(page, f"body_{language}"), word)
        cell = page.locator(f"#field-body-{language}")
        cell.get_by_role("button", name=f"Save {language.upper()}: body").click()
        expect(page.locator(".messagelist .success")).to_contain_text("The translation was saved.")
        # Nothing else was typed: no field is said to be unsaved (the editor's own way of
        # writing the stored HTML is no change).
        expect(page.locator(".messagelist .warning")).to_have_count(0)
        expect(page.locator(f"#field-body-{language}")).not_to_contain_text("Possibly outdated")
    about.refresh_from_db()
    assert about.stale_translations() == {}
    assert about.body_en.startswith("<p>Renewed") and about.body_ru.startswith("<p>Обновлённый")

    visits.visit(page, reverse("admin:translations"))
    expect(page.locator(f"#content-main a[href='{change_url(about)}']")).to_have_count(0)
    visits.visit(page, f"/en/{about.slug_en}/")
    expect(page.locator("main")).to_contain_text("Renewed")


@pytest.fixture
def stale_page(site, django_db_blocker):
    """A published page whose Azerbaijani summary changed after it was translated."""
    with django_db_blocker.unblock():
        with reversion.create_revision():
            page = Page.objects.create(
                title_az="Tərcümə yoxlaması",
                title_en="Translation check",
                title_ru="Проверка перевода",
                summary_az="Köhnə qısa mətn.",
                summary_en="Old short text.",
                summary_ru="Старый короткий текст.",
                # A link in the text: told from the words around it without colour, too.
                body_az='<p>Ətraflı: <a href="/az/">Mərkəzin saytı</a> və digərləri.</p>',
                body_en='<p>More: <a href="/en/">the Centre\'s site</a> and others.</p>',
                body_ru='<p>Подробнее: <a href="/ru/">сайт Центра</a> и другие.</p>',
                status=Status.PUBLISHED,
            )
        with reversion.create_revision():
            page.summary_az = "Yeni qısa mətn."
            page.save()
        yield page
        page.delete()


def test_with_the_keyboard_only(visits, staff, stale_page):
    page = visits.open("en")
    log_in(visits, page, staff)
    visits.visit(page, reverse("admin:translations"))
    row = page.locator("tr", has=page.locator(f"a[href='{change_url(stale_page)}']"))
    tab_to(page, row.get_by_role("link", name="Translate beside the Azerbaijani"), limit=400)
    page.keyboard.press("Enter")
    expect(page).to_have_url(visits.base_url + translations_url(stale_page))

    # English is still right: marked as checked.
    tab_to(page, page.get_by_role("button", name="Mark as checked: summary, EN"))
    page.keyboard.press("Enter")
    expect(page.locator(".messagelist .success")).to_be_visible()
    expect(page.locator("#field-summary-en")).not_to_contain_text("Possibly outdated")

    # Russian is corrected in its field and saved.
    field = page.locator("#id_summary_ru")
    tab_to(page, field, limit=200)
    page.keyboard.press("Control+A")
    page.keyboard.type("Новый короткий текст.")
    tab_to(page, page.get_by_role("button", name="Save RU: summary"), limit=10)
    page.keyboard.press("Enter")
    expect(page.locator(".messagelist .success")).to_contain_text("The translation was saved.")
    stale_page.refresh_from_db()
    assert stale_page.summary_ru == "Новый короткий текст."
    assert stale_page.stale_translations() == {}


def test_enter_in_a_field_saves_as_typed_and_checks_nothing_else(visits, staff, stale_page):
    with reversion.create_revision():
        stale_page.title_az = "Tərcümənin yoxlanışı"
        stale_page.save()
    page = visits.open("en")
    log_in(visits, page, staff)
    visits.visit(page, translations_url(stale_page))
    page.locator("#id_title_ru").fill("Проверка")
    page.locator("#id_title_ru").press("Enter")
    expect(page.locator(".messagelist .success")).to_be_visible()
    stale_page.refresh_from_db()
    assert stale_page.title_ru == "Проверка"
    # The form's first field (the English title) was not saved as checked: still flagged.
    assert stale_page.stale_translations() == {"en": ["title", "summary"], "ru": ["summary"]}


# The colour of the admin's default button (its Save), as the browser computes it.
DEFAULT_BUTTON = """() => {
    const probe = document.createElement("div");
    probe.style.backgroundColor = "var(--default-button-bg)";
    document.body.append(probe);
    const colour = getComputedStyle(probe).backgroundColor;
    probe.remove();
    return colour;
}"""


def test_save_all_looks_like_the_admins_save_button(visits, staff, stale_page):
    page = visits.open("en")
    log_in(visits, page, staff)
    visits.visit(page, translations_url(stale_page))
    save_all = page.get_by_role("button", name="Save all")
    colour = save_all.evaluate("button => getComputedStyle(button).backgroundColor")
    assert colour == page.evaluate(DEFAULT_BUTTON)


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_language_beside_the_azerbaijani_on_a_phone_and_no_axe_violations(
    visits, staff, stale_page, language
):
    page = visits.open(language, width=390)
    log_in(visits, page, staff)
    visits.visit(page, translations_url(stale_page))
    english, russian = page.locator("#field-summary-en"), page.locator("#field-summary-ru")
    expect(english).to_be_visible()
    expect(russian).to_be_hidden()
    page.locator("#pair-en").focus()
    page.keyboard.press("ArrowRight")  # the next choice of the radio group
    expect(russian).to_be_visible()
    expect(english).to_be_hidden()
    found = problems_at_width(page, 390)
    save_screenshot(page, f"admin-translations-390-{language}")
    found += problems_at_width(page, 1280)
    save_screenshot(page, f"admin-translations-1280-{language}")
    # Three columns side by side on a desktop.
    expect(english).to_be_visible()
    expect(russian).to_be_visible()
    assert not found, "\n".join(found)
