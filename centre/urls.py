"""
The site's URLs. Public pages live under a language prefix (/az/, /en/, /ru/) with translated
path segments; the admin and machine-read files do not. Apps are included by dotted string so
that ``centre`` imports none of them.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from centre import files, views

handler500 = "centre.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("favicon.ico", views.favicon),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap, name="sitemap-section"),
    # Uploaded images, each at its owner's address, only while the visitor may see the owner.
    path(
        f"{files.URL_PREFIX}<slug:app_label>/<slug:model_name>/<int:pk>/<path:name>",
        files.serve,
        name="media-file",
    ),
]

urlpatterns += i18n_patterns(
    path(_("search/"), views.SearchView.as_view(), name="search"),
    path(_("partners/"), include("partners.urls")),
    # The partners' former Azerbaijani address, /az/partnyorlar/…: a permanent redirect.
    path("partnyorlar/", include("partners.former_urls")),
    path(_("publications/"), include("publications.urls")),
    path(_("news/"), include("news.urls")),
    # The page tree matches any path, so it comes last.
    path("", include("pages.urls")),
)
