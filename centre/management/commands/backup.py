from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from centre.backup.archive import create_backup


class Command(BaseCommand):
    help = (
        "Write one .tar.gz archive of the whole site: every row of the database in every "
        "language, and every uploaded file, with SHA-256 checksums. Restore it with "
        "`manage.py restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "-o",
            "--output",
            help="Where to write the archive (default: BACKUP_ROOT/centre-<date>-<time>.tar.gz).",
        )

    def handle(self, *args, output=None, **options):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        output = output or Path(settings.BACKUP_ROOT) / f"centre-{stamp}.tar.gz"
        try:
            summary = create_backup(output)
        except OSError as error:
            raise CommandError(f"No backup was written: {error}") from error
        rows = sum(summary.rows.values())
        self.stdout.write(
            f"{summary.path}\n"
            f"  {rows} rows of {len(summary.rows)} models, {summary.files} files "
            f"({megabytes(summary.file_bytes)})\n"
            f"  archive {megabytes(summary.size)}, SHA-256 {summary.sha256}"
        )
        for warning in summary.warnings:
            self.stderr.write(f"  warning: {warning}")


def megabytes(size):
    return f"{size / 1024 / 1024:.1f} MB"
