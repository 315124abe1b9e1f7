"""
The Editor and Publisher roles (groups made by a migration) over every content model: list,
add, change, delete, bulk actions and history. Editors write; only publishers make things
public, withdraw them or delete what is public; neither can touch accounts.
"""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from centre.models import Status
from news.models import NewsItem
from pages.models import Page
from partners.models import Partner
from publications.models import Publication

from .admin_forms import admin_form_data
from .content_kinds import CONTENT, IDS
from .factories import (
    add_file,
    make_page,
    make_publication,
    make_staff,
)
from .pdfs import pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    client.force_login(make_staff("redaktor", "Editor"))
    return client


@pytest.fixture
def publisher(client):
    client.force_login(make_staff("nasir", "Publisher"))
    return client


def post_form(client, url, content, **overrides):
    data = admin_form_data(client.get(url), **overrides)
    return client.post(url, data)


def test_the_roles_are_made_by_a_migration():
    editor = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    publisher = set(
        Group.objects.get(name="Publisher").permissions.values_list("codename", flat=True)
    )
    assert {"add_page", "change_partner", "delete_publication", "add_publicationfile"} <= editor
    assert not {codename for codename in editor if codename.startswith("publish_")}
    assert {"publish_page", "publish_partner", "publish_publication"} <= publisher
    assert editor < publisher
    assert not {c for c in publisher if c.endswith(("_user", "_group", "_permission"))}
    assert Permission.objects.filter(codename="publish_page").exists()


@pytest.mark.parametrize("content", CONTENT, ids=IDS)
def test_both_roles_see_the_list_and_the_forms(client, content):
    for role in ("Editor", "Publisher"):
        client.force_login(make_staff(role.lower(), role))
        obj = content.make(f"{role} obyekti", False)
        for url in (content.url, f"{content.url}add/", content.change_url(obj)):
            assert client.get(url).status_code == 200, (role, url)


@pytest.mark.parametrize("content", CONTENT, ids=IDS)
def test_an_editor_adds_only_unpublished_items(editor, content):
    response = editor.get(f"{content.url}add/")
    form = response.context["adminform"].form
    assert not set(content.public) & set(form.fields)  # read-only for editors
    shown = {name: getattr(form.instance, name) for name in content.public}
    assert shown == {"status": Status.DRAFT} or shown == {"is_active": False}
    data = admin_form_data(
        response, **{content.title_field: "Redaktorun yazısı"}, **content.extra_add_data
    )
    data.update({key: value for key, value in content.public.items() if value})
    assert editor.post(f"{content.url}add/", data).status_code == 302
    model = {"page": Page, "partner": Partner, "publication": Publication, "news item": NewsItem}[
        content.name
    ]
    obj = model.objects.get(**{content.title_field: "Redaktorun yazısı"})
    assert not content.is_public(obj)


@pytest.mark.parametrize("content", CONTENT, ids=IDS)
def test_a_publisher_adds_published_items(publisher, content):
    url = f"{content.url}add/"
    response = publisher.get(url)
    data = admin_form_data(
        response,
        **{content.title_field: "Nəşr edilən"},
        **content.extra_add_data,
        **content.public,
    )
    assert publisher.post(url, data).status_code == 302
    model = {"page": Page, "partner": Partner, "publication": Publication, "news item": NewsItem}[
        content.name
    ]
    assert content.is_public(model.objects.get(**{content.title_field: "Nəşr edilən"}))


@pytest.mark.parametrize("content", CONTENT, ids=IDS)
def test_an_editor_edits_but_neither_publishes_nor_withdraws(editor, content):
    public, draft = content.make("Açıq", True), content.make("Qaralama", False)
    # Text of a public item: saved, and it stays public even if the post says otherwise.
    response = post_form(
        editor,
        content.change_url(public),
        content,
        **{content.title_field: "Açıq, düzəldilmiş"},
        **content.draft,
    )
    assert response.status_code == 302
    assert content.is_public(public)
    assert getattr(public, content.title_field) == "Açıq, düzəldilmiş"
    # A draft cannot be made public from the form.
    post_form(editor, content.change_url(draft), content, **content.public)
    assert not content.is_public(draft)


@pytest.mark.parametrize("content", CONTENT, ids=IDS)
def test_a_publisher_publishes_and_withdraws_from_the_form(publisher, content):
    public, draft = content.make("Açıq", True), content.make("Qaralama", False)
    post_form(publisher, content.change_url(public), content, **content.draft)
    post_form(publisher, content.change_url(draft), content, **content.public)
    assert not content.is_public(public)
    assert content.is_public(draft)


@pytest.mark.parametrize("content", CONTENT, ids=IDS)
def test_an_editor_deletes_drafts_only(editor, content):
    public, draft = content.make("Açıq", True), content.make("Qaralama", False)
    assert editor.get(f"{content.url}{public.pk}/delete/").status_code == 403
    assert editor.post(f"{content.url}{public.pk}/delete/", {"post": "yes"}).status_code == 403
    assert type(public).objects.filter(pk=public.pk).exists()
    assert editor.get(f"{content.url}{draft.pk}/delete/").status_code == 200
    assert editor.post(f"{content.url}{draft.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not type(draft).objects.filter(pk=draft.pk).exists()


@pytest.mark.parametrize("content", CONTENT, ids=IDS)
def test_a_publisher_deletes_public_items(publisher, content):
    public = content.make("Açıq", True)
    assert publisher.post(f"{content.url}{public.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not type(public).objects.filter(pk=public.pk).exists()


@pytest.mark.parametrize("content", CONTENT, ids=IDS)
def test_bulk_actions_for_an_editor(editor, content):
    public, draft = content.make("Açıq", True), content.make("Qaralama", False)
    actions = dict(editor.get(content.url).context["action_form"].fields["action"].choices)
    assert content.publish_action not in actions
    assert content.withdraw_action not in actions
    assert "delete_selected" in actions
    # Posting the actions anyway changes nothing.
    for action, obj in ((content.publish_action, draft), (content.withdraw_action, public)):
        editor.post(content.url, {"action": action, "_selected_action": [obj.pk]})
    assert content.is_public(public) and not content.is_public(draft)
    # Deleting a selection that holds a public item is refused as a whole.
    selection = {"action": "delete_selected", "_selected_action": [public.pk, draft.pk]}
    assert editor.post(content.url, selection).context["perms_lacking"]
    assert editor.post(content.url, {**selection, "post": "yes"}).status_code == 403
    assert type(public).objects.filter(pk__in=[public.pk, draft.pk]).count() == 2
    # Drafts alone can go.
    editor.post(
        content.url,
        {"action": "delete_selected", "_selected_action": [draft.pk], "post": "yes"},
    )
    assert not type(draft).objects.filter(pk=draft.pk).exists()


@pytest.mark.parametrize("content", CONTENT, ids=IDS)
def test_bulk_actions_for_a_publisher(publisher, content):
    public, draft = content.make("Açıq", True), content.make("Qaralama", False)
    publisher.post(content.url, {"action": content.publish_action, "_selected_action": [draft.pk]})
    publisher.post(
        content.url, {"action": content.withdraw_action, "_selected_action": [public.pk]}
    )
    assert content.is_public(draft) and not content.is_public(public)
    publisher.post(
        content.url,
        {"action": "delete_selected", "_selected_action": [public.pk, draft.pk], "post": "yes"},
    )
    assert not type(public).objects.filter(pk__in=[public.pk, draft.pk]).exists()


@pytest.mark.parametrize("content", CONTENT, ids=IDS)
def test_history_and_restoring_for_each_role(client, content):
    editor_user = make_staff("redaktor", "Editor")
    publisher_user = make_staff("nasir", "Publisher")
    obj = content.make("Birinci", False)
    client.force_login(publisher_user)
    post_form(client, content.change_url(obj), content, **{content.title_field: "İkinci"})
    post_form(client, content.change_url(obj), content, **content.public)
    versions = client.get(f"{content.url}{obj.pk}/history/").context["action_list"]
    assert len(versions) == 3
    # Newest first; the oldest is the item as it was before its first change in the admin.
    _published, text_version, _first = versions

    client.force_login(editor_user)
    assert client.get(f"{content.url}{obj.pk}/history/").status_code == 200
    # The version from before publication: an editor restores its text, and it stays public,
    # even if the post says otherwise.
    response = client.get(text_version["url"])
    assert response.status_code == 200
    assert "bunu yalnız dərc edən (Publisher) dəyişə bilər" in response.text  # in Azerbaijani
    data = admin_form_data(response, **content.draft)
    assert client.post(text_version["url"], data).status_code == 302
    assert content.is_public(obj)
    assert getattr(obj, content.title_field) == "İkinci"

    # A publisher restores all of it, whether the public sees it included.
    client.force_login(publisher_user)
    text_version = client.get(f"{content.url}{obj.pk}/history/").context["action_list"][-2]
    response = client.get(text_version["url"])
    assert response.status_code == 200
    client.post(text_version["url"], admin_form_data(response))
    assert not content.is_public(obj)
    assert getattr(obj, content.title_field) == "İkinci"


def mark_checked_together(client, content, draft, public):
    """*Mark as checked* on a draft and a public item: one revision holding both."""
    selection = {"action": "mark_translations_checked", "_selected_action": [draft.pk, public.pk]}
    assert client.post(content.url, selection).status_code == 302
    (version,) = Version.objects.get_for_object(draft)
    assert Version.objects.get_for_object(public).get().revision == version.revision


@pytest.mark.parametrize("content", CONTENT, ids=IDS)
@pytest.mark.parametrize("role", ["Editor", "Publisher"])
def test_restoring_a_version_from_a_list_action_restores_that_item_only(
    client, content, role, media
):
    editor_user, publisher_user = make_staff("redaktor", "Editor"), make_staff("nasir", "Publisher")
    draft, public = content.make("Qaralama", False), content.make("Açıq", True)
    pdf = add_file(public, "az") if content.name == "publication" else None
    client.force_login(editor_user)
    mark_checked_together(client, content, draft, public)
    # A publisher withdraws the public one since.
    client.force_login(publisher_user)
    client.post(content.url, {"action": content.withdraw_action, "_selected_action": [public.pk]})
    assert not content.is_public(public)

    client.force_login(editor_user if role == "Editor" else publisher_user)
    english = content.title_field.replace("_az", "_en")
    post_form(client, content.change_url(draft), content, **{english: "Changed"})
    versions = client.get(f"{content.url}{draft.pk}/history/").context["action_list"]
    response = client.get(versions[-1]["url"])
    assert client.post(versions[-1]["url"], admin_form_data(response)).status_code == 302

    # The withdrawn item stays withdrawn (and a publication's PDF out of reach) ...
    assert not content.is_public(public)
    if pdf is not None:
        client.logout()
        assert client.get(pdf.get_absolute_url()).status_code == 404
    # ... and only the draft was restored, in a new version of its own.
    assert not content.is_public(draft)
    assert not getattr(draft, english)
    latest = Version.objects.get_for_object(draft).first()
    assert list(latest.revision.version_set.values_list("object_id", flat=True)) == [str(draft.pk)]


@pytest.mark.parametrize("public", [True, False], ids=["published", "draft"])
def test_the_pdfs_of_a_published_publication_are_a_publishers(client, public, media):
    """Adding a PDF to a public publication makes it public; removing one withdraws it."""
    publication = make_publication("Hesabat", files=["az"], status=Status.DRAFT)
    if public:
        publication.status = Status.PUBLISHED
        publication.save()
    pdf = publication.files.get()
    url = f"/admin/publications/publication/{publication.pk}/change/"
    for role in ("Editor", "Publisher"):
        client.force_login(make_staff(role.lower(), role))
        data = admin_form_data(client.get(url))
        data.update(
            {
                "files-TOTAL_FORMS": "2",
                "files-1-language": "en",
                "files-1-file": pdf_upload("report-en.pdf"),
                "files-0-file": pdf_upload("replaced.pdf", pages=3),
                "files-0-DELETE": "on",
            }
        )
        assert client.post(url, data).status_code == 302
        languages = set(publication.files.values_list("language", flat=True))
        if role == "Editor" and public:
            # Neither added nor replaced nor removed.
            assert languages == {"az"}
            assert publication.files.get() == pdf
            assert publication.files.get().file.name == pdf.file.name
        else:
            assert languages == {"en"}
        publication.files.exclude(language="az").delete()
        if not publication.files.exists():
            pdf = add_file(publication, "az")


@pytest.mark.parametrize(
    "url", ["/admin/auth/user/", "/admin/auth/group/", "/admin/otp_totp/totpdevice/"]
)
def test_neither_role_manages_accounts(client, url):
    for role in ("Editor", "Publisher"):
        client.force_login(make_staff(role.lower(), role))
        assert client.get(url).status_code == 403


def test_an_editor_cannot_give_itself_a_role(editor):
    me = make_staff("ozum", "Editor")
    editor.force_login(me)
    publisher = Group.objects.get(name="Publisher")
    response = editor.post(
        f"/admin/auth/user/{me.pk}/change/",
        {"username": "ozum", "groups": [publisher.pk], "is_superuser": "on", "is_staff": "on"},
    )
    assert response.status_code == 403
    me.refresh_from_db()
    assert not me.is_superuser
    assert list(me.groups.values_list("name", flat=True)) == ["Editor"]


# The page tree: a page is public only under public pages, so its parent and the home page
# decide what the public sees as much as its status does.


def page_url(page):
    return f"/admin/pages/page/{page.pk}/change/"


def seen_by_the_public(page):
    page.refresh_from_db()
    return Client().get(page.get_absolute_url()).status_code == 200


def move(client, page, parent):
    url = page_url(page)
    return client.post(url, admin_form_data(client.get(url), parent=parent.pk if parent else ""))


@pytest.fixture
def tree():
    """A published page under a draft one, and a published and a draft top-level page."""
    hidden_parent = make_page("Hazırlanır", status=Status.DRAFT)
    return {
        "hidden_parent": hidden_parent,
        "hidden_child": make_page("Gizli alt səhifə", parent=hidden_parent),
        "public_parent": make_page("Haqqımızda"),
        "public_page": make_page("Mandat"),
        "draft": make_page("Qaralama", status=Status.DRAFT),
    }


def test_an_editor_cannot_show_a_page_by_moving_it_from_under_a_draft(editor, tree):
    child = tree["hidden_child"]
    assert not seen_by_the_public(child)
    for parent in (tree["public_parent"], None):
        response = move(editor, child, parent)
        assert response.status_code == 200  # the form again, with the reason
        assert "yalnız dərc edən (Publisher)" in str(response.context["adminform"].form.errors)
        child.refresh_from_db()
        assert child.parent == tree["hidden_parent"]
        assert not seen_by_the_public(child)


def test_an_editor_cannot_hide_a_page_by_moving_it_under_a_draft(editor, tree):
    page = tree["public_page"]
    grandchild = make_page("Alt səhifə", parent=page)
    response = move(editor, page, tree["hidden_parent"])
    assert response.status_code == 200
    page.refresh_from_db()
    assert page.parent is None
    assert seen_by_the_public(page) and seen_by_the_public(grandchild)


def test_the_refusal_is_in_the_staff_members_language(editor, tree):
    editor.cookies["django_language"] = "ru"
    response = move(editor, tree["public_page"], tree["hidden_parent"])
    assert "Переместить эту страницу туда может только публикатор" in response.text


def test_an_editor_arranges_what_the_public_does_not_see_as_before(editor, tree):
    draft, child = tree["draft"], tree["hidden_child"]
    # A draft goes anywhere, and takes the published page under it along, still hidden.
    make_page("Draftın alt səhifəsi", parent=draft)
    for parent in (tree["public_parent"], tree["hidden_parent"], None):
        assert move(editor, draft, parent).status_code == 302
        draft.refresh_from_db()
        assert draft.parent == parent
    # A hidden published page moves from one draft to another; a public one between public places.
    assert move(editor, child, draft).status_code == 302
    assert move(editor, tree["public_page"], tree["public_parent"]).status_code == 302
    assert seen_by_the_public(tree["public_page"])
    assert not seen_by_the_public(child)
    # New pages by an editor are drafts, under any parent.
    response = editor.get("/admin/pages/page/add/")
    data = admin_form_data(response, title_az="Yeni", parent=tree["public_parent"].pk)
    assert editor.post("/admin/pages/page/add/", data).status_code == 302
    assert not seen_by_the_public(Page.objects.get(title_az="Yeni"))


def test_an_editor_cannot_move_a_scheduled_page_to_another_time(editor, tree):
    later = timezone.now() + datetime.timedelta(days=3)
    scheduled_parent = make_page("Tezliklə", publish_from=later)
    page = tree["public_page"]
    assert move(editor, page, scheduled_parent).status_code == 200
    page.refresh_from_db()
    assert page.parent is None


def test_the_home_page_is_a_publishers_choice(editor, client):
    home = make_page("Ana səhifə", is_home=True)
    draft = make_page("Qaralama", status=Status.DRAFT)
    form = editor.get(page_url(home)).context["adminform"].form
    assert "is_home" not in form.fields  # read-only for editors
    assert editor.post(page_url(home), admin_form_data(editor.get(page_url(home)), is_home=None))
    home.refresh_from_db()
    assert home.is_home
    home.is_home = False
    home.save()
    response = editor.get(page_url(draft))
    editor.post(page_url(draft), admin_form_data(response, is_home="on"))
    draft.refresh_from_db()
    assert not draft.is_home
    # A new page by an editor is never the home page.
    data = admin_form_data(editor.get("/admin/pages/page/add/"), title_az="Yeni", is_home="on")
    assert editor.post("/admin/pages/page/add/", data).status_code == 302
    assert not Page.objects.filter(is_home=True).exists()


def test_a_publisher_moves_pages_and_chooses_the_home_page(publisher, tree):
    child, page = tree["hidden_child"], tree["public_page"]
    assert move(publisher, child, tree["public_parent"]).status_code == 302
    assert seen_by_the_public(child)
    assert move(publisher, page, tree["hidden_parent"]).status_code == 302
    assert not seen_by_the_public(page)
    url = page_url(tree["public_parent"])
    assert publisher.post(url, admin_form_data(publisher.get(url), is_home="on")).status_code == 302
    assert Client().get("/az/").context["page"] == tree["public_parent"]
    assert publisher.post(url, admin_form_data(publisher.get(url), is_home=None)).status_code == 302
    assert not Page.objects.filter(is_home=True).exists()


@pytest.mark.parametrize("role", ["Editor", "Publisher"])
def test_restoring_a_version_with_another_parent(client, tree, role):
    """The version's parent comes back unless that would show or hide the page for an editor."""
    child = tree["hidden_child"]
    client.force_login(make_staff("nasir", "Publisher"))
    url = page_url(child)
    client.post(url, admin_form_data(client.get(url), title_en="Hidden"))
    assert move(client, child, tree["public_parent"]).status_code == 302
    assert seen_by_the_public(child)

    client.force_login(make_staff("redaktor", role))
    versions = client.get(f"/admin/pages/page/{child.pk}/history/").context["action_list"]
    # versions[-1] is the page before its first change in the admin (without English).
    version = versions[-2]  # under the draft parent, with its English title
    response = client.get(version["url"])
    data = admin_form_data(response)
    response = client.post(version["url"], data)
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.title_en == "Hidden"
    if role == "Editor":
        assert child.parent == tree["public_parent"]
        assert seen_by_the_public(child)
        # Posting the old parent anyway is refused.
        response = client.get(version["url"])
        data = admin_form_data(response, parent=tree["hidden_parent"].pk)
        assert client.post(version["url"], data).status_code == 200
        child.refresh_from_db()
        assert child.parent == tree["public_parent"]
    else:
        assert child.parent == tree["hidden_parent"]
        assert not seen_by_the_public(child)


def test_an_editor_restores_a_draft_pages_parent(client, tree):
    draft = tree["draft"]
    client.force_login(make_staff("redaktor", "Editor"))
    assert move(client, draft, tree["hidden_parent"]).status_code == 302
    assert move(client, draft, tree["public_parent"]).status_code == 302
    versions = client.get(f"/admin/pages/page/{draft.pk}/history/").context["action_list"]
    version = versions[-2]  # the first move (the oldest is the page before it)
    response = client.get(version["url"])
    assert client.post(version["url"], admin_form_data(response)).status_code == 302
    draft.refresh_from_db()
    assert draft.parent == tree["hidden_parent"]


def test_a_draft_page_with_published_pages_under_it_is_not_deleted(editor, tree):
    parent, child = tree["hidden_parent"], tree["hidden_child"]
    response = editor.post(f"/admin/pages/page/{parent.pk}/delete/", {"post": "yes"})
    assert response.status_code == 200  # Django lists the pages under it that block it
    assert Page.objects.filter(pk=parent.pk).exists()
    assert not seen_by_the_public(child)
