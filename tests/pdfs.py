"""PDF payloads for upload and download tests, made in memory."""

import datetime
import functools
import io

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
