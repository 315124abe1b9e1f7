"""The site's URLs plus a view that fails, to see the 500 page."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from centre.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("a bug")


urlpatterns = [*i18n_patterns(path("broken/", broken)), *site_urlpatterns]
