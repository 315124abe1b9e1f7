"""
Serving a stored file (a publication's PDF, an uploaded image): conditional requests, single
byte ranges, constant memory.

The site answers ranges itself (``Range``, ``If-Range``) so interrupted downloads resume behind
any proxy; with an nginx internal location (``PUBLICATION_X_ACCEL_REDIRECT``,
``MEDIA_X_ACCEL_REDIRECT``), the checks and headers stay here and nginx sends the bytes. Files
are read from their storage in chunks, so any storage works (no local path needed) and a 200 MB
file costs a worker one chunk of memory; a file on a local disk is handed to the WSGI server's
file wrapper as well, so gunicorn sends it with sendfile().
"""

import io
import re
from urllib.parse import quote

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_etags, parse_http_date_safe

CHUNK_SIZE = 64 * 1024
# One range of bytes: "bytes=0-499", "bytes=500-", "bytes=-500" (ASCII digits only).
SINGLE_RANGE = re.compile(r"bytes=([0-9]*)-([0-9]*)")
UNSATISFIABLE = "unsatisfiable"


def parse_range(header, size):
    """
    ``(start, end)`` (inclusive) for a single satisfiable range, ``UNSATISFIABLE``, or None
    when the whole file should be sent: no header, another unit, several ranges (we send the
    whole file rather than multipart) or anything malformed (RFC 9110, section 14.2).
    """
    if not header:
        return None
    match = SINGLE_RANGE.fullmatch(header.replace(" ", "").replace("\t", ""))
    if not match:
        return None
    first, last = (_byte_position(group) for group in match.groups())
    if first is None and last is None:
        return None
    if first is None:  # the last N bytes
        if last == 0 or size == 0:
            return UNSATISFIABLE
        return max(0, size - last), size - 1
    if last is not None and last < first:
        return None  # invalid, so ignored
    if first >= size:
        return UNSATISFIABLE
    return first, size - 1 if last is None else min(last, size - 1)


def _byte_position(digits):
    """The number, capped far beyond any file size: a 5,000-digit header must not cost us."""
    if not digits:
        return None
    digits = digits.lstrip("0") or "0"
    return int(digits) if len(digits) <= 18 else 10**18


class FileRange:
    """
    ``length`` bytes of an open file from ``start``: iterated in chunks, or handed to the WSGI
    server's file wrapper (by ``FileResponse``), for which its position is the range's start
    (where sendfile() starts) and ``read()`` stops at the range's end.
    """

    def __init__(self, file, start, length):
        file.seek(start)
        self.file, self.remaining = file, length

    def __iter__(self):
        return iter(lambda: self.read(CHUNK_SIZE), b"")

    def fileno(self):
        return self.file.fileno()

    def read(self, size=-1):
        size = self.remaining if size is None or size < 0 else min(size, self.remaining)
        data = self.file.read(size) if size > 0 else b""
        self.remaining -= len(data)
        return data

    def close(self):
        self.file.close()


def _has_fileno(file):
    try:
        file.fileno()
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return False
    return True


def file_response(
    request, storage, name, *, size, etag, last_modified, headers, cache_control, accel=""
):
    """
    The response to GET or HEAD for the stored file ``name``, and whether it counts as a
    download (a GET whose body runs from the first byte to the last). ``headers`` go on a
    response with a body (its Content-Type), ``cache_control`` on every one.
    """
    validators = {
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'",
        "ETag": etag,
        "Last-Modified": http_date(last_modified),
        "Accept-Ranges": "bytes",
    }

    def finish(response, body=True):
        if not body:  # a 304, 412 or 416 has none
            response.headers.pop("Content-Type", None)
        for header, value in {**validators, **(headers if body else {})}.items():
            response.headers[header] = value
        patch_cache_control(response, **cache_control)
        return response

    conditional = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if conditional is not None:  # 304 Not Modified or 412 Precondition Failed
        return finish(conditional, body=False), False

    byte_range = None
    if request.method == "GET" and _if_range_passes(request, etag, last_modified):
        byte_range = parse_range(request.headers.get("Range", ""), size)
    if byte_range == UNSATISFIABLE:
        response = HttpResponse(status=416, headers={"Content-Range": f"bytes */{size}"})
        return finish(response, body=False), False

    start, end = byte_range or (0, size - 1)
    length = max(0, end - start + 1)
    status = 206 if byte_range else 200
    counted = request.method == "GET" and start == 0 and end == size - 1

    if request.method == "HEAD":
        response = HttpResponse(status=status, headers={"Content-Length": str(length)})
    elif accel:
        # nginx reads the file (and the Range header) from its internal location.
        response = HttpResponse(headers={"X-Accel-Redirect": f"{accel.rstrip('/')}/{quote(name)}"})
        return finish(response), counted
    else:
        stream = storage.open(name, "rb")
        # A file on a local disk goes to the WSGI server's file wrapper (FileResponse), which
        # may send it with sendfile(): gunicorn does, the bytes never pass through Python.
        response_class = FileResponse if _has_fileno(stream) else StreamingHttpResponse
        response = response_class(
            FileRange(stream, start, length),
            status=status,
            headers={"Content-Length": str(length)},
        )
        response.block_size = CHUNK_SIZE
    if byte_range:
        response.headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    return finish(response), counted


def _if_range_passes(request, etag, last_modified):
    """Without If-Range, or when it names this very file, a Range may be honoured."""
    if_range = request.headers.get("If-Range", "").strip()
    if not if_range:
        return True
    if if_range.startswith(('"', "W/")):
        # Only a strong validator may guard a range (RFC 9110, section 13.1.5).
        return not if_range.startswith("W/") and parse_etags(if_range) == [etag]
    return parse_http_date_safe(if_range) == last_modified
