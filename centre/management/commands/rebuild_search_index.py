from django.core.management.base import BaseCommand

from centre.search import rebuild_index


class Command(BaseCommand):
    help = "Bring the site search's entries in line with the content (after loaddata or a restore)."

    def handle(self, *args, **options):
        count = rebuild_index()
        self.stdout.write(f"{count} objects indexed")
