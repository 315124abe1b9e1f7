"""Restoring a verified archive: ``loaddata`` in one transaction, the files put in place, the
counts and checksums checked again, the search index rebuilt; a failure changes nothing."""

import json
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.models import QuerySet

from centre.search import rebuild_index

from . import (
    DATABASE_MEMBER,
    FILES_PREFIX,
    ORIGINAL_COLUMNS_MEMBER,
    BackupError,
    file_storages,
    listing,
    row_counts,
    sha256_of,
    stored_files,
)
from .archive import missing_files
from .verify import open_verified

# Rows a freshly migrated database may already hold (roles made by a data migration); the
# archive's rows replace them, so they do not make a database "not empty".
CREATED_BY_MIGRATIONS = {"auth.group"}


def _check_migrations(manifest):
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise BackupError(
            "This database is not fully migrated: run `python manage.py migrate` first."
        )
    newer = [
        f"{app}.{name}"
        for app, names in sorted(manifest["migrations"].items())
        for name in names
        if (app, name) not in executor.loader.applied_migrations
    ]
    if newer:
        raise BackupError(
            "The archive was made by a newer version of the site; these migrations are not "
            f"applied here: {', '.join(newer[:10])}. Update the code, run `manage.py migrate`, "
            "then restore."
        )


def _target_storages(manifest, replace):
    """The storages the archive's files go to; without ``replace``, refuse a site with content."""
    here = file_storages()
    if unknown := set(manifest["storages"]) - set(here):
        raise BackupError(
            f"The archive holds files of storages this site does not have: "
            f"{', '.join(sorted(unknown))}."
        )
    targets = {alias: here[alias] for alias in manifest["storages"]}
    if replace:
        return targets
    counts = row_counts()
    rows = [label for label in counts if counts[label] and label not in CREATED_BY_MIGRATIONS]
    files = [alias for alias, storage in targets.items() if stored_files(storage)]
    if rows or files:
        raise BackupError(
            "The site is not empty: "
            + listing(("the database holds", rows), ("files in the storages", files))
            + ". Restore into an empty database and empty folders, or use --replace to "
            "replace everything with the archive's content."
        )
    return targets


@contextmanager
def _files_in_place(staging, manifest, targets, replace):
    """
    Put the archive's files into the storages' folders. With ``replace``, what the folders held
    is kept aside and dropped when the block ends, or put back (and the archive's files taken
    away) if it fails.
    """
    placed, asides = [], {}
    try:
        for alias, storage in targets.items():
            root = Path(storage.location)
            root.mkdir(parents=True, exist_ok=True)
            if replace:
                aside = asides[root] = Path(tempfile.mkdtemp(prefix=".before-restore-", dir=root))
                for entry in set(root.iterdir()) - {aside}:
                    entry.rename(aside / entry.name)
            prefix = f"{FILES_PREFIX}{alias}/"
            for name, entry in manifest["members"].items():
                if name.startswith(prefix):
                    placed.append(destination := root / name.removeprefix(prefix))
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    shutil.move(staging / name, destination)
                    if sha256_of(destination) != entry["sha256"]:
                        raise BackupError(f"{destination} differs from the archive after copying.")
        yield
    except BaseException:
        for path in placed:
            path.unlink(missing_ok=True)
        for root, aside in asides.items():
            for entry in set(root.iterdir()) - {aside}:  # what the restore made; the old is aside
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
            for entry in list(aside.iterdir()):
                entry.rename(root / entry.name)
            aside.rmdir()
        raise
    for aside in asides.values():
        shutil.rmtree(aside, ignore_errors=True)


def _restore_original_columns(staging):
    columns = json.loads((staging / ORIGINAL_COLUMNS_MEMBER).read_text(encoding="utf-8"))
    for label, data in columns.items():
        names = data["fields"]
        rows = QuerySet(apps.get_model(label))
        current = {row[0]: list(row[1:]) for row in rows.values_list("pk", *names)}
        for pk, *values in data["rows"]:
            if current.get(pk) != values:
                rows.filter(pk=pk).update(**dict(zip(names, values, strict=True)))


def _check_counts(manifest):
    counts = row_counts()
    for label, expected in sorted(manifest["rows"].items()):
        actual = counts.get(label)
        if actual != expected and not (label in CREATED_BY_MIGRATIONS and actual > expected):
            raise BackupError(
                f"{label}: {actual} rows after loading, the archive holds {expected}."
            )


def restore_backup(path, *, replace=False, check_signature=True):
    """
    Without ``replace`` the database must hold no content and the storages no files; with it,
    both are emptied first (old files go only once the restore has committed).
    """
    with tempfile.TemporaryDirectory(prefix="centre-restore-") as workdir:
        workdir = Path(workdir)
        manifest = open_verified(path, workdir, check_signature)
        _check_migrations(manifest)
        targets = _target_storages(manifest, replace)
        with _files_in_place(workdir, manifest, targets, replace), transaction.atomic():
            if replace:
                call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(workdir / DATABASE_MEMBER), verbosity=0)
            _restore_original_columns(workdir)
            _check_counts(manifest)
            indexed = rebuild_index()
    return SimpleNamespace(
        rows=manifest["rows"],
        files=sum(name.startswith(FILES_PREFIX) for name in manifest["members"]),
        indexed=indexed,
        warnings=missing_files(),
    )
