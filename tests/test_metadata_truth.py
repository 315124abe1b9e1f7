"""What machines read tells the truth: untranslated pages, feeds, sitemap lists, card tags,
structured data, media caching and image sizes (issue 15, "For search engines")."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from defusedxml.ElementTree import fromstring

from .factories import make_page, make_partner, make_publication
from .images import image_upload

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DC_LANGUAGE = "{http://purl.org/dc/elements/1.1/}language"


def meta(html, attribute, name):
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return found[1] if found else None


def json_ld_blocks(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def json_ld_of_type(html, kind):
    found = [data for data in json_ld_blocks(html) if data["@type"] == kind]
    assert len(found) == 1, kind
    return found[0]


# --- untranslated pages --------------------------------------------------------------


@pytest.mark.parametrize("kind", ["page", "partner", "publication"])
def test_an_untranslated_items_en_page_is_not_indexed(client, kind):
    item = {
        "page": lambda: make_page("Yalnız azərbaycanca"),
        "partner": lambda: make_partner("Yalnız azərbaycanca"),
        "publication": lambda: make_publication("Yalnız azərbaycanca"),
    }[kind]()
    from django.utils import translation

    with translation.override("en"):
        url = item.get_absolute_url()
    html = client.get(url).text
    assert meta(html, "name", "robots") == "noindex, follow"
    assert 'rel="canonical"' not in html
    # Its text is Azerbaijani: so say the sharing tags, and hreflang names only the az page.
    assert meta(html, "property", "og:locale") == "az_AZ"
    assert 'hreflang="en"' not in html
    assert 'hreflang="az"' in html


def test_a_translated_items_en_page_is_indexed_with_its_canonical(client):
    make_publication("Tərcümə olunmuş", title_en="Translated")
    html = client.get("/en/publications/translated/").text
    assert meta(html, "name", "robots") is None
    assert '<link rel="canonical" href="http://testserver/en/publications/translated/">' in html
    assert meta(html, "property", "og:locale") == "en_GB"


# --- feeds -----------------------------------------------------------------------------


@pytest.fixture
def two_publications(db):
    make_publication("Yalnız azərbaycanca")
    make_publication("Tərcümə olunmuş", title_en="Translated")


def test_the_en_atom_feed_marks_an_untranslated_entry_as_azerbaijani(client, two_publications):
    root = fromstring(client.get("/en/publications/atom.xml").content)
    assert root.get(XML_LANG) == "en"
    languages = {
        entry.find(f"{ATOM}title").text: entry.get(XML_LANG)
        for entry in root.findall(f"{ATOM}entry")
    }
    assert languages == {"Yalnız azərbaycanca": "az", "Translated": None}


def test_the_en_rss_feed_names_an_untranslated_items_language(client, two_publications):
    root = fromstring(client.get("/en/publications/rss.xml").content)
    assert root.find("channel/language").text == "en"
    languages = {
        item.find("title").text: getattr(item.find(DC_LANGUAGE), "text", None)
        for item in root.findall("channel/item")
    }
    assert languages == {"Yalnız azərbaycanca": "az", "Translated": None}


def test_the_az_feed_marks_nothing(client, two_publications):
    root = fromstring(client.get("/az/nesrler/atom.xml").content)
    assert [entry.get(XML_LANG) for entry in root.findall(f"{ATOM}entry")] == [None, None]


# --- sitemap ---------------------------------------------------------------------------


def test_the_sitemap_lists_the_list_pages_in_three_languages(client):
    make_partner("Yaponiya Mərkəzi")
    found = {}
    for section in ("partners", "publications"):
        root = ET.fromstring(client.get(f"/sitemap-{section}.xml").content)
        for url in root.findall("s:url", NS):
            links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
            found[url.find("s:loc", NS).text] = links
    partners = {
        "az": "http://testserver/az/terefdaslar/",
        "en": "http://testserver/en/partners/",
        "ru": "http://testserver/ru/partnery/",
    }
    for address in partners.values():
        assert found[address] == {**partners, "x-default": partners["az"]}
    # No publication yet: the list page is there all the same.
    assert found["http://testserver/en/publications/"]["x-default"] == (
        "http://testserver/az/nesrler/"
    )
    assert "http://testserver/ru/publikatsii/" in found


# --- HTML head ---------------------------------------------------------------------------


def test_list_and_search_pages_share_their_own_title(client):
    assert meta(client.get("/en/partners/").text, "property", "og:title") == "Partners"
    assert meta(client.get("/en/publications/").text, "property", "og:title") == "Publications"
    assert meta(client.get("/en/search/?q=x").text, "property", "og:title") == "Search"


def test_the_default_image_is_shared_with_its_size_and_description(client):
    html = client.get("/en/partners/").text
    assert meta(html, "property", "og:image:width") == "1200"
    assert meta(html, "property", "og:image:height") == "630"
    assert meta(html, "property", "og:image:alt")
    assert meta(html, "name", "twitter:image:alt") == meta(html, "property", "og:image:alt")
    assert meta(html, "name", "twitter:card") == "summary_large_image"


def test_a_square_logo_makes_a_small_card(client, media):
    make_partner("Kvadrat", logo=image_upload("square.png", size=(300, 300)))
    make_partner("Enli", logo=image_upload("wide.png", size=(600, 200)))
    square = client.get("/az/terefdaslar/kvadrat/").text
    assert meta(square, "name", "twitter:card") == "summary"
    assert meta(square, "property", "og:image:width") == meta(square, "property", "og:image:height")
    assert "Kvadrat" in meta(square, "property", "og:image:alt")
    wide = client.get("/az/terefdaslar/enli/").text
    assert meta(wide, "name", "twitter:card") == "summary_large_image"
    width, height = (int(meta(wide, "property", f"og:image:{n}")) for n in ("width", "height"))
    assert width > 2 * height


def test_a_publication_shares_its_cover_with_size_and_alt(client, media):
    make_publication("Örtüklü", cover=image_upload("cover.png", size=(600, 800)))
    html = client.get("/az/nesrler/ortuklu/").text
    assert meta(html, "property", "og:image:width") == "600"
    assert meta(html, "property", "og:image:height") == "800"
    assert "Örtüklü" in meta(html, "property", "og:image:alt")
    assert meta(html, "name", "twitter:image:alt") == meta(html, "property", "og:image:alt")


def test_a_publication_shares_the_cover_its_page_shows(client, media):
    # The en page shows the English PDF's cover: it shares that one too, not the az cover.
    publication = make_publication(
        "Nəşr", title_en="Paper", files=["az", "en"], publication_type="research"
    )
    publication.refresh_cover()
    english = publication.file_for("en")
    own = f"/media/publications/publicationfile/{english.pk}/"
    azerbaijani = f"/media/publications/publication/{publication.pk}/"
    for language, path, cover in (
        ("en", "/en/publications/paper/", own),
        ("az", "/az/nesrler/nesr/", azerbaijani),
    ):
        html = client.get(path).text
        shown = re.search(r'<img src="([^"]+)"', html)[1]
        assert shown.startswith(cover), language
        for shared in (
            meta(html, "property", "og:image"),
            meta(html, "name", "twitter:image"),
            json_ld_of_type(html, "ScholarlyArticle")["image"],
        ):
            assert f"testserver{cover}" in shared, (language, shared)
        width, height = (int(meta(html, "property", f"og:image:{n}")) for n in ("width", "height"))
        assert height > width  # a portrait page's size, not the default picture's


def test_hreflang_links_name_the_default_language_as_x_default(client):
    make_page("Haqqımızda", title_en="About us")
    html = client.get("/en/about-us/").text
    assert (
        '<link rel="alternate" hreflang="x-default" href="http://testserver/az/haqqimizda/">'
        in (html)
    )
    assert html.count('hreflang="x-default"') == 1


def test_a_404_names_no_canonical_address(client):
    response = client.get("/en/publications/no-such-thing/")
    assert response.status_code == 404
    assert 'rel="canonical"' not in response.text


# --- structured data -------------------------------------------------------------------


def test_a_publication_page_has_its_breadcrumbs_in_json_ld(client):
    make_publication("Tərcümə olunmuş", title_en="Translated")
    html = client.get("/en/publications/translated/").text
    data = json_ld_of_type(html, "BreadcrumbList")
    assert data["@context"] == "https://schema.org"
    assert [(item["position"], item["name"], item["item"]) for item in data["itemListElement"]] == [
        (1, "Home", "http://testserver/en/"),
        (2, "Publications", "http://testserver/en/publications/"),
        (3, "Translated", "http://testserver/en/publications/translated/"),
    ]


def test_a_sub_pages_breadcrumbs_name_its_parents(client):
    parent = make_page("Haqqımızda", title_en="About us")
    make_page("Mandat", parent=parent, title_en="Mandate")
    html = client.get("/en/about-us/mandate/").text
    names = [item["name"] for item in json_ld_of_type(html, "BreadcrumbList")["itemListElement"]]
    assert names == ["Home", "About us", "Mandate"]


def test_a_partner_page_describes_the_organisation(client, media):
    make_partner(
        "Yaponiya Mərkəzi",
        name_en="C4IR Japan",
        short_name_en="C4IR JP",
        country="JP",
        website="https://example.org/",
        founded_year=2017,
        logo=image_upload("japan.png"),
    )
    html = client.get("/en/partners/c4ir-japan/").text
    data = json_ld_of_type(html, "Organization")
    assert data["name"] == "C4IR Japan"
    assert data["alternateName"] == "C4IR JP"
    assert data["url"] == "http://testserver/en/partners/c4ir-japan/"
    assert data["sameAs"] == ["https://example.org/"]
    assert data["foundingDate"] == "2017"
    assert data["address"] == {"@type": "PostalAddress", "addressCountry": "JP"}
    assert data["logo"].startswith("http://testserver/media/partners/partner/")
    names = [item["name"] for item in json_ld_of_type(html, "BreadcrumbList")["itemListElement"]]
    assert names == ["Home", "Partners", "C4IR Japan"]


# --- images ----------------------------------------------------------------------------


def test_a_public_image_is_kept_a_day_by_the_visitors_browser_only(client, media):
    partner = make_partner("Açıq", logo=image_upload())
    response = client.get(partner.logo.url)
    assert response["Cache-Control"] == "private, max-age=86400"


def test_every_srcset_says_what_size_it_is_drawn_at(client, media):
    cover = image_upload("cover.png", size=(1200, 1600))
    make_publication("Örtüklü", cover=cover, featured=True)
    make_partner("Yaponiya Mərkəzi", logo=image_upload("japan.png"))
    pages = ["/az/", "/az/nesrler/", "/az/nesrler/ortuklu/", "/az/terefdaslar/"]
    pages.append("/az/terefdaslar/yaponiya-merkezi/")
    for url in pages:
        html = client.get(url).text
        tags = re.findall(r"<(?:img|source)\b[^>]*\bsrcset=[^>]*>", html)
        assert tags, url
        for tag in tags:
            assert re.search(r'\bsizes="[^"]+"', tag), (url, tag)


def test_cover_renditions_fit_their_slots():
    from publications.models import COVER_WIDTHS

    # CSS pixels each cover slot is drawn at (static/css/site.css: list card, home page,
    # detail page), and the screens' pixel densities: desktops at 1x and 2x, phones (below
    # 48em) at 2x and 3x.
    slots = [((160, 200, 256), (1, 2)), ((96, 160, 224), (2, 3))]
    for widths, densities in slots:
        for css_width in widths:
            for density in densities:
                needed = css_width * density
                chosen = min((w for w in COVER_WIDTHS if w >= needed), default=COVER_WIDTHS[-1])
                # The browser never fetches more than a third again of what it draws.
                assert chosen <= needed * 4 / 3, (css_width, density, chosen)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Qısa mətn",
        "İ" * 300,
        "ə" * 301,
        # Combining marks are not counted: 300 letters with their dots fit in 300.
        "I\u0307" * 300,
        "I\u0307" * 301,
        "x" * 299 + " uzun söz",
    ],
)
def test_shortened_is_truncatechars(text):
    from django.template.defaultfilters import truncatechars

    from centre.templatetags.centre_tags import shortened

    for length in (1, 200, 300):
        assert shortened(text, length) == truncatechars(text, length)
