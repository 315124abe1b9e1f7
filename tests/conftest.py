import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test.utils import override_settings
from django.utils import translation

from pages.seed import seed as seed_pages


@pytest.fixture(autouse=True)
def _default_language():
    # Tests that activate a language must not leak it into the next test.
    with translation.override("az"):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    # What every page shows (the menu, the footer) is kept per page cache generation: a staff
    # write through the admin ends it. Tests write through the ORM, each on a fresh site.
    cache.clear()


@pytest.fixture
def seeded(db):
    """The Centre's real content, as ``make run`` loads it."""
    seed_pages()


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_user(
        "editor", password="a-long-test-password", is_staff=True, is_superuser=True
    )
    client.force_login(user)
    return client


@pytest.fixture
def media(settings, tmp_path):
    """A fresh, empty MEDIA_ROOT for tests that upload files and look at what is stored."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


# Static files as production stores them: hashed names, gzip and Brotli copies.
PRODUCTION_STATIC_STORAGE = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """The static files collected as production does, once a test run (it takes seconds)."""
    static_root = tmp_path_factory.mktemp("static")
    storages = {**settings.STORAGES, "staticfiles": PRODUCTION_STATIC_STORAGE}
    with override_settings(STATIC_ROOT=static_root, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    return static_root


@pytest.fixture
def production_static(collected_static):
    """Pages rendered during the test link the collected, hashed static files."""
    storages = {**settings.STORAGES, "staticfiles": PRODUCTION_STATIC_STORAGE}
    with override_settings(STATIC_ROOT=collected_static, STORAGES=storages):
        yield collected_static


@pytest.fixture
def page_cache(settings):
    """The public page cache on (as in production), empty at the start and at the end."""
    from django.core.cache import caches

    from centre import cache

    settings.PUBLIC_CACHE_SECONDS = 600
    caches["default"].clear()
    cache.invalidate()
    yield
    caches["default"].clear()
