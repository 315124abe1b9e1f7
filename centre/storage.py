"""
Uploaded files and database rows that fail together.

A row is saved in a transaction, but its file is written to disk at once; when something fails
afterwards (the disk fills up while the smaller copies of a logo are made, a PDF of the same
publication cannot be stored, the database refuses the row), the transaction is rolled back and
the files already written would stay behind, pointed at by nothing. And a write that fails half
way leaves a truncated file.

``FileSystemStorage`` (Django's, configured in ``STORAGES``) removes a file it could not write
completely, and tells every enclosing ``atomic_with_files()`` block what it wrote; such a block
is ``transaction.atomic()`` that also deletes those files when it fails. The models wrap their
``save()`` in it, and the admin wraps a whole form submission (see ``centre.admin``).
"""

import contextlib
import contextvars
import logging

from django.core.files import storage
from django.db import transaction

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
                self.discard(name)  # whatever part of it reached the disk
            raise
        for written in _open_blocks.get():
            written.append((self, name))
        return name

    def discard(self, name):
        """Delete ``name`` if it is there; a failure is logged, never raised."""
        try:
            self.delete(name)
        except OSError:
            logger.exception("Could not remove %s from %s", name, self.location)


@contextlib.contextmanager
def atomic_with_files(using=None):
    """
    ``transaction.atomic()`` for the rows and for the files saved with them.

    Files that a :class:`FileSystemStorage` writes inside the block are deleted if the block
    raises: its rows are rolled back, so nothing points at them. Once the transaction has
    committed they are left alone, even if something after the commit fails.
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
                file_storage.discard(name)
        raise
    finally:
        _open_blocks.reset(token)
