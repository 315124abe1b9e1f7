"""Making a backup: ``dumpdata``'s rows, modeltranslation's own columns and every stored file,
with the manifest and its signature, in one ``.tar.gz`` (see ``centre.backup``)."""

import hashlib
import json
import os
import tarfile
import tempfile
from pathlib import Path
from types import SimpleNamespace

import django
from django.conf import settings
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import QuerySet
from django.utils import timezone
from modeltranslation.translator import translator

from . import (
    DATABASE_MEMBER,
    EXCLUDED_MODELS,
    FILES_PREFIX,
    ORIGINAL_COLUMNS_MEMBER,
    backup_models,
    file_storages,
    fixture,
    row_counts,
    sha256_of,
    signed,
    stored_files,
)


def _dump_database(workdir):
    """Write the rows and modeltranslation's own columns into ``workdir``, as of one moment;
    return what the manifest says of the database."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
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
                stdout=stream,
                verbosity=0,
            )
        columns = {}
        for model in translator.get_registered_models(abstract=False):
            names = list(translator.get_options_for_model(model).fields)
            # A plain QuerySet: modeltranslation's would read the active language's column.
            rows = QuerySet(model).order_by("pk").values_list("pk", *names)
            columns[model._meta.label_lower] = {"fields": names, "rows": [list(r) for r in rows]}
        (workdir / ORIGINAL_COLUMNS_MEMBER).write_text(
            json.dumps(columns, cls=DjangoJSONEncoder), encoding="utf-8"
        )
        migrations = {}
        for app_label, name in sorted(MigrationRecorder(connection).applied_migrations()):
            migrations.setdefault(app_label, []).append(name)
        return {
            "created": timezone.now().isoformat(),
            "django": django.get_version(),
            "languages": [code for code, _name in settings.LANGUAGES],
            "database": connection.vendor,
            "rows": row_counts(),
            "migrations": migrations,
        }


def _add(tar, name, path):
    # One open handle for digest and copy: a file replaced meanwhile cannot make them differ.
    with open(path, "rb") as file:
        digest = hashlib.file_digest(file, "sha256").hexdigest()
        info = tar.gettarinfo(arcname=name, fileobj=file)
        file.seek(0)
        tar.addfile(info, file)
    return {"size": info.size, "sha256": digest}


def create_backup(output):
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    # Written under another name first: an archive with its real name is always complete.
    partial = output.with_name(output.name + ".partial")
    skip = {partial.resolve(), output.resolve()}  # the archive itself, in a storage's folder
    try:
        with tempfile.TemporaryDirectory(prefix="centre-backup-") as workdir:
            workdir = Path(workdir)
            manifest = _dump_database(workdir)
            storages = manifest["storages"] = {
                alias: f"{FILES_PREFIX}{alias}/" for alias in file_storages()
            }
            partial.touch(mode=0o600)  # only the owner may read it: it holds password hashes
            with tarfile.open(partial, "w:gz") as tar:
                rows = (DATABASE_MEMBER, ORIGINAL_COLUMNS_MEMBER)
                members = manifest["members"] = {
                    name: _add(tar, name, workdir / name) for name in rows
                }
                for alias, storage in file_storages().items():
                    for relative, path in stored_files(storage):
                        if path.resolve() not in skip:
                            name = storages[alias] + relative
                            members[name] = _add(tar, name, path)
                for name, data in signed(manifest).items():
                    (workdir / name).write_bytes(data)
                    tar.add(workdir / name, name)
        os.replace(partial, output)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    stored = [entry for name, entry in members.items() if name.startswith(FILES_PREFIX)]
    return SimpleNamespace(
        path=output,
        size=output.stat().st_size,
        sha256=sha256_of(output),
        rows=manifest["rows"],
        files=len(stored),
        file_bytes=sum(entry["size"] for entry in stored),
        warnings=missing_files(),
    )


def missing_files():
    return [
        f"{model._meta.label_lower} #{pk}: {field.attname} names {name}, not stored"
        for model in backup_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
        # Neither "" nor NULL; a plain QuerySet, as modeltranslation's would read another column.
        for pk, name in QuerySet(model)
        .filter(**{f"{field.attname}__gt": ""})
        .values_list("pk", field.attname)
        if not field.storage.exists(name)
    ]
