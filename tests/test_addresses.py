"""centre.addresses: objects' addresses without the resolver, the same as reverse() gives."""

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from centre.addresses import slug_address

CASES = [
    ("partners:detail", "slug", "c4ir-turkiye"),
    ("publications:detail", "slug", "dorduncu-senaye-inqilabi_2024"),
    ("pages:detail", "url_path", "merkez-haqqinda/tarixce/2021"),
]


@pytest.mark.parametrize("language", ["az", "en", "ru"])
@pytest.mark.parametrize(("viewname", "kwarg", "slug"), CASES)
def test_the_same_address_as_reverse_in_every_language(language, viewname, kwarg, slug):
    with translation.override(language):
        assert slug_address(viewname, kwarg, slug) == reverse(viewname, kwargs={kwarg: slug})
        assert slug_address(viewname, kwarg, slug).startswith(f"/{language}/")


def test_each_language_keeps_its_own_translated_segments():
    addresses = set()
    for language in ("az", "en", "ru", "az"):
        with translation.override(language):
            addresses.add(slug_address("partners:detail", "slug", "x"))
    assert addresses == {"/az/terefdaslar/x/", "/en/partners/x/", "/ru/partnery/x/"}


def test_a_site_under_a_sub_path_gets_its_prefix():
    set_script_prefix("/centre/")
    try:
        with translation.override("en"):
            assert slug_address("partners:detail", "slug", "x") == "/centre/en/partners/x/"
    finally:
        set_script_prefix("/")


@pytest.mark.parametrize("odd", ["şəhər", "a b", "x/../y", "?q=1", ""])
def test_anything_but_plain_slugs_goes_through_reverse(odd):
    with translation.override("az"):
        try:
            expected = reverse("pages:detail", kwargs={"url_path": odd})
        except NoReverseMatch:
            with pytest.raises(NoReverseMatch):
                slug_address("pages:detail", "url_path", odd)
        else:
            assert slug_address("pages:detail", "url_path", odd) == expected


def test_a_swapped_urlconf_is_asked_afresh():
    with translation.override("az"):
        assert slug_address("partners:detail", "slug", "x") == "/az/terefdaslar/x/"
        # This URLconf has no partner pages: no address from the one asked before.
        with (
            override_settings(ROOT_URLCONF="tests.urls_with_an_app"),
            pytest.raises(NoReverseMatch),
        ):
            slug_address("partners:detail", "slug", "x")
