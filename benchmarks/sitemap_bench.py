"""
The sitemap with the page cache on and off, in one process (Django's test client): ms a request,
Python calls a request (a figure that does not move with the machine's load), SQL queries, size.

    DATABASE_URL=postgres://… .venv/bin/python benchmarks/sitemap_bench.py

Run on a database filled by ``manage.py generate_content`` (benchmarks/README.md). *miss* is the
first request after a new page cache generation (render and store), *hit* the next ones, *all
pages* every page of a sitemap read once after a staff save, as a crawler does.
"""

import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "centre.settings")
os.environ["DJANGO_ENV_FILE"] = ""
os.environ.setdefault("DJANGO_SECRET_KEY", "sitemap-bench-" + "x" * 40)
os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
os.environ["DJANGO_HTTPS"] = "0"
os.environ["DJANGO_DEBUG"] = "0"
os.environ["CACHE_DIR"] = tempfile.mkdtemp(prefix="sitemap-bench-")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from centre import cache  # noqa: E402

TIMES = 7


def get(client, url):
    response = client.get(url)
    if response.status_code != 200:
        sys.exit(f"{url} answered {response.status_code}")
    return response


def calls(client, url):
    profile = cProfile.Profile()
    profile.enable()
    get(client, url)
    profile.disable()
    return pstats.Stats(profile).total_calls


def median_ms(client, url, before=None):
    times = []
    for _ in range(TIMES):
        if before:
            before()
        start = time.perf_counter()
        get(client, url)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def row(name, url, client):
    settings.PUBLIC_CACHE_SECONDS = 0
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)
    ):
        response = get(client, url)
    off = median_ms(client, url)
    off_calls = calls(client, url)
    settings.PUBLIC_CACHE_SECONDS = 3600
    miss = median_ms(client, url, before=cache.invalidate)
    get(client, url)
    hit = median_ms(client, url)
    hit_calls = calls(client, url)
    print(
        f"| {name} | {len(response.content) // 1024} KB | {len(queries)} | {off:.1f} | "
        f"{off_calls:,} | {miss:.1f} | {hit:.2f} | {hit_calls:,} |"
    )


def every_page(client, section):
    """Every page of a section, cold (after a new generation), as a crawler reads them."""
    settings.PUBLIC_CACHE_SECONDS = 3600
    cache.invalidate()
    start = time.perf_counter()
    pages = 0
    while True:
        response = client.get(f"/sitemap-{section}.xml?p={pages + 1}")
        if response.status_code != 200:
            break
        pages += 1
    return pages, (time.perf_counter() - start) * 1000


# Unhashed static files: the 404 past a sitemap's last page needs no collectstatic.
@override_settings(
    STORAGES={
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
)
def main():
    client = Client()
    print(f"backend: {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}")
    print("| page | size | queries | off ms | off calls | miss ms | hit ms | hit calls |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    row("index", "/sitemap.xml", client)
    row("pages, page 1", "/sitemap-pages.xml", client)
    row("publications, page 1", "/sitemap-publications.xml", client)
    row("publications, page 2", "/sitemap-publications.xml?p=2", client)
    for section in ("pages", "partners", "publications"):
        pages, ms = every_page(client, section)
        print(f"all {pages} pages of {section}, cold: {ms:.0f} ms")


if __name__ == "__main__":
    main()
