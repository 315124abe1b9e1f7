"""
The site's settings for benchmarking: production's (``centre.settings``, still read from the
environment), plus the benchmarks app (``generate_content``) and the bare baseline view at
/benchmark/baseline/. Never in production.

    DJANGO_SETTINGS_MODULE=benchmarks.settings python manage.py generate_content --pages 300
"""

from centre.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks"]  # noqa: F405
ROOT_URLCONF = "benchmarks.urls"
