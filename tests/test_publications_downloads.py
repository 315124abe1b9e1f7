"""Downloads: headers, conditional and range requests, counting, privacy, constant memory."""

import datetime
import os
import tracemalloc
import urllib.parse
import urllib.request
import wsgiref.util
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.core.files.storage import InMemoryStorage
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.http import Http404
from django.test import RequestFactory
from django.utils import timezone
from django.utils.http import http_date
from django.views.static import serve

from centre.downloads import parse_range
from centre.models import Status
from publications.models import PublicationFile

from .factories import add_file, make_publication

pytestmark = pytest.mark.django_db


@pytest.fixture
def pdf():
    """A published publication's Azerbaijani file."""
    publication = make_publication("Dördüncü Sənaye İnqilabı", title_en="Fourth", files=["az"])
    return publication.files.get()


def stored_bytes(publication_file):
    with publication_file.file.storage.open(publication_file.file.name, "rb") as stored:
        return stored.read()


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def downloads(publication_file):
    publication_file.refresh_from_db()
    return publication_file.download_count


class TestHeaders:
    def test_the_file_with_every_header(self, client, pdf):
        response = client.get(pdf.get_absolute_url())
        assert response.status_code == 200
        assert body(response) == stored_bytes(pdf)
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Length"] == str(pdf.size)
        assert response["Content-Disposition"] == (
            'attachment; filename="dorduncu-senaye-inqilabi-az.pdf"; '
            "filename*=UTF-8''D%C3%B6rd%C3%BCnc%C3%BC%20S%C9%99naye%20%C4%B0nqilab%C4%B1%20%28az%29.pdf"
        )
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'"
        assert response["ETag"] == f'"{pdf.sha256}"'
        assert response["Last-Modified"] == http_date(int(pdf.uploaded_at.timestamp()))
        assert response["Accept-Ranges"] == "bytes"
        assert "no-cache" in response["Cache-Control"]
        assert "max-age=0" in response["Cache-Control"]

    def test_no_direction_or_other_control_characters_in_the_readable_name(self, client):
        title = "Hesabat\u202efdp.exe \u2066gizli\u2069\u200b\u00ad\x7f\nson"
        publication = make_publication(title, files=["az"])
        response = client.get(publication.files.get().get_absolute_url())
        unicode_name = response["Content-Disposition"].split("filename*=UTF-8''")[1]
        assert urllib.parse.unquote(unicode_name) == "Hesabatfdp.exe gizli son (az).pdf"

    def test_address_ends_in_a_readable_ascii_pdf_name_in_every_language(self, pdf):
        from django.utils import translation

        for language, prefix in (("az", "/az/nesrler/fayllar/"), ("en", "/en/publications/files/"),
                                 ("ru", "/ru/publikatsii/faily/")):  # fmt: skip
            with translation.override(language):
                url = pdf.get_absolute_url()
            assert url == f"{prefix}{pdf.pk}/dorduncu-senaye-inqilabi-az.pdf"
            assert url.isascii()

    def test_an_old_name_redirects_to_the_current_one(self, client, pdf):
        response = client.get(f"/az/nesrler/fayllar/{pdf.pk}/old-title-az.pdf")
        assert response.status_code == 301
        assert response["Location"] == pdf.get_absolute_url()

    def test_head_gives_the_headers_without_the_body(self, client, pdf):
        response = client.head(pdf.get_absolute_url())
        assert response.status_code == 200
        assert response["Content-Length"] == str(pdf.size)
        assert response["Content-Type"] == "application/pdf"
        assert response["ETag"] == f'"{pdf.sha256}"'
        assert response.content == b""

    def test_other_methods_are_refused(self, client, pdf):
        assert client.post(pdf.get_absolute_url()).status_code == 405


class TestConditionalRequests:
    def test_if_none_match_answers_304(self, client, pdf):
        for etag in (f'"{pdf.sha256}"', f'W/"{pdf.sha256}"', f'"other", "{pdf.sha256}"', "*"):
            response = client.get(pdf.get_absolute_url(), headers={"if-none-match": etag})
            assert response.status_code == 304, etag
            assert response.content == b""
            assert response["ETag"] == f'"{pdf.sha256}"'
            assert "Content-Type" not in response

    def test_another_etag_gets_the_file(self, client, pdf):
        response = client.get(pdf.get_absolute_url(), headers={"if-none-match": '"stale"'})
        assert response.status_code == 200

    def test_if_modified_since_answers_304_unless_the_file_is_newer(self, client, pdf):
        url = pdf.get_absolute_url()
        response = client.get(url, headers={"if-modified-since": http_date()})
        assert response.status_code == 304
        yesterday = (timezone.now() - datetime.timedelta(days=1)).timestamp()
        response = client.get(url, headers={"if-modified-since": http_date(yesterday)})
        assert response.status_code == 200

    def test_a_malformed_date_is_ignored(self, client, pdf):
        response = client.get(pdf.get_absolute_url(), headers={"if-modified-since": "yesterday"})
        assert response.status_code == 200


class TestRanges:
    @pytest.mark.parametrize(
        ("header", "piece"),
        [
            ("bytes=0-99", slice(0, 100)),
            ("bytes=100-", slice(100, None)),
            ("bytes=-50", slice(-50, None)),
            ("bytes=10-10", slice(10, 11)),
            ("bytes=200-299", slice(200, 300)),
            ("bytes= 5 - 9", slice(5, 10)),
            ("bytes=0-99999999999", slice(0, None)),
            ("bytes=0000000000000000000000000007-8", slice(7, 9)),
        ],
    )
    def test_a_single_range_gets_exactly_those_bytes(self, client, pdf, header, piece):
        whole = stored_bytes(pdf)
        expected = whole[piece]
        start = whole.index(expected) if piece.start and piece.start < 0 else (piece.start or 0)
        response = client.get(pdf.get_absolute_url(), headers={"range": header})
        assert response.status_code == 206
        assert body(response) == expected
        assert response["Content-Length"] == str(len(expected))
        end = start + len(expected) - 1
        assert response["Content-Range"] == f"bytes {start}-{end}/{len(whole)}"
        assert response["Content-Type"] == "application/pdf"

    @pytest.mark.parametrize("header", ["bytes=-999999999", "bytes=-" + "9" * 5000])
    def test_a_suffix_longer_than_the_file_gets_all_of_it(self, client, pdf, header):
        response = client.get(pdf.get_absolute_url(), headers={"range": header})
        assert response.status_code == 206
        assert body(response) == stored_bytes(pdf)
        assert response["Content-Range"] == f"bytes 0-{pdf.size - 1}/{pdf.size}"

    @pytest.mark.parametrize(
        "header", ["bytes=999999999-", "bytes=-0", "bytes=" + "9" * 5000 + "-"]
    )
    def test_an_unsatisfiable_range_answers_416(self, client, pdf, header):
        response = client.get(pdf.get_absolute_url(), headers={"range": header})
        assert response.status_code == 416
        assert response["Content-Range"] == f"bytes */{pdf.size}"
        assert response.content == b""

    @pytest.mark.parametrize(
        "header",
        [
            "bytes=0-5,10-15",  # several ranges: the whole file rather than multipart
            "bytes=abc",
            "bytes=9-5",
            "bytes=-",
            "bytes=",
            "items=0-5",
            "bytes=١-٢",  # Arabic-Indic digits are digits to Python, not to HTTP
            "bytes=0-5\x00",
            "bytes=+1-2",
            "bytes=0x10-0x20",
            "ｂｙｔｅｓ=0-5",
        ],
    )
    def test_a_malformed_or_multiple_range_gets_the_whole_file(self, client, pdf, header):
        response = client.get(pdf.get_absolute_url(), headers={"range": header})
        assert response.status_code == 200
        assert body(response) == stored_bytes(pdf)
        assert "Content-Range" not in response

    def test_if_range_with_the_current_etag_or_date_honours_the_range(self, client, pdf):
        url = pdf.get_absolute_url()
        for validator in (f'"{pdf.sha256}"', http_date(int(pdf.uploaded_at.timestamp()))):
            response = client.get(url, headers={"range": "bytes=0-9", "if-range": validator})
            assert response.status_code == 206, validator

    def test_if_range_with_a_stale_validator_gets_the_whole_file(self, client, pdf):
        url = pdf.get_absolute_url()
        for validator in ('"stale"', f'W/"{pdf.sha256}"', http_date(0), "garbage"):
            response = client.get(url, headers={"range": "bytes=0-9", "if-range": validator})
            assert response.status_code == 200, validator
            assert body(response) == stored_bytes(pdf)

    def test_head_ignores_range(self, client, pdf):
        response = client.head(pdf.get_absolute_url(), headers={"range": "bytes=0-9"})
        assert response.status_code == 200
        assert response["Content-Length"] == str(pdf.size)

    def test_parse_range_rules(self):
        assert parse_range("bytes=0-", 10) == (0, 9)
        assert parse_range("bytes=5-100", 10) == (5, 9)
        assert parse_range("bytes=-3", 10) == (7, 9)
        assert parse_range("bytes=10-", 10) == "unsatisfiable"
        assert parse_range("bytes=1-2, 3-4", 10) is None
        assert parse_range("", 10) is None


class TestCounting:
    def test_a_full_download_counts_once(self, client, pdf):
        body(client.get(pdf.get_absolute_url()))
        assert downloads(pdf) == 1

    def test_a_download_from_the_first_byte_to_the_end_counts(self, client, pdf):
        body(client.get(pdf.get_absolute_url(), headers={"range": "bytes=0-"}))
        assert downloads(pdf) == 1

    def test_range_chunks_head_304_and_416_do_not_count(self, client, pdf):
        url = pdf.get_absolute_url()
        for start in range(0, pdf.size, 1000):
            body(client.get(url, headers={"range": f"bytes={start}-{start + 999}"}))
        client.head(url)
        client.get(url, headers={"if-none-match": f'"{pdf.sha256}"'})
        client.get(url, headers={"range": "bytes=999999999-"})
        assert downloads(pdf) == 0

    def test_a_resumed_download_does_not_count_again(self, client, pdf):
        url = pdf.get_absolute_url()
        body(client.get(url))
        body(client.get(url, headers={"range": "bytes=500-", "if-range": f'"{pdf.sha256}"'}))
        assert downloads(pdf) == 1

    def test_staff_previews_of_drafts_do_not_count(self, staff_client):
        publication = make_publication("Qaralama", status=Status.DRAFT, files=["az"])
        publication_file = publication.files.get()
        response = staff_client.get(publication_file.get_absolute_url())
        assert response.status_code == 200
        assert "private" in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]
        assert downloads(publication_file) == 0

    def test_counts_per_file(self, client):
        publication = make_publication("Nəşr", files=["az", "en"])
        az, en = publication.files.order_by("language")
        for _ in range(3):
            body(client.get(az.get_absolute_url()))
        body(client.get(en.get_absolute_url()))
        assert (downloads(az), downloads(en)) == (3, 1)


@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="concurrent writers need a real database server"
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_downloads_are_each_counted(live_server):
    publication = make_publication("Nəşr", files=["az"])
    publication_file = publication.files.get()
    url = live_server.url + urllib.parse.quote(publication_file.get_absolute_url())

    def fetch(_number):
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our server
            return response.status, len(response.read())

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(fetch, range(40)))
    assert results == [(200, publication_file.size)] * 40
    assert downloads(publication_file) == 40
    # The month's row too: the first downloads race to make it, none is lost.
    assert publication_file.monthly.get().count == 40


class TestPrivacy:
    @pytest.mark.parametrize(
        "fields",
        [
            {"status": Status.DRAFT},
            {"publish_from": timezone.now() + datetime.timedelta(days=1)},
        ],
    )
    def test_files_of_drafts_and_future_publications_are_404(self, client, fields):
        publication = make_publication("Gizli", files=["az"], **fields)
        url = publication.files.get().get_absolute_url()
        assert client.get(url).status_code == 404
        assert client.head(url).status_code == 404
        assert client.get(url, headers={"range": "bytes=0-9"}).status_code == 404

    def test_a_publication_taken_offline_takes_its_files_along(self, client, pdf):
        url = pdf.get_absolute_url()
        assert client.get(url).status_code == 200
        pdf.publication.status = Status.DRAFT
        pdf.publication.save()
        assert client.get(url).status_code == 404

    def test_a_deleted_file_is_404(self, client, pdf):
        url = pdf.get_absolute_url()
        pdf.delete()
        assert client.get(url).status_code == 404

    def test_a_file_missing_from_storage_is_404_not_500(self, client, pdf):
        pdf.file.storage.delete(pdf.file.name)
        assert client.get(pdf.get_absolute_url()).status_code == 404
        assert client.head(pdf.get_absolute_url()).status_code == 404

    def test_no_public_media_address_reaches_a_pdf(self, client, pdf):
        # Not under MEDIA_ROOT, so neither nginx's /media/ nor Django's media view has it.
        request = RequestFactory().get("/media/" + pdf.file.name)
        with pytest.raises(Http404):
            serve(request, pdf.file.name, document_root=settings.MEDIA_ROOT)
        assert client.get("/media/" + pdf.file.name).status_code == 404
        assert client.get(pdf.file.url).status_code == 404

    @pytest.mark.parametrize(
        "path",
        [
            "/az/nesrler/fayllar/999999/x.pdf",
            "/az/nesrler/fayllar/" + "9" * 40 + "/x.pdf",
            "/az/nesrler/fayllar/1/x.exe",
            "/az/nesrler/fayllar/1/%00.pdf",
            "/az/nesrler/fayllar/abc/x.pdf",
        ],
    )
    def test_odd_addresses_are_404(self, client, pdf, path):
        # CommonMiddleware may first try the address with a slash; it ends in a 404 all the same.
        assert client.get(path, follow=True).status_code == 404


class TestStorages:
    def test_works_with_a_storage_without_local_paths(self, client, monkeypatch):
        monkeypatch.setattr(PublicationFile._meta.get_field("file"), "storage", InMemoryStorage())
        publication = make_publication("Yaddaşda", files=["az"])
        publication_file = publication.files.get()
        assert publication_file.file.storage.__class__ is InMemoryStorage
        url = publication_file.get_absolute_url()
        whole = stored_bytes(publication_file)
        assert body(client.get(url)) == whole
        response = client.get(url, headers={"range": "bytes=100-199"})
        assert response.status_code == 206
        assert body(response) == whole[100:200]

    def test_x_accel_redirect_hands_the_bytes_to_nginx(self, client, pdf, settings):
        settings.PUBLICATION_X_ACCEL_REDIRECT = "/internal/publications/"
        response = client.get(pdf.get_absolute_url())
        assert response.status_code == 200
        assert response["X-Accel-Redirect"] == f"/internal/publications/{pdf.file.name}"
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response.content == b""
        assert downloads(pdf) == 1
        response = client.get(pdf.get_absolute_url(), headers={"if-none-match": f'"{pdf.sha256}"'})
        assert response.status_code == 304
        assert "X-Accel-Redirect" not in response

    def test_a_large_file_streams_in_constant_memory(self, client, pdf):
        size = 200 * 1024 * 1024
        path = pdf.file.path
        with open(path, "r+b") as stored:
            stored.truncate(size)  # sparse: no disk space, no time
        PublicationFile.objects.filter(pk=pdf.pk).update(size=size)
        response = client.get(pdf.get_absolute_url())
        assert response["Content-Length"] == str(size)
        tracemalloc.start()
        try:
            received = sum(len(chunk) for chunk in response.streaming_content)
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
            response.close()
        assert received == size
        assert peak < 2 * 1024 * 1024


def test_add_file_helper_records_language(db):
    publication_file = add_file(make_publication("Nəşr"), "ru")
    assert publication_file.language == "ru"


class TestFileWrapper:
    """Under a WSGI server with a file wrapper (gunicorn: sendfile) the file goes to the server."""

    @pytest.fixture(autouse=True)
    def _keep_the_test_connection(self):
        # As the test client does: a request must not close the test's database connection.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        yield
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)

    def wsgi(self, url, **headers):
        environ = RequestFactory().get(url, **headers).environ
        environ["wsgi.file_wrapper"] = wsgiref.util.FileWrapper
        started = {}

        def start_response(status, response_headers):
            started.update(status=status, headers=dict(response_headers))

        result = WSGIHandler()(environ, start_response)
        return started, result

    @pytest.mark.parametrize(
        ("headers", "start", "end"),
        [({}, 0, None), ({"HTTP_RANGE": "bytes=100-199"}, 100, 200)],
    )
    def test_a_local_file_is_handed_over_from_the_range_start(self, pdf, headers, start, end):
        started, result = self.wsgi(pdf.get_absolute_url(), **headers)
        assert isinstance(result, wsgiref.util.FileWrapper)
        # What sendfile() reads: the descriptor's position, for Content-Length bytes.
        assert os.lseek(result.filelike.fileno(), 0, os.SEEK_CUR) == start
        whole = stored_bytes(pdf)
        expected = whole[start:end]
        assert started["headers"]["Content-Length"] == str(len(expected))
        # Servers that copy it in chunks stop at the range's end.
        assert b"".join(result) == expected
        result.close()

    def test_a_storage_without_files_on_disk_streams_in_chunks(self, monkeypatch):
        monkeypatch.setattr(PublicationFile._meta.get_field("file"), "storage", InMemoryStorage())
        publication_file = make_publication("Yaddaşda", files=["az"]).files.get()
        started, result = self.wsgi(publication_file.get_absolute_url(), HTTP_RANGE="bytes=10-19")
        assert not isinstance(result, wsgiref.util.FileWrapper)
        assert started["status"].startswith("206")
        assert b"".join(result) == stored_bytes(publication_file)[10:20]
        result.close()
