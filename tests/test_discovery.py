"""What search engines read: sitemap, robots.txt, canonical and social meta tags."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime

import pytest

from centre.models import Status

from .factories import make_page
from .reading import NS, sitemap_entries, xml

pytestmark = pytest.mark.django_db


def test_sitemap_lists_each_page_in_the_languages_it_has(client, seeded):
    make_page("Yalnız azərbaycanca")
    make_page("Qaralama", status=Status.DRAFT, title_en="Draft")
    entries = sitemap_entries(client)
    about = entries["http://testserver/en/about-the-centre/"]
    assert about == {
        "az": "http://testserver/az/merkez-haqqinda/",
        "en": "http://testserver/en/about-the-centre/",
        "ru": "http://testserver/ru/o-tsentre/",
        "x-default": "http://testserver/az/merkez-haqqinda/",
    }
    assert "http://testserver/az/yalniz-azerbaycanca/" in entries
    assert "http://testserver/en/yalniz-azerbaycanca/" not in entries
    assert not any("qaralama" in url or "draft" in url for url in entries)
    # Home, about, mandate, history in three languages, plus the az-only page, plus the
    # partners', publications' and news list pages in three languages.
    assert len(entries) == 4 * 3 + 1 + 3 * 3


def test_the_sitemap_index_names_each_sitemap_page_with_its_date(client, seeded, monkeypatch):
    from centre.sitemaps import TranslatedSitemap
    from pages.models import Page

    # Seeded: four pages in three languages, 12 addresses: two sitemap pages of six addresses.
    monkeypatch.setattr(TranslatedSitemap, "limit", 6)
    root = xml(client, "/sitemap.xml")
    locations = [loc.text for loc in root.findall("s:sitemap/s:loc", NS)]
    assert locations[:3] == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-pages.xml?p=2",
        "http://testserver/sitemap-partners.xml",
    ]
    assert locations[-2].startswith("http://testserver/sitemap-publications.xml")
    assert locations[-1].startswith("http://testserver/sitemap-news.xml")
    latest = Page.objects.order_by("-updated_at").first().updated_at
    assert datetime.fromisoformat(root.find("s:sitemap/s:lastmod", NS).text) == latest
    sizes = [len(xml(client, f"/sitemap-pages.xml?p={n}").findall("s:url", NS)) for n in (1, 2)]
    assert sizes == [6, 6]
    assert client.get("/sitemap-pages.xml?p=3").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_the_sitemap_index_asks_the_database_once_a_sitemap(
    client, seeded, django_assert_num_queries
):
    # Pages, partners, publications, news: how many and the latest change of each, one
    # aggregate. Those figures are kept per page cache generation: it is started first, as by
    # any page.
    from centre.cache import generation

    generation()
    with django_assert_num_queries(4):
        assert client.get("/sitemap.xml").status_code == 200


def test_a_sitemap_page_says_when_it_last_changed_and_stays_out_of_results(client, seeded):
    from django.utils.http import http_date

    from pages.models import Page

    response = client.get("/sitemap-pages.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    latest = Page.objects.published().order_by("-updated_at").first().updated_at
    assert response["Last-Modified"] == http_date(latest.timestamp())
    assert response["X-Robots-Tag"] == "noindex, noodp, noarchive"
    entry = ET.fromstring(response.content).find("s:url", NS)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry.find("s:lastmod", NS).text)


def test_sitemap_xml_escapes_what_it_writes(seeded):
    from types import SimpleNamespace

    from django.template.loader import render_to_string

    from pages.sitemaps import PageSitemap

    # The entries are written as XML text: an odd host name comes out as it went in.
    odd = "testserver/?a=1&b=<2>'\""
    urlset = PageSitemap().get_urls(site=SimpleNamespace(domain=odd), protocol="http")
    root = ET.fromstring(render_to_string("sitemap.xml", {"urlset": urlset}))
    assert root.find("s:url/s:loc", NS).text.startswith(f"http://{odd}/az/")
    assert root.find("s:url/x:link", NS).get("href").startswith(f"http://{odd}/az/")


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.text.splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def meta(html, attribute, name):
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return found[1] if found else None


@pytest.mark.parametrize("url", ["/az/", "/en/about-the-centre/", "/ru/o-tsentre/istoriya/"])
def test_every_page_has_canonical_description_and_social_tags(client, seeded, url):
    html = client.get(url).text
    assert f'<link rel="canonical" href="http://testserver{url}">' in html
    assert meta(html, "name", "description")
    assert meta(html, "property", "og:title")
    assert meta(html, "property", "og:description")
    assert meta(html, "property", "og:url") == f"http://testserver{url}"
    assert meta(html, "property", "og:image").startswith("http://testserver/static/")
    assert meta(html, "name", "twitter:card") == "summary_large_image"
    assert meta(html, "name", "twitter:image") == meta(html, "property", "og:image")


def test_social_tags_speak_the_page_language(client, seeded):
    html = client.get("/ru/o-tsentre/").text
    assert meta(html, "property", "og:title") == "О Центре"
    assert meta(html, "property", "og:locale") == "ru_RU"


def test_home_page_describes_the_organisation_in_json_ld(client, seeded):
    html = client.get("/en/").text
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block[1])
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "GovernmentOrganization"
    assert data["name"] == "Fourth Industrial Revolution Analysis and Coordination Centre"
    assert data["foundingDate"] == "2021-01-06"
    assert data["url"] == "http://testserver/en/"


def test_sitemap_lists_active_partners_only(client):
    from .factories import make_partner

    make_partner("Yaponiya Mərkəzi", name_en="C4IR Japan")
    make_partner("Köhnə tərəfdaş", is_active=False)
    entries = sitemap_entries(client)
    assert "http://testserver/en/partners/c4ir-japan/" in entries
    assert "http://testserver/ru/partnery/yaponiya-merkezi/" not in entries
    assert not any("kohne" in url for url in entries)


def test_partner_pages_share_the_logo(client, media):
    from .factories import make_partner
    from .images import image_upload

    make_partner("Yaponiya Mərkəzi", logo=image_upload("japan.png"))
    html = client.get("/az/terefdaslar/yaponiya-merkezi/").text
    assert re.search(
        r"/media/partners/partner/\d+/partners/logos/", meta(html, "property", "og:image")
    )


@pytest.fixture
def site(db, media, settings, tmp_path):
    from django.core.management import call_command

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    call_command("seed_demo", stdout=None)


def every_public_page_type(client):
    """One address of each public page type, found by following links from the home page."""
    from partners.models import Partner
    from publications.models import Publication

    partner = Partner.objects.active().first()
    publication = Publication.objects.published().first()
    return [
        "/az/",
        "/en/about-the-centre/mandate/",
        "/ru/partnery/",
        partner.get_absolute_url(),
        "/en/publications/",
        publication.get_absolute_url(),
        "/az/axtaris/?q=inqilab",
    ]


def test_every_public_page_type_has_its_meta_tags(client, site):
    for url in every_public_page_type(client):
        html = client.get(url).text
        assert '<link rel="canonical" href="http://testserver/' in html, url
        assert meta(html, "name", "description"), url
        for name in ("og:title", "og:description", "og:url", "og:image", "og:locale"):
            assert meta(html, "property", name), (url, name)
        assert meta(html, "name", "twitter:card") in ("summary", "summary_large_image"), url
        assert meta(html, "property", "og:image").startswith("http://testserver/"), url
        assert '<link rel="alternate" hreflang="az"' in html, url
        assert html.count('property="og:title"') == 1, url
