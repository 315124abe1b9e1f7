"""The footer's contact details: empty until staff set them in the admin, then on every page."""

import json
import re

import pytest
from django.test import Client

from centre.models import SiteContact

from .factories import make_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def home(db):
    return make_page("Ana səhifə", is_home=True, title_en="Home", title_ru="Главная")


def footer(html):
    return re.search(r'<footer class="site-footer">.*?</footer>', html, re.S)[0]


def organisation(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return next(d for d in map(json.loads, blocks) if d.get("@type") == "GovernmentOrganization")


def test_the_footer_shows_no_contact_nobody_confirmed(home):
    html = Client().get("/az/").text
    assert "mailto:" not in footer(html)
    assert "4sim.gov.az" not in html
    assert "Bakı" in footer(html)
    data = organisation(html)
    assert "email" not in data and "sameAs" not in data


def test_staff_set_the_contact_in_the_admin_and_every_page_shows_it_at_once(home, staff_client):
    visitor = Client()
    visitor.get("/en/")
    assert visitor.get("/en/")["X-Page-Cache"] == "hit"
    response = staff_client.post(
        "/admin/centre/sitecontact/add/",
        {
            "email": "office@example.az",
            "phone": "+994 12 000 00 00",
            "website": "https://example.az",
            "address_az": "Bakı, Nümunə küçəsi 1",
            "address_en": "1 Example Street, Baku",
            "address_ru": "Баку, улица Примерная, 1",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    html = visitor.get("/en/").text
    assert 'href="mailto:office@example.az"' in footer(html)
    assert 'href="tel:+994120000000"' in footer(html)
    assert 'href="https://example.az"' in footer(html)
    assert "1 Example Street, Baku" in footer(html)
    assert "Баку, улица Примерная, 1" in footer(visitor.get("/ru/").text)
    data = organisation(html)
    assert data["email"] == "office@example.az" and data["sameAs"] == ["https://example.az"]

    # One row: the list leads to it, it cannot be added twice or deleted.
    assert staff_client.get("/admin/centre/sitecontact/")["Location"].endswith(
        "/admin/centre/sitecontact/1/change/"
    )
    assert staff_client.get("/admin/centre/sitecontact/add/").status_code == 403
    assert staff_client.post("/admin/centre/sitecontact/1/delete/").status_code == 403

    staff_client.post(
        "/admin/centre/sitecontact/1/change/",
        {"email": "", "phone": "", "website": "", "address_az": "", "address_en": ""},
    )
    html = visitor.get("/en/").text
    assert "mailto:" not in footer(html) and "example.az" not in html
    assert SiteContact.objects.count() == 1


def test_a_bad_email_is_a_form_error_not_a_500(home, staff_client):
    response = staff_client.post(
        "/admin/centre/sitecontact/add/", {"email": "not an address", "website": "javascript:x"}
    )
    assert response.status_code == 200
    assert SiteContact.objects.count() == 0


def test_the_contact_costs_no_query_once_kept(home, django_assert_num_queries):
    SiteContact.current()
    with django_assert_num_queries(0):
        SiteContact.current()
