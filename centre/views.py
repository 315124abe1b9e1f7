import sys

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils.module_loading import import_string
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods
from django.views.generic import TemplateView
from django.views.i18n import set_language as django_set_language

from centre import search
from centre.cache import UNCACHED
from centre.middleware import public_read
from centre.pagination import UnderstoodQueryMixin, page_parameter, page_with_count

# Django's view answers every method with a redirect; PUT or DELETE there is a 405 like anywhere
# (before the CSRF check, as for every public view), a POST is checked for its token.
set_language = csrf_exempt(
    require_http_methods(["GET", "HEAD", "POST"])(csrf_protect(django_set_language))
)


@public_read
def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's, for one)."""
    return HttpResponsePermanentRedirect(static("img/mark.svg"))


def site_sitemaps():
    return {name: import_string(path) for name, path in settings.SITEMAPS.items()}


XML = "application/xml; charset=utf-8"


@public_read
def sitemap_index(request):
    return sitemap_views.index(
        request, site_sitemaps(), content_type=XML, sitemap_url_name="sitemap-section"
    )


@public_read
def sitemap(request, section):
    return sitemap_views.sitemap(request, site_sitemaps(), section, content_type=XML)


sitemap.query_parameters = {"p": None}  # the page cache keeps each page of a sitemap


@public_read
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /i18n/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


# Each search is a page of its own, kept until Redis's LRU drops it; a longer one is rare and
# not worth an entry.
MAX_CACHED_QUERY = 100


def tidy_query(raw):
    """The query as the search page shows it: NUL and runs of white space as one space."""
    return " ".join(raw.replace("\x00", " ").split())


def search_query_parameter(raw):
    """``?q=`` in its normal form for the page cache (the same words, the same page)."""
    return tidy_query(raw) if len(raw) <= MAX_CACHED_QUERY else UNCACHED


@public_read
class SearchView(UnderstoodQueryMixin, TemplateView):
    template_name = "centre/search.html"
    paginate_by = 10
    query_parameters = {"q": search_query_parameter, "page": page_parameter}

    def understood_query(self):
        # A page past the last shows the last: its address is that page's.
        return {"page": page_parameter(str(self.page_shown))}

    def get_context_data(self, **kwargs):
        raw_query = self.request.GET.get("q", "")
        terms = search.query_terms(raw_query)
        with search.through_the_index(terms):
            page_obj = page_with_count(
                search.search(terms), self.request.GET.get("page"), self.paginate_by
            )
        self.page_shown = page_obj.number
        return super().get_context_data(
            query=tidy_query(raw_query)[: search.MAX_QUERY_LENGTH],
            terms=terms,
            page_obj=page_obj,
            results=search.results(page_obj.object_list, terms),
            **kwargs,
        )


@public_read
@never_cache
def healthz(request):
    """200 while the database answers, 503 (quickly) when it does not: for load balancers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


def server_error(request):
    """
    The 500 page; but 503 with Retry-After while the database does not answer (restarting,
    failing over), so browsers, crawlers and load balancers know it is temporary.
    """
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        # Rendered without the request: the context processors would ask the database.
        content = loader.get_template("503.html").render()
        return HttpResponse(content, status=503, headers={"Retry-After": "30"})
    return defaults.server_error(request)
