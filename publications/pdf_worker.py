"""
The PDF worker: reads one uploaded PDF, or renders its first page, in a process of its own.

    python -m publications.pdf_worker < job.json > result.json

publications/pdf.py starts it for every upload and every cover. A hostile PDF (a page box
of 1 × 14,400 pt, a stream that inflates to gigabytes, tens of thousands of pages) can make
pypdf or PDFium take any amount of memory and time; here the process limits its own address
space (``RLIMIT_AS``) and CPU time before it imports either, so the worst such a file can do is
end this process, which the caller turns into a form error. The site's worker is never touched.

The job (JSON on stdin) names the ``task`` (``inspect`` or ``render``), the file's ``path`` and
the limits; the answer (JSON on stdout) holds the result or a ``refused`` reason. Nothing here
imports Django: the process starts in a fraction of a second.
"""

import base64
import contextlib
import io
import json
import logging
import math
import resource
import sys
import time

# A cover shows at most a page twice as tall as it is wide (or twice as wide as tall): of an
# odder page, the top (or left) part of that shape.
MAX_ASPECT = 2
# The canvas a page is drawn on (before the crop to the cover) stays well inside PDFium's int.
MAX_CANVAS_PIXELS = 2**24


class Refused(Exception):
    """The file is refused: ``pdf_<reason>`` is one of pdf.py's REFUSALS ("limits": over them)."""

    def __init__(self, reason, **details):
        super().__init__(reason)
        self.reason, self.details = reason, details


def limit_resources(memory_mb, seconds):
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    # CPU time ends the process even if the site's worker that waits for it is gone.
    cpu = math.ceil(seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core dump of a crash


def inspect(job):
    """Pages and text of the PDF; refused if it is encrypted, broken or over a limit."""
    import pypdf

    started = time.monotonic()
    with open(job["path"], "rb") as file, pypdf.apply_configuration(**stream_limits(job)):
        with pypdf_refusals(pypdf):
            reader = pypdf.PdfReader(file, strict=False)
            if reader.is_encrypted:
                raise Refused("encrypted")
        # PDFium is stricter than pypdf: what it cannot open, a visitor's viewer cannot either.
        # It also counts the pages without reading them, before pypdf reads any.
        with open_document(job["path"]) as document:
            page_count = len(document)
            if page_count > job["max_pages"]:
                raise Refused("too_many_pages", pages=page_count)
            with pypdf_refusals(pypdf):
                if len(reader.pages) != page_count:
                    raise Refused("broken")
                text = extract_text(reader, job, deadline=started + job["text_seconds"])
            # The cover is made later from the first page: a page it cannot be made from is
            # refused now, while staff can still be told.
            render_page(document, job["width"])
    return {"page_count": page_count, "text": text}


@contextlib.contextmanager
def pypdf_refusals(pypdf):
    """pypdf raises many kinds of error on damaged files: each is a refusal (not a crash)."""
    try:
        yield
    except (Refused, MemoryError):
        raise
    except pypdf.errors.LimitReachedError as error:
        raise Refused("limits") from error
    except Exception as error:
        raise Refused("broken") from error


def open_document(path):
    import pypdfium2

    try:
        return pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError as error:
        raise Refused("broken") from error


def stream_limits(job):
    """pypdf's own limits on what one stream may inflate to, all set to the job's."""
    limit = job["max_inflated_bytes"]
    kinds = ("zlib", "lzw", "run_length", "brotli", "jbig2", "array_based_stream")
    return {
        **{f"{kind}_maximum_output_length": limit for kind in kinds},
        "image_maximum_buffer_size": limit,
        "stream_decoding_work_maximum_length": 4 * limit,
    }


def extract_text(reader, job, deadline):
    """
    Up to ``max_text_chars`` of text, from the pages read by ``deadline``: a long real report
    keeps its first pages' text rather than being refused.
    """
    parts, length = [], 0
    for page in reader.pages:
        if length >= job["max_text_chars"] or time.monotonic() > deadline:
            break
        part = page.extract_text() or ""
        parts.append(part)
        length += len(part)
    return "\n".join(parts)[: job["max_text_chars"]]


def render(job):
    """The first page as a JPEG of at most ``width`` × MAX_ASPECT·``width`` pixels."""
    with open_document(job["path"]) as document:
        image = render_page(document, job["width"]).to_pil().convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    return {"jpeg": base64.b64encode(buffer.getvalue()).decode("ascii"), "size": image.size}


def render_page(document, width):
    """The first page ``width`` pixels wide, cropped to a sane shape: a bitmap, never huge."""
    page = document[0]
    try:
        page_width, page_height = page.get_size()
        if not all(0 < side < math.inf for side in (page_width, page_height)):  # NaN too
            raise Refused("page_size")
        shown_width = min(page_width, MAX_ASPECT * page_height)
        shown_height = min(page_height, MAX_ASPECT * shown_width)
        scale = width / shown_width
        if max(page_width, page_height) * scale > MAX_CANVAS_PIXELS:
            raise Refused("page_size")
        # The crop (left, bottom, right, top, in points) keeps the page's top left corner.
        crop = (0, page_height - shown_height, page_width - shown_width, 0)
        return page.render(scale=scale, crop=crop, may_draw_forms=False)
    finally:
        page.close()


TASKS = {"inspect": inspect, "render": render}


def main():
    job = json.load(sys.stdin)
    limit_resources(job["memory_mb"], job["seconds"])
    # pypdf reports every oddity of a damaged file as a warning; the answer says what matters.
    logging.disable(logging.WARNING)
    try:
        result = TASKS[job["task"]](job)
    except Refused as refusal:
        result = {"refused": refusal.reason, **refusal.details}
    except MemoryError:
        result = {"refused": "limits"}
    # UTF-8 rather than \u escapes: half the bytes for Azerbaijani and Russian text; a lone
    # surrogate some text layers hold becomes "?".
    sys.stdout.buffer.write(json.dumps(result, ensure_ascii=False).encode(errors="replace"))


if __name__ == "__main__":
    main()
