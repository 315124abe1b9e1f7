"""The public page types of the seeded site, and where each is in each language."""

from pathlib import Path
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from pages.models import Page
from partners.models import Partner
from publications.models import Publication
from publications.seed import samples

LANGUAGES = ["az", "en", "ru"]
# The password of the staff accounts browser tests sign in with.
PASSWORD = "a-long-test-password"
# A word each language's visitor would type that finds the research document. In Azerbaijani,
# "inqilab" must find "İnqilabı" (Turkic casing, word prefixes).
SEARCH_WORDS = {"az": "inqilab", "en": "revolution", "ru": "революции"}
# Words of the research document's title, as a visitor types them ("həll": həlləri); a word the
# whole site shares, such as "inqilab", fills the first page of results with news and pages.
RESEARCH_WORDS = {"az": "uğurlu həll", "en": "successful solutions", "ru": "успешные решения"}
NOTHING_TO_FIND = "zyxwvq"


def research_document():
    # The research document is the first sample of the seed content (content/publications.json).
    return Publication.objects.get(slug_az=samples()[0]["slug"]["az"])


def about_page():
    return Page.objects.get(slug_az="merkez-haqqinda", parent=None)


def network_centre():
    return Partner.objects.get(slug_az="turkiye-dorduncu-senaye-inqilabi-merkezi")


def _search(words):
    return f"{reverse('search')}?{urlencode({'q': words})}"


# name: (address in the active language, the status it answers with)
PAGE_TYPES = {
    "home": lambda language: (reverse("pages:home"), 200),
    "page": lambda language: (about_page().get_absolute_url(), 200),
    "page-timeline": lambda language: (
        Page.objects.get(slug_az="tarixce").get_absolute_url(),
        200,
    ),
    "partners": lambda language: (reverse("partners:list"), 200),
    "partner": lambda language: (network_centre().get_absolute_url(), 200),
    "publications": lambda language: (reverse("publications:list"), 200),
    "publication": lambda language: (research_document().get_absolute_url(), 200),
    "search": lambda language: (_search(SEARCH_WORDS[language]), 200),
    "search-nothing-found": lambda language: (_search(NOTHING_TO_FIND), 200),
    "not-found": lambda language: (f"/{language}/no-such-page/at-all/", 404),
}


def address(page_type, language):
    """``(path, status)`` of ``page_type`` for a visitor reading ``language``."""
    with translation.override(language):
        return PAGE_TYPES[page_type](language)


OTHER_LANGUAGE = {"az": "en", "en": "ru", "ru": "az"}


def check_download(download, publication_file):
    """The download completed, has a readable .pdf name and the stored file's bytes."""
    assert download.failure() is None
    assert download.suggested_filename.endswith(".pdf")
    with publication_file.file.storage.open(publication_file.file.name, "rb") as stored:
        assert Path(download.path()).read_bytes() == stored.read()


def log_in(visits, page, user):
    visits.visit(page, reverse("admin:index"))
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#login-form [type=submit]").click()
    expect(page).to_have_url(visits.base_url + reverse("admin:index"))


def tab(page, field, language):
    """The admin form's tab of ``field`` in ``language`` (modeltranslation's tabs)."""
    page.locator(f"a[href='#tab_id_{field}_{language}']").click()
    return page.locator(f"#id_{field}_{language}")


def save_and_continue(page):
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()


BLOCKING = {"serious", "critical"}


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['failureSummary']}")
    return "\n".join(lines)


# Whether the focused element shows a ring: an outline at least 2px wide, or a box shadow.
FOCUS_RING = """() => {
    const style = getComputedStyle(document.activeElement);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    return outline || style.boxShadow !== "none";
}"""


def tab_to(page, locator, limit=120):
    """Press Tab until ``locator`` has the focus, and check that it shows where it is."""
    target = locator.element_handle()
    for _press in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("element => element === document.activeElement", target):
            assert page.evaluate(FOCUS_RING), f"no visible focus ring on {locator}"
            expect(locator).to_be_in_viewport()
            return
    raise AssertionError(f"{locator} is not reachable with Tab")


SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def problems_at_width(page, width):
    """At ``width``: serious or critical axe-core violations, and any sideways scrolling."""
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size({"width": width, "height": 900})
    found = []
    violations = [v for v in Axe().run(page).response["violations"] if v["impact"] in BLOCKING]
    if violations:
        found.append(f"at {width}px:\n{describe(violations)}")
    overflow = page.evaluate(SIDEWAYS)
    if overflow > 0:
        found.append(f"scrolls sideways by {overflow}px at {width}px")
    return found
