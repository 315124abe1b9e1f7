"""
The public page cache: whole responses to anonymous GET requests, kept per address and language
in the shared cache (Redis when ``REDIS_URL`` is set, shared by every server; else Django's
file-based cache under ``var/``, shared by the workers of one machine).

Invalidation is explicit and happens in one place. Every change staff make goes through a write
request (the admin's forms, inlines, list edits, bulk actions such as *publish*, which use
``queryset.update()`` and send no model signal, the translations page), so
:class:`PublicPageCacheMiddleware` calls :func:`invalidate` after each write request by a staff
member, before the response leaves: the next request anywhere sees the change. Commands that
change content (``seed_demo``, ``generate_content``, ``rebuild_search_index``) call it too.

:func:`invalidate` does not look for keys to delete (impossible to do cheaply across servers): it
starts a new *generation*. Each cached page is stored with the generation it was rendered in and
is ignored once another has begun; a page rendered while staff were saving carries the old one,
so it can never outlive the save. The generation is itself a cache entry, read in the same round
trip as the page; one evicted or lost starts a new one. It also records the next scheduled
publication (the earliest future *publish from*), and a new one begins by itself when that time
comes.

Only the query parameters a page's view reads make a page of their own. A view says which
(``query_parameters``, see :func:`query_parameters`); the key holds them in one normal form (in
order of name, the last of repeated values, without empty values or the defaults such as
``page=1``), so ``?page=1`` is the bare address and the order of parameters does not matter. A
request with any other parameter is served uncached, as rendered: one more address costs a
render, as a session cookie does, never a cache entry. Campaign parameters (``utm_*``, click
ids) are left out of the key instead, so a newsletter's link is served the cached page; a page
rendered for an address that is not its normal form (order aside) is never stored, since it may
repeat the address (the language switcher does).

Who never gets a cached page: anyone with a session cookie (logged-in staff always see fresh
pages and their draft previews, and nothing rendered for them is stored), and the admin.
Responses a view marks private or uncacheable, that set a cookie (a CSRF token) or that are not
a plain 200 are not stored either. Drafts are only ever rendered for staff, so never cached.

Public pages also get a content ``ETag`` and ``Cache-Control: public, no-cache`` (browsers and
proxies may keep a page but ask again first: a conditional GET is answered 304 without a body),
and ``Vary: Cookie`` so that no shared cache hands a staff member's page to anyone else.
"""

import hashlib
import logging
import re
import time
import uuid
from functools import cache
from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db.models import Min
from django.http import HttpResponse
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone, translation
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import urlencode

from centre.models import Publishable, Status, can_preview_drafts

logger = logging.getLogger(__name__)

STATE_KEY = "public-pages:generation"
PAGE_KEY_PREFIX = "public-pages:page:"
SAFE_METHODS = ("GET", "HEAD")
# Longer query strings are not worth a cache entry (and would let anyone fill the cache).
MAX_QUERY_STRING = 300
# A view that sets any of these has decided for itself how its response may be cached.
OWN_POLICY = re.compile(r"\b(private|no-store|no-cache|max-age)\b")
# The only Vary headers a cached entry may carry: its key already covers both.
KEYED_VARY = {"cookie", "accept-language"}
# Campaign and click tracking: no view reads them, so they are left out of the key.
TRACKING_PARAMETERS = re.compile(r"utm_[a-z]+|fbclid|gclid|yclid|msclkid", re.ASCII)


class Generation(NamedTuple):
    token: str
    next_change: float | None  # Unix time of the next scheduled publication, if any

    def is_over(self):
        return self.next_change is not None and time.time() >= self.next_change


class Entry(NamedTuple):
    token: str
    status: int
    headers: list
    content: bytes

    def response(self):
        response = HttpResponse(self.content, status=self.status, headers=self.headers)
        response["X-Page-Cache"] = "hit"
        return response


def seconds():
    """How long a page may stay cached (``PUBLIC_CACHE_SECONDS``); 0 turns the cache off."""
    return settings.PUBLIC_CACHE_SECONDS


def backend():
    return caches["default"]


# ---- The generation ---------------------------------------------------------------------


def next_scheduled_change():
    """The earliest future *publish from* of anything published, as Unix time, or None."""
    now = timezone.now()
    times = [
        model._default_manager.filter(status=Status.PUBLISHED, publish_from__gt=now).aggregate(
            first=Min("publish_from")
        )["first"]
        for model in apps.get_models()
        if issubclass(model, Publishable)
    ]
    times = [moment for moment in times if moment is not None]
    return min(times).timestamp() if times else None


def invalidate():
    """Start a new generation: every page cached so far is stale from now on, on every server."""
    new = Generation(uuid.uuid4().hex, next_scheduled_change())
    try:
        backend().set(STATE_KEY, new, timeout=None)
    except Exception:  # the cache's server is down: nothing is served from it either
        logger.exception("Could not start a new page cache generation")
    return new


def _current(found):
    """The generation ``found`` in the cache, or a new one if none (evicted) or its time is over."""
    return invalidate() if found is None or found.is_over() else found


def generation():
    """
    The current generation's token, for the keys of anything kept until staff next change
    something (read from the shared cache; raises when its server is down, see
    :func:`kept_for_this_generation`).
    """
    return _current(backend().get(STATE_KEY)).token


# How long a value kept per generation may live at most (a new generation drops it anyway).
KEPT_SECONDS = 24 * 60 * 60


def kept_for_this_generation(name, make):
    """
    ``make()``, kept in the cache until the next :func:`invalidate` (any staff write): for
    what every page shows and staff edit, such as the footer's contact details. The page
    cache's switch (``PUBLIC_CACHE_SECONDS``) does not apply: this is one small value.
    """
    try:
        key = f"public-pages:kept:{name}:{generation()}"
        value = backend().get(key)
    except Exception:  # the cache's server is down: ask the database
        logger.exception("Page cache unavailable")
        return make()
    if value is None:
        value = make()
        try:
            backend().set(key, value, KEPT_SECONDS)
        except Exception:
            logger.exception("Could not keep %s in the cache", name)
    return value


def _lookup(key):
    """The current generation and the entry stored at ``key`` (one round trip with Redis)."""
    found = backend().get_many([STATE_KEY, key])
    current, entry = _current(found.get(STATE_KEY)), found.get(key)
    if entry is not None and entry.token != current.token:
        entry = None
    return current, entry


# ---- Which requests and responses -------------------------------------------------------


@cache
def _admin_prefix():
    return reverse("admin:index")


def _may_be_cached(request):
    """A GET or HEAD of a public address by a visitor without a session."""
    return (
        seconds() > 0
        and request.method in SAFE_METHODS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        # Messages waiting for the visitor are shown once, on their next page.
        and "messages" not in request.COOKIES
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_STRING
        and not request.path_info.startswith(_admin_prefix())
    )


#: What a normaliser returns for a value its view reads but that is not worth an entry of its
#: own (a very long search): the page is served uncached.
UNCACHED = object()


def query_parameters(view):
    """
    The query parameters ``view`` reads: ``{name: normalise}``, where ``normalise`` turns a
    value into its normal form (None: the value as given; a normal form of "" or None is the
    same as no parameter, so it must be one only for values the view shows as if absent;
    :data:`UNCACHED`: the page is served uncached). Declared as ``query_parameters`` on a
    class-based view, or with :func:`reads_query` on a function; a view that declares nothing
    reads none. Values the view cannot use are the view's to mark (:func:`not_its_own_page`,
    centre.pagination.UnderstoodQueryMixin): a normaliser cannot know which slugs exist.
    """
    return getattr(getattr(view, "view_class", view), "query_parameters", {})


def reads_query(**parameters):
    """``@reads_query(p=None)``: the query parameters a function view reads (see above)."""

    def decorator(view):
        view.query_parameters = parameters
        return view

    return decorator


class Address(NamedTuple):
    query: str  # the normal form of the query string: what the cache key holds
    storable: bool  # the request's query string is that form, the order of parameters aside


def _address(request, language):
    """
    The request's :class:`Address`, or None when it has a parameter its view does not read (or
    a value not worth an entry).
    """
    if not request.META.get("QUERY_STRING"):
        return Address("", True)
    with translation.override(language):  # translated paths resolve in their own language
        try:
            parameters = query_parameters(resolve(request.path_info).func)
        except Resolver404:
            parameters = {}
    normal, given = {}, []
    for name, values in request.GET.lists():
        given += [(name, value) for value in values]
        if name in parameters:
            normalise = parameters[name]
            value = values[-1]  # what QueryDict.get() gives the view
            value = normalise(value) if normalise else value
            if value is UNCACHED:
                return None
            if value:
                normal[name] = value
        elif not TRACKING_PARAMETERS.fullmatch(name):
            return None
    pairs = sorted(normal.items())
    return Address(urlencode(pairs), sorted(given) == pairs)


def _page_key(request, language, address):
    # The language is in the path for public pages; for the few unprefixed addresses (the
    # sitemap, robots.txt) it comes from the cookie or Accept-Language, as the view sees it.
    query = f"?{address.query}" if address.query else ""
    text = f"{request.scheme}://{request.get_host()}{request.path}{query}|{language}"
    return PAGE_KEY_PREFIX + hashlib.sha256(text.encode()).hexdigest()


def is_public_page(request, response):
    """A whole page (HTML, XML, text) the view left to us to describe to caches."""
    return (
        request.method in SAFE_METHODS
        and response.status_code == 200
        and not response.streaming
        and not OWN_POLICY.search(response.get("Cache-Control", ""))
        and not request.path_info.startswith(_admin_prefix())
    )


def not_its_own_page(response):
    """
    Mark ``response`` as shown for an address with a value its view did not use (a filter value
    nothing has, a page past the last): it is served, never stored, so made-up values of the
    parameters a view reads make no entries either.
    """
    response.page_cache_not_its_own = True
    return response


def _storable(request, response):
    vary = {value.strip().lower() for value in response.get("Vary", "").split(",") if value.strip()}
    return (
        request.method == "GET"
        and not response.cookies
        and vary <= KEYED_VARY
        and not getattr(response, "page_cache_not_its_own", False)
    )


def _describe(response, *, shared):
    """ETag, Cache-Control and Vary for a public page."""
    if not response.has_header("ETag"):
        set_response_etag(response)
    patch_cache_control(response, no_cache=True, **{"public" if shared else "private": True})
    patch_vary_headers(response, ("Cookie",))


def _conditional(request, response):
    """304 Not Modified when the browser's copy (If-None-Match) is the current one."""
    return get_conditional_response(request, etag=response["ETag"], response=response)


# ---- The middleware ---------------------------------------------------------------------


class PublicPageCacheMiddleware:
    """
    Serves and stores public pages (see the module's description), and starts a new cache
    generation after each write request by staff. Placed before the session middleware: a hit
    costs one cache round trip and no session, language or URL work.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS:
            response = self.get_response(request)
            user = getattr(request, "user", None)
            if user is not None and can_preview_drafts(user):
                invalidate()
            return response
        if not _may_be_cached(request):
            return self._uncached(request, self.get_response(request))

        language = translation.get_language_from_request(request, check_path=True)
        address = _address(request, language)
        if address is None:  # a parameter the view does not read: not worth an entry
            return self._uncached(request, self.get_response(request))
        key = _page_key(request, language, address)
        try:
            current, entry = _lookup(key)
        except Exception:  # the cache's server is down: serve the page without it
            logger.exception("Page cache unavailable")
            return self._uncached(request, self.get_response(request), shared=True)
        if entry is not None:
            return _conditional(request, entry.response())

        response = self.get_response(request)
        if not is_public_page(request, response):
            return response
        _describe(response, shared=True)
        if address.storable and _storable(request, response):
            entry = Entry(
                current.token, response.status_code, list(response.items()), response.content
            )
            try:
                backend().set(key, entry, seconds())
            except Exception:
                logger.exception("Could not store a page in the cache")
        response["X-Page-Cache"] = "miss"
        return _conditional(request, response)

    def _uncached(self, request, response, shared=None):
        if is_public_page(request, response):
            if shared is None:
                # Staff (a session) see their own page: no shared cache may keep it.
                shared = settings.SESSION_COOKIE_NAME not in request.COOKIES
            _describe(response, shared=shared)
            return _conditional(request, response)
        return response
