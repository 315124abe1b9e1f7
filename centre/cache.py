"""
The public page cache: whole responses to anonymous GET requests, per address and language, in
the shared cache (Redis with ``REDIS_URL``, else Django's file-based cache under ``var/``).

Invalidation happens in one place: the middleware calls :func:`invalidate` after every write
request by staff (admin forms, list edits, bulk actions that send no model signal), before the
response leaves; commands that change content call it too. It starts a new *generation* rather
than looking for keys: each page is stored with the generation it was rendered in and ignored
once another has begun. The generation is itself a cache entry, read in the same round trip as
the page, and holds the next scheduled *publish from*, at which a new one begins by itself.

Only the query parameters a view reads (:func:`query_parameters`) make a page of their own, in
one normal form (sorted, last value, defaults dropped); campaign parameters are left out of the
key; any other parameter is served uncached. Nobody with a session cookie gets or leaves a
cached page, nor does the admin, nor a response that is private, sets a cookie or is not a 200.
Public pages get an ``ETag``, ``Cache-Control: public, no-cache`` (304 on a conditional GET)
and ``Vary: Cookie``.
"""

import hashlib
import logging
import re
import uuid
from functools import cache
from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db.models import Min
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


RELEASE_FILES = (
    *(
        f"{app}/**/*.py"
        for app in ("accounts", "centre", "news", "pages", "partners", "publications")
    ),
    "templates/**/*",
    "locale/*/LC_MESSAGES/*.mo",
    "static/**/*",
)


def release_digest(root=settings.BASE_DIR):
    """
    A digest of what renders the pages (the apps' Python, templates, catalogues and static
    files): a release has its own generation, so pages and parts kept by the code before a
    deploy are never served by the code after it, with no step of the deploy's own.
    """
    digest = hashlib.sha256()
    files = (path for pattern in RELEASE_FILES for path in root.glob(pattern))
    for path in sorted(path for path in files if path.is_file()):
        digest.update(f"{path.relative_to(root)}\0".encode() + path.read_bytes())
    return digest.hexdigest()[:16]


STATE_KEY = f"public-pages:generation:{release_digest()}"
# Not the ":page:" keys of the old entries (named tuples this code can no longer unpickle).
PAGE_KEY_PREFIX = "public-pages:response:"
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
        # Django's clock, as every publish_from is compared with.
        return self.next_change is not None and timezone.now().timestamp() >= self.next_change


def next_scheduled_change():
    # A model may name other times that change its pages (``scheduled_fields``: an event's end).
    now = timezone.now()
    times = [
        model._default_manager.filter(status=Status.PUBLISHED, **{f"{field}__gt": now}).aggregate(
            first=Min(field)
        )["first"]
        for model in apps.get_models()
        if issubclass(model, Publishable)
        for field in getattr(model, "scheduled_fields", ("publish_from",))
    ]
    first = min(filter(None, times), default=None)
    return first and first.timestamp()


def invalidate():
    """Start a new generation: every page cached so far is stale from now on, on every server."""
    new = Generation(uuid.uuid4().hex, next_scheduled_change())
    try:
        caches["default"].set(STATE_KEY, new, timeout=None)
    except Exception:  # the cache's server is down: nothing is served from it either
        logger.exception("Could not start a new page cache generation")
    return new


def _current(found):
    """The generation ``found`` in the cache, or a new one if none (evicted) or its time is over."""
    return invalidate() if found is None or found.is_over() else found


def generation():
    """The current generation's token (raises when the cache's server is down)."""
    return _current(caches["default"].get(STATE_KEY)).token


# How long a value kept per generation may live at most (a new generation drops it anyway).
KEPT_SECONDS = 24 * 60 * 60


def kept_for_this_generation(name, make):
    """``make()``, kept until the next :func:`invalidate` (the footer's contact details)."""
    try:
        key = f"public-pages:kept:{name}:{generation()}"
        value = caches["default"].get(key)
    except Exception:  # the cache's server is down: ask the database
        logger.exception("Page cache unavailable")
        return make()
    if value is None:
        value = make()
        try:
            caches["default"].set(key, value, KEPT_SECONDS)
        except Exception:
            logger.exception("Could not keep %s in the cache", name)
    return value


def _lookup(key):
    """The current generation and the page stored at ``key`` (one round trip with Redis)."""
    found = caches["default"].get_many([STATE_KEY, key])
    current, (token, page) = _current(found.get(STATE_KEY)), found.get(key, (None, None))
    return current, page if token == current.token else None


@cache
def _admin_prefix():
    return reverse("admin:index")


def _may_be_cached(request):
    """A GET or HEAD of a public address by a visitor without a session."""
    return (
        settings.PUBLIC_CACHE_SECONDS > 0
        and request.method in SAFE_METHODS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        # Messages waiting for the visitor are shown once, on their next page.
        and "messages" not in request.COOKIES
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_STRING
        and not request.path_info.startswith(_admin_prefix())
    )


#: What a normaliser returns for a value not worth an entry (a very long search).
UNCACHED = object()


def query_parameters(view):
    """
    ``{name: normalise}`` for the query parameters ``view`` reads (its ``query_parameters``,
    on a function or a class). ``normalise`` gives a value's normal form (None: as given; ""
    or None: as if absent; :data:`UNCACHED`: served uncached).
    """
    return getattr(getattr(view, "view_class", view), "query_parameters", {})


def _address(request, language):
    """The query string's normal form (the key's) and whether the request's is it but for the
    order of parameters; None when the request is not worth an entry."""
    if not request.META.get("QUERY_STRING"):
        return "", True
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
    return urlencode(pairs), sorted(given) == pairs


def _page_key(request, language, query):
    # The language is in the path for public pages; for the few unprefixed addresses (the
    # sitemap, robots.txt) it comes from the cookie or Accept-Language, as the view sees it.
    query = f"?{query}" if query else ""
    text = f"{request.scheme}://{request.get_host()}{request.path}{query}|{language}"
    return PAGE_KEY_PREFIX + hashlib.sha256(text.encode()).hexdigest()


def is_public_page(request, response):
    """A whole page (HTML, XML, text) answering a GET or HEAD, left to us to describe to caches."""
    return (
        response.status_code == 200
        and not response.streaming
        and not OWN_POLICY.search(response.get("Cache-Control", ""))
        and not request.path_info.startswith(_admin_prefix())
    )


def not_its_own_page(response):
    """Mark ``response`` as shown for a value its view did not use: served, never stored."""
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
    if not response.has_header("ETag"):
        set_response_etag(response)
    patch_cache_control(response, no_cache=True, **{"public" if shared else "private": True})
    patch_vary_headers(response, ("Cookie",))


class PublicPageCacheMiddleware:
    """Placed before the session middleware: a hit costs one cache round trip and no more."""

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
        query, storable = address
        key = _page_key(request, language, query)
        try:
            current, page = _lookup(key)
        except Exception:  # the cache's server is down: serve the page without it
            logger.exception("Page cache unavailable")
            return self._uncached(request, self.get_response(request))
        if page is not None:
            page["X-Page-Cache"] = "hit"
            return get_conditional_response(request, etag=page["ETag"], response=page)

        response = self.get_response(request)
        if not is_public_page(request, response):
            return response
        _describe(response, shared=True)
        if storable and _storable(request, response):
            try:
                # Pickled whole, as Django's own cache middleware stores a response.
                caches["default"].set(key, (current.token, response), settings.PUBLIC_CACHE_SECONDS)
            except Exception:
                logger.exception("Could not store a page in the cache")
        response["X-Page-Cache"] = "miss"
        return get_conditional_response(request, etag=response["ETag"], response=response)

    def _uncached(self, request, response):
        if is_public_page(request, response):
            # Staff (a session) see their own page: no shared cache may keep it.
            _describe(response, shared=settings.SESSION_COOKIE_NAME not in request.COOKIES)
            return get_conditional_response(request, etag=response["ETag"], response=response)
        return response
