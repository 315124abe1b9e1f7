from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.module_loading import module_has_submodule

from centre import cache
from centre.search import rebuild_index
from centre.storage import atomic_with_files


class Command(BaseCommand):
    help = (
        "Load the Centre's content (pages, and each app's own content) in az, en and ru. "
        "Idempotent: what exists is left alone, so a second run changes nothing."
    )

    def handle(self, *args, **options):
        # Each app with a ``seed`` module contributes its content, in INSTALLED_APPS order;
        # ``centre`` names no app itself.
        # A failure rolls the content back, and removes the files written for it.
        with translation.override("az"), atomic_with_files():
            for app_config in apps.get_app_configs():
                if not module_has_submodule(app_config.module, "seed"):
                    continue
                created = import_module(f"{app_config.name}.seed").seed()
                self.stdout.write(f"{app_config.label}: {created} created")
            # Content loaded before the search existed is indexed too; unchanged entries stay.
            rebuild_index()
        # Not a change made through the admin: start the public page cache afresh.
        cache.invalidate()
