"""
Where uploads are stored: under safe names, always inside the storage's folder, and, for the
public media folder, only images that have been decoded.

Every stored name is made here, whatever the upload called itself: ``../../x.pdf``, a NUL, a
right-to-left override (U+202E, which makes ``cod.exe`` look like ``exe.doc``) or a 300-character
name all become a short ASCII name such as ``x.pdf``. Django already refuses ``..`` in a folder
and any path outside the storage's root; these names never try.
"""

import posixpath
import unicodedata

from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.storage import FileSystemStorage

from centre.images import validate_image
from centre.text import slugify_az

NAME_STEM_LENGTH = 80
EXTENSION_LENGTH = 10


def safe_file_name(name):
    """``../../Hesabat 2024 (son).PDF`` -> ``hesabat-2024-son.pdf``."""
    base = str(name).replace("\\", "/").rsplit("/", 1)[-1]
    # Control and format characters (NUL, U+202E and the other bidirectional controls) go first.
    base = "".join(char for char in base if unicodedata.category(char) not in {"Cc", "Cf"})
    stem, extension = posixpath.splitext(base)
    extension = "".join(char for char in extension.lower() if char.isascii() and char.isalnum())
    stem = slugify_az(stem, max_length=NAME_STEM_LENGTH) or "file"
    extension = extension[:EXTENSION_LENGTH]
    return f"{stem}.{extension}" if extension else stem


class SafeFileSystemStorage(FileSystemStorage):
    """A ``FileSystemStorage`` that stores every file under a :func:`safe_file_name`."""

    def get_valid_name(self, name):
        return safe_file_name(name)

    def save(self, name, content, max_length=None):
        # Model fields pass names through generate_filename(); direct callers get it here too.
        if name is None:
            name = content.name
        return super().save(self.generate_filename(name), content, max_length=max_length)


class PublicMediaStorage(SafeFileSystemStorage):
    """
    The public media folder (``MEDIA_ROOT``): everything in it can be fetched by anyone, so it
    holds only PNG, JPEG and WebP images that decoded within the pixel limit, stored with their
    real format's extension. An HTML page or an SVG never gets there, whatever it is named, and
    so is never served from the site's own address.
    """

    def save(self, name, content, max_length=None):
        if name is None:
            name = content.name
        try:
            extension = validate_image(content)
        except ValidationError as error:
            raise SuspiciousFileOperation(
                f"Only decoded images are stored in public media, not {name!r}."
            ) from error
        name = f"{posixpath.splitext(name)[0]}.{extension}"
        return super().save(name, content, max_length=max_length)
