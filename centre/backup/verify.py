"""Checking an archive before anything is changed: complete, safe, signed, every checksum."""

import json
import posixpath
import tarfile
import zlib
from pathlib import Path

from . import (
    DATABASE_MEMBER,
    FILES_PREFIX,
    FORMAT,
    MANIFEST_MEMBER,
    ORIGINAL_COLUMNS_MEMBER,
    SIGNATURE_MEMBER,
    VERSION,
    BackupError,
    listing,
    sha256_of,
    signature_matches,
)


def _plain_file(member, path):
    """tarfile's extraction filter: only plain files at safe paths, made with the usual mode."""
    name = member.name
    # normpath is the name itself: no "." or empty step, and ".." only at the start, refused here.
    unsafe = name != posixpath.normpath(name) or {"", ".."} & set(name.split("/"))
    if not member.isfile() or unsafe or {"\\", "\x00"} & set(name):
        raise BackupError(
            f"The archive holds {name!r}, which is not a plain file at a safe path: it was not "
            "made by manage.py backup."
        )
    return tarfile.data_filter(member, path).replace(mode=None)


def open_verified(path, workdir, check_signature=True):
    """Extract the archive into ``workdir`` and return its manifest; raise :class:`BackupError`,
    before anything else is touched, at the first check it fails."""
    path, workdir = Path(path), Path(workdir)
    if not path.is_file():
        raise BackupError(f"There is no archive at {path}.")
    try:
        with tarfile.open(path, "r:gz") as tar:
            # A name held twice is extracted once, and what was extracted is checked below.
            tar.extractall(workdir, filter=_plain_file)  # noqa: S202 - the filter checks
            names = set(tar.getnames())
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise BackupError(
            f"{path} cannot be read to its end: the archive is damaged or incomplete ({error})."
        ) from error
    present = names - {MANIFEST_MEMBER, SIGNATURE_MEMBER}
    for name in (MANIFEST_MEMBER, SIGNATURE_MEMBER):
        if not (workdir / name).is_file():
            raise BackupError(f"The archive has no {name}: it was not made by manage.py backup.")
    manifest_bytes = (workdir / MANIFEST_MEMBER).read_bytes()
    signature = (workdir / SIGNATURE_MEMBER).read_bytes().decode("ascii", "replace").strip()
    if check_signature and not signature_matches(manifest_bytes, signature):
        raise BackupError(
            "The manifest's signature does not match this site's DJANGO_SECRET_KEY: the archive "
            "was changed after it was made, or it was made with another secret key. If you "
            "trust it, restore it with --ignore-signature (the checksums are still verified)."
        )
    try:
        manifest = json.loads(manifest_bytes)
        if manifest["format"] == FORMAT and manifest["version"] != VERSION:
            raise BackupError(
                f"This archive has format version {manifest['version']!r}; this site reads "
                f"version {VERSION}."
            )
        listed, rows = manifest["members"], {DATABASE_MEMBER, ORIGINAL_COLUMNS_MEMBER}
        prefixes = tuple(f"{FILES_PREFIX}{alias}/" for alias in manifest["storages"])
        ours = (
            manifest["format"] == FORMAT
            and rows <= listed.keys()
            and all(name in rows or name.startswith(prefixes) for name in listed)
            and all(isinstance(e["size"], int) and e["sha256"] for e in listed.values())
            and all(isinstance(count, int) for count in manifest["rows"].values())
            and all(isinstance(manifest[key], dict) for key in ("storages", "migrations"))
        )
    except (ValueError, KeyError, TypeError, AttributeError):  # not JSON, or not ours
        ours = False
    if not ours:
        raise BackupError("This is not a backup of this site: its manifest is malformed.")
    if listed.keys() != present:
        raise BackupError(
            "The archive's contents differ from its manifest: "
            + listing(("missing", listed.keys() - present), ("not listed", present - listed.keys()))
        )
    for name, entry in listed.items():
        member = workdir / name
        if member.stat().st_size != entry["size"] or sha256_of(member) != entry["sha256"]:
            raise BackupError(
                f"{name} in the archive does not match its checksum: the archive is damaged or "
                "was changed after it was made."
            )
    return manifest
