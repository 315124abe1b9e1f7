"""
A large, valid PDF written byte by byte (``generate_content --large-pdfs``, benchmarks/pdf_limits):
what the download benchmark serves, made in constant memory.
"""

import hashlib
import os

# A large PDF is made of image pages this big (uncompressed grey pixels: no viewer work).
LARGE_PAGE_WIDTH, LARGE_PAGE_HEIGHT = 1024, 1024
LARGE_PAGE_BYTES = LARGE_PAGE_WIDTH * LARGE_PAGE_HEIGHT


def write_large_pdf(out, size, title):
    """
    Write a valid PDF of about ``size`` bytes to the binary file ``out``: a title page, then
    pages each holding one uncompressed image of random grey pixels (so nothing compresses it
    in transit either). Returns ``(page count, SHA-256)``; never holds more than a page.
    """
    digest = hashlib.sha256()
    offsets = [0]  # object number -> byte offset; object 0 is the free list's head
    position = 0

    def write(data):
        nonlocal position
        out.write(data)
        digest.update(data)
        position += len(data)

    def write_object(body, stream=None):
        offsets.append(position)
        number = len(offsets) - 1
        write(f"{number} 0 obj\n{body}\n".encode())
        if stream is not None:
            write(b"stream\n" + stream + b"\nendstream\n")
        write(b"endobj\n")
        return number

    image_pages = max(1, size // LARGE_PAGE_BYTES)
    page_count = image_pages + 1
    # Objects in order: catalog (1), page tree (2), font (3), then per page its content,
    # its image (not on the title page) and the page itself, which points back to 2.
    write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    write_object("<< /Type /Catalog /Pages 2 0 R >>")
    first_page = 4 + 1  # the title page's content is object 4, the page object 5
    pages = [first_page] + [first_page + 3 * index for index in range(1, page_count)]
    kids = " ".join(f"{number} 0 R" for number in pages)
    write_object(f"<< /Type /Pages /Kids [{kids}] /Count {page_count} >>")
    write_object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    safe_title = "".join(char if char.isascii() and char not in "()\\" else " " for char in title)
    text = f"BT /F1 16 Tf 60 760 Td ({safe_title[:80]}) Tj ET".encode()
    content = write_object(f"<< /Length {len(text)} >>", text)
    write_object(
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        f"/Resources << /Font << /F1 3 0 R >> >> /Contents {content} 0 R >>"
    )
    draw = b"q 595 0 0 595 0 123 cm /Im1 Do Q"
    for _index in range(image_pages):
        content = write_object(f"<< /Length {len(draw)} >>", draw)
        image = write_object(
            f"<< /Type /XObject /Subtype /Image /Width {LARGE_PAGE_WIDTH} "
            f"/Height {LARGE_PAGE_HEIGHT} /ColorSpace /DeviceGray /BitsPerComponent 8 "
            f"/Length {LARGE_PAGE_BYTES} >>",
            os.urandom(LARGE_PAGE_BYTES),
        )
        write_object(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /XObject << /Im1 {image} 0 R >> >> /Contents {content} 0 R >>"
        )
    xref = position
    entries = ["0000000000 65535 f \n"] + [f"{offset:010d} 00000 n \n" for offset in offsets[1:]]
    write(f"xref\n0 {len(offsets)}\n{''.join(entries)}".encode())
    write(f"trailer\n<< /Size {len(offsets)} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return page_count, digest.hexdigest()
