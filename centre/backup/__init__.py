"""
Backups of the whole site in one archive: made by ``archive``, checked by ``verify``, put back by
``restore`` (``manage.py backup`` and ``restore``); this module holds what they share. The archive
(README, "Backups and restore") is a ``.tar.gz`` of ``database.json`` (``dumpdata``'s fixture of
every row), ``original-columns.json`` (modeltranslation's own columns, which the ORM cannot
write), ``files/<storage>/…`` (every file of every file-system storage) and ``manifest.json``
(size and SHA-256 of each member, row counts, migrations) signed in ``manifest.hmac``.
"""

import hashlib
import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import DEFAULT_DB_ALIAS, router
from django.utils.crypto import constant_time_compare, salted_hmac

FORMAT = "4sim-centre-backup"
VERSION = 1
DATABASE_MEMBER = "database.json"
ORIGINAL_COLUMNS_MEMBER = "original-columns.json"
MANIFEST_MEMBER = "manifest.json"
SIGNATURE_MEMBER = "manifest.hmac"
FILES_PREFIX = "files/"
HMAC_SALT = "centre.backup.manifest"

# What the database makes itself (migrate, rebuild_search_index) or what is not worth keeping.
EXCLUDED_MODELS = [
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "centre.searchentry",
]


class BackupError(Exception):
    """An archive that must not be restored."""


def backup_models():
    """The models whose rows are backed up: those ``dumpdata`` dumps, less ``EXCLUDED_MODELS``."""
    return [
        model
        for model in apps.get_models()
        if model._meta.label_lower not in EXCLUDED_MODELS
        and router.allow_migrate_model(DEFAULT_DB_ALIAS, model)
    ]


def row_counts():
    return {model._meta.label_lower: model._base_manager.count() for model in backup_models()}


def file_storages():
    return {
        alias: storages[alias]
        for alias in settings.STORAGES
        # Static files are made by collectstatic from the code.
        if alias != "staticfiles" and isinstance(storages[alias], FileSystemStorage)
    }


def stored_files(storage):
    root = Path(storage.location)  # a folder not made yet has no files
    return [
        (path.relative_to(root).as_posix(), path)
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    ]


def sha256_of(path):
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def sign(manifest_bytes, secret=None):
    return salted_hmac(HMAC_SALT, manifest_bytes, secret=secret, algorithm="sha256").hexdigest()


def signed(manifest):
    data = json.dumps({"format": FORMAT, "version": VERSION, **manifest}, indent=1, sort_keys=True)
    return {MANIFEST_MEMBER: data.encode(), SIGNATURE_MEMBER: sign(data.encode()).encode()}


def signature_matches(manifest_bytes, signature):
    secrets = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return any(constant_time_compare(sign(manifest_bytes, secret), signature) for secret in secrets)


def listing(*groups):
    """``"missing a, b; not listed c"`` from ``("missing", [a, b]), ("not listed", [c])``."""
    return "; ".join(f"{label} {', '.join(sorted(names)[:6])}" for label, names in groups if names)
