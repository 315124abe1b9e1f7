"""
Where uploads are stored: under safe names, always inside the storage's folder, and, for the
public media folder, only images that have been decoded.

Every stored name is made here, whatever the upload called itself: ``../../x.pdf``, a NUL, a
right-to-left override (U+202E, which makes ``cod.exe`` look like ``exe.doc``) or a
300-character name all become a short ASCII name such as ``x.pdf``.

A row's file is written at once, outside its transaction: a rollback would leave it pointed at
by nothing, and a write failing half way leaves a truncated file. ``FileSystemStorage`` below
removes a file it could not write completely and tells every enclosing ``atomic_with_files()``
what it wrote, to delete if the block fails. The models wrap their ``save()`` in it, the admin
a whole form submission.
"""

import contextlib
import contextvars
import logging
import posixpath
import unicodedata

from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files import storage
from django.db import transaction

from centre.images import validate_image
from centre.text import slugify_az

logger = logging.getLogger(__name__)

# The file lists of the atomic_with_files() blocks the current code runs in, innermost last.
_open_blocks = contextvars.ContextVar("centre_storage_open_blocks", default=())


class FileSystemStorage(storage.FileSystemStorage):
    def _save(self, name, content):
        existed = self.exists(name)
        try:
            name = super()._save(name, content)
        except OSError:
            if not existed:
                discard(self, name)  # whatever part of it reached the disk
            raise
        for written in _open_blocks.get():
            written.append((self, name))
        return name


def discard(storage, name):
    """Delete ``name`` from ``storage`` if it is there; a failure is logged, never raised."""
    try:
        storage.delete(name)
    except OSError:
        logger.exception("Could not remove the stored file %s", name)


@contextlib.contextmanager
def atomic_with_files(using=None):
    """
    ``transaction.atomic()`` that also deletes the files a :class:`FileSystemStorage` wrote in
    it if it raises; once committed they stay, even if something after the commit fails.
    """
    written = []
    committed = []
    token = _open_blocks.set((*_open_blocks.get(), written))
    try:
        with transaction.atomic(using=using):
            # Registered first, so it runs first when the outermost block commits.
            transaction.on_commit(lambda: committed.append(True), using=using)
            yield
    except BaseException:
        if not committed:
            for file_storage, name in reversed(written):
                discard(file_storage, name)
        raise
    finally:
        _open_blocks.reset(token)


def without_controls(text):
    """
    ``text`` without control and format characters: NUL, line breaks, U+202E and the other
    bidirectional controls (which show ``Hesabat\u202efdp.exe`` as ``Hesabatexe.pdf``).
    """
    return "".join(char for char in str(text) if unicodedata.category(char) not in {"Cc", "Cf"})


def readable_file_name(text, max_length=150):
    """``text`` as a file name people read (a download's ``filename*``): one line, no path."""
    text = without_controls(" ".join(str(text).split()))  # line breaks are spaces
    text = "".join(" " if char in '/\\"' else char for char in text)
    return " ".join(text.split())[:max_length]


def safe_file_name(name):
    """``../../Hesabat 2024 (son).PDF`` -> ``hesabat-2024-son.pdf``."""
    base = without_controls(str(name).replace("\\", "/").rsplit("/", 1)[-1])
    stem, extension = posixpath.splitext(base)
    extension = "".join(char for char in extension.lower() if char.isascii() and char.isalnum())
    stem = slugify_az(stem, max_length=80) or "file"
    extension = extension[:10]
    return f"{stem}.{extension}" if extension else stem


class SafeFileSystemStorage(FileSystemStorage):
    def get_valid_name(self, name):
        return safe_file_name(name)

    def save(self, name, content, max_length=None):
        # Model fields pass names through generate_filename(); direct callers get it here too.
        return super().save(self.generate_filename(name), content, max_length=max_length)


class PublicMediaStorage(SafeFileSystemStorage):
    """
    ``MEDIA_ROOT``, served from the site's own address: only PNG, JPEG and WebP images that
    decoded within the pixel limit, under their real format's extension. An HTML page or an
    SVG never gets there, whatever it is named, and so is never served.
    """

    def save(self, name, content, max_length=None):
        try:
            extension = validate_image(content)
        except ValidationError as error:
            raise SuspiciousFileOperation(
                f"Only decoded images are stored in public media, not {name!r}."
            ) from error
        name = f"{posixpath.splitext(name)[0]}.{extension}"
        return super().save(name, content, max_length=max_length)
