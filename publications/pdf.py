"""
Uploaded PDFs: trusted only once they parse as PDF, and described by what they contain.

A file is accepted when it starts like a PDF, pypdf reads its page tree and text, it is not
encrypted, and PDFium (the engine Chrome's viewer uses) opens it as well: a renamed HTML file, a
file with only ``%PDF`` in front, a password-protected or a broken PDF is refused with a form
error in the staff member's language, never a 500. Files are read in chunks, never whole.

pypdf and PDFium run in publications/pdf_worker.py, a process of its own for each check and
each cover, limited in memory, time, pages and inflated stream size (the PDF_MAX_* settings): a
hostile file can only end that process, which is a form error here too.
"""

import base64
import contextlib
import hashlib
import io
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

CHUNK_SIZE = 64 * 1024
# The PDF standard lets the header start anywhere in the first 1024 bytes.
HEADER_WINDOW = 1024
# Extracted text is kept for search; a few million characters cover any real report.
MAX_TEXT_LENGTH = 5_000_000
SPACES = re.compile(r"[ \t\u00a0]+")
# The directory publications/ is in: the worker runs as ``python -m publications.pdf_worker``.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


# What a refused file is told, by the error's code.
REFUSALS = {
    "pdf_too_large": _("The file is too large (%(size)s): at most %(limit)s can be uploaded."),
    "not_a_pdf": _("This file is not a PDF. Upload the document as a PDF file."),
    "pdf_encrypted": _(
        "This PDF is encrypted or protected by a password. Save it without "
        "protection and upload it again."
    ),
    "pdf_too_many_pages": _("This PDF has %(pages)s pages: at most %(limit)s can be uploaded."),
    "pdf_page_size": _(
        "The first page of this PDF has an unusable size. Export or save it again as "
        "PDF with ordinary pages and upload the new file."
    ),
    "pdf_over_limits": _(
        "This PDF needs more than %(memory)s MB of memory or %(seconds)s seconds to be "
        "read, the most allowed for one file. Export or save it again as PDF (smaller "
        "images, fewer pages) and upload the new file."
    ),
    "pdf_broken": _(
        "This PDF is damaged and cannot be read. Export or save it again as PDF and upload "
        "the new file."
    ),
}


@dataclass(frozen=True)
class PdfInfo:
    size: int
    page_count: int
    sha256: str
    text: str


def refusal(code, **params):
    """The form error ``code`` (a key of ``REFUSALS``), in the staff member's language."""
    limits = {
        "limit": settings.PDF_MAX_PAGES,
        "memory": settings.PDF_MAX_MEMORY_MB,
        "seconds": settings.PDF_MAX_SECONDS,
    }
    return ValidationError(REFUSALS[code], code=code, params={**limits, **params})


def inspect_pdf(file):
    """Check ``file`` (an open file or Django ``File``) and return a :class:`PdfInfo`."""
    size = file.size if hasattr(file, "size") else file.seek(0, io.SEEK_END)
    limit = settings.PUBLICATION_MAX_FILE_SIZE
    if size > limit:
        raise refusal("pdf_too_large", size=filesizeformat(size), limit=filesizeformat(limit))
    file.seek(0)
    if size == 0 or b"%PDF-" not in file.read(HEADER_WINDOW):
        raise refusal("not_a_pdf")
    result = run_worker("inspect", file)
    # PostgreSQL text cannot hold NUL characters, which some PDFs' text layers contain;
    # justified lines come out with runs of spaces, which would defeat phrase search.
    text = SPACES.sub(" ", result["text"].replace("\x00", ""))
    file.seek(0)
    sha256 = hashlib.file_digest(file, "sha256").hexdigest()
    file.seek(0)
    return PdfInfo(size=size, page_count=result["page_count"], sha256=sha256, text=text)


def render_first_page(file, width=800):
    """
    The first page of the PDF ``file`` as a JPEG (bytes), ``width`` pixels wide and at most
    twice as tall: of a page of an odder shape, its top (or left) part.
    """
    result = run_worker("render", file, width=width)
    return base64.b64decode(result["jpeg"])


def run_worker(task, file, width=800):
    """
    Run ``task`` in pdf_worker.py's process with the PDF_MAX_* limits; a refusal, and the
    process failing in any way (memory, time, crash, kill), is a ValidationError.
    """
    seconds = settings.PDF_MAX_SECONDS
    job = {
        "task": task,
        "width": width,
        "memory_mb": settings.PDF_MAX_MEMORY_MB,
        "seconds": seconds,
        # Text is kept from the pages read in half the time; the rest is for the cover.
        "text_seconds": seconds / 2,
        "max_pages": settings.PDF_MAX_PAGES,
        "max_inflated_bytes": settings.PDF_MAX_INFLATED_MB * 1024 * 1024,
        "max_text_chars": MAX_TEXT_LENGTH,
    }
    with _on_disk(file) as path:
        job["path"] = path
        try:
            completed = subprocess.run(
                [sys.executable, "-m", "publications.pdf_worker"],
                input=json.dumps(job).encode(),
                capture_output=True,
                timeout=seconds,
                cwd=PROJECT_ROOT,
                env=_worker_environment(),
                check=False,
            )
        except subprocess.TimeoutExpired as error:  # run() has killed it
            logger.info("PDF %s took more than %s s", task, seconds)
            raise refusal("pdf_over_limits") from error
    try:
        result = json.loads(completed.stdout)
    except ValueError:
        result = None
    if completed.returncode != 0 or not isinstance(result, dict):
        # Killed by its memory or CPU limit, or PDFium gave up (it aborts when memory fails);
        # a warning, as a worker that cannot start at all would refuse every file this way.
        logger.warning(
            "PDF %s failed (exit status %s): %s",
            task,
            completed.returncode,
            completed.stderr[-1000:].decode(errors="replace"),
        )
        raise refusal("pdf_over_limits")
    if "refused" in result:
        reason = result.pop("refused")
        logger.info("PDF refused: %s", reason)
        code = "pdf_over_limits" if reason == "limits" else f"pdf_{reason}"
        raise refusal(code if code in REFUSALS else "pdf_broken", **result)
    return result


def _worker_environment():
    # The project's root on the path even where the current directory is not (PYTHONSAFEPATH).
    paths = [str(PROJECT_ROOT), os.environ.get("PYTHONPATH", "")]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(path for path in paths if path)}


@contextlib.contextmanager
def _on_disk(file):
    """A path to the bytes of ``file`` for the worker: a large upload's own, else a copy."""
    upload = getattr(file, "file", file)  # a model's FieldFile holds the upload
    if hasattr(upload, "temporary_file_path"):
        upload.flush()
        yield upload.temporary_file_path()
        return
    with tempfile.NamedTemporaryFile(suffix=".pdf") as copy:
        file.seek(0)
        shutil.copyfileobj(file, copy, CHUNK_SIZE)
        copy.flush()
        file.seek(0)
        yield copy.name
