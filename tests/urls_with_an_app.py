"""A URLconf with another app's address under the language prefix, beside the page tree."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import include, path

urlpatterns = i18n_patterns(
    path("partners/", lambda request: HttpResponse("partners"), name="partners"),
    path("", include("pages.urls")),
)
