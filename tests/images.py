"""Image and file payloads for upload tests, made in memory."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def image_upload(name="logo.png", size=(400, 200), pillow_format="PNG", color=(11, 58, 103)):
    buffer = io.BytesIO()
    mode = "RGBA" if pillow_format == "PNG" else "RGB"
    Image.new(mode, size, color).save(buffer, pillow_format)
    content_type = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}[pillow_format]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def gif_upload(name="logo.gif"):
    buffer = io.BytesIO()
    Image.new("P", (10, 10)).save(buffer, "GIF")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/gif")


def png_bomb(name="bomb.png", width=20000, height=20000):
    """A tiny PNG that claims to be width x height: a decompression bomb."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    row = b"\x00" + b"\x00" * (width // 8)
    data = zlib.compress(row * 16, 9)  # far fewer rows than claimed; never decoded anyway
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    return SimpleUploadedFile(name, png, content_type="image/png")


def svg_upload(name="logo.svg"):
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
        b'<rect width="10" height="10"/></svg>'
    )
    return SimpleUploadedFile(name, svg, content_type="image/svg+xml")


def html_as_png(name="logo.png"):
    return SimpleUploadedFile(
        name, b"<html><script>alert(1)</script></html>", content_type="image/png"
    )


def truncated_png(name="logo.png"):
    whole = image_upload(size=(300, 300)).read()
    return SimpleUploadedFile(name, whole[: len(whole) // 2], content_type="image/png")
