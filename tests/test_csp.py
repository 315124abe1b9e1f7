"""The Content-Security-Policy header: on every response, strict, and a nonce only where used."""

import re

import pytest

from .factories import make_page, make_publication

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


@pytest.mark.parametrize(
    "url",
    ["/az/", "/en/publications/", "/ru/partnery/", "/az/axtaris/?q=x", "/az/yoxdur/", "/healthz"],
)
def test_public_responses_carry_a_strict_policy(client, url):
    make_page("Ana səhifə", is_home=True)
    policy = directives(client.get(url))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # no nonce, no 'unsafe-inline', no 'unsafe-eval'
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["img-src"] == ["'self'"]
    sources = {source for values in policy.values() for source in values}
    assert not sources & {"'unsafe-inline'", "'unsafe-eval'"}


def test_public_pages_have_no_script_to_allow(client):
    make_page("Ana səhifə", is_home=True)
    html = client.get("/az/").text
    scripts = re.findall(r"<script([^>]*)>", html)
    # Only JSON-LD data blocks, which browsers never execute.
    assert all('type="application/ld+json"' in attributes for attributes in scripts)


def test_the_admin_import_map_carries_the_nonce_of_the_header(admin_client):
    response = admin_client.get("/admin/pages/page/add/")
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<script type="importmap" nonce="{nonce}">' in response.text
    # Every other script is a file from the site itself.
    for tag in re.findall(r"<script[^>]*>", response.text):
        assert "src=" in tag or f'nonce="{nonce}"' in tag or "application/json" in tag, tag


def test_each_request_gets_its_own_nonce(admin_client):
    first, second = (admin_client.get("/admin/pages/page/add/") for _ in range(2))
    assert first["Content-Security-Policy"] != second["Content-Security-Policy"]


def test_the_download_keeps_its_stricter_policy(client):
    publication = make_publication("Hesabat", files=["az"])
    response = client.get(publication.files.get().get_absolute_url())
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_the_https_redirect_carries_the_policy_too(client, settings):
    """Responses made before the view (here SecurityMiddleware's redirect) are covered as well."""
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/az/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
    assert directives(response)["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
