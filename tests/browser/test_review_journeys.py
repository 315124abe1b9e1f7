"""
Review requests in Chromium: an editor saves a draft and asks for review, a publisher finds it
on the admin home and publishes it; a rejection's reason reaches the editor.
"""

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from centre.models import Status
from pages.models import Page

from .conftest import save_screenshot
from .site_pages import PASSWORD, log_in, tab


@pytest.fixture(scope="module")
def roles(site, django_db_blocker):
    from django.contrib.auth.models import Group, User

    with django_db_blocker.unblock():
        users = {}
        for name, role in (("redaktor", "Editor"), ("nasir", "Publisher")):
            user = User.objects.create_user(
                name, f"{name}@example.org", password=PASSWORD, is_staff=True
            )
            user.groups.add(Group.objects.get(name=role))
            users[role] = user
        return users


def ask_for_review(visits, editor, title, message):
    page = visits.open("en")
    log_in(visits, page, editor)
    visits.visit(page, reverse("admin:pages_page_add"))
    tab(page, "title", "az").fill(title)
    page.get_by_label("Message to the publisher (optional)").fill(message)
    page.get_by_role("button", name="Save and ask for review").click()
    expect(page.locator(".messagelist .success").last).to_contain_text("sent to the publishers")
    expect(page.locator("#review-state")).to_contain_text("Waiting for review")
    return page


def test_an_editor_asks_and_a_publisher_publishes_from_the_home(visits, roles):
    ask_for_review(visits, roles["Editor"], "Yoxlanacaq səhifə", "Başlığa baxın")
    assert [email.to for email in mail.outbox] == [["nasir@example.org"]]
    draft = Page.objects.get(title_az="Yoxlanacaq səhifə")
    assert draft.status == Status.DRAFT

    page = visits.open("en")
    log_in(visits, page, roles["Publisher"])
    waiting = page.locator("#desk-waiting")
    expect(waiting).to_contain_text("Başlığa baxın")
    save_screenshot(page, "admin-desk-publisher")
    expect(waiting).to_contain_text("redaktor")
    waiting.get_by_role("link", name="Yoxlanacaq səhifə").click()
    page.locator("#id_status").select_option(Status.PUBLISHED)
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    visits.visit(page, reverse("admin:index"))
    expect(page.locator("#desk-waiting")).to_contain_text("Nothing is waiting for review")


def test_a_rejection_reaches_the_editor(visits, roles):
    ask_for_review(visits, roles["Editor"], "Rədd ediləcək səhifə", "")

    page = visits.open("en")
    log_in(visits, page, roles["Publisher"])
    row = page.locator("#desk-waiting tr", has_text="Rədd ediləcək səhifə")
    row.get_by_label("Reason for rejecting").fill("Xülasə yoxdur")
    row.get_by_role("button", name="Reject").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    expect(page.locator("#desk-waiting")).not_to_contain_text("Rədd ediləcək səhifə")

    page = visits.open("en")
    log_in(visits, page, roles["Editor"])
    mine = page.locator("#desk-mine")
    expect(mine).to_contain_text("Xülasə yoxdur")
    mine.get_by_role("link", name="Rədd ediləcək səhifə").click()
    expect(page.locator("#review-state")).to_contain_text("Xülasə yoxdur")
    expect(page.get_by_role("button", name="Save and ask for review")).to_be_visible()
