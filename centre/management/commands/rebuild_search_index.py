from django.core.management.base import BaseCommand

from centre import cache
from centre.search import rebuild_index


class Command(BaseCommand):
    help = (
        "Bring the site search's entries in line with the content (after loaddata or a "
        "restore), and start the public page cache afresh."
    )

    def handle(self, *args, **options):
        count = rebuild_index()
        self.stdout.write(f"{count} objects indexed")
        # Content restored or loaded outside the admin: start the public page cache afresh.
        cache.invalidate()
