"""
Uploads: every file has a size cap; stored names are safe and stay inside their storage; the
public media folder holds only decoded images, served with nosniff and never as HTML or SVG;
request limits are set deliberately.
"""

import io
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from centre.storage import PublicMediaStorage, SafeFileSystemStorage, safe_file_name
from pages.models import Page

from .admin_forms import admin_form_data
from .factories import make_publication
from .images import image_upload, svg_upload
from .pdfs import pdf_bytes

pytestmark = pytest.mark.django_db

HOSTILE_NAMES = {
    "../../x.pdf": "x.pdf",
    "..\\..\\windows\\x.pdf": "x.pdf",
    "cover\x00.png.html": "coverpng.html",
    "a" * 300 + ".pdf": "a" * 80 + ".pdf",
    "hesabat\u202efdp.exe": "hesabatfdp.exe",
    "Dördüncü Sənaye İnqilabı.PDF": "dorduncu-senaye-inqilabi.pdf",
    "Отчёт 2024.pdf": "otchet-2024.pdf",
    "..": "file",
    ".htaccess": "htaccess",
}


@pytest.mark.parametrize(("name", "expected"), HOSTILE_NAMES.items())
def test_safe_file_names(name, expected):
    assert safe_file_name(name) == expected


@pytest.mark.parametrize("name", [name for name in HOSTILE_NAMES if "." in name[:2]])
def test_a_path_outside_the_storage_is_refused(tmp_path, name):
    storage = SafeFileSystemStorage(location=tmp_path / "root")
    with pytest.raises(SuspiciousFileOperation):
        storage.save(f"publications/{name}/../../../x.pdf", ContentFile(b"x"))
    assert not list(tmp_path.rglob("x.pdf"))


@pytest.mark.parametrize("name", [name for name in HOSTILE_NAMES if name != ".."])
def test_uploaded_pdfs_get_safe_names_inside_the_private_folder(admin_client, name):
    """The names a browser may send, through the admin, to where the PDF is stored."""
    publication = make_publication("Adsız")
    url = f"/admin/publications/publication/{publication.pk}/change/"
    upload = SimpleUploadedFile(name, pdf_bytes(1), "application/pdf")
    data = admin_form_data(
        admin_client.get(url), **{"files-0-language": "az", "files-0-file": upload}
    )
    assert admin_client.post(url, data).status_code == 302
    stored = publication.files.get().file
    root = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    assert Path(stored.path).resolve().is_relative_to(root)
    # Named after the publication; Django adds a suffix if an earlier test left the name taken.
    assert re.fullmatch(r"publications/adsiz-az(_[A-Za-z0-9]{7})?\.pdf", stored.name)


@pytest.mark.parametrize(
    "name", [name for name in HOSTILE_NAMES if "/" not in name and "\\" not in name]
)
def test_stored_names_are_short_ascii_and_inside_the_storage(tmp_path, name):
    # (Names with folders never get here: Django keeps only the last part of an upload's name.)
    storage = SafeFileSystemStorage(location=tmp_path)
    stored = storage.save(f"covers/{name}", ContentFile(b"x"))
    assert (tmp_path / stored).resolve().is_relative_to(tmp_path)
    assert stored.startswith("covers/") and len(stored) < 100
    assert stored.isascii() and "\x00" not in stored and "\u202e" not in stored


def test_the_configured_storages_are_the_safe_ones():
    assert isinstance(storages["default"], PublicMediaStorage)
    assert isinstance(storages["publications"], SafeFileSystemStorage)


def test_public_media_stores_only_decoded_images_under_their_real_format(media):
    storage = PublicMediaStorage(location=media)
    png = image_upload("photo.jpg")  # PNG data under another name
    assert storage.save("pages/sharing/photo.jpg", png) == "pages/sharing/photo.png"
    for upload in (
        svg_upload("logo.svg"),
        SimpleUploadedFile("page.html", b"<html><script>alert(1)</script></html>"),
        SimpleUploadedFile("page.png", b"<html><script>alert(1)</script></html>"),
        ContentFile(pdf_bytes(1), name="x.pdf"),
    ):
        with pytest.raises(SuspiciousFileOperation):
            storage.save(f"pages/sharing/{upload.name}", upload)
    assert [path.name for path in media.rglob("*") if path.is_file()] == ["photo.png"]


def page_form(client, **overrides):
    return admin_form_data(client.get("/admin/pages/page/add/"), title_az="Paylaşım", **overrides)


@pytest.mark.parametrize(
    "upload",
    [
        svg_upload("share.svg"),
        SimpleUploadedFile("share.png", b"<html></html>", "image/png"),
        SimpleUploadedFile("share.gif", b"GIF89a" + b"\0" * 20, "image/gif"),
    ],
)
def test_a_sharing_image_must_be_an_image(admin_client, media, upload):
    response = admin_client.post(
        "/admin/pages/page/add/", page_form(admin_client, og_image_az=upload)
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["og_image_az"]
    assert not Page.objects.exists()
    assert not list(media.rglob("*.*"))


@override_settings(IMAGE_MAX_FILE_SIZE=50_000)
def test_images_have_a_size_cap(admin_client, media):
    noise = Image.frombytes("RGB", (300, 300), os.urandom(300 * 300 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    big = SimpleUploadedFile("big.png", buffer.getvalue(), "image/png")
    assert big.size > 50_000
    data = page_form(admin_client, og_image_az=big)
    response = admin_client.post("/admin/pages/page/add/", data)
    assert response.context["adminform"].form.errors.as_data()["og_image_az"][0].code == (
        "file_too_large"
    )

    publication = make_publication("Örtüklü")
    url = f"/admin/publications/publication/{publication.pk}/change/"
    big.file.seek(0)
    response = admin_client.post(url, admin_form_data(admin_client.get(url), cover=big))
    assert response.context["adminform"].form.errors.as_data()["cover"][0].code == (
        "file_too_large"
    )


def test_an_uploaded_sharing_image_gets_a_safe_name(admin_client, media):
    upload = image_upload("../../Paylaşım\u202egnp.png")
    response = admin_client.post(
        "/admin/pages/page/add/", page_form(admin_client, og_image_az=upload)
    )
    assert response.status_code == 302
    page = Page.objects.get()
    assert page.og_image_az.name == "pages/sharing/paylasimgnp.png"
    assert (media / page.og_image_az.name).is_file()


@pytest.mark.parametrize("name", ["paylasim.png", "x.html", "x.svg", "x.pdf", "../db.sqlite3"])
def test_the_media_folder_is_never_served_as_such(client, media, name):
    # Only an item's own images, at its address, while it is public (tests/test_protected_files).
    (media / "pages").mkdir()
    for stored in ("paylasim.png", "x.html", "x.svg", "x.pdf"):
        (media / "pages" / stored).write_bytes(image_upload().read())
    response = client.get(f"/media/pages/{name}")
    assert response.status_code == 404


def test_request_limits_are_set_deliberately():
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES == 10
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 1000
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 5 * 1024 * 1024


def test_too_many_files_or_fields_is_a_400_not_a_500(admin_client):
    files = {f"file{index}": SimpleUploadedFile(f"{index}.png", b"x") for index in range(11)}
    response = admin_client.post("/admin/pages/page/add/", files)
    assert response.status_code == 400
    fields = {f"field{index}": "x" for index in range(1001)}
    assert admin_client.post("/admin/pages/page/add/", fields).status_code == 400


def test_the_biggest_real_form_fits_the_limits(admin_client):
    publication = make_publication("Üç dildə", files=["az", "en", "ru"])
    url = f"/admin/publications/publication/{publication.pk}/change/"
    data = admin_form_data(admin_client.get(url))
    assert len(data) < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS / 5
