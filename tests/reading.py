"""The public site read as a visitor or a crawler reads it: search results, sitemaps, queries."""

import xml.etree.ElementTree as ET

from django.db import connection
from django.test.utils import CaptureQueriesContext

SEARCH_URL = {"az": "/az/axtaris/", "en": "/en/search/", "ru": "/ru/poisk/"}
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def found(client, query, prefix="az"):
    response = client.get(SEARCH_URL[prefix], {"q": query})
    assert response.status_code == 200
    return [result.entry.title for result in response.context["results"]]


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def sitemap_entries(client):
    """Every address of every sitemap the index names, with its alternates, as a crawler sees."""
    entries = {}
    for sitemap in xml(client, "/sitemap.xml").findall("s:sitemap/s:loc", NS):
        for url in xml(client, sitemap.text.removeprefix("http://testserver")).findall("s:url", NS):
            links = url.findall("x:link", NS)
            entries[url.find("s:loc", NS).text] = {
                link.get("hreflang"): link.get("href") for link in links
            }
    return entries


def queries(client, url):
    # The steady state: what is kept per cache generation (the menu, the footer) is read by
    # the first request only.
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(context.captured_queries)
