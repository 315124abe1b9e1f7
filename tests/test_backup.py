"""
Backup and restore: one archive gives back the same rows, translations and files, byte for byte;
a damaged or altered archive, or a site that is not empty, is refused before anything changes.
"""

import hashlib
import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import QuerySet
from django.utils import translation

from centre.backup import (
    MANIFEST_MEMBER,
    SIGNATURE_MEMBER,
    BackupError,
    backup_models,
    file_storages,
    sign,
    stored_files,
)
from centre.backup.archive import create_backup
from centre.backup.restore import restore_backup
from centre.models import SearchEntry
from pages.models import Page
from partners.models import Partner
from publications.models import Publication

from .factories import add_file, make_page, make_partner, make_publication
from .images import image_upload
from .reading import found

NATURAL = {ContentType: "natural_key", Permission: "natural_key"}


# ---- What the site holds -------------------------------------------------------------------


def database_rows():
    """Every row of every backed-up table (and its many-to-many tables), read with plain SQL.

    Content types and permissions are made anew by every database, so references to them are
    compared by their natural keys; the ids of many-to-many rows are not compared either.
    """
    natural = {
        model: {obj.pk: obj.natural_key() for obj in model.objects.all()} for model in NATURAL
    }
    tables = {}
    for model in backup_models():
        through = [
            field.remote_field.through
            for field in model._meta.local_many_to_many
            if field.remote_field.through._meta.auto_created
        ]
        for table_model in [model, *through]:
            fields = [
                field
                for field in table_model._meta.concrete_fields
                if not (table_model._meta.auto_created and field.primary_key)
            ]
            quote = connection.ops.quote_name
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT {', '.join(quote(field.column) for field in fields)} "  # noqa: S608
                    f"FROM {quote(table_model._meta.db_table)}"
                )
                rows = cursor.fetchall()
            converted = []
            for row in rows:
                values = []
                for field, value in zip(fields, row, strict=True):
                    target = field.related_model if field.is_relation else None
                    values.append(natural[target].get(value) if target in natural else value)
                converted.append(tuple(values))
            tables[table_model._meta.db_table] = sorted(converted, key=repr)
    return tables


def search_entries():
    fields = [field.attname for field in SearchEntry._meta.concrete_fields if field.attname != "id"]
    return sorted(SearchEntry.objects.values_list(*fields), key=repr)


def files():
    return {
        alias: {name: hashlib.sha256(path.read_bytes()).hexdigest() for name, path in stored}
        for alias, storage in file_storages().items()
        if (stored := stored_files(storage))
    }


def everything():
    return {"rows": database_rows(), "search": search_entries(), "files": files()}


def empty_the_storages():
    for storage in file_storages().values():
        for path in Path(storage.location).iterdir():
            shutil.rmtree(path) if path.is_dir() else path.unlink()


@pytest.fixture
def backups(tmp_path_factory):
    """A folder for archives, outside the storages (which the tests empty)."""
    return tmp_path_factory.mktemp("backups")


@pytest.fixture
def storages_emptied(media):
    """A fresh MEDIA_ROOT, and an empty private storage before and after the test."""
    empty_the_storages()
    yield
    empty_the_storages()


def build_site(django_user_model):
    """The demo content, and what staff add on top: users, roles, history, images."""
    call_command("seed_demo", stdout=io.StringIO())
    editors = Group.objects.create(name="Redaktorlar")
    editors.permissions.set(Permission.objects.filter(codename__in=["change_page", "add_page"]))
    user = django_user_model.objects.create_user(
        "redaktor", password="a-long-test-password", is_staff=True, first_name="Aynur"
    )
    user.groups.add(editors)
    user.user_permissions.add(Permission.objects.get(codename="view_partner"))
    page = Page.objects.get(slug_az="merkez-haqqinda")
    LogEntry.objects.log_actions(user.pk, [page], CHANGE, change_message="Başlıq dəyişdi")
    # Saved by an English-speaking editor: modeltranslation's own "title" column then holds
    # the English title, which the ORM cannot set directly; the restore must keep it.
    with translation.override("en"):
        page.og_image_en = image_upload("sharing-en.png", size=(1200, 630))
        page.title_ru = "О Центре (ред.)"
        page.save()
    make_page("Qaralama", status="draft", title_en="Draft", slug_en="draft")
    publication = Publication.objects.first()
    if not publication.files.filter(language="ru").exists():
        add_file(publication, "ru")
    return user


@pytest.fixture
def archive(backups, storages_emptied, db):
    """The archive of a small site: a page, a partner with a logo, a publication with a PDF."""
    make_page("Mərkəz haqqında", title_en="About the Centre")
    make_partner("Yaponiya mərkəzi", logo=image_upload())
    make_publication("Hesabat", files=("az",))
    return create_backup(backups / "site.tar.gz").path


# ---- The round trip ------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_restore_into_an_empty_site_gives_back_the_same_rows_translations_and_files(
    client, backups, storages_emptied, django_user_model
):
    build_site(django_user_model)
    # modeltranslation's own "title" column holds what the English editor saw, not Azerbaijani.
    original_title = QuerySet(Page).filter(slug_az="merkez-haqqinda").values_list("title")
    assert original_title.get() == ("About the Centre",)
    before = everything()
    summary = create_backup(backups / "site.tar.gz")
    assert summary.files == sum(len(names) for names in before["files"].values())
    assert summary.rows["pages.page"] == Page.objects.count()
    assert summary.warnings == []

    call_command("flush", interactive=False, verbosity=0)
    empty_the_storages()
    assert files() == {}
    assert not Page.objects.exists()

    result = restore_backup(summary.path)
    after = everything()
    assert after["rows"] == before["rows"]
    assert after["files"] == before["files"]
    assert after["search"] == before["search"]
    assert result.files == summary.files
    assert result.warnings == []

    # The site works from the restored content, in every language.
    page = Page.objects.get(slug_az="merkez-haqqinda")
    assert (page.title_az, page.title_ru) == ("Mərkəz haqqında", "О Центре (ред.)")
    assert page.og_image_en.storage.exists(page.og_image_en.name)
    assert django_user_model.objects.get(username="redaktor").check_password("a-long-test-password")
    assert found(client, "inqilab")
    assert found(client, "revolution", "en")
    for partner in Partner.objects.exclude(logo=""):
        assert partner.logo.storage.exists(partner.logo.name)


@pytest.mark.django_db(transaction=True)
def test_a_site_that_is_not_empty_is_refused_unless_replaced(
    backups, storages_emptied, django_user_model
):
    build_site(django_user_model)
    before = everything()
    path = create_backup(backups / "site.tar.gz").path
    Page.objects.filter(slug_az="merkez-haqqinda").update(title_az="Dəyişdirilmiş")
    (Path(file_storages()["default"].location) / "stray.txt").write_text("left over")

    with pytest.raises(BackupError, match="not empty"):
        restore_backup(path)
    assert Page.objects.filter(title_az="Dəyişdirilmiş").exists()

    restore_backup(path, replace=True)
    after = everything()
    assert after["rows"] == before["rows"]
    assert after["files"] == before["files"]  # the stray file is gone too


@pytest.mark.django_db(transaction=True)
def test_a_replacing_restore_that_fails_changes_nothing(
    backups, storages_emptied, django_user_model
):
    build_site(django_user_model)
    path = create_backup(backups / "site.tar.gz").path
    Page.objects.filter(slug_az="merkez-haqqinda").update(title_az="Sonrakı dəyişiklik")
    before = everything()
    # A row the database refuses (its page does not exist), in a correctly signed archive.
    broken = rewrite(
        path,
        backups / "broken.tar.gz",
        edit={"database.json": lambda data: broken_milestone(data)},
        sign_again=True,
    )
    with pytest.raises(Exception):  # noqa: B017 - whatever the database says
        restore_backup(broken, replace=True)
    assert everything() == before


def broken_milestone(data):
    rows = json.loads(data)
    milestone = next(row for row in rows if row["model"] == "pages.milestone")
    milestone["fields"]["page"] = 999_999
    return json.dumps(rows).encode()


def test_rows_naming_a_missing_file_are_reported(backups, storages_emptied, db):
    partner = make_partner("Loqosu itmiş tərəfdaş", logo=image_upload())
    partner.logo.storage.delete(partner.logo.name)
    summary = create_backup(backups / "site.tar.gz")
    assert summary.warnings == [
        f"partners.partner #{partner.pk}: logo names {partner.logo.name}, not stored"
    ]


def test_the_archive_is_for_its_owner_only(archive):
    assert archive.stat().st_mode & 0o077 == 0


def test_the_command_writes_the_archive_where_told(backups, settings, storages_emptied, db):
    settings.BACKUP_ROOT = backups / "backups"
    out = io.StringIO()
    call_command("backup", stdout=out)
    (written,) = (backups / "backups").glob("centre-*.tar.gz")
    assert str(written) in out.getvalue()
    assert not list((backups / "backups").glob("*.partial"))
    out = io.StringIO()
    call_command("restore", str(written), "--check", stdout=out)
    assert "every checksum matches" in out.getvalue()


# ---- Refused archives ------------------------------------------------------------------------


def members_of(path):
    with tarfile.open(path, "r:gz") as tar:
        return {
            member.name: tar.extractfile(member).read()
            for member in tar.getmembers()
            if member.isfile()
        }


def write_archive(path, members, extra=()):
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        for info in extra:
            tar.addfile(info, io.BytesIO(b"x" * info.size) if info.isfile() else None)
    return path


def rewrite(path, target, *, edit=None, drop=(), add=None, extra=(), fix_checksums=False,
            sign_again=False, secret=None):  # fmt: skip
    """A copy of the archive with members changed; checksums and signature optionally redone."""
    members = members_of(path)
    for name, change in (edit or {}).items():
        members[name] = change(members[name])
    for name in drop:
        del members[name]
    members.update(add or {})
    if fix_checksums or sign_again:
        manifest = json.loads(members[MANIFEST_MEMBER])
        manifest["members"] = {
            name: {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in members.items()
            if name not in (MANIFEST_MEMBER, SIGNATURE_MEMBER)
        }
        members[MANIFEST_MEMBER] = json.dumps(manifest).encode()
        if sign_again:
            members[SIGNATURE_MEMBER] = sign(members[MANIFEST_MEMBER], secret).encode()
    return write_archive(target, members, extra)


def a_file_member(path):
    return next(name for name in members_of(path) if name.startswith("files/"))


def refused(path, message, **options):
    before = (Page.objects.count(), files())
    with pytest.raises(BackupError, match=message):
        restore_backup(path, **options)
    assert (Page.objects.count(), files()) == before


class TestRefusedArchives:
    def test_a_truncated_archive(self, archive, backups):
        data = archive.read_bytes()
        truncated = backups / "truncated.tar.gz"
        truncated.write_bytes(data[: len(data) // 2])
        refused(truncated, "cannot be read to its end")

    def test_a_file_that_is_not_an_archive(self, backups, db):
        garbage = backups / "garbage.tar.gz"
        garbage.write_bytes(b"\x1f\x8b not really gzip" * 100)
        refused(garbage, "cannot be read to its end")
        refused(backups / "missing.tar.gz", "There is no archive")

    def test_a_changed_file(self, archive, backups):
        name = a_file_member(archive)
        changed = rewrite(archive, backups / "x.tar.gz", edit={name: lambda data: data + b"!"})
        refused(changed, "does not match its checksum")

    def test_changed_rows(self, archive, backups):
        changed = rewrite(
            archive,
            backups / "x.tar.gz",
            edit={"database.json": lambda data: data + b" "},
        )
        refused(changed, "does not match its checksum")

    def test_recomputed_checksums_without_the_secret_key(self, archive, backups):
        name = a_file_member(archive)
        forged = rewrite(
            archive,
            backups / "x.tar.gz",
            edit={name: lambda data: b"<script>alert(1)</script>"},
            fix_checksums=True,
        )
        refused(forged, "signature does not match")
        forged = rewrite(archive, backups / "y.tar.gz", sign_again=True, secret="another-key")
        refused(forged, "signature does not match")

    def test_another_secret_key_is_accepted_when_asked(self, archive, backups, settings):
        settings.SECRET_KEY = "the-new-secret-key-after-the-old-one-was-lost"
        refused(archive, "signature does not match")
        out = io.StringIO()
        call_command("restore", str(archive), "--check", "--ignore-signature", stdout=out)
        assert "signature not checked" in out.getvalue()

    def test_the_previous_secret_key_still_verifies(self, archive, settings):
        settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
        settings.SECRET_KEY = "a-rotated-secret-key"
        refused(archive, "not empty")  # past the signature, stopped by the content

    def test_a_missing_or_an_extra_member(self, archive, backups):
        name = a_file_member(archive)
        refused(rewrite(archive, backups / "a.tar.gz", drop=[name]), "missing")
        refused(
            rewrite(archive, backups / "b.tar.gz", add={"files/default/new.png": b"x"}),
            "not listed",
        )
        refused(rewrite(archive, backups / "c.tar.gz", drop=[MANIFEST_MEMBER]), "no manifest")

    @pytest.mark.parametrize(
        "name", ["../../etc/cron.d/x", "/etc/passwd", "files/default/../../x", "files\\x"]
    )
    def test_paths_outside_the_archive(self, archive, backups, name):
        refused(
            rewrite(archive, backups / "x.tar.gz", add={name: b"x"}, sign_again=True),
            "not a plain file at a safe path",
        )

    def test_links_and_devices(self, archive, backups):
        for kind in (tarfile.SYMTYPE, tarfile.LNKTYPE, tarfile.CHRTYPE, tarfile.FIFOTYPE):
            info = tarfile.TarInfo("files/default/link")
            info.type, info.linkname = kind, "/etc/passwd"
            refused(
                rewrite(archive, backups / f"{kind!r}.tar.gz", extra=[info]),
                "not a plain file",
            )

    def test_an_archive_from_a_newer_version(self, archive, backups):
        def newer(data):
            manifest = json.loads(data)
            manifest["migrations"]["pages"].append("9999_from_the_future")
            return json.dumps(manifest).encode()

        changed = rewrite(
            archive, backups / "x.tar.gz", edit={MANIFEST_MEMBER: newer}, sign_again=True
        )
        refused(changed, "newer version")

    def test_the_command_explains_and_exits(self, archive, backups):
        truncated = backups / "t.tar.gz"
        truncated.write_bytes(archive.read_bytes()[:1000])
        with pytest.raises(CommandError, match=r"Nothing was restored: .* damaged or incomplete"):
            call_command("restore", str(truncated))
