"""The apps together: search inside PDFs, sitemap, structured data, related publications."""

import json
import re

import pytest
from django.core.files.base import ContentFile

from centre.models import SearchEntry, Status
from publications.models import PublicationFile

from .factories import make_partner, make_publication, make_technology
from .pdfs import pdf_bytes
from .reading import found, sitemap_entries

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(media):
    return make_publication(
        "Rəqəmsal iqtisadiyyat hesabatı",
        title_en="Digital economy report",
        abstract_az="Qısa xülasə.",
        files=("az",),
    )


class TestSearchInsidePdfs:
    def test_text_inside_the_pdf_is_found(self, client, report):
        # "mühəndisliyi" is only in the PDF, not in the title or abstract.
        PublicationFile.objects.filter(publication=report).delete()
        PublicationFile.objects.create(
            publication=report,
            language="az",
            file=ContentFile(pdf_bytes(2, "Gen mühəndisliyi və kənd təsərrüfatı"), name="x.pdf"),
        )
        assert found(client, "muhendisliyi") == ["Rəqəmsal iqtisadiyyat hesabatı"]
        assert found(client, "kend teserrufati") == ["Rəqəmsal iqtisadiyyat hesabatı"]

    def test_a_deleted_file_takes_its_text_out_of_the_search(self, client, report):
        assert found(client, "intellekt") == ["Rəqəmsal iqtisadiyyat hesabatı"]
        report.files.get().delete()
        assert found(client, "intellekt") == []

    def test_title_in_english_pdf_text_in_azerbaijani(self, client, report):
        assert found(client, "digital", "en") == ["Digital economy report"]

    def test_draft_publications_are_not_found(self, client, report):
        report.status = Status.DRAFT
        report.save()
        assert found(client, "reqemsal") == []
        assert not SearchEntry.objects.filter(
            object_id=report.pk, model="publications.publication"
        ).exists()


def test_sitemap_lists_published_publications_only(client, report):
    make_publication("Gizli qaralama", status=Status.DRAFT)
    entries = sitemap_entries(client)
    url = report.get_absolute_url()
    assert f"http://testserver{url}" in entries
    assert entries[f"http://testserver{url}"]["x-default"] == f"http://testserver{url}"
    assert not any("gizli" in location for location in entries)


def test_publication_page_describes_itself_in_json_ld(client, report):
    html = client.get(report.get_absolute_url()).text
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )
    assert data["@type"] in ("Report", "ScholarlyArticle")
    assert data["name"] == "Rəqəmsal iqtisadiyyat hesabatı"
    assert data["datePublished"] == report.publication_date.isoformat()
    assert data["encoding"][0]["encodingFormat"] == "application/pdf"
    assert html.count('property="og:title"') == 1
    assert 'content="article"' in html


def test_research_documents_are_scholarly_articles(client, media):
    research = make_publication("Tədqiqat sənədi", publication_type="research", files=("az",))
    html = client.get(research.get_absolute_url()).text
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )
    assert data["@type"] == "ScholarlyArticle"


def test_partner_lists_the_centres_publications_on_its_technologies(client, media):
    ai = make_technology("artificial-intelligence", "Süni intellekt")
    robotics = make_technology("robotics", "Robototexnika")
    make_partner("Yaponiya Mərkəzi", technologies=[ai])
    make_publication("Süni intellekt hesabatı", technologies=[ai, robotics])
    make_publication("Robotlar", technologies=[robotics])
    make_publication("Gizli süni intellekt", technologies=[ai], status=Status.DRAFT)
    html = client.get("/az/terefdaslar/yaponiya-merkezi/").text
    section = html[html.index("partner-publications") :]
    assert "Süni intellekt hesabatı" in section
    assert "Robotlar" not in section
    assert "Gizli" not in section
