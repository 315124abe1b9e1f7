"""
Backups of the whole site in one archive, and their restoration (``manage.py backup``/``restore``).

The archive is a ``.tar.gz`` holding:

``database.json``
    Every row of every model (all apps, every language's columns), in Django's JSON fixture
    format with natural keys for content types and permissions, so it loads into any database
    (SQLite or PostgreSQL) migrated to the same state. Left out: what the database rebuilds
    itself (content types, permissions, the search index) and sessions.
``original-columns.json``
    django-modeltranslation keeps a model's original column (``title`` beside ``title_az``,
    ``title_en``, …) and the ORM cannot read or write it directly; its raw values are kept here
    so that the restored rows are exactly the saved ones.
``files/<storage>/…``
    Every file of every file-system storage in ``STORAGES`` (``MEDIA_ROOT``; the publications'
    private PDFs), byte for byte.
``manifest.json``, ``manifest.hmac``
    The SHA-256 and size of every other member, row counts, applied migrations; and an HMAC of
    the manifest made with ``SECRET_KEY``, so that a changed archive is refused even if its
    checksums were recomputed.

A restore checks everything before it changes anything, refuses a damaged, truncated or altered
archive, and refuses a database or storage that already holds content unless told to replace
it. It then loads the rows in one transaction, puts the files in place, checks the row counts
and the files' checksums again and rebuilds the search index.
"""

import datetime
import hashlib
import io
import json
import os
import posixpath
import shutil
import tarfile
import tempfile
import time
import zlib
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.files.storage import FileSystemStorage, storages
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, models, router, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from modeltranslation.translator import translator

from centre.search import rebuild_index

FORMAT = "4sim-centre-backup"
VERSION = 1
DATABASE_MEMBER = "database.json"
ORIGINAL_COLUMNS_MEMBER = "original-columns.json"
MANIFEST_MEMBER = "manifest.json"
SIGNATURE_MEMBER = "manifest.hmac"
FILES_PREFIX = "files/"
HMAC_SALT = "centre.backup.manifest"
CHUNK_SIZE = 1024 * 1024

# What the database makes itself (migrate, rebuild_search_index) or what is not worth keeping.
EXCLUDED_MODELS = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "centre.searchentry",
}
# Rows a freshly migrated database may already hold (roles made by a data migration); the
# archive's rows replace them, so they do not make a database "not empty".
CREATED_BY_MIGRATIONS = {"auth.group"}


class BackupError(Exception):
    """A backup that cannot be made, or an archive that must not be restored."""


def backup_models():
    """The models whose rows are backed up, in an order that loads (dependencies first)."""
    app_list = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if (
            label in EXCLUDED_MODELS
            or model._meta.proxy
            or not model._meta.managed
            or not router.allow_migrate_model(DEFAULT_DB_ALIAS, model)
        ):
            continue
        app_list.setdefault(apps.get_app_config(model._meta.app_label), []).append(model)
    return serializers.sort_dependencies(app_list.items(), allow_cycles=True)


def file_storages():
    """``{alias: storage}`` for every storage in ``STORAGES`` kept in a local folder."""
    found = {}
    for alias in settings.STORAGES:
        if alias == "staticfiles":
            continue  # made by collectstatic from the code
        storage = storages[alias]
        if isinstance(storage, FileSystemStorage):
            found[alias] = storage
    return found


def storage_root(storage):
    return Path(storage.location)


def stored_files(storage):
    """The storage's files as ``(relative posix path, absolute path)``, sorted."""
    root = storage_root(storage)
    if not root.is_dir():
        return []
    files = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            files.append((path.relative_to(root).as_posix(), path))
    return files


def applied_migrations(connection):
    recorder = MigrationRecorder(connection)
    applied = {}
    for app_label, name in sorted(recorder.applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


def sign(manifest_bytes, secret=None):
    return salted_hmac(HMAC_SALT, manifest_bytes, secret=secret, algorithm="sha256").hexdigest()


def signature_matches(manifest_bytes, signature):
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(constant_time_compare(sign(manifest_bytes, secret), signature) for secret in secrets)


# ---- Making a backup ---------------------------------------------------------------------


@dataclass
class BackupSummary:
    path: Path
    size: int
    sha256: str
    rows: dict
    files: int
    file_bytes: int
    warnings: list = field(default_factory=list)


class _HashingReader:
    """A file object that hashes and counts what is read from it (for tarfile.addfile)."""

    def __init__(self, file):
        self.file, self.digest, self.size = file, hashlib.sha256(), 0

    def read(self, size=-1):
        data = self.file.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


def _add_member(tar, name, file, size, members):
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(time.time()), 0o600
    reader = _HashingReader(file)
    tar.addfile(info, reader)
    members[name] = {"size": reader.size, "sha256": reader.digest.hexdigest()}


def _dump_database(stream, connection):
    """Write every backed-up row to ``stream`` as a JSON fixture; return row counts."""
    counts = {}

    def rows():
        for model in backup_models():
            label = model._meta.label_lower
            counts[label] = 0
            for obj in model._base_manager.using(connection.alias).order_by("pk").iterator():
                counts[label] += 1
                yield obj

    serializers.serialize(
        "json", rows(), stream=stream, use_natural_foreign_keys=True, cls=ExactJSONEncoder
    )
    return counts


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, except that times keep their microseconds (Django's keeps millis)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _original_columns(connection):
    """``{model: {"fields": [...], "rows": [[pk, value, …], …]}}`` for translated models."""
    columns = {}
    for model in backup_models():
        if model not in translator.get_registered_models(abstract=False):
            continue
        names = list(translator.get_options_for_model(model).fields)
        # A plain QuerySet: modeltranslation's would read the active language's column.
        rows = QuerySet(model).using(connection.alias).order_by("pk").values_list("pk", *names)
        columns[model._meta.label_lower] = {"fields": names, "rows": [list(row) for row in rows]}
    return columns


@dataclass
class _Snapshot:
    """The database as of one moment: the fixture file, and what the manifest says of it."""

    fixture: Path
    original_columns: bytes
    rows: dict
    migrations: dict
    vendor: str


def _read_database(connection, workdir):
    fixture = workdir / DATABASE_MEMBER
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=connection.alias):
        if outermost and connection.vendor == "postgresql":
            # Every table as of one moment, while the site goes on serving and saving.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        with fixture.open("w", encoding="utf-8") as stream:
            rows = _dump_database(stream, connection)
        original = json.dumps(_original_columns(connection), cls=DjangoJSONEncoder).encode()
        migrations = applied_migrations(connection)
    return _Snapshot(fixture, original, rows, migrations, connection.vendor)


def _write_archive(tar, snapshot, skip):
    """Add the rows, every stored file (but ``skip``), the manifest and its signature."""
    members = {}
    with snapshot.fixture.open("rb") as file:
        _add_member(tar, DATABASE_MEMBER, file, snapshot.fixture.stat().st_size, members)
    original = snapshot.original_columns
    _add_member(tar, ORIGINAL_COLUMNS_MEMBER, io.BytesIO(original), len(original), members)
    storage_dirs = {}
    for alias, storage in file_storages().items():
        storage_dirs[alias] = f"{FILES_PREFIX}{alias}/"
        for relative, path in stored_files(storage):
            if path.resolve() in skip:
                continue  # the archive itself, written into a storage's folder
            with path.open("rb") as file:
                size = os.fstat(file.fileno()).st_size
                _add_member(tar, f"{storage_dirs[alias]}{relative}", file, size, members)
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created": timezone.now().isoformat(),
        "django": django.get_version(),
        "database": snapshot.vendor,
        "languages": [code for code, _name in settings.LANGUAGES],
        "migrations": snapshot.migrations,
        "rows": snapshot.rows,
        "storages": storage_dirs,
        "members": members,
    }
    manifest_bytes = json.dumps(manifest, indent=1, sort_keys=True).encode()
    signature = sign(manifest_bytes).encode()
    for name, data in ((MANIFEST_MEMBER, manifest_bytes), (SIGNATURE_MEMBER, signature)):
        _add_member(tar, name, io.BytesIO(data), len(data), {})
    return {name: entry for name, entry in members.items() if name.startswith(FILES_PREFIX)}


def create_backup(output, database=DEFAULT_DB_ALIAS):
    """Write the archive to ``output`` (a path); return a :class:`BackupSummary`."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    # Written under another name first: an archive with its real name is always complete.
    partial = output.with_name(output.name + ".partial")
    try:
        with tempfile.TemporaryDirectory(prefix="centre-backup-") as workdir:
            snapshot = _read_database(connections[database], Path(workdir))
            # Only the owner may read it: it holds password hashes.
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
                stored = _write_archive(tar, snapshot, skip={partial.resolve(), output.resolve()})
        os.replace(partial, output)
    except BaseException:
        with suppress(OSError):
            partial.unlink()
        raise
    return BackupSummary(
        path=output,
        size=output.stat().st_size,
        sha256=_sha256_of(output),
        rows=snapshot.rows,
        files=len(stored),
        file_bytes=sum(entry["size"] for entry in stored.values()),
        warnings=missing_files(database),
    )


def _sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK_SIZE):
            digest.update(chunk)
    return digest.hexdigest()


def missing_files(database=DEFAULT_DB_ALIAS):
    """A line for every file a row names and its storage does not hold."""
    missing = []
    for model in backup_models():
        for file_field in model._meta.concrete_fields:
            if not isinstance(file_field, models.FileField):
                continue
            named = (
                QuerySet(model)
                .using(database)
                .exclude(**{file_field.attname: ""})
                .exclude(**{f"{file_field.attname}__isnull": True})
                .values_list("pk", file_field.attname)
            )
            for pk, name in named:
                if not file_field.storage.exists(name):
                    label = model._meta.label_lower
                    missing.append(f"{label} #{pk}: {file_field.attname} names {name}, not stored")
    return missing


# ---- Checking an archive -------------------------------------------------------------------


@dataclass
class Archive:
    path: Path
    manifest: dict
    staging: Path  # the verified members, extracted

    def member_path(self, name):
        return self.staging / name


def _safe_member_name(name):
    return (
        bool(name)
        and name == posixpath.normpath(name)
        and not name.startswith("/")
        and ".." not in name.split("/")
        and not any(char in name for char in "\\\x00")
    )


def _check_manifest(manifest):
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("This is not a backup of this site (its manifest is not ours).")
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"This archive has format version {manifest.get('version')!r}; this site reads "
            f"version {VERSION}."
        )
    members, rows = manifest.get("members"), manifest.get("rows")
    storage_dirs, migrations = manifest.get("storages"), manifest.get("migrations")
    well_formed = (
        isinstance(members, dict)
        and all(
            isinstance(entry, dict)
            and isinstance(entry.get("size"), int)
            and isinstance(entry.get("sha256"), str)
            for entry in members.values()
        )
        and isinstance(rows, dict)
        and all(isinstance(count, int) for count in rows.values())
        and isinstance(storage_dirs, dict)
        and isinstance(migrations, dict)
        and DATABASE_MEMBER in members
        and ORIGINAL_COLUMNS_MEMBER in members
    )
    if not well_formed:
        raise BackupError("The archive's manifest is incomplete or malformed.")


def open_verified(path, workdir, check_signature=True):
    """
    Read the whole archive at ``path``, check it and extract its members into ``workdir``.

    Raises :class:`BackupError`, before anything else is touched, when the archive cannot be
    read to its end, holds anything but plain files at safe paths, lacks a member its manifest
    lists (or holds one it does not), a member's size or SHA-256 differs from the manifest, or
    the manifest's signature was not made with this site's secret key.
    """
    path, workdir = Path(path), Path(workdir)
    if not path.is_file():
        raise BackupError(f"There is no archive at {path}.")
    try:
        with tarfile.open(path, "r:gz") as tar:
            return _verify(tar, path, workdir, check_signature)
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise BackupError(
            f"{path} cannot be read to its end: the archive is damaged or incomplete ({error})."
        ) from error


def _verify(tar, path, workdir, check_signature):
    by_name = {}
    for member in tar.getmembers():
        if member.isdir():
            continue
        if not member.isfile() or not _safe_member_name(member.name):
            raise BackupError(
                f"The archive holds {member.name!r}, which is not a plain file at a safe path: "
                "it was not made by manage.py backup."
            )
        if member.name in by_name:
            raise BackupError(f"The archive holds {member.name!r} twice.")
        by_name[member.name] = member
    for name in (MANIFEST_MEMBER, SIGNATURE_MEMBER):
        if name not in by_name:
            raise BackupError(f"The archive has no {name}: it was not made by manage.py backup.")
    manifest_bytes = tar.extractfile(by_name[MANIFEST_MEMBER]).read()
    signature = tar.extractfile(by_name[SIGNATURE_MEMBER]).read().decode("ascii", "replace")
    try:
        manifest = json.loads(manifest_bytes)
    except ValueError as error:
        raise BackupError("The archive's manifest is not valid JSON.") from error
    _check_manifest(manifest)
    if check_signature and not signature_matches(manifest_bytes, signature.strip()):
        raise BackupError(
            "The manifest's signature does not match this site's DJANGO_SECRET_KEY: the archive "
            "was changed after it was made, or it was made with another secret key. If you "
            "trust it, restore it with --ignore-signature (the checksums are still verified)."
        )
    listed = manifest["members"]
    present = set(by_name) - {MANIFEST_MEMBER, SIGNATURE_MEMBER}
    if set(listed) != present:
        absent, extra = sorted(set(listed) - present), sorted(present - set(listed))
        raise BackupError(
            "The archive's contents differ from its manifest: "
            + _listing(("missing", absent), ("not listed", extra))
        )
    for name in sorted(listed):
        if not (
            name in (DATABASE_MEMBER, ORIGINAL_COLUMNS_MEMBER) or name.startswith(FILES_PREFIX)
        ):
            raise BackupError(f"The archive holds an unexpected member {name!r}.")
        target = workdir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        with tar.extractfile(by_name[name]) as source, target.open("wb") as copy:
            while chunk := source.read(CHUNK_SIZE):
                digest.update(chunk)
                size += len(chunk)
                copy.write(chunk)
        if size != listed[name]["size"] or digest.hexdigest() != listed[name]["sha256"]:
            raise BackupError(
                f"{name} in the archive does not match its checksum: the archive is damaged or "
                "was changed after it was made."
            )
    return Archive(path=path, manifest=manifest, staging=workdir)


def _listing(*groups):
    """``"missing a, b; not listed c"`` from ``("missing", [a, b]), ("not listed", [c])``."""
    return "; ".join(f"{label} {', '.join(names[:6])}" for label, names in groups if names)


# ---- Restoring -----------------------------------------------------------------------------


@dataclass
class RestoreSummary:
    rows: dict
    files: int
    indexed: int
    warnings: list = field(default_factory=list)


def check_migrations(connection, manifest):
    """Refuse a database that is not migrated, or an archive from a newer version of the code."""
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise BackupError(
            "This database is not fully migrated: run `python manage.py migrate` first."
        )
    here = applied_migrations(connection)
    newer = [
        f"{app}.{name}"
        for app, names in sorted(manifest["migrations"].items())
        for name in names
        if name not in here.get(app, [])
    ]
    if newer:
        raise BackupError(
            "The archive was made by a newer version of the site; these migrations are not "
            f"applied here: {', '.join(newer[:10])}. Update the code, run `manage.py migrate`, "
            "then restore."
        )


def target_storages(manifest):
    here = file_storages()
    unknown = sorted(set(manifest["storages"]) - set(here))
    if unknown:
        raise BackupError(
            f"The archive holds files of storages this site does not have: {', '.join(unknown)}."
        )
    return {alias: here[alias] for alias in manifest["storages"]}


def existing_content(database, storages_to_fill):
    """What the database and the storages already hold (empty lists: nothing)."""
    rows = [
        model._meta.label_lower
        for model in backup_models()
        if model._meta.label_lower not in CREATED_BY_MIGRATIONS
        and model._base_manager.using(database).exists()
    ]
    files = [alias for alias, storage in storages_to_fill.items() if stored_files(storage)]
    return rows, files


class _Placement:
    """Puts the archive's files into the storages' folders, and can take that back."""

    def __init__(self, archive, targets, replace):
        self.archive, self.targets, self.replace = archive, targets, replace
        self.placed, self.asides = [], []

    def place(self):
        for alias, storage in self.targets.items():
            root = storage_root(storage)
            root.mkdir(parents=True, exist_ok=True)
            if self.replace:
                self._move_aside(root)
            prefix = self.archive.manifest["storages"][alias]
            for name, entry in sorted(self.archive.manifest["members"].items()):
                if not name.startswith(prefix):
                    continue
                destination = root.joinpath(*name[len(prefix) :].split("/"))
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(self.archive.member_path(name), destination)
                self.placed.append(destination)
                if _sha256_of(destination) != entry["sha256"]:
                    raise BackupError(f"{destination} differs from the archive after copying.")
        return len(self.placed)

    def _move_aside(self, root):
        """The storage's current files go into a folder inside it until the restore is done."""
        aside = Path(tempfile.mkdtemp(prefix=".before-restore-", dir=root))
        self.asides.append((root, aside))
        for entry in list(root.iterdir()):
            if entry != aside:
                entry.rename(aside / entry.name)

    def undo(self):
        for path in self.placed:
            with suppress(OSError):
                path.unlink()
        for root, aside in self.asides:
            for entry in list(aside.iterdir()):
                target = root / entry.name
                if target.is_dir() and not any(target.rglob("*")):
                    shutil.rmtree(target, ignore_errors=True)
                with suppress(OSError):
                    entry.rename(target)
            shutil.rmtree(aside, ignore_errors=True)

    def finish(self):
        for _root, aside in self.asides:
            shutil.rmtree(aside, ignore_errors=True)


def _restore_original_columns(archive, database):
    with archive.member_path(ORIGINAL_COLUMNS_MEMBER).open(encoding="utf-8") as file:
        columns = json.load(file)
    for label, data in columns.items():
        model = apps.get_model(label)
        names = data["fields"]
        rows = QuerySet(model).using(database)
        current = {row[0]: list(row[1:]) for row in rows.values_list("pk", *names)}
        for pk, *values in data["rows"]:
            if current.get(pk) != values:
                rows.filter(pk=pk).update(**dict(zip(names, values, strict=True)))


def _check_counts(manifest, database):
    for label, expected in sorted(manifest["rows"].items()):
        actual = apps.get_model(label)._base_manager.using(database).count()
        if actual != expected and not (label in CREATED_BY_MIGRATIONS and actual > expected):
            raise BackupError(
                f"{label}: {actual} rows after loading, the archive holds {expected}."
            )


def restore_backup(path, *, replace=False, check_signature=True, database=DEFAULT_DB_ALIAS):
    """
    Restore the archive at ``path``; return a :class:`RestoreSummary`.

    Without ``replace`` the database must hold no content and the storages no files; with it,
    both are emptied first (the storages' old files are only deleted once the restore has
    committed, and put back if it fails).
    """
    connection = connections[database]
    with tempfile.TemporaryDirectory(prefix="centre-restore-") as workdir:
        archive = open_verified(path, workdir, check_signature)
        manifest = archive.manifest
        check_migrations(connection, manifest)
        targets = target_storages(manifest)
        if not replace:
            rows, files = existing_content(database, targets)
            if rows or files:
                raise BackupError(
                    "The site is not empty: "
                    + _listing(("the database holds", rows), ("files in the storages", files))
                    + ". Restore into an empty database and empty folders, or use --replace to "
                    "replace everything with the archive's content."
                )
        placement = _Placement(archive, targets, replace)
        try:
            with transaction.atomic(using=database):
                if replace:
                    call_command("flush", database=database, interactive=False, verbosity=0)
                call_command(
                    "loaddata",
                    str(archive.member_path(DATABASE_MEMBER)),
                    database=database,
                    verbosity=0,
                )
                _restore_original_columns(archive, database)
                _check_counts(manifest, database)
                file_count = placement.place()
                indexed = rebuild_index()
        except BaseException:
            placement.undo()
            raise
        placement.finish()
    return RestoreSummary(
        rows=manifest["rows"], files=file_count, indexed=indexed, warnings=missing_files(database)
    )
