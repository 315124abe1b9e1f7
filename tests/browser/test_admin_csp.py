"""
The admin works under the site's Content-Security-Policy: logging in, the language tabs
(jQuery UI), the rich-text editor (an ES module behind an inline import map with the request's
nonce), saving. Chromium must report no policy violation and no JavaScript error on the way.
"""

import os
import re
from pathlib import Path

import pytest

# tests/browser/conftest.py keeps the database between tests for the seeded site; these tests
# make their own data, so they take back pytest-django's emptying after each test.
from pytest_django.fixtures import transactional_db  # noqa: F401

from centre.models import Status
from pages.models import Page
from partners.models import Partner
from publications.models import Publication

from ..factories import make_page, make_partner, make_publication

# The sync Playwright API runs an event loop in this thread; the live server's database calls
# from the test itself are still synchronous.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's Chromium"),
]

PASSWORD = "a-long-browser-test-password"
# Collects what the page itself reports; Playwright's init scripts run whatever the policy says.
WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


class Console:
    """Everything that went wrong in the browser: console errors, page errors, violations."""

    def __init__(self, page):
        self.page, self.problems = page, []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))

    def _console(self, message):
        if message.type in ("error", "warning") or "Content Security Policy" in message.text:
            self.problems.append(f"console {message.type}: {message.text}")

    def check(self, where):
        violations = self.page.evaluate("window.__cspViolations || []")
        problems = self.problems + [f"CSP violation: {v}" for v in violations]
        self.problems = []
        assert not problems, f"{where}: {problems}"


@pytest.fixture
def admin_page(browser, live_server, django_user_model):
    django_user_model.objects.create_superuser("chief", "chief@example.org", PASSWORD)
    context = browser.new_context(locale="en-GB", java_script_enabled=True)
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(15_000)
    console = Console(page)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", PASSWORD)
    page.click("#login-form [type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))
    console.check("login")
    yield page, console, live_server.url
    context.close()


def fill(page, field, language, value):
    """Switch the field's language tab (jQuery UI), then type into it."""
    page.click(f'.ui-tabs-nav a[href="#tab_id_{field}_{language}"]')
    page.fill(f"#id_{field}_{language}", value)


def type_bold(page, field, language, text):
    """Type bold text into the rich-text editor of ``field`` in ``language``."""
    page.click(f'.ui-tabs-nav a[href="#tab_id_{field}_{language}"]')
    editor = page.locator(f"#tab_id_{field}_{language} .tiptap[contenteditable=true]")
    editor.click()
    page.keyboard.press("Control+B")
    page.keyboard.type(text)
    page.keyboard.press("Control+B")


def open_form(page, console, url, where):
    page.goto(url)
    page.wait_for_selector(".ui-tabs-nav")
    console.check(where)


def save(page, console, where):
    page.click('input[name="_save"]')
    page.wait_for_selector(".messagelist .success, .errornote")
    assert not page.locator(".errornote").count(), page.locator(".errorlist").all_inner_texts()
    console.check(where)


def test_page_forms(admin_page):
    page, console, base = admin_page
    open_form(page, console, f"{base}/admin/pages/page/add/", "page add form")
    fill(page, "title", "az", "Brauzer səhifəsi")
    fill(page, "title", "en", "Browser page")
    assert not page.locator("#id_title_az").is_visible()
    type_bold(page, "body", "az", "Qalın mətn")
    save(page, console, "page saved")
    saved = Page.objects.get(title_az="Brauzer səhifəsi")
    assert "<strong>Qalın mətn</strong>" in saved.body_az
    assert saved.title_en == "Browser page"

    open_form(page, console, f"{base}/admin/pages/page/{saved.pk}/change/", "page change form")
    fill(page, "title", "ru", "Страница браузера")
    save(page, console, "page changed")
    assert Page.objects.get(pk=saved.pk).title_ru == "Страница браузера"

    page.goto(f"{base}/admin/pages/page/{saved.pk}/history/")
    console.check("page history")
    page.locator("#change-history a").last.click()
    page.wait_for_selector(".ui-tabs-nav")
    console.check("page earlier version")


def test_partner_forms(admin_page):
    page, console, base = admin_page
    open_form(page, console, f"{base}/admin/partners/partner/add/", "partner add form")
    fill(page, "name", "az", "Brauzer tərəfdaşı")
    fill(page, "name", "en", "Browser partner")
    page.select_option("#id_kind", "academia")
    type_bold(page, "description", "az", "Qalın")
    save(page, console, "partner saved")
    partner = Partner.objects.get(name_az="Brauzer tərəfdaşı")
    assert "<strong>Qalın</strong>" in partner.description_az

    existing = make_partner("Mövcud tərəfdaş")
    open_form(page, console, f"{base}/admin/partners/partner/{existing.pk}/change/", "partner")
    fill(page, "name", "ru", "Существующий партнёр")
    save(page, console, "partner changed")
    assert Partner.objects.get(pk=existing.pk).name_ru == "Существующий партнёр"


def test_publication_forms(admin_page):
    page, console, base = admin_page
    open_form(page, console, f"{base}/admin/publications/publication/add/", "publication add")
    fill(page, "title", "az", "Brauzer nəşri")
    fill(page, "title", "en", "Browser publication")
    # The admin's calendar shortcuts are scripts too.
    page.click(".field-publication_date .datetimeshortcuts a >> nth=0")
    assert page.input_value("#id_publication_date")
    save(page, console, "publication saved")
    publication = Publication.objects.get(title_az="Brauzer nəşri")
    assert publication.status == Status.DRAFT

    existing = make_publication("Mövcud nəşr", files=["az"])
    url = f"{base}/admin/publications/publication/{existing.pk}/change/"
    open_form(page, console, url, "publication change form")
    fill(page, "title", "ru", "Существующая публикация")
    save(page, console, "publication changed")
    assert Publication.objects.get(pk=existing.pk).title_ru == "Существующая публикация"


def test_public_pages_run_no_script_and_break_no_rule(browser, live_server):
    make_page("Ana səhifə", is_home=True)
    make_publication("Nəşr", files=["az"])
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    console = Console(page)
    for path in ("/az/", "/en/publications/", "/az/axtaris/?q=nesr"):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        policy = response.headers["content-security-policy"]
        assert "'unsafe-inline'" not in policy and "nonce-" not in policy
        assert page.locator("main").count() == 1
        assert not console.problems, (path, console.problems)
    context.close()


def test_two_factor_setup_and_lockout_pages(admin_page, browser):
    page, console, base = admin_page
    page.goto(f"{base}/admin/two-factor/")
    page.wait_for_selector(".two-factor-qr svg")
    console.check("two-factor set-up page")
    assert page.locator("#id_otp_token").is_visible()

    context = browser.new_context(locale="ru-RU")
    context.add_init_script(WATCH_VIOLATIONS)
    visitor = context.new_page()
    visitor_console = Console(visitor)
    for _attempt in range(6):
        visitor.goto(f"{base}/admin/login/")
        visitor.fill("#id_username", "chief")
        visitor.fill("#id_password", "wrong")
        visitor.click("#login-form [type=submit]")
    assert "Слишком много неудачных попыток входа" in visitor.locator(".errornote").inner_text()
    # The 429 itself is reported by Chromium as a failed resource; nothing else may be.
    visitor_console.problems = [p for p in visitor_console.problems if "429" not in p]
    visitor_console.check("lockout page")
    context.close()
