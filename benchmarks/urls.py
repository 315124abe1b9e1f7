"""The site's URLs, and the bare view benchmarks/http_bench compares pages with."""

from django.urls import path

from centre.urls import handler500
from centre.urls import urlpatterns as site_urlpatterns

from .views import baseline

__all__ = ["handler500", "urlpatterns"]

urlpatterns = [path("benchmark/baseline/", baseline, name="benchmark-baseline"), *site_urlpatterns]
