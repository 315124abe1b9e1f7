"""Settings for the test suite: the real settings, with fast hashing and throw-away storage.

DATABASE_URL still decides the database, so the same suite runs on SQLite and PostgreSQL.
"""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# The test client and the live test server speak plain HTTP.
os.environ.setdefault("DJANGO_HTTPS", "0")

from centre.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Most tests change content through the ORM and look at it at once: the page cache is turned on
# by the tests about it (tests/test_page_cache.py).
PUBLIC_CACHE_SECONDS = 0
MEDIA_ROOT = tempfile.mkdtemp(prefix="centre-test-media-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="centre-test-private-")
STORAGES["publications"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405
# The manifest exists only after collectstatic; tests/test_static.py checks that path on its own.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
STATIC_ROOT = tempfile.mkdtemp(prefix="centre-test-static-")
