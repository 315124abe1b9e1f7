"""Content that tells the truth: samples invent no facts; authors are people or organisations
as staff said, never guessed from a comma."""

import datetime
import hashlib
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command

from publications import seed as publications_seed
from publications.citations import bibtex, ris
from publications.models import Publication, PublicationType

from .factories import make_publication

pytestmark = pytest.mark.django_db

RESEARCH_SLUG = publications_seed.samples()[0]["slug"]["az"]


def json_ld(html):
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )


class TestSamples:
    def test_no_sample_carries_an_invented_date_or_type(self):
        call_command("seed_demo")
        samples = Publication.objects.all()
        assert samples.count() == 4
        for sample in samples:
            assert sample.publication_type == PublicationType.SAMPLE
            assert sample.publication_date is None
            for code in ("az", "en", "ru"):
                abstract = getattr(sample, f"abstract_{code}") or ""
                for demo in ("filtr", "filters", "фильтр", "nümayiş", "demonstrat"):
                    assert demo not in abstract, abstract
            for stored in sample.files.all():
                assert "2022-02-23" not in stored.text  # the launch date, once on the cover

    @pytest.mark.parametrize(
        ("address", "published"),
        [
            ("/az/nesrler/4si-texnologiyalarinin-ugurlu-helleri-numune/", "Dərc olunub"),
            (
                "/en/publications/successful-solutions-of-4ir-technologies-across-sectors-of-the"
                "-economy-sample-document/",
                "Published",
            ),
        ],
    )
    def test_a_samples_page_has_no_date_citation_or_scholarly_tags(
        self, client, address, published
    ):
        call_command("seed_demo")
        html = client.get(address).text
        assert "citation_" not in html
        assert "article:published_time" not in html
        assert "<time" not in html
        assert f"<dt>{published}</dt>" not in html
        assert "citation.bib" not in html and "citation.ris" not in html
        data = json_ld(html)
        assert "datePublished" not in data
        assert data["@type"] == "CreativeWork"
        assert client.get(f"{address}citation.bib").status_code == 404
        assert client.get(f"{address}citation.ris").status_code == 404

    def test_samples_have_no_year_in_the_filter_and_no_date_in_the_feeds(self, client):
        call_command("seed_demo")
        dated = make_publication("Hesabat", publication_date=datetime.date(2024, 5, 1))
        html = client.get("/az/nesrler/").text
        assert re.findall(r"year=(\w+)", html) == ["2024"]
        # Undated samples come after the dated publication, on every database.
        titles = re.findall(r'class="publication-card__title"[^>]*><a href="([^"]+)"', html)
        assert titles[0] == dated.get_absolute_url()
        rss = client.get("/az/nesrler/rss.xml")
        assert rss.status_code == 200
        assert rss.text.count("<pubDate>") == 1
        assert client.get("/az/nesrler/atom.xml").status_code == 200
        assert client.get("/sitemap.xml").status_code == 200

    def test_a_sample_an_earlier_seed_made_is_corrected_unless_staff_changed_it(self):
        call_command("seed_demo")
        # The rows as earlier seeds left them: invented type and date, the old PDFs.
        for sample in publications_seed.samples():
            values = sample["earlier"]
            row = Publication.objects.get(slug_az=sample["slug"]["az"])
            Publication.objects.filter(pk=row.pk).update(
                publication_type=values["publication_type"],
                publication_date=datetime.date.fromisoformat(values["publication_date"]),
                **{f"abstract_{c}": t for c, t in values.get("abstract", {}).items()},
            )
            for stored in row.files.all():
                old = publications_seed.sample_pdf(
                    sample, stored.language, values["publication_date"], earlier=True
                )
                stored.file = ContentFile(old, name="old.pdf")
                stored.save()
                assert stored.sha256 == hashlib.sha256(old).hexdigest()
        # Staff gave one of them a date of their own: it stays.
        staff = Publication.objects.get(slug_az="robototexnika-ve-3d-cap-senayede-numune")
        Publication.objects.filter(pk=staff.pk).update(publication_date=datetime.date(2025, 1, 2))

        call_command("seed_demo")
        research = Publication.objects.get(slug_az=RESEARCH_SLUG)
        assert research.publication_type == PublicationType.SAMPLE
        assert research.publication_date is None
        assert all("2022-02-23" not in f.text for f in research.files.all())
        ai = Publication.objects.get(slug_az="suni-intellekt-dovlet-xidmetlerinde-numune")
        assert "filtr" not in ai.abstract_az and "filters" not in ai.abstract_en
        staff.refresh_from_db()
        assert staff.publication_date == datetime.date(2025, 1, 2)
        assert staff.publication_type == PublicationType.POLICY_BRIEF


ORGANISATION = "İqtisadiyyat Nazirliyi, Azərbaycan Respublikası"


class TestAuthors:
    @pytest.fixture
    def report(self):
        return make_publication(
            "Hesabat",
            authors_az=f"Məmmədov, Əli Vəli\n{{{ORGANISATION}}}",
            publication_type=PublicationType.REPORT,
        )

    def test_json_ld_has_a_person_with_names_and_an_organisation(self, client, report):
        data = json_ld(client.get(report.get_absolute_url()).text)
        assert data["author"] == [
            {
                "@type": "Person",
                "name": "Əli Vəli Məmmədov",
                "familyName": "Məmmədov",
                "givenName": "Əli Vəli",
            },
            {"@type": "Organization", "name": ORGANISATION},
        ]

    def test_bibtex_braces_the_organisation_and_ris_keeps_it_whole(self, report):
        text = bibtex(report, url="http://x/")
        assert f"  author = {{Məmmədov, Əli Vəli and {{{ORGANISATION}}}}},\n" in text
        lines = ris(report, url="http://x/").split("\r\n")
        assert "AU  - Məmmədov, Əli Vəli" in lines
        assert f"A2  - {ORGANISATION}" in lines
        assert not any(line.startswith("AU  - İqtisadiyyat") for line in lines)

    def test_the_page_shows_people_by_name(self, client, report):
        html = client.get(report.get_absolute_url()).text
        assert "<li>Əli Vəli Məmmədov</li>" in html
        assert f"<li>{ORGANISATION}</li>" in html
        assert '<meta name="citation_author" content="Məmmədov, Əli Vəli">' in html

    @pytest.mark.parametrize("line", ["İqtisadiyyat Nazirliyi", "{Yarımçıq", ", Əli", "{}"])
    def test_an_author_line_that_says_neither_is_refused(self, line):
        publication = make_publication("Hesabat")
        publication.authors_az = line
        with pytest.raises(ValidationError) as error:
            publication.full_clean()
        assert "authors_az" in error.value.message_dict

    def test_a_date_is_optional_and_an_undated_citation_has_no_year(self):
        publication = make_publication("Tarixsiz", publication_date=None)
        assert "year" not in bibtex(publication, url="http://x/")
        assert "PY  -" not in ris(publication, url="http://x/")
