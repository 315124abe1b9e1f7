"""
Browser tests: Debian's Chromium, driven by Playwright, against a live server that holds the
Centre's seeded content.

One Chromium serves the whole session and each test opens fresh browser contexts (their own
cookies, language, screen width, JavaScript on or off). Each module seeds the database once with
``seed_demo`` and empties it when it is done: pytest-django's ``live_server`` fixture would
bring ``transactional_db``, which empties the database after every test, and re-seeding for each
test would cost most of the suite's time. So the server is pytest-django's own ``LiveServer``,
started here.

Every page a test opens is watched: a JavaScript error, a console error (a Content-Security-Policy
violation is one) or a failed request for a script, style, font or image fails the test.
"""

import io
import os
from importlib import import_module
from pathlib import Path

# The sync Playwright API runs an asyncio event loop in the test's thread, and Django refuses
# database access from a thread with a running loop unless told that it is safe. It is: the loop
# only talks to the browser, and the test reads the database between browser steps.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test.utils import override_settings
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright
from pytest_django.live_server_helper import LiveServer

from .site_pages import PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# What a visitor's browser asks for, per site language (the Accept-Language header).
LOCALES = {"az": "az-AZ", "en": "en-GB", "ru": "ru-RU"}
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


def in_ci():
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless. In CI a browser that does not start is a failure."""
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
    except PlaywrightError as error:
        playwright.stop()
        message = (
            f"Chromium did not start from {CHROMIUM} ({error.message.splitlines()[0]}); "
            "install it with `apt-get install -y chromium`."
        )
        if in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture
def transactional_db(django_db_blocker):
    """
    Database access for browser tests, without pytest-django's emptying of the database after
    each test: the module's ``site`` fixture seeds it once and empties it at the end.

    The name is pytest-django's: a test that asks for it is one for which the test database is
    created (and run with the other transactional tests), even when only browser tests run.
    """
    with django_db_blocker.unblock():
        yield


@pytest.fixture(scope="session")
def live_site(django_db_setup, django_db_blocker):
    """
    pytest-django's live server, for the whole session. By default the system picks a free
    port; ``BROWSER_TEST_SERVER_ADDRESS`` may pin one or name a range to try
    (``localhost:8510-8519``).
    """
    host, _colon, ports = os.environ.get("BROWSER_TEST_SERVER_ADDRESS", "localhost:0").partition(
        ":"
    )
    first, _dash, last = (ports or "0").partition("-")
    with django_db_blocker.unblock():
        for port in range(int(first), int(last or first) + 1):
            try:
                server = LiveServer(f"{host}:{port}")
                break
            except OSError:  # in use (or still in TIME_WAIT from an earlier run)
                if port == int(last or first):
                    raise
    yield server
    server.stop()


def restore_roles():
    """
    The Editor and Publisher roles as the migrations make them: a flush (at the end of each
    module here, or after an earlier transactional test) empties them with everything else.
    """
    apps = MigrationLoader(connection).project_state().apps
    import_module("accounts.migrations.0001_roles").create_roles(apps, None)
    import_module("news.migrations.0002_roles").add_to_roles(apps, None)


@pytest.fixture(scope="module")
def site(live_site, django_db_blocker):
    """The live server's address, with the Centre's content loaded once for the module."""
    with (
        django_db_blocker.unblock(),
        override_settings(ROOT_URLCONF="tests.browser.urls"),
        live_site._live_server_modified_settings,
    ):
        call_command("seed_demo", stdout=io.StringIO())
        restore_roles()
        yield live_site.url
        # Leave the database as empty as the next tests expect it.
        call_command("flush", interactive=False, verbosity=0)


class Visits:
    """The browser contexts a test opens, and whatever went wrong in their pages."""

    def __init__(self, browser, base_url):
        self.browser = browser
        self.base_url = base_url
        self.contexts = []
        self.problems = []
        # Addresses the test expects to fail (a 404 page, a locked-out login).
        self.expected_failures = set()

    def open(self, language="az", *, width=1280, height=900, javascript=True):
        """A new visitor: a fresh context (no cookies) whose browser prefers ``language``."""
        context = self.browser.new_context(
            base_url=self.base_url,
            viewport={"width": width, "height": height},
            locale=LOCALES[language],
            java_script_enabled=javascript,
            accept_downloads=True,
        )
        context.set_default_timeout(15_000)
        self.contexts.append(context)
        page = context.new_page()
        self.watch(page)
        return page

    def watch(self, page):
        page.on("console", lambda message: self._console(page, message))
        page.on("pageerror", lambda error: self.problems.append(f"{page.url}: {error}"))
        page.on("response", self._response)
        page.on("requestfailed", self._request_failed)

    def expect_failure(self, path):
        """Let the next answer at ``path`` be an error (the test checks it itself)."""
        self.expected_failures.add(self.base_url + path)

    def visit(self, page, path, status=200):
        """Open ``path`` and check the status of the answer."""
        if status >= 400:
            self.expect_failure(path)
        response = page.goto(path)
        assert response is not None, path
        assert response.status == status, f"{path}: {response.status}, expected {status}"
        return response

    def _console(self, page, message):
        if message.type != "error":
            return
        source = message.location.get("url", "")
        if source in self.expected_failures and message.text.startswith("Failed to load"):
            return  # the browser's note about the error page the test asked for
        self.problems.append(f"console error on {page.url}: {message.text} ({source})")

    def _response(self, response):
        if response.status >= 400 and response.url not in self.expected_failures:
            self.problems.append(
                f"{response.status} for {response.request.resource_type} {response.url}"
            )

    def _request_failed(self, request):
        # Aborted: a request the page no longer needs (an image still loading when the visitor
        # moves on) or a download handed to the download manager. Not the server's doing.
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(f"request failed: {request.url} ({request.failure})")

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def visits(browser, site, transactional_db):
    """Opens browser pages on the seeded live site; the test fails on any page error."""
    visits = Visits(browser, site)
    yield visits
    visits.close()
    assert not visits.problems, "\n".join(visits.problems)


def save_screenshot(page, name):
    """A full-page screenshot in var/screenshots/, with every lazy image loaded first."""
    show_all_images(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def show_all_images(page):
    page.evaluate(
        """async () => {
            for (const image of document.images) image.loading = "eager";
            await Promise.all([...document.images].map(image => image.decode().catch(() => {})));
        }"""
    )


@pytest.fixture(scope="module")
def staff(site, django_db_blocker):
    """A superuser who signs in with ``site_pages.PASSWORD`` (``site_pages.log_in``)."""
    from django.contrib.auth import get_user_model

    with django_db_blocker.unblock():
        return get_user_model().objects.create_user(
            "editor", password=PASSWORD, is_staff=True, is_superuser=True
        )
