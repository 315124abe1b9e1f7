"""
Hostile and real PDFs through the upload checks: seconds and peak memory of each.

    .venv/bin/python benchmarks/pdf_limits.py [case ...]

Each case runs in a fresh Python process (test settings) that calls ``inspect_pdf`` and
``render_first_page`` as an upload and its cover do, and prints what came out (pages, cover
size, or the form error), the wall-clock seconds and the peak resident memory (RSS) of the
process and of any process it started (the PDF worker), in MB. The cases are built by
tests/pdfs.py; ``large`` is a 100 MB PDF of image pages made as ``generate_content
--large-pdfs`` makes it (built once, kept in var/bench/).
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LARGE = ROOT / "var" / "bench" / "pdf-limits-large.pdf"

CASES = {
    "seed": "seed_document()",
    "text-300": "pdf_bytes(pages=300)",
    "large": "large_pdf()",
    "page-1x100": "page_box_pdf(1, 100)",
    "page-1x14400": "page_box_pdf(1, 14400)",
    "bomb-1gb": "flate_bomb_pdf(1024)",  # with a font: pypdf inflates it for the text
    "bomb-1gb-drawn": "flate_bomb_pdf(1024, text_layer=False)",  # only PDFium inflates it
    "pages-35000": "many_pages_pdf(35000)",
}

CHILD = """
import io, json, os, resource, sys, time
import django
django.setup()
from django.core.exceptions import ValidationError
from django.utils import translation
from publications.pdf import inspect_pdf, render_first_page
from tests.pdfs import (
    flate_bomb_pdf, many_pages_pdf, page_box_pdf, pdf_bytes, research_document_pdf,
)

def seed_document():
    return research_document_pdf("az")

def large_pdf():
    if not os.path.exists(sys.argv[2]):
        from benchmarks.generate.large_pdf import write_large_pdf
        os.makedirs(os.path.dirname(sys.argv[2]), exist_ok=True)
        with open(sys.argv[2], "wb") as out:
            write_large_pdf(out, 99 * 1024 * 1024, "A large PDF")
    return sys.argv[2]

data = eval(sys.argv[1])

def source():
    return io.BytesIO(data) if isinstance(data, bytes) else open(data, "rb")
translation.activate("en")
start = time.perf_counter()
result = {}
try:
    info = inspect_pdf(source())
    result["pages"] = info.page_count
    result["text_chars"] = len(info.text)
    from PIL import Image
    cover = Image.open(io.BytesIO(render_first_page(source())))
    result["cover"] = "%d×%d" % cover.size
except ValidationError as error:
    result["refused"] = " ".join(error.messages)
except BaseException as error:
    result["error"] = type(error).__name__
result["seconds"] = round(time.perf_counter() - start, 2)
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
result["peak_mb"] = own
result["worker_peak_mb"] = workers
print(json.dumps(result, ensure_ascii=False))
"""


def main(names):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "centre.test_settings"}
    for name in names or CASES:
        completed = subprocess.run(
            [sys.executable, "-c", CHILD, CASES[name], str(LARGE)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        line = completed.stdout.strip().splitlines()[-1:] or [completed.stderr[-300:]]
        try:
            print(f"{name:14} {json.loads(line[0])}")
        except json.JSONDecodeError:
            print(f"{name:14} exit {completed.returncode}: {line[0]!r}")
        sys.stdout.flush()
        time.sleep(0.1)


if __name__ == "__main__":
    main(sys.argv[1:])
