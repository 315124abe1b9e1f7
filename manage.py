#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "centre.settings")
    import django
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.utils import translation

    # Commands speak English to the person at the shell. Django runs them in LANGUAGE_CODE, the
    # visitors' default (az), so createsuperuser wrapped Azerbaijani field names in its English
    # sentences. Commands that write content choose its language themselves (seed_demo: az).
    # runserver sets itself up under its reloader (its requests pick their own language), and
    # broken settings are Django's command line's to report, as usual.
    try:
        usable = bool(settings.INSTALLED_APPS) and sys.argv[1:2] != ["runserver"]
    except (ImproperlyConfigured, ImportError):
        usable = False
    if not usable:
        execute_from_command_line(sys.argv)
        return
    django.setup()
    with translation.override("en"):
        execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
