"""Staff add and manage publications in the admin: tabs, per-language PDFs, cover, counts."""

import re

import pytest

from centre.models import Status, Technology
from centre.seed import seed as seed_technologies
from publications.models import Publication, PublicationFile, PublicationType

from .admin_forms import file_rows, publication_form_data
from .factories import make_publication
from .pdfs import RUSSIAN_TEXT, html_as_pdf, pdf_upload

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/publications/publication/add/"
LIST_URL = "/admin/publications/publication/"


def test_add_form_has_tabs_files_inline_and_no_outside_assets(admin_client):
    response = admin_client.get(ADD_URL)
    assert response.status_code == 200
    html = response.text
    for field in ("title_az", "title_en", "title_ru", "abstract_ru", "files-2-file"):
        assert f'name="{field}"' in html
    assert "modeltranslation/js/tabbed_translation_fields.js" in html
    assert 'accept=".pdf"' in html
    assert not [src for src in html.split('src="')[1:] if src.startswith("http")]


def test_change_form_offers_a_row_per_missing_language(admin_client):
    publication = make_publication("Nəşr", files=["az"])
    html = admin_client.get(f"{LIST_URL}{publication.pk}/change/").text
    # The stored file's row, then one for each of the two other languages.
    assert 'name="files-2-file"' in html
    assert 'name="files-3-file"' not in html


def test_add_with_three_files_in_three_languages(admin_client):
    seed_technologies()
    ai = Technology.objects.get(slug="artificial-intelligence")
    data = publication_form_data(
        technologies=[ai.pk],
        **file_rows(
            ("az", pdf_upload("Hesabat az.pdf", pages=3)),
            ("en", pdf_upload("report-en.pdf", pages=2)),
            ("ru", pdf_upload("отчёт.pdf", pages=1, text=RUSSIAN_TEXT)),
        ),
    )
    response = admin_client.post(ADD_URL, data, headers={"accept-language": "az"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    publication = Publication.objects.get()
    assert (publication.slug_az, publication.slug_en, publication.slug_ru) == (
        "4si-texnologiyalarinin-ugurlu-helleri",
        "successful-solutions-of-4ir-technologies",
        "uspeshnye-resheniya-tekhnologiy-4pr",
    )
    assert list(publication.technologies.all()) == [ai]
    files = {f.language: f for f in PublicationFile.objects.all()}
    assert {code: f.page_count for code, f in files.items()} == {"az": 3, "en": 2, "ru": 1}
    assert all(f.size > 0 and len(f.sha256) == 64 for f in files.values())
    assert "Четвертая" in files["ru"].text
    # The cover was made from the Azerbaijani PDF once the files were saved.
    assert publication.cover
    assert publication.cover_source == files["az"].sha256


def test_a_fake_pdf_is_a_form_error_in_the_staff_language(admin_client):
    data = publication_form_data(
        **file_rows(("az", pdf_upload()), ("en", html_as_pdf())),
        **{"files-TOTAL_FORMS": "2"},
    )
    response = admin_client.post(ADD_URL, data, headers={"accept-language": "az"})
    assert response.status_code == 200
    assert "Bu fayl PDF deyil" in response.text
    assert not Publication.objects.exists()
    assert not PublicationFile.objects.exists()


def test_two_files_in_one_language_are_refused(admin_client):
    data = publication_form_data(
        **file_rows(("az", pdf_upload()), ("az", pdf_upload("again.pdf"))),
        **{"files-TOTAL_FORMS": "2"},
    )
    response = admin_client.post(ADD_URL, data, headers={"accept-language": "en"})
    assert response.status_code == 200
    assert not Publication.objects.exists()


def test_change_page_shows_cover_counts_and_view_on_site(admin_client):
    publication = make_publication("Nəşr", status=Status.DRAFT, files=["az", "en"])
    publication.refresh_cover()
    PublicationFile.objects.filter(language="az").update(download_count=7)
    PublicationFile.objects.filter(language="en").update(download_count=5)
    response = admin_client.get(
        f"/admin/publications/publication/{publication.pk}/change/",
        headers={"accept-language": "en"},
    )
    html = response.text
    assert response.status_code == 200
    assert "made from the first page of the PDF" in html
    assert publication.cover_image["src"] in html
    assert ">12<" in html  # total downloads
    assert "downloaded 7 times" in html and "downloaded 5 times" in html
    assert "/media/publications/" not in html.split("cover_preview")[0]  # no PDF media URL
    # "View on site" leads staff to a preview of the draft.
    view_on_site = re.search(r'href="(/admin/r/\d+/\d+/)" class="viewsitelink"', html)[1]
    response = admin_client.get(view_on_site)
    assert response.status_code == 302
    assert response["Location"].endswith(publication.get_absolute_url())
    preview = admin_client.get(publication.get_absolute_url())
    assert preview.status_code == 200
    assert "notice--preview" in preview.text


def test_list_shows_downloads_languages_and_filters(admin_client):
    seed_technologies()
    robotics = Technology.objects.get(slug="robotics")
    old = make_publication("Köhnə", files=["az"], technologies=[robotics])
    old.publication_date = old.publication_date.replace(year=2021)
    old.save()
    make_publication("Yeni", files=["az", "ru"], publication_type=PublicationType.STRATEGY)
    PublicationFile.objects.filter(publication=old).update(download_count=42)
    response = admin_client.get(LIST_URL, headers={"accept-language": "en"})
    html = response.text
    assert ">42<" in html
    assert "AZ, RU" in html
    for parameter in (
        "publication_type__exact=",
        "year=2021",
        "technologies__id__exact=",
        "status__exact=",
    ):
        assert parameter in html
    response = admin_client.get(LIST_URL, {"year": "2021"})
    assert [p.title for p in response.context["cl"].result_list] == ["Köhnə"]
    response = admin_client.get(LIST_URL, {"year": "20%00"})
    assert response.status_code == 200
    response = admin_client.get(LIST_URL, {"technologies__id__exact": robotics.pk})
    assert [p.title for p in response.context["cl"].result_list] == ["Köhnə"]


def test_bulk_publish_and_withdraw(admin_client):
    first = make_publication("Bir", status=Status.DRAFT)
    second = make_publication("İki", status=Status.DRAFT)
    response = admin_client.post(
        LIST_URL, {"action": "publish", "_selected_action": [first.pk, second.pk]}
    )
    assert response.status_code == 302
    assert set(Publication.objects.values_list("status", flat=True)) == {Status.PUBLISHED}
    admin_client.post(LIST_URL, {"action": "unpublish", "_selected_action": [first.pk]})
    first.refresh_from_db()
    assert first.status == Status.DRAFT


@pytest.mark.parametrize("query", ["Hesabat", "Report", "Rzayev", "Ivanov", "hesabat-2024"])
def test_the_list_searches_titles_authors_and_the_azerbaijani_slug(admin_client, query):
    make_publication(
        "Hesabat",
        title_en="Report",
        authors_az="Rzayev",
        authors_ru="Ivanov",
        slug_az="hesabat-2024",
    )
    make_publication("Başqa")
    titles = [str(p) for p in admin_client.get(LIST_URL, {"q": query}).context["cl"].result_list]
    assert titles == ["Hesabat"]
