"""
Hostile requests against every public URL pattern: never a 500, never a way off the site.

The patterns are read from the URLconf (everything outside the admin), and each one gets real
addresses from the demo content in every language, so detail views resolve to real objects and
the hostile variants reach the code behind them. A pattern added without an address here fails
``test_every_public_pattern_has_real_addresses``. The module runs on SQLite and on PostgreSQL
(which refuses NUL characters, so it is where NUL bytes matter).
"""

import io
import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.http import QueryDict
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.utils import translation
from django.utils.datastructures import MultiValueDict

from centre import cache
from centre.i18n import language_codes
from news.models import NewsItem
from pages.models import Page
from partners.models import Partner
from publications.models import Publication, PublicationType

from .factories import make_publication

pytestmark = pytest.mark.django_db

HOST = "testserver"

# What every answer must be: a page, a redirect that stays on the site, or a client error.
ALLOWED_STATUSES = {200, 206, 301, 302, 304, 400, 403, 404, 405, 412, 416}

ODD_LANGUAGE_PREFIXES = [
    "xx",
    "AZ",
    "Az",
    "EN",
    "az-AZ",
    "en-us",
    "zz-ZZ",
    "a" * 5000,
    "%ff%fe",
    quote("😀"),
    quote("\u202eza"),
]
ODD_ACCEPT_LANGUAGES = [
    "a" * 5000,
    "en-" * 2000,
    "az;q=" + "9" * 5000,
    "*",
    "xx-YY-ZZ, ;q=abc, ,,,",
    "ru;q=-1, en;q=1e9",
    "\u202eur",
]
# Replacements for every part of an address that names an object (slug, path, number).
ODD_SLUGS = [
    "a" * 5000,
    quote("😀🚀"),
    quote("\u202egnp.exe"),
    quote("مرحبا-שלום"),
    "%ff%fe",
    "%2e%2e",
    quote("İnqilab-ƏŞĞ"),
    "0",
    "9" * 30,
]
ODD_PAGE_NUMBERS = ["abc", "-1", "0", "1e9", "9" * 30, "%ff%fe", "1.5", "", "%D9%A1", "2&page=x"]
# Query parameters some view reads; those actually read are added per address (see below).
KNOWN_PARAMETERS = [
    "q",
    "page",
    "p",
    "type",
    "technology",
    "sector",
    "year",
    "language",
    "kind",
    "next",
]
OFF_SITE_TARGETS = [
    "//evil.example",
    "///evil.example/",
    "////evil.example",
    "https://evil.example/",
    "http:/evil.example",
    "https:evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\t/evil.example",
    " //evil.example",
    "%2F%2Fevil.example",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "http://testserver@evil.example/",
    "http://evil.example\\@testserver/",
]
MALFORMED_RANGES = [
    "bytes=abc",
    "bytes=5-1",
    "bytes=--1",
    "bytes=1-2-3",
    "bytes=-",
    "bytes=",
    "bytes",
    "=0-1",
    "items=0-10",
    "bytes=0-0,1-1,2-2",
    "bytes=0x10-0x20",
    "bytes=١-٢",
    "bytes=" + "9" * 5000 + "-",
    "bytes=-" + "9" * 5000,
    "bytes=0-" + "9" * 5000,
    "bytes=" + "0-1," * 2000,
    "bytes=-0",
    "bytes=999999999-",
    "bytes= 0 - 9 ",
    "\u202ebytes=0-9",
]


# ---- The public URL patterns, and real addresses for each -------------------------------


def public_patterns():
    """``{key: route}`` for every URL pattern outside the admin (key: its name, else route)."""
    found = {}

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if pattern.app_name == "admin":
                    continue
                inner = pattern.namespace or namespace
                walk(pattern.url_patterns, route, inner)
            elif not route.startswith("admin/"):
                name = pattern.name and (
                    f"{namespace}:{pattern.name}" if namespace else pattern.name
                )
                found[name or route] = route

    walk(get_resolver().url_patterns, "", None)
    return found


@dataclass
class Site:
    addresses: dict  # pattern key -> [path in each language]

    @property
    def downloads(self):
        return self.addresses["publications:download"]

    def all_paths(self):
        return [path for paths in self.addresses.values() for path in paths]


def real_addresses():
    """One real address per public pattern and language, from the demo content."""
    page = Page.objects.published().filter(parent__isnull=False).first()
    partner = Partner.objects.active().exclude(logo="").first()
    publication = Publication.objects.published().filter(files__isnull=False).first()
    pdf = publication.files.first()
    # The seed's publications are samples, which have no citation: a real one's address.
    cited = (
        Publication.objects.published()
        .exclude(publication_type=PublicationType.SAMPLE)
        .filter(files__isnull=False)
        .first()
    )
    event = NewsItem.objects.published().events().first()
    builders = {
        "pages:home": lambda: reverse("pages:home"),
        "pages:detail": page.get_absolute_url,
        "partners:list": lambda: reverse("partners:list"),
        "partners:detail": partner.get_absolute_url,
        # The former Azerbaijani address (a 301 to the current one), in Azerbaijani only.
        "partners-former-list": lambda: "/az/partnyorlar/",
        "partners-former-detail": lambda: f"/az/partnyorlar/{partner.slug_az}/",
        "publications:list": lambda: reverse("publications:list"),
        "publications:rss": lambda: reverse("publications:rss"),
        "publications:atom": lambda: reverse("publications:atom"),
        "publications:download": pdf.get_absolute_url,
        "publications:detail": publication.get_absolute_url,
        "publications:citation-bibtex": lambda: reverse(
            "publications:citation-bibtex", kwargs={"slug": cited.slug}
        ),
        "publications:citation-ris": lambda: reverse(
            "publications:citation-ris", kwargs={"slug": cited.slug}
        ),
        "news:list": lambda: reverse("news:list"),
        "news:rss": lambda: reverse("news:rss"),
        "news:atom": lambda: reverse("news:atom"),
        "news:calendar-feed": lambda: reverse("news:calendar-feed"),
        "news:detail": event.get_absolute_url,
        "news:calendar": event.get_calendar_url,
        "search": lambda: reverse("search") + "?q=inqilab",
        "set_language": lambda: reverse("set_language"),
        "favicon.ico": lambda: "/favicon.ico",
        "robots": lambda: reverse("robots"),
        "healthz": lambda: reverse("healthz"),
        "sitemap": lambda: reverse("sitemap"),
        "sitemap-section": lambda: reverse("sitemap-section", kwargs={"section": "pages"}),
        # An uploaded image, at its owner's address (centre.files).
        "media-file": lambda: partner.logo.url,
    }
    addresses = {}
    for key in public_patterns():
        if key not in builders:
            addresses[key] = None
            continue
        paths = []
        for code in language_codes():
            with translation.override(code):
                path = builders[key]()
            if path not in paths:
                paths.append(path)
        addresses[key] = paths
    return Site(addresses=addresses)


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """The demo content (seed_demo) for the whole module, rolled back at its end."""
    with django_db_blocker.unblock():
        block = transaction.atomic()
        block.__enter__()
        try:
            call_command("seed_demo", stdout=io.StringIO())
            make_publication("Hesabat", publication_type=PublicationType.REPORT, files=("az",))
            yield real_addresses()
        finally:
            transaction.set_rollback(True)
            block.__exit__(None, None, None)


def addresses_of(key):
    """Parametrisation helper: the test receives the key; the fixture gives the paths."""
    return pytest.param(key, id=key.replace("/", "_") or "root")


PATTERN_KEYS = [addresses_of(key) for key in public_patterns()]


# ---- Checking one answer -----------------------------------------------------------------


def on_site(location):
    """True for a redirect target that stays on this site, however a browser reads it."""
    if not location or any(char in location for char in "\\\t\r\n"):
        return False
    parts = urlsplit(location)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return False
    if parts.netloc or location.startswith("//"):
        return parts.netloc == HOST
    return True  # a path, absolute or relative to the current address


def problems(response, description, expected=None):
    """What is wrong with ``response`` (an empty list when it is fine)."""
    found = []
    status = response.status_code
    if status >= 500 or status not in ALLOWED_STATUSES:
        found.append(f"{description}: status {status}")
    if expected is not None and status not in expected:
        found.append(f"{description}: status {status}, expected {sorted(expected)}")
    if 300 <= status < 400 and not on_site(response.get("Location", "")):
        found.append(f"{description}: redirect off the site to {response.get('Location')!r}")
    if status == 405 and "GET" not in response.get("Allow", ""):
        found.append(f"{description}: 405 without an Allow header naming GET")
    return found


def send(client, method, path, **extra):
    """A request as a real server would pass it: the path is not cleaned up by the client."""
    raw_path, _, query = path.partition("?")
    return client.generic(method, raw_path, QUERY_STRING=query, **extra)


def baseline(client, path):
    return send(client, "GET", path).status_code


def assert_no_problems(found):
    assert not found, f"{len(found)} problem(s):\n" + "\n".join(found[:40])


# ---- The patterns --------------------------------------------------------------------------


def test_every_public_pattern_has_real_addresses(site):
    missing = [key for key, paths in site.addresses.items() if not paths]
    assert not missing, f"give these URL patterns real addresses in real_addresses(): {missing}"


@pytest.mark.parametrize("key", PATTERN_KEYS)
def test_the_real_addresses_answer(client, site, key):
    found = []
    for path in site.addresses[key] or []:
        found += problems(send(client, "GET", path), path, expected={200, 301, 302})
    assert_no_problems(found)


# ---- Languages ------------------------------------------------------------------------------


def with_prefix(path, prefix):
    """``path`` under another language prefix (or under one, if it has none)."""
    parts = path.split("/", 2)
    if len(parts) > 2 and parts[1] in language_codes():
        return f"/{prefix}/{parts[2]}"
    return f"/{prefix}{path}"


@pytest.mark.parametrize("key", PATTERN_KEYS)
def test_unknown_and_odd_language_prefixes_are_404(client, site, key):
    found = []
    for path in site.addresses[key] or []:
        for prefix in ODD_LANGUAGE_PREFIXES:
            hostile = with_prefix(path, prefix)
            found += problems(send(client, "GET", hostile), hostile[:120], expected={404})
    assert_no_problems(found)


@pytest.mark.parametrize("key", [*PATTERN_KEYS, pytest.param(None, id="root")])
def test_odd_accept_language_headers(client, site, key):
    found = []
    for path in (site.addresses[key] or [])[:1] if key else ["/"]:
        expected = {baseline(client, path)}
        for header in ODD_ACCEPT_LANGUAGES:
            response = send(client, "GET", path, HTTP_ACCEPT_LANGUAGE=header)
            found += problems(response, f"{path} Accept-Language {header[:30]!r}", expected)
    assert_no_problems(found)


def test_root_redirects_to_a_language_whatever_the_header(client, site):
    for header in ODD_ACCEPT_LANGUAGES:
        response = send(client, "GET", "/", HTTP_ACCEPT_LANGUAGE=header)
        assert response.status_code == 302
        assert response["Location"] in {f"/{code}/" for code in language_codes()}


def test_odd_language_cookies(client, site):
    for value in ["xx", "AZ", "a" * 5000, '"\\000az"', "%ff%fe", '"\\"']:
        response = send(client, "GET", "/", HTTP_COOKIE=f"django_language={value}")
        assert response.status_code == 302
        assert response["Location"] in {f"/{code}/" for code in language_codes()}


# ---- Addresses of objects -------------------------------------------------------------------


def object_parts(path):
    """The parts of ``path`` that name an object (the resolved URL's arguments), quoted."""
    path = path.partition("?")[0]
    prefix = path.split("/")[1]
    with translation.override(prefix if prefix in language_codes() else None):
        match = resolve(path)
    values = [str(value) for value in match.kwargs.values()]
    return [quote(value, safe="/") for value in values if value]


@pytest.mark.parametrize("key", PATTERN_KEYS)
def test_long_emoji_and_right_to_left_slugs(client, site, key):
    found = []
    for path in site.addresses[key] or []:
        for part in object_parts(path):
            for odd in ODD_SLUGS:
                head, _, tail = path.rpartition(part)
                hostile = f"{head}{odd}{tail}"
                found += problems(send(client, "GET", hostile), hostile[:120])
                # The same inside a longer path, and as a whole path segment of its own.
                hostile = f"{head}{odd}/{odd}{tail}"
                found += problems(send(client, "GET", hostile), hostile[:120])
    assert_no_problems(found)


@pytest.mark.parametrize("key", PATTERN_KEYS)
def test_broken_percent_encoding_anywhere(client, site, key):
    found = []
    for path in site.addresses[key] or []:
        base, _, query = path.partition("?")
        for hostile in [
            base + "%ff%fe",
            base + "%ff%fe/",
            base + "%",
            base + "%zz/",
            f"{base}?%ff%fe=%ff%fe&{query}",
            f"{base}?{query}&q=%ff%fe%c3%28",
        ]:
            found += problems(send(client, "GET", hostile), hostile[:120])
    assert_no_problems(found)


# ---- Page numbers -------------------------------------------------------------------------


@pytest.mark.parametrize("key", PATTERN_KEYS)
def test_invalid_page_numbers_show_a_page(client, site, key):
    found = []
    # Page numbers are read the same way in every language: the first address will do.
    for path in (site.addresses[key] or [])[:1]:
        expected = {baseline(client, path)}
        separator = "&" if "?" in path else "?"
        for number in ODD_PAGE_NUMBERS:
            for name in ("page", "p"):
                hostile = f"{path}{separator}{name}={number}"
                if key == "sitemap-section" and name == "p":
                    # Django's sitemap answers a page that does not exist with 404.
                    found += problems(send(client, "GET", hostile), hostile, {200, 404})
                else:
                    found += problems(send(client, "GET", hostile), hostile, expected)
    assert_no_problems(found)


@pytest.mark.parametrize("number", ODD_PAGE_NUMBERS)
def test_search_with_invalid_page_numbers(client, site, number):
    response = send(client, "GET", f"{reverse('search')}?q=inqilab&page={number}")
    assert response.status_code == 200
    assert response.context["page_obj"].number >= 1


# ---- Methods --------------------------------------------------------------------------------


WRITING_METHODS = ["POST", "PUT", "DELETE", "PATCH"]


@pytest.mark.parametrize("key", PATTERN_KEYS)
def test_public_views_refuse_writing_methods_with_405_and_allow(client, site, key):
    found = []
    for path in site.addresses[key] or []:
        for method in WRITING_METHODS:
            if key == "set_language" and method == "POST":
                continue  # its very purpose (see the open-redirect tests)
            response = send(client, method, path)
            found += problems(response, f"{method} {path}", expected={405})
            if method in response.get("Allow", ""):
                found.append(f"{method} {path}: Allow names the refused method")
        response = send(client, "HEAD", path)
        # A file (a logo served from media) answers with a streaming response.
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if response.status_code >= 500 or body:
            found.append(f"HEAD {path}: status {response.status_code}, body of {len(body)}")
    assert_no_problems(found)


@pytest.mark.parametrize("key", PATTERN_KEYS)
def test_writing_methods_without_a_csrf_token_are_still_405(site, key):
    """As curl or a bot sends them: the CSRF check does not answer for a view that refuses."""
    client = Client(enforce_csrf_checks=True)
    found = []
    for path in site.addresses[key] or []:
        for method in WRITING_METHODS:
            # Only the language switcher takes a POST, and then it wants its token.
            expected = {403} if key == "set_language" and method == "POST" else {405}
            found += problems(send(client, method, path), f"{method} {path}", expected)
    assert_no_problems(found)


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/az/", "Bu ünvanda mümkün deyil"),
        ("/en/publications/", "Not possible at this address"),
        ("/ru/partnery/", "Невозможно по этому адресу"),
    ],
)
def test_the_405_page_says_why_in_the_language_of_the_address(site, path, heading):
    response = Client(enforce_csrf_checks=True).post(path)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert heading in response.text
    assert response["Content-Length"] == str(len(response.content))


def test_a_form_sent_without_its_token_says_so_in_the_visitors_language(site):
    response = Client(enforce_csrf_checks=True).post(
        "/i18n/setlang/", {"language": "en"}, HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert response.status_code == 403
    assert "Форма устарела" in response.text


def test_unknown_methods_are_405(client, site):
    for path in site.all_paths():
        for method in ["FOO", "TRACE", "CONNECT", "PROPFIND"]:
            assert send(client, method, path).status_code == 405, (method, path)


# ---- Open redirects -----------------------------------------------------------------------


@pytest.mark.parametrize("target", OFF_SITE_TARGETS)
def test_set_language_never_redirects_off_the_site(client, site, target):
    found = []
    url = reverse("set_language")
    for code in language_codes():
        data = {"language": code, "next": target}
        found += problems(client.post(url, data), f"POST next={target!r}", expected={302})
        found += problems(client.get(url, data), f"GET next={target!r}", expected={302})
        # Without "next", Django falls back to the Referer header.
        response = client.post(url, {"language": code}, headers={"referer": target})
        found += problems(response, f"Referer {target!r}", expected={302})
    assert_no_problems(found)


def test_set_language_still_leads_to_the_same_page_in_the_new_language(client, site):
    az, en, _ru = site.addresses["partners:list"]
    response = client.post(reverse("set_language"), {"language": "en", "next": az})
    assert response.status_code == 302
    assert response["Location"] == en


def parameters_read(client, path, monkeypatch):
    """The query parameters the view behind ``path`` reads (recorded during a request)."""
    names = set()
    real_get, real_getitem, real_getlist = (
        MultiValueDict.get,
        MultiValueDict.__getitem__,
        MultiValueDict.getlist,
    )

    def recording(real):
        def read(self, key, *args, **kwargs):
            if isinstance(self, QueryDict):
                names.add(key)
            return real(self, key, *args, **kwargs)

        return read

    with monkeypatch.context() as patch:
        patch.setattr(MultiValueDict, "get", recording(real_get))
        patch.setattr(MultiValueDict, "__getitem__", recording(real_getitem))
        patch.setattr(MultiValueDict, "getlist", recording(real_getlist))
        send(client, "GET", path)
    return {name for name in names if isinstance(name, str)}


@pytest.mark.parametrize("key", PATTERN_KEYS)
def test_every_parameter_a_cached_page_reads_is_declared(client, site, key, monkeypatch, settings):
    """The page cache keeps a page per parameter a view declares (centre.cache), no other."""
    for path in (site.addresses[key] or [])[:1]:
        settings.PUBLIC_CACHE_SECONDS = 600
        if "X-Page-Cache" not in send(client, "GET", path):
            continue  # never cached: a redirect, a file, a page with its own policy
        settings.PUBLIC_CACHE_SECONDS = 0  # the cache itself reads nothing now
        with translation.override(language_codes()[0]):
            declared = set(cache.query_parameters(resolve(path.partition("?")[0]).func))
        read = parameters_read(client, path, monkeypatch)
        assert read <= declared, f"{path} reads {sorted(read - declared)} undeclared"


@pytest.mark.parametrize("key", PATTERN_KEYS)
def test_no_public_view_redirects_off_the_site_through_next(client, site, key, monkeypatch):
    found = []
    # The view reads the same parameters in every language: the first address will do.
    for path in (site.addresses[key] or [])[:1]:
        separator = "&" if "?" in path else "?"
        names = {"next", "return", "redirect", "url"} | parameters_read(client, path, monkeypatch)
        for name in sorted(names):
            for target in OFF_SITE_TARGETS[::2]:
                hostile = f"{path}{separator}{name}={quote(target, safe='')}"
                found += problems(send(client, "GET", hostile), hostile)
    assert_no_problems(found)


@pytest.mark.parametrize("target", OFF_SITE_TARGETS)
def test_admin_login_and_logout_never_redirect_off_the_site(
    client, site, target, django_user_model
):
    django_user_model.objects.create_user("staff", password="a-long-test-password", is_staff=True)
    found = []
    response = client.post(
        f"/admin/login/?next={quote(target, safe='')}",
        {"username": "staff", "password": "a-long-test-password", "next": target},
    )
    found += problems(response, f"login next={target!r}", expected={302})
    response = client.post("/admin/logout/", {"next": target})
    found += problems(response, f"logout next={target!r}", expected={200, 302})
    assert_no_problems(found)


LINK = re.compile(r'<(?:a|link)\b[^>]*\bhref="([^"]*)"')
SWITCHER = re.compile(r'<nav class="language-switcher".*?</nav>', re.S)
HEAD_LINKS = re.compile(r'<link rel="(?:canonical|alternate)"[^>]*href="([^"]*)"')

HOSTILE_PATHS = [
    "//evil.example/x",
    "//evil.example",
    "//evil.example/az/",
    "///evil.example/",
    "/\\evil.example/",
    "/%5Cevil.example/",
    "/az//evil.example/",
    "/az/%2F%2Fevil.example/",
    "/az/\\evil.example/",
    "/en//evil.example",
    "/ru/%09/evil.example/",
]


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_the_language_switcher_always_stays_on_the_site(client, site, path):
    response = client.request(PATH_INFO=path, REQUEST_METHOD="GET", QUERY_STRING="")
    assert_no_problems(problems(response, path))
    if response.status_code != 200 and "text/html" not in response.get("Content-Type", ""):
        return
    html = response.content.decode()
    switcher = SWITCHER.search(html)
    links = LINK.findall(switcher.group(0)) if switcher else []
    links += HEAD_LINKS.findall(html)
    off_site = [link for link in links if not on_site(link.replace("&amp;", "&"))]
    assert not off_site, f"{path}: links off the site {off_site}"


@pytest.mark.parametrize("key", PATTERN_KEYS)
def test_language_switcher_of_every_page_stays_on_the_site(client, site, key):
    found = []
    for path in site.addresses[key] or []:
        for hostile in [path, f"{path}{'&' if '?' in path else '?'}next=//evil.example"]:
            response = send(client, "GET", hostile)
            if "text/html" not in response.get("Content-Type", ""):
                continue
            switcher = SWITCHER.search(response.content.decode())
            for link in LINK.findall(switcher.group(0)) if switcher else []:
                if not on_site(link.replace("&amp;", "&")):
                    found.append(f"{hostile}: switcher link {link!r}")
    assert_no_problems(found)


# ---- NUL bytes --------------------------------------------------------------------------


@pytest.mark.parametrize("key", PATTERN_KEYS)
def test_nul_bytes_in_every_query_parameter(client, site, key, monkeypatch):
    found = []
    for index, path in enumerate(site.addresses[key] or []):
        base, _, query = path.partition("?")
        expected = {baseline(client, path)}
        names = set(KNOWN_PARAMETERS) | parameters_read(client, path, monkeypatch)
        everything = "&".join(f"{name}=%00x" for name in sorted(names))
        found += problems(send(client, "GET", f"{base}?{everything}"), f"{base}?{everything}")
        if index:
            continue  # one parameter at a time in the first language only: the same code
        for name in sorted(names):
            for value in ["%00", "a%00b%00%27"]:
                hostile = f"{base}?{query}&{name}={value}".replace("?&", "?")
                found += problems(send(client, "GET", hostile), hostile, expected | {404})
            hostile = f"{base}?{name}%00=1&%00{name}=1&{query}"
            found += problems(send(client, "GET", hostile), hostile, expected | {404})
    assert_no_problems(found)


@pytest.mark.parametrize("key", PATTERN_KEYS)
def test_nul_bytes_in_paths_cookies_and_headers(client, site, key):
    found = []
    for path in site.addresses[key] or []:
        base, _, query = path.partition("?")
        hostile = base.rstrip("/") + "%00/" + (f"?{query}" if query else "")
        found += problems(send(client, "GET", hostile), hostile, expected={404})
        cookies = "; ".join(
            f'{name}="\\000abcdefghijklmnop"'
            for name in ("sessionid", "csrftoken", "django_language")
        )
        response = send(client, "GET", path, HTTP_COOKIE=cookies)
        found += problems(response, f"{path} with NUL cookies")
        headers = {
            "HTTP_ACCEPT_LANGUAGE": "az\x00",
            "HTTP_IF_NONE_MATCH": '"\x00"',
            "HTTP_IF_MODIFIED_SINCE": "\x00",
            "HTTP_RANGE": "bytes=\x00-1",
            "HTTP_REFERER": "\x00",
        }
        found += problems(send(client, "GET", path, **headers), f"{path} with NUL headers")
    assert_no_problems(found)


def test_a_session_cookie_with_nul_is_ignored(client, site, django_user_model):
    user = django_user_model.objects.create_user("staff", password="x" * 20, is_staff=True)
    client.force_login(user)
    cookie = f'sessionid="\\000{client.cookies["sessionid"].value}"'
    response = send(client, "GET", site.addresses["pages:home"][0], HTTP_COOKIE=cookie)
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated


# ---- Downloads ------------------------------------------------------------------------


@pytest.mark.parametrize("header", MALFORMED_RANGES)
def test_malformed_range_headers_get_the_whole_file_or_416(client, site, header):
    for path in site.downloads:
        response = send(client, "GET", path, HTTP_RANGE=header)
        assert response.status_code in (200, 206, 416), (header, response.status_code)
        if response.status_code == 200:
            assert int(response["Content-Length"]) == len(b"".join(response.streaming_content))
        for if_range in ['"nonsense"', 'W/"x"', "\x00", "a" * 5000, "Mon, 99 Foo 9999"]:
            response = send(client, "GET", path, HTTP_RANGE=header, HTTP_IF_RANGE=if_range)
            assert response.status_code in (200, 206, 416), (header, if_range)


def test_huge_and_odd_download_addresses(client, site):
    path = site.downloads[0]
    head, _number, tail = re.match(r"(.*/)(\d+)(/.*)", path).groups()
    for odd in ["0", "9" * 30, str(2**63), str(2**63 - 1)]:
        assert send(client, "GET", f"{head}{odd}{tail}").status_code == 404
    # Not a number Python reads: no download address, so the page tree's "add a slash"
    # redirect (then 404).
    for odd in ["1" + "0" * 5000, quote("٣")]:
        assert_no_problems(problems(send(client, "GET", f"{head}{odd}{tail}"), odd, {301}))
    assert send(client, "GET", path.replace(".pdf", "-old-name.pdf")).status_code == 301


# ---- Everything else ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "a" * 5000,
        "ə" * 5000,
        "' OR 1=1 --",
        "inqilab:* & !x | (y <-> z)",
        "\\\\ \\d+ .* [a-z]{1,99999}",
        "<script>alert(1)</script>",
        "\u202eəşya",
        "😀 🚀",
        "%ff%fe",
        "a" * 100 + " " + "b " * 2000,
        "İ" * 300 + "ı̇" * 300,
    ],
)
def test_huge_and_hostile_search_queries(client, site, query):
    for code in language_codes():
        with translation.override(code):
            url = reverse("search")
        response = client.get(url, {"q": query})
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_too_many_query_parameters(client, site):
    query = "&".join(f"x{number}=1" for number in range(5000))
    # Django refuses to parse them (400) when a view reads the query; other views ignore it.
    assert send(client, "GET", f"/az/?{query}").status_code in (200, 400)
    assert send(client, "GET", f"{reverse('search')}?q=a&{query}").status_code == 400


def test_unknown_hosts_are_400(client, site):
    for host in ["evil.example", "a" * 5000, "testserver\x00", "testserver/evil", "[::1"]:
        assert send(client, "GET", "/az/", HTTP_HOST=host).status_code == 400
