"""NUL characters never reach a database lookup (PostgreSQL would answer with an error)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/az/?x=%00",
        "/az/merkez-haqqinda/?q=%00",
        "/az/axtaris/?q=inqilab%00",
        "/az/axtaris/?q%00=1",
        "/az/terefdaslar/?kind=academia%00",
        "/az/terefdaslar/?technology=%00",
    ],
)
def test_nul_in_query_parameters_is_dropped(client, seeded, url):
    assert client.get(url).status_code in (200, 404)


@pytest.mark.parametrize("url", ["/az/%00/", "/az/merkez-haqqinda%00/", "/az/terefdaslar/x%00/"])
def test_nul_in_the_path_is_404(client, seeded, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Səhifə tapılmadı" in response.text


@pytest.mark.parametrize(
    "url",
    [
        "/admin/pages/page/?q=%00",
        "/admin/pages/page/?parent__id__exact=%00",
        "/admin/partners/partner/?q=a%00b",
        "/admin/translations/?x=%00",
    ],
)
def test_admin_lists_survive_nul(admin_client, seeded, url):
    assert admin_client.get(url).status_code in (200, 302, 400)


def test_search_for_text_with_nul_finds_the_text(client, seeded):
    response = client.get("/en/search/?q=about%00")
    assert response.status_code == 200
    assert response.context["query"] == "about"
