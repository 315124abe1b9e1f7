"""
Uploaded PDFs: trusted only once they parse as PDF, and described by what they contain.

A file is accepted when it starts like a PDF, pypdf reads its page tree and text, it is not
encrypted, and PDFium (the engine Chrome's viewer uses) opens it as well: a renamed HTML file, a
file with only ``%PDF`` in front, a password-protected or a broken PDF is refused with a form
error in the staff member's language, never a 500. Files are read in chunks, never whole.
"""

import hashlib
import io
import logging
import re
from dataclasses import dataclass

import pypdfium2
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader

logger = logging.getLogger(__name__)

CHUNK_SIZE = 64 * 1024
# The PDF standard lets the header start anywhere in the first 1024 bytes.
HEADER_WINDOW = 1024
# Extracted text is kept for search; a few million characters cover any real report.
MAX_TEXT_LENGTH = 5_000_000
SPACES = re.compile(r"[ \t\u00a0]+")


@dataclass(frozen=True)
class PdfInfo:
    size: int
    page_count: int
    sha256: str
    text: str


def max_file_size():
    return settings.PUBLICATION_MAX_FILE_SIZE


def inspect_pdf(file):
    """Check ``file`` (an open file or Django ``File``) and return a :class:`PdfInfo`."""
    size = file.size if hasattr(file, "size") else _stream_size(file)
    limit = max_file_size()
    if size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s): at most %(limit)s can be uploaded."),
            code="pdf_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    if size == 0:
        raise _not_a_pdf()
    file.seek(0)
    if b"%PDF-" not in file.read(HEADER_WINDOW):
        raise _not_a_pdf()
    page_count, text = _read_with_pypdf(file)
    _open_with_pdfium(file, page_count)
    sha256 = _sha256(file)
    file.seek(0)
    return PdfInfo(size=size, page_count=page_count, sha256=sha256, text=text)


def _read_with_pypdf(file):
    file.seek(0)
    try:
        reader = PdfReader(file, strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _(
                    "This PDF is encrypted or protected by a password. Save it without "
                    "protection and upload it again."
                ),
                code="pdf_encrypted",
            )
        page_count = len(reader.pages)
        parts, length = [], 0
        for page in reader.pages:
            if length >= MAX_TEXT_LENGTH:
                break
            part = page.extract_text() or ""
            parts.append(part)
            length += len(part)
    except ValidationError:
        raise
    except Exception as error:  # pypdf raises many kinds of error on damaged files
        logger.info("PDF refused: %s: %s", type(error).__name__, error)
        raise _broken() from error
    if page_count < 1:
        raise _broken()
    # PostgreSQL text cannot hold NUL characters, which some PDFs' text layers contain;
    # justified lines come out with runs of spaces, which would defeat phrase search.
    text = SPACES.sub(" ", "\n".join(parts)[:MAX_TEXT_LENGTH].replace("\x00", ""))
    return page_count, text


def _open_with_pdfium(file, page_count):
    """PDFium is stricter than pypdf: what it cannot open, a visitor's viewer cannot either."""
    file.seek(0)
    try:
        document = pypdfium2.PdfDocument(file)
    except pypdfium2.PdfiumError as error:
        logger.info("PDF refused by PDFium: %s", error)
        raise _broken() from error
    try:
        if len(document) != page_count:
            raise _broken()
    finally:
        document.close()


def render_first_page(file, width=800):
    """The first page of the PDF ``file`` as a JPEG, ``width`` pixels wide (bytes)."""
    file.seek(0)
    document = pypdfium2.PdfDocument(file)
    try:
        page = document[0]
        page_width, _height = page.get_size()
        image = page.render(scale=width / page_width).to_pil().convert("RGB")
        page.close()
    finally:
        document.close()
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    return buffer.getvalue()


def _sha256(file):
    digest = hashlib.sha256()
    file.seek(0)
    while chunk := file.read(CHUNK_SIZE):
        digest.update(chunk)
    return digest.hexdigest()


def _stream_size(file):
    file.seek(0, io.SEEK_END)
    size = file.tell()
    file.seek(0)
    return size


def _not_a_pdf():
    return ValidationError(
        _("This file is not a PDF. Upload the document as a PDF file."), code="not_a_pdf"
    )


def _broken():
    return ValidationError(
        _(
            "This PDF is damaged and cannot be read. Export or save it again as PDF and upload "
            "the new file."
        ),
        code="pdf_broken",
    )
