"""
The home page at a first visit: everything a browser fetches (the HTML, the stylesheet, every
font it declares, the icon, every image, lazy or not, at the size the browser picks from
``srcset`` and ``sizes``) transfers under 150 KB compressed, in at most 12 requests, from the
site itself. Counted for a desktop window (1280 px, 1x) and a phone (375 px, 2x), with the
demo content and the production static files (hashed, compressed by WhiteNoise).
"""

import gzip
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db

BUDGET_BYTES = 150 * 1024
BUDGET_REQUESTS = 12
SCREENS = {"desktop": (1280, 1), "phone": (375, 2)}
ROOT_FONT_SIZE = 16
CSS_URL = re.compile(r"""url\(["']?([^"')]+)["']?\)""")


class Resources(HTMLParser):
    """The stylesheets, icons, scripts and images (one candidate list per image) of a page."""

    def __init__(self):
        super().__init__()
        self.links, self.images, self._picture = [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") in ("stylesheet", "icon", "preload"):
            self.links.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.links.append(attrs["src"])
        elif tag == "picture":
            self._picture = []
        elif tag == "source" and self._picture is not None:
            self._picture.append(attrs)
        elif tag == "img":
            # A browser that reads WebP takes the <picture>'s WebP source, if there is one.
            webp = [s for s in self._picture or [] if s.get("type") == "image/webp"]
            self.images.append(webp[0] if webp else attrs)

    def handle_endtag(self, tag):
        if tag == "picture":
            self._picture = None


def length_in_px(length, viewport):
    number, unit = re.fullmatch(r"([\d.]+)(px|rem|em|vw)", length.strip()).groups()
    factor = {"px": 1, "rem": ROOT_FONT_SIZE, "em": ROOT_FONT_SIZE, "vw": viewport / 100}
    return float(number) * factor[unit]


def slot_width(sizes, viewport):
    """The width ``sizes`` gives the image in a window ``viewport`` px wide."""
    for entry in (sizes or "100vw").split(","):
        match = re.fullmatch(r"\s*(?:\(min-width:\s*([\d.]+(?:px|em|rem))\)\s*)?(\S+)\s*", entry)
        minimum, length = match.groups()
        if minimum is None or viewport >= length_in_px(minimum, viewport):
            return length_in_px(length, viewport)
    return viewport


def chosen(image, viewport, density):
    """The candidate a browser fetches: the narrowest at least slot × density wide."""
    candidates = []
    for candidate in (image.get("srcset") or "").split(","):
        if candidate.strip():
            url, width = candidate.split()
            candidates.append((int(width.rstrip("w")), url))
    if not candidates:
        return image["src"]
    need = slot_width(image.get("sizes"), viewport) * density
    candidates.sort()
    return next((url for width, url in candidates if width >= need), candidates[-1][1])


def transfer_size(url, static_root, media_root):
    """Bytes on the wire: a static file's Brotli copy when WhiteNoise made one."""
    assert url.startswith("/"), f"{url} comes from another host"
    if url.startswith("/static/"):
        path = Path(static_root) / url.split("/static/", 1)[1]
        compressed = path.with_name(path.name + ".br")
        return (compressed if compressed.exists() else path).stat().st_size
    # An uploaded image, as its owner's address serves it to the public.
    response = Client().get(url)
    assert response.status_code == 200, url
    return sum(len(chunk) for chunk in response.streaming_content)


def first_visit(html, viewport, density, static_root, media_root):
    """``{url: bytes}`` for everything the page makes a browser fetch, the page included."""
    parser = Resources()
    parser.feed(html)
    fetched = {"page": len(gzip.compress(html.encode(), 6))}
    for url in parser.links:
        fetched[url] = transfer_size(url, static_root, media_root)
        if url.endswith(".css"):
            css = (Path(static_root) / url.split("/static/", 1)[1]).read_text()
            base = url.rsplit("/", 1)[0]
            for relative in CSS_URL.findall(css):
                if relative.startswith("data:"):
                    continue
                font = re.sub(r"[^/]+/\.\./", "", f"{base}/{relative}")
                fetched[font] = transfer_size(font, static_root, media_root)
    for image in parser.images:
        url = chosen(image, viewport, density)
        fetched[url] = transfer_size(url, static_root, media_root)
    return fetched


def test_home_page_first_visit_is_small(media, production_static):
    call_command("seed_demo", stdout=io.StringIO())
    over = []
    for language in ("az", "en", "ru"):
        html = Client().get(f"/{language}/").text
        for screen, (viewport, density) in SCREENS.items():
            fetched = first_visit(html, viewport, density, production_static, media)
            # Every image is counted, at the size shown: 4 network centres and a cover.
            assert sum(1 for url in fetched if "/media/" in url) == 5
            total = sum(fetched.values())
            if len(fetched) > BUDGET_REQUESTS or total >= BUDGET_BYTES:
                listing = "\n".join(f"{size:8d}  {url}" for url, size in fetched.items())
                over.append(f"{language} {screen}: {len(fetched)} requests, {total} B\n{listing}")
    assert not over, "\n\n".join(over)


def test_slot_widths_follow_the_layout():
    assert slot_width("(min-width: 48em) 12.5rem, 10rem", 1280) == 200
    assert slot_width("(min-width: 48em) 12.5rem, 10rem", 375) == 160
    assert slot_width("120px", 375) == 120
    image = {"srcset": "a.webp 160w, b.webp 320w, c.webp 640w", "sizes": "(min-width: 48em) 10rem"}
    assert chosen(image, 1280, 1) == "a.webp"
    assert chosen(image, 1280, 2) == "b.webp"


def test_static_files_are_compressed_and_cached_for_ever(production_static):
    # A new client builds its middleware now: WhiteNoise reads the collected files.
    client = Client()
    html = client.get("/az/").text
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html)[1]
    for encoding in ("br", "gzip"):
        response = client.get(stylesheet, headers={"accept-encoding": encoding})
        assert response.status_code == 200
        assert response["Content-Encoding"] == encoding
        assert response["Cache-Control"] == "max-age=315360000, public, immutable"
        assert "Accept-Encoding" in response["Vary"]
    css = (production_static / stylesheet.split("/static/", 1)[1]).read_text()
    for font in re.findall(r'url\("\.\./(fonts/[^"]+)"\)', css):
        response = client.get(f"/static/{font}")
        assert response["Cache-Control"] == "max-age=315360000, public, immutable"
        assert "Content-Encoding" not in response  # WOFF2 is compressed already
    # A name without a hash may change at the next release: cached briefly only.
    assert "immutable" not in client.get("/static/css/site.css")["Cache-Control"]
