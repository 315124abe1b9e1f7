import sys

from django.conf import settings
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.core.paginator import Paginator
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils.module_loading import import_string
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django.views.generic import TemplateView
from django.views.i18n import set_language as django_set_language

from centre import search

# Django's view answers every method with a redirect; PUT or DELETE there is a 405 like anywhere.
set_language = require_http_methods(["GET", "HEAD", "POST"])(django_set_language)


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's, for one)."""
    return HttpResponsePermanentRedirect(static("img/mark.svg"))


@require_safe
def sitemap(request):
    """/sitemap.xml: every published page, partner and publication in each of its languages."""
    sitemaps = {name: import_string(path) for name, path in settings.SITEMAPS.items()}
    return sitemap_view(request, sitemaps)


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /i18n/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class SearchView(TemplateView):
    """/az/axtaris/?q=…: pages, partners and publications, in the visitor's language."""

    template_name = "centre/search.html"
    paginate_by = 10

    def get_context_data(self, **kwargs):
        raw_query = self.request.GET.get("q", "")
        terms = search.query_terms(raw_query)
        page_obj = Paginator(search.search(terms), self.paginate_by).get_page(
            self.request.GET.get("page")
        )
        return super().get_context_data(
            query=" ".join(raw_query.replace("\x00", " ").split())[: search.MAX_QUERY_LENGTH],
            terms=terms,
            page_obj=page_obj,
            results=search.results(page_obj.object_list, terms),
            **kwargs,
        )


@require_safe
@never_cache
def healthz(request):
    """200 while the database answers, 503 (quickly) when it does not: for load balancers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
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
