import tempfile

from django.core.management.base import BaseCommand, CommandError

from centre.backup import BackupError
from centre.backup.restore import restore_backup
from centre.backup.verify import open_verified


class Command(BaseCommand):
    help = (
        "Restore an archive written by `manage.py backup` into an empty, migrated database and "
        "empty media folders, checking every checksum first. The search index is rebuilt."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz file written by manage.py backup.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Replace the content the database and media folders already hold (all of it).",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only verify the archive (complete, checksums, signature); change nothing.",
        )
        parser.add_argument(
            "--ignore-signature",
            action="store_true",
            help=(
                "Accept an archive signed with another DJANGO_SECRET_KEY (checksums are still "
                "verified). Only for an archive you trust."
            ),
        )

    def handle(self, *args, archive, replace, check, ignore_signature, **options):
        check_signature = not ignore_signature
        try:
            if check:
                self._check(archive, check_signature)
                return
            summary = restore_backup(archive, replace=replace, check_signature=check_signature)
        except (BackupError, OSError) as error:
            raise CommandError(f"Nothing was restored: {error}") from error
        self.stdout.write(
            f"Restored {sum(summary.rows.values())} rows of {len(summary.rows)} models and "
            f"{summary.files} files; {summary.indexed} objects indexed for search."
        )
        for warning in summary.warnings:
            self.stderr.write(f"warning: {warning}")

    def _check(self, archive, check_signature):
        with tempfile.TemporaryDirectory(prefix="centre-restore-check-") as workdir:
            manifest = open_verified(archive, workdir, check_signature)
        self.stdout.write(
            f"{archive}: complete, every checksum matches"
            f"{'' if check_signature else ' (signature not checked)'}; made "
            f"{manifest['created']} on {manifest['database']}, "
            f"{sum(manifest['rows'].values())} rows, "
            f"{sum(1 for name in manifest['members'] if name.startswith('files/'))} files."
        )
