import pytest
from django.core.cache import cache
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
