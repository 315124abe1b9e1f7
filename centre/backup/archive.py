"""Making a backup: ``dumpdata``'s rows, modeltranslation's own columns and every stored file,
with the manifest and its signature, in one ``.tar.gz`` (see ``centre.backup``)."""

import hashlib
import json
import os
import tarfile
import tempfile
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

import django
from django.conf import settings
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import QuerySet
from django.utils import timezone
from modeltranslation.translator import translator

from . import (
    DATABASE_MEMBER,
    EXCLUDED_MODELS,
    FILES_PREFIX,
    MANIFEST_MEMBER,
    ORIGINAL_COLUMNS_MEMBER,
    SIGNATURE_MEMBER,
    backup_models,
    file_storages,
    fixture,
    sha256_of,
    signed,
    stored_files,
)


@dataclass
class BackupSummary:
    path: Path
    size: int
    sha256: str
    rows: dict
    files: int
    file_bytes: int
    warnings: list = field(default_factory=list)


def _original_columns(alias):
    """``{model: {"fields": [...], "rows": [[pk, value, …], …]}}`` for translated models."""
    columns = {}
    for model in translator.get_registered_models(abstract=False):
        names = list(translator.get_options_for_model(model).fields)
        # A plain QuerySet: modeltranslation's would read the active language's column.
        rows = QuerySet(model).using(alias).order_by("pk").values_list("pk", *names)
        columns[model._meta.label_lower] = {"fields": names, "rows": [list(row) for row in rows]}
    return columns


def _dump_database(connection, workdir):
    """Write the rows and the original columns into ``workdir``, as of one moment; return what
    the manifest says of the database."""
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=connection.alias):
        if outermost and connection.vendor == "postgresql":
            # Every table as of one moment, while the site goes on serving and saving.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        with (workdir / DATABASE_MEMBER).open("w", encoding="utf-8") as stream:
            call_command(
                "dumpdata",
                format=fixture.FORMAT,
                exclude=EXCLUDED_MODELS,
                use_natural_foreign_keys=True,
                use_base_manager=True,
                database=connection.alias,
                stdout=stream,
                verbosity=0,
            )
        original = json.dumps(_original_columns(connection.alias), cls=DjangoJSONEncoder)
        rows = {
            model._meta.label_lower: model._base_manager.using(connection.alias).count()
            for model in backup_models()
        }
        migrations = {}
        for app_label, name in sorted(MigrationRecorder(connection).applied_migrations()):
            migrations.setdefault(app_label, []).append(name)
    (workdir / ORIGINAL_COLUMNS_MEMBER).write_text(original, encoding="utf-8")
    return {"database": connection.vendor, "rows": rows, "migrations": migrations}


def _add(tar, name, path):
    """Add the file at ``path`` as ``name``; return its size and SHA-256 for the manifest."""
    # One open handle for digest and copy: a file replaced meanwhile cannot make them differ.
    with open(path, "rb") as file:
        digest = hashlib.file_digest(file, "sha256").hexdigest()
        info = tar.gettarinfo(arcname=name, fileobj=file)
        file.seek(0)
        tar.addfile(info, file)
    return {"size": info.size, "sha256": digest}


def _write_archive(tar, workdir, database, skip):
    """Add the rows, every stored file (but ``skip``), the manifest and its signature; return
    the manifest."""
    members = {
        name: _add(tar, name, workdir / name) for name in (DATABASE_MEMBER, ORIGINAL_COLUMNS_MEMBER)
    }
    storage_dirs = {}
    for alias, storage in file_storages().items():
        storage_dirs[alias] = f"{FILES_PREFIX}{alias}/"
        for relative, path in stored_files(storage):
            if path.resolve() not in skip:  # the archive itself, written into a storage's folder
                name = f"{storage_dirs[alias]}{relative}"
                members[name] = _add(tar, name, path)
    manifest = {
        "created": timezone.now().isoformat(),
        "django": django.get_version(),
        "languages": [code for code, _name in settings.LANGUAGES],
        **database,
        "storages": storage_dirs,
        "members": members,
    }
    manifest_bytes, signature = signed(manifest)
    (workdir / MANIFEST_MEMBER).write_bytes(manifest_bytes)
    (workdir / SIGNATURE_MEMBER).write_text(signature)
    for name in (MANIFEST_MEMBER, SIGNATURE_MEMBER):
        _add(tar, name, workdir / name)
    return manifest


def create_backup(output, database=DEFAULT_DB_ALIAS):
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    # Written under another name first: an archive with its real name is always complete.
    partial = output.with_name(output.name + ".partial")
    try:
        with tempfile.TemporaryDirectory(prefix="centre-backup-") as workdir:
            state = _dump_database(connections[database], Path(workdir))
            # Only the owner may read it: it holds password hashes.
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
                skip = {partial.resolve(), output.resolve()}
                manifest = _write_archive(tar, Path(workdir), state, skip)
        os.replace(partial, output)
    except BaseException:
        with suppress(OSError):
            partial.unlink()
        raise
    stored = [entry for name, entry in manifest["members"].items() if name.startswith(FILES_PREFIX)]
    return BackupSummary(
        path=output,
        size=output.stat().st_size,
        sha256=sha256_of(output),
        rows=manifest["rows"],
        files=len(stored),
        file_bytes=sum(entry["size"] for entry in stored),
        warnings=missing_files(database),
    )


def missing_files(database=DEFAULT_DB_ALIAS):
    missing = []
    for model in backup_models():
        label = model._meta.label_lower
        for file_field in model._meta.concrete_fields:
            if isinstance(file_field, models.FileField):
                named = (
                    QuerySet(model)
                    .using(database)
                    .filter(**{f"{file_field.attname}__gt": ""})  # neither "" nor NULL
                    .values_list("pk", file_field.attname)
                )
                missing += [
                    f"{label} #{pk}: {file_field.attname} names {name}, not stored"
                    for pk, name in named
                    if not file_field.storage.exists(name)
                ]
    return missing
