"""Change-list addresses only a hand-made link has are a 400, in every admin, never a 500."""

import datetime

import pytest
from django.utils import timezone

from .admin_forms import admin_form_data
from .factories import make_page, make_publication

pytestmark = pytest.mark.django_db

REFUSED = [
    # A year Python cannot make a date of: the query cannot even be written.
    "/admin/pages/page/?publish_from__year=0",
    "/admin/partners/partner/?created_at__year=10000",
    "/admin/auth/user/?date_joined__year=0",
    "/admin/publications/publication/?publication_date__year=99999",
    "/admin/pages/page/?publish_from__iso_year=%C2%B2",
    "/admin/pages/page/?publish_from__year=" + "1" * 5000,  # more digits than int() reads
    # A malformed regular expression is a database error; a slow one ties the database up.
    "/admin/pages/page/?menu_order__regex=(a",
    "/admin/pages/page/?title_az__iregex=(a",
]


@pytest.mark.parametrize("address", REFUSED)
def test_a_hand_made_lookup_is_a_bad_request(admin_client, address):
    admin_client.raise_request_exception = False
    response = admin_client.get(address, headers={"accept-language": "az"})
    assert response.status_code == 400


def test_the_years_a_list_offers_still_filter(admin_client):
    make_page("İki min iyirmi beş", publish_from=timezone.make_aware(datetime.datetime(2025, 5, 1)))
    make_page(
        "İki min iyirmi altı", publish_from=timezone.make_aware(datetime.datetime(2026, 5, 1))
    )
    response = admin_client.get("/admin/pages/page/?publish_from__year=2026")
    assert response.status_code == 200
    assert [page.title for page in response.context["cl"].result_list] == ["İki min iyirmi altı"]


@pytest.mark.parametrize("value", ["99999999999999999999999", "9223372036854775808", "1" * 5000])
def test_a_hand_made_choice_beyond_the_databases_integers_is_a_form_error(admin_client, value):
    # A many-to-many choice is looked up by its number: one no database integer holds failed
    # the query (a 500 on SQLite and PostgreSQL); it is no choice, as any unknown number is.
    publication = make_publication("Nəşr")
    url = f"/admin/publications/publication/{publication.pk}/change/"
    english = {"accept-language": "en"}
    form = admin_client.get(url, headers=english)
    data = admin_form_data(form, technologies=[value], sectors=[value])
    response = admin_client.post(url, data, headers=english)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"technologies", "sectors"}
    assert "is not one of the available choices" in errors["technologies"][0]
