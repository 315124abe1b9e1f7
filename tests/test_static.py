"""Static files: served by the site itself, with hashed and compressed names in production."""

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
OUTSIDE_URL = re.compile(r"""(?:src|href|url)\s*[=(]\s*["']?(?:https?:)?//""", re.IGNORECASE)


def test_templates_and_stylesheets_load_nothing_from_outside_hosts():
    files = [*ROOT.glob("templates/**/*.html"), *ROOT.glob("static/**/*.css")]
    assert files
    offenders = [
        str(path) for path in files if OUTSIDE_URL.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.django_db
def test_collectstatic_makes_hashed_compressed_files_that_pages_use(production_static, client):
    stylesheet = re.search(r'href="/static/(css/site\.[0-9a-f]{12}\.css)"', client.get("/az/").text)
    assert stylesheet, "the page links the hashed stylesheet"
    assert (production_static / stylesheet[1]).exists()
    assert (production_static / (stylesheet[1] + ".gz")).exists()
    assert (production_static / (stylesheet[1] + ".br")).exists()
    # The fonts the stylesheet names were collected under their hashed names too.
    css = (production_static / stylesheet[1]).read_text()
    fonts = re.findall(r'url\("\.\./fonts/([^"]+)"\)', css)
    assert fonts and all(re.search(r"\.[0-9a-f]{12}\.woff2$", font) for font in fonts)
    assert all((production_static / "fonts" / font).exists() for font in fonts)


def test_favicon_redirects_to_the_mark(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/img/mark.svg"
    assert client.post("/favicon.ico").status_code == 405
