"""
Review requests: an editor's "Save and ask for review" on every content form, the publishers'
e-mail and the admin home's list, publishing or rejecting that ends the wait.
"""

import pytest
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import override_settings

from centre.models import ReviewRequest, StaffLanguage

from .admin_forms import admin_form_data
from .content_kinds import CONTENT, IDS
from .factories import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    editor = make_staff("redaktor", "Editor", email="redaktor@example.org")
    publisher = make_staff("nasir", "Publisher", email="nasir@example.org")
    make_staff("yoldas", "Editor", email="yoldas@example.org")
    return editor, publisher


def ask_for_review(client, content, obj, message="Hazırdır"):
    url = content.change_url(obj)
    data = admin_form_data(client.get(url), review_message=message, _request_review="1")
    return client.post(url, data)


@pytest.mark.parametrize("content", CONTENT, ids=IDS)
def test_an_editor_asks_and_a_publisher_publishes(
    client, staff, content, django_capture_on_commit_callbacks
):
    editor, publisher = staff
    obj = content.make("Qaralama", False)
    client.force_login(editor)
    form = client.get(content.change_url(obj)).content.decode()
    assert 'name="_request_review"' in form
    with django_capture_on_commit_callbacks(execute=True):
        response = ask_for_review(client, content, obj)
    assert response.status_code == 302
    assert response["Location"] == content.change_url(obj)
    assert not content.is_public(obj)
    [review] = ReviewRequest.objects.waiting()
    assert (review.content_object, review.requested_by, review.message) == (obj, editor, "Hazırdır")
    # One e-mail, to the publisher only.
    [email] = mail.outbox
    assert email.to == ["nasir@example.org"]
    assert "Hazırdır" in email.body and content.change_url(obj) in email.body
    assert LogEntry.objects.filter(object_id=str(obj.pk), user=editor).exists()

    client.force_login(publisher)
    home = client.get("/admin/").content.decode()
    assert "Hazırdır" in home and content.change_url(obj) in home
    assert 'name="_request_review"' not in client.get(content.change_url(obj)).content.decode()
    client.post(content.url, {"action": content.publish_action, "_selected_action": [obj.pk]})
    assert content.is_public(obj)
    assert not ReviewRequest.objects.waiting().exists()
    assert "Hazırdır" not in client.get("/admin/").content.decode()


@pytest.mark.parametrize("content", CONTENT[:1], ids=IDS[:1])
def test_a_rejection_reaches_the_editor_who_can_ask_again(client, staff, content):
    editor, publisher = staff
    obj = content.make("Qaralama", False)
    client.force_login(editor)
    ask_for_review(client, content, obj)
    review = ReviewRequest.objects.get()
    # Neither an editor nor anonymous may reject.
    assert client.post(f"/admin/review/{review.pk}/reject/", {"reason": "x"}).status_code == 403
    client.logout()
    assert client.post(f"/admin/review/{review.pk}/reject/", {"reason": "x"}).status_code == 302
    client.force_login(publisher)
    client.post(f"/admin/review/{review.pk}/reject/", {"reason": "Başlıq səhvdir"})
    review.refresh_from_db()
    assert review.closed_by == publisher and review.rejection_reason == "Başlıq səhvdir"
    assert not content.is_public(obj)

    client.force_login(editor)
    assert "Başlıq səhvdir" in client.get("/admin/").content.decode()
    assert "Başlıq səhvdir" in client.get(content.change_url(obj)).content.decode()
    ask_for_review(client, content, obj, message="Düzəltdim")
    assert ReviewRequest.objects.waiting().get().message == "Düzəltdim"


@pytest.mark.parametrize("content", CONTENT, ids=IDS)
def test_an_editor_cannot_publish_through_the_review_route(client, staff, content):
    editor, _publisher = staff
    obj = content.make("Qaralama", False)
    client.force_login(editor)
    url = content.change_url(obj)
    data = admin_form_data(client.get(url), _request_review="1")
    data.update({key: value for key, value in content.public.items() if value})
    client.post(url, data)
    assert not content.is_public(obj)
    assert ReviewRequest.objects.waiting().count() == 1


def test_the_review_route_adds_a_draft(client, staff):
    content = CONTENT[0]
    client.force_login(staff[0])
    url = f"{content.url}add/"
    data = admin_form_data(client.get(url), title_az="Yeni", _request_review="1")
    assert client.post(url, data).status_code == 302
    review = ReviewRequest.objects.waiting().get()
    assert not content.is_public(review.content_object)


def test_each_publisher_gets_the_email_in_their_language(
    client, staff, django_capture_on_commit_callbacks
):
    editor, _publisher = staff
    russian = make_staff("publikator", "Publisher", email="publikator@example.org")
    client.force_login(russian)
    client.get("/admin/", headers={"accept-language": "ru"})
    assert StaffLanguage.objects.get(user=russian).language == "ru"
    content = CONTENT[0]
    obj = content.make("Qaralama", False)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        ask_for_review(client, content, obj)
    emails = {email.to[0]: email for email in mail.outbox}
    assert set(emails) == {"nasir@example.org", "publikator@example.org"}
    assert emails["publikator@example.org"].subject.startswith("Запрос на проверку")
    # Whoever never opened the admin home gets it in the site's language.
    assert emails["nasir@example.org"].subject.startswith("Yoxlama xahişi")


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("no mail server")


@override_settings(EMAIL_BACKEND="tests.test_review_requests.FailingBackend")
def test_a_mail_server_that_fails_loses_nothing(
    client, staff, django_capture_on_commit_callbacks, caplog
):
    # Raised after the commit, the error was taken for a failed upload ("nothing was saved").
    content = CONTENT[0]
    obj = content.make("Qaralama", False)
    client.force_login(staff[0])
    with django_capture_on_commit_callbacks(execute=True):
        response = ask_for_review(client, content, obj)
    assert response.status_code == 302
    assert ReviewRequest.objects.waiting().get().content_object == obj
    assert "no mail server" in caplog.text


def test_nul_bytes_in_a_message_or_reason_are_not_stored(client, staff):
    # PostgreSQL's text cannot hold one: the save or the rejection was a 500 there.
    editor, publisher = staff
    content = CONTENT[0]
    obj = content.make("Qaralama", False)
    client.force_login(editor)
    assert ask_for_review(client, content, obj, message="Hazır\x00dır").status_code == 302
    review = ReviewRequest.objects.waiting().get()
    assert review.message == "Hazırdır"
    client.force_login(publisher)
    client.post(f"/admin/review/{review.pk}/reject/", {"reason": "\x00"})
    assert ReviewRequest.objects.waiting().get() == review  # no reason given
    client.post(f"/admin/review/{review.pk}/reject/", {"reason": "Səh\x00vdir"})
    review.refresh_from_db()
    assert review.rejection_reason == "Səhvdir"


def test_asking_again_while_it_waits_sends_no_second_email(
    client, staff, django_capture_on_commit_callbacks
):
    content = CONTENT[0]
    obj = content.make("Qaralama", False)
    client.force_login(staff[0])
    with django_capture_on_commit_callbacks(execute=True):
        ask_for_review(client, content, obj)
        ask_for_review(client, content, obj, message="Bir də baxın")
    assert [email.to for email in mail.outbox] == [["nasir@example.org"]]
    assert ReviewRequest.objects.waiting().get().message == "Bir də baxın"


def test_a_title_on_two_lines_still_makes_a_subject(
    client, staff, django_capture_on_commit_callbacks
):
    # A hand-made POST keeps a line break in a title; a subject with one is refused (no e-mail).
    content = CONTENT[0]
    obj = content.make("Qaralama", False)
    client.force_login(staff[0])
    url = content.change_url(obj)
    data = admin_form_data(client.get(url), title_az="İki\r\nsətir", _request_review="1")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    [email] = mail.outbox
    assert email.subject.endswith("İki sətir")


def test_no_review_is_reported_for_a_public_item(client, staff):
    # Published meanwhile (or a hand-made POST): saved, but nobody was asked.
    content = CONTENT[0]
    obj = content.make("Dərc olunub", True)
    client.force_login(staff[0])
    response = ask_for_review(client, content, obj)
    assert response.status_code == 302
    assert not ReviewRequest.objects.exists()
    form = client.get(response["Location"]).content.decode()
    assert "yoxlama üçün dərc edənlərə göndərildi" not in form


def test_rejecting_a_closed_request_says_so(client, staff):
    # A second publisher (or a second click) was told "403 Forbidden".
    editor, publisher = staff
    content = CONTENT[0]
    obj = content.make("Qaralama", False)
    client.force_login(editor)
    ask_for_review(client, content, obj)
    review = ReviewRequest.objects.get()
    client.force_login(publisher)
    client.post(f"/admin/review/{review.pk}/reject/", {"reason": "Birinci"})
    response = client.post(
        f"/admin/review/{review.pk}/reject/",
        {"reason": "İkinci"},
        headers={"accept-language": "en"},
        follow=True,
    )
    assert response.status_code == 200
    assert "This review request was already closed" in response.content.decode()
    review.refresh_from_db()
    assert review.rejection_reason == "Birinci"


def test_asking_and_rejecting_are_in_the_items_history(client, staff):
    content = CONTENT[0]
    editor, publisher = staff
    obj = content.make("Qaralama", False)
    client.force_login(editor)
    ask_for_review(client, content, obj, message="Baxın, zəhmət olmasa")
    review = ReviewRequest.objects.get()
    client.force_login(publisher)
    client.post(f"/admin/review/{review.pk}/reject/", {"reason": "Mənbə yoxdur"})

    response = client.get(f"{content.change_url(obj).removesuffix('change/')}history/")
    texts = [action["text"] for action in response.context["action_list"]]
    # Newest first: the rejection, the request, the save that asked, and the item as it was
    # before that first change in the admin.
    assert texts[0].endswith(": Mənbə yoxdur") and texts[1].endswith(" Baxın, zəhmət olmasa")
    assert len(texts) == 4
    page = response.content.decode()
    assert "Mənbə yoxdur" in page and publisher.get_username() in page
