"""PDF payloads for upload and download tests, made in memory."""

import datetime
import functools
import io
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from fpdf import FPDF
from pypdf import PdfWriter

from publications.samples import FONTS

AZERBAIJANI_TEXT = "Dördüncü Sənaye İnqilabı: əşyaların interneti, süni intellekt, Ğğ Şş Çç Öö Üü"
RUSSIAN_TEXT = "Четвертая промышленная революция: интернет вещей"
CREATED = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)


@functools.cache
def pdf_bytes(pages=2, text=AZERBAIJANI_TEXT):
    """A real PDF with ``pages`` pages of ``text``, set in the embedded Noto Sans."""
    document = FPDF()
    document.set_creation_date(CREATED)  # the same bytes every time
    document.add_font("Noto", "", FONTS / "NotoSans-Regular.ttf")
    document.set_font("Noto", size=14)
    for number in range(1, pages + 1):
        document.add_page()
        document.multi_cell(0, 8, f"{text} ({number})", new_x="LMARGIN", new_y="NEXT")
    return bytes(document.output())


def pdf_upload(name="document.pdf", pages=2, text=AZERBAIJANI_TEXT):
    return SimpleUploadedFile(name, pdf_bytes(pages, text), content_type="application/pdf")


def html_as_pdf(name="report.pdf"):
    html = b"<!doctype html><html><body><script>alert(1)</script>Report</body></html>"
    return SimpleUploadedFile(name, html, content_type="application/pdf")


def pdf_header_only(name="report.pdf"):
    """``%PDF`` in front, an HTML page behind it."""
    payload = b"%PDF-1.7\n<html><body><script>alert(1)</script></body></html>\n"
    return SimpleUploadedFile(name, payload, content_type="application/pdf")


def encrypted_pdf(name="secret.pdf"):
    writer = PdfWriter(clone_from=io.BytesIO(pdf_bytes(pages=1)))
    writer.encrypt("a-password", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


def truncated_pdf(name="broken.pdf"):
    whole = pdf_bytes(pages=3)
    return SimpleUploadedFile(name, whole[: len(whole) // 2], content_type="application/pdf")


def damaged_pdf(name="damaged.pdf"):
    """A PDF whose middle has been overwritten: pypdf recovers a page, PDFium refuses it."""
    document = FPDF()
    document.add_page()
    document.set_font("helvetica", size=12)
    document.cell(text="Hello")
    whole = bytes(document.output())
    damaged = whole[:300] + b"\x00" * 500 + whole[800:]
    return SimpleUploadedFile(name, damaged, content_type="application/pdf")


def empty_file(name="empty.pdf"):
    return SimpleUploadedFile(name, b"", content_type="application/pdf")


# --- hostile PDFs, written by hand: each costs little to make, much to read -------------------


def _pdf_from_objects(objects):
    """A PDF whose numbered objects are ``objects`` (bytes, object 1 is the catalogue)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number)
        if isinstance(body, bytes):
            out.write(body)
        else:  # an iterable of chunks: a large stream is never held whole
            for chunk in body:
                out.write(chunk)
        out.write(b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def page_box_pdf(width, height):
    """One page of ``width`` × ``height`` points with a line of text on it."""
    content = b"BT /F1 1 Tf 0 0 Td (Cover) Tj ET"
    return _pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %s %s] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>"
            % (str(width).encode(), str(height).encode()),
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


@functools.cache
def flate_bomb_pdf(inflated_mb=200, text_layer=True):
    """
    One page whose content stream inflates to ``inflated_mb`` MB of spaces. With a font
    (``text_layer``) pypdf inflates it to extract the text; without, only PDFium does, to draw.
    """
    compressor = zlib.compressobj(9)
    block = b" " * (1024 * 1024)
    compressed = b"".join(compressor.compress(block) for _ in range(inflated_mb))
    compressed += compressor.flush()
    stream = [
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(compressed),
        compressed,
        b"\nendstream",
    ]
    return _pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << %s >> >>" % (b"/Font << /F1 5 0 R >>" if text_layer else b""),
            stream,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


@functools.cache
def many_pages_pdf(pages):
    """``pages`` empty A4 pages, each its own small object."""
    kids = b" ".join(b"%d 0 R" % (number + 3) for number in range(pages))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"
    return _pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
            *([page] * pages),
        ]
    )


@functools.cache
def research_document_pdf(code="az"):
    """The demo content's research document, built as ``manage.py seed_demo`` builds it."""
    from publications.seed import sample_pdf, samples

    return sample_pdf(samples()[0], code)
