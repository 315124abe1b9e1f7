"""
Uploaded images, for every app: checked by decoding them, and resized into renditions.

An upload is trusted only once Pillow has decoded all of it as PNG, JPEG or WebP within a pixel
limit: an SVG, an HTML file renamed ``.png``, a truncated file or a decompression bomb is
refused with a form error, never a 500. Renditions are the sizes pages actually show (for
``srcset``), in WebP and in the original format.
"""

import io
import posixpath
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image

from centre.text import slugify_az

# Pillow format name -> file extension, for the formats the site accepts.
ACCEPTED_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}


def validate_image(file):
    """
    Raise ``ValidationError`` unless ``file`` decodes fully as an accepted image; return the
    file extension of its real format (``png``, ``jpg`` or ``webp``).
    """
    limit = getattr(settings, "IMAGE_MAX_PIXELS", 25_000_000)
    position = file.tell()
    try:
        file.seek(0)
        with warnings.catch_warnings():
            # Pillow warns, then raises, past its own bomb limit; ours is lower and explicit.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                if image.format not in ACCEPTED_FORMATS:
                    raise ValidationError(
                        _("Upload a PNG, JPEG or WebP image."), code="image_format"
                    )
                width, height = image.size
                if width * height > limit:
                    raise _too_large(limit)
                image.load()  # decode every pixel: a truncated file fails here
                return ACCEPTED_FORMATS[image.format]
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_large(limit) from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:  # UnidentifiedImageError too
        raise ValidationError(
            _("This file is not a usable image: it could not be read as PNG, JPEG or WebP."),
            code="invalid_image",
        ) from error
    finally:
        file.seek(position)


def validate_image_file_size(file):
    """The size cap for uploaded images (``IMAGE_MAX_FILE_SIZE``), checked before decoding."""
    validate_file_size(file, settings.IMAGE_MAX_FILE_SIZE)


def validate_file_size(file, limit):
    if file.size > limit:
        raise ValidationError(
            _("The file is too large: at most %(megabytes)s MB are accepted."),
            code="file_too_large",
            params={"megabytes": f"{limit / (1024 * 1024):g}"},
        )


def _too_large(limit):
    return ValidationError(
        _("The image is too large: at most %(megapixels)s megapixels are accepted."),
        code="image_too_large",
        params={"megapixels": f"{limit / 1_000_000:g}"},
    )


def make_renditions(file, storage, stem, widths):
    """
    A WebP copy and one in the original format per width (never wider than the original), as
    ``<stem>-<width>.<ext>``; returns ``{"name", "width", "height", "format"}``, smallest first.
    """
    file.seek(0)
    with Image.open(file) as original:
        original_format = original.format
        original.load()
        image = original.convert("RGBA" if original.has_transparency_data else "RGB")
    # WebP first; a WebP upload has only that.
    formats = {"WEBP": "webp", original_format: ACCEPTED_FORMATS[original_format]}
    renditions = []
    for width in sorted({min(width, image.width) for width in widths}):
        height = max(1, round(image.height * width / image.width))
        resized = image.resize((width, height), Image.Resampling.LANCZOS)
        for pillow_format, ext in formats.items():
            name = storage.save(
                f"{stem}-{width}.{ext}", ContentFile(_encode(resized, pillow_format))
            )
            renditions.append({"name": name, "width": width, "height": height, "format": ext})
    file.seek(0)
    return renditions


def rendition_stem(upload_to, filename):
    """``partners/renditions`` + ``Logo Name.PNG`` -> ``partners/renditions/logo-name``."""
    stem = posixpath.splitext(posixpath.basename(filename))[0]
    return posixpath.join(upload_to, slugify_az(stem, max_length=60) or "image")


def _encode(image, pillow_format):
    buffer = io.BytesIO()
    if pillow_format == "JPEG":
        image.convert("RGB").save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    elif pillow_format == "WEBP":
        image.save(buffer, "WEBP", quality=82, method=6)
    else:
        image.save(buffer, pillow_format, optimize=True)
    return buffer.getvalue()


def by_format(renditions):
    renditions = renditions or []
    webp = [item for item in renditions if item["format"] == "webp"]
    return webp, [item for item in renditions if item["format"] != "webp"]


def shared_rendition(renditions):
    """The largest rendition in the upload's own format (not every network reads WebP)."""
    webp, own_format = by_format(renditions)
    return max(own_format or webp, key=lambda item: item["width"], default=None)
