"""Partners sort by the alphabet of the page's language, the same way on every database."""

import random

import pytest
from django.db import connection
from django.db.models import F
from django.db.models.functions import Collate
from django.utils import translation

from centre.text import collation_key
from partners.models import Partner

from .factories import make_partner

# (az, en, ru): the examples and the letters Azerbaijani orders its own way.
COUNTRIES = [
    ("Cənubi Afrika", "South Africa", "Южная Африка"),
    ("Çin", "China", "Китай"),
    ("Dubay", "Dubai", "Дубай"),
    ("Hindistan", "India", "Индия"),
    ("İsrail", "Israel", "Израиль"),
    ("Japon", "Japan", "Япония"),
    ("Xorvatiya", "Croatia", "Хорватия"),
    ("Irak", "Iraq", "Ирак"),
    ("Kanada", "Canada", "Канада"),
    ("Qazaxıstan", "Kazakhstan", "Казахстан"),
    ("Ermənistan", "Armenia", "Армения"),
    ("Əfqanıstan", "Afghanistan", "Афганистан"),
]
AZ_ORDER = [
    "Cənubi Afrika",
    "Çin",
    "Dubay",
    "Ermənistan",
    "Əfqanıstan",
    "Hindistan",
    "Xorvatiya",
    "Irak",
    "İsrail",
    "Japon",
    "Kanada",
    "Qazaxıstan",
]
EN_ORDER = [
    "Afghanistan",
    "Armenia",
    "Canada",
    "China",
    "Croatia",
    "Dubai",
    "India",
    "Iraq",
    "Israel",
    "Japan",
    "Kazakhstan",
    "South Africa",
]
RU_ORDER = [
    "Армения",
    "Афганистан",
    "Дубай",
    "Израиль",
    "Индия",
    "Ирак",
    "Казахстан",
    "Канада",
    "Китай",
    "Хорватия",
    "Южная Африка",
    "Япония",
]


class TestCollationKey:
    def test_azerbaijani_alphabet(self):
        shuffled = random.sample(AZ_ORDER, len(AZ_ORDER))
        assert sorted(shuffled, key=lambda name: collation_key(name, "az")) == AZ_ORDER

    def test_english_and_russian_alphabets(self):
        english = [en for _az, en, _ru in COUNTRIES]
        russian = [ru for _az, _en, ru in COUNTRIES]
        assert sorted(english, key=lambda name: collation_key(name, "en")) == EN_ORDER
        assert sorted(russian, key=lambda name: collation_key(name, "ru")) == RU_ORDER

    def test_turkic_capitals(self):
        # "I" is the capital of ı and "İ" of i in Azerbaijani; not in English.
        assert collation_key("ILHAM", "az") == collation_key("ılham", "az")
        assert collation_key("İlham", "az") == collation_key("ilham", "az")
        assert collation_key("İsrail", "en") == collation_key("Israil", "en")

    def test_case_and_punctuation_are_ignored_words_come_first(self):
        assert collation_key("«C4IR» Türkiyə!", "az") == collation_key("c4ır türkiyə", "az")
        names = ["Cənubi", "Cənub Koreya", "C4IR", "cənub"]
        assert sorted(names, key=lambda name: collation_key(name, "az")) == [
            "C4IR",
            "cənub",
            "Cənub Koreya",
            "Cənubi",
        ]

    def test_russian_puts_cyrillic_before_latin_and_yo_with_ye(self):
        names = ["Apple", "Ель", "Ёж", "Жук"]
        assert sorted(names, key=lambda name: collation_key(name, "ru")) == [
            "Ёж",
            "Ель",
            "Жук",
            "Apple",
        ]

    def test_foreign_letters_sort_with_their_base_letter_unknown_ones_last(self):
        assert sorted(["Zürich", "Éire", "Ezra", "東京"], key=lambda n: collation_key(n, "en")) == [
            "Éire",
            "Ezra",
            "Zürich",
            "東京",
        ]

    def test_key_is_ascii_digits(self):
        key = collation_key("Şəki — Шеки 東京 №5", "az")
        assert key.isascii() and key.isdigit()


@pytest.mark.django_db
class TestDatabaseOrder:
    @pytest.fixture
    def partners(self):
        for az, en, ru in random.sample(COUNTRIES, len(COUNTRIES)):
            make_partner(f"{az} Mərkəzi", name_en=f"{en} Centre", name_ru=f"Центр: {ru}")

    @pytest.mark.parametrize(
        ("language", "expected", "template"),
        [
            ("az", AZ_ORDER, "{} Mərkəzi"),
            ("en", EN_ORDER, "{} Centre"),
            ("ru", RU_ORDER, "Центр: {}"),
        ],
    )
    def test_queryset_order_per_language(self, partners, language, expected, template):
        names = list(Partner.objects.in_name_order(language).values_list(f"name_{language}"))
        assert [name for (name,) in names] == [template.format(name) for name in expected]

    def test_default_ordering_follows_the_active_language(self, partners):
        with translation.override("en"):
            assert [str(partner) for partner in Partner.objects.all()][:2] == [
                "Afghanistan Centre",
                "Armenia Centre",
            ]
        with translation.override("az"):
            assert str(Partner.objects.first()) == "Cənubi Afrika Mərkəzi"

    @pytest.mark.parametrize(
        ("url", "expected", "template"),
        [
            ("/az/terefdaslar/", AZ_ORDER, "{} Mərkəzi"),
            ("/en/partners/", EN_ORDER, "{} Centre"),
            ("/ru/partnery/", RU_ORDER, "Центр: {}"),
        ],
    )
    def test_public_list_order_per_language(self, client, partners, url, expected, template):
        response = client.get(url)
        [group] = response.context["groups"]
        assert [partner.name for partner in group["partners"]] == [
            template.format(name) for name in expected
        ]
        html = response.text
        positions = [html.index(template.format(name)) for name in expected]
        assert positions == sorted(positions)

    def test_untranslated_name_sorts_by_the_azerbaijani_name(self, client):
        make_partner("Bakı Mərkəzi")  # no Russian name: shown, and sorted, in Azerbaijani
        make_partner("Zaqatala", name_ru="Закатала")
        make_partner("Abşeron", name_ru="Апшерон")
        names = [p.name for p in client.get("/ru/partnery/").context["groups"][0]["partners"]]
        assert names == ["Апшерон", "Закатала", "Bakı Mərkəzi"]

    def test_display_order_comes_before_the_alphabet(self):
        make_partner("Şuşa", order=10)
        make_partner("Zəngilan", order=1)
        make_partner("Ağdam", order=10)
        assert list(Partner.objects.in_name_order("az").values_list("name_az", flat=True)) == [
            "Zəngilan",
            "Ağdam",
            "Şuşa",
        ]

    def test_sort_key_follows_a_renamed_partner(self):
        partner = make_partner("Ağdam")
        make_partner("Bərdə")
        partner.name_az = "Zəngilan"
        partner.save()
        assert list(Partner.objects.in_name_order("az").values_list("name_az", flat=True)) == [
            "Bərdə",
            "Zəngilan",
        ]

    @pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL collations")
    @pytest.mark.parametrize("collation", ["und-x-icu", "en-x-icu", "ru-x-icu", "az-x-icu"])
    def test_any_database_collation_gives_the_same_order(self, partners, collation):
        # The key is digits only, so a cluster created with another locale orders it alike.
        for language in ("az", "en", "ru"):
            column = f"sort_name_{language}"
            expected = list(Partner.objects.in_name_order(language).values_list("pk", flat=True))
            collated = Partner.objects.order_by(Collate(F(column), collation), "pk")
            assert list(collated.values_list("pk", flat=True)) == expected


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's query plans")
@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_the_public_list_reads_its_order_from_an_index(language):
    make_partner("Türkiyə mərkəzi")
    with translation.override(language), connection.cursor() as cursor:
        # A table of one row is read whole and sorted; forbid both, so that the plan shows
        # whether an index gives this order (another index and a sort stay possible, at a
        # prohibitive cost, and would show as a Sort).
        for setting in ("enable_seqscan", "enable_sort", "enable_incremental_sort"):
            cursor.execute(f"SET LOCAL {setting} = off")
        plan = Partner.objects.active().in_list_order()[:48].explain()
    assert f"Index Scan using partners_list_order_{language}" in plan
    assert "Sort" not in plan
