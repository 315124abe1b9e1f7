from django.core.management.base import BaseCommand
from django.db import transaction

from centre import cache
from centre.html import resanitize_stored_rich_text


class Command(BaseCommand):
    help = (
        "Sanitise every stored rich text again (after loaddata, a SQL shell or a restore with "
        "--ignore-signature): the site shows rich text as stored."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            changed, over = resanitize_stored_rich_text()
        for label, pk, name in over:
            self.stderr.write(f"{label} {pk} {name}: over the limits, kept as plain text")
        self.stdout.write(f"{len(changed)} rich texts changed, {len(over)} over the limits")
        if changed:
            cache.invalidate()
