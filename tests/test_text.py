import pytest

from centre.text import slugify_az, transliterate


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Əşyaların interneti", "esyalarin-interneti"),
        ("Dördüncü Sənaye İnqilabı", "dorduncu-senaye-inqilabi"),
        ("Süni intellekt və robototexnika", "suni-intellekt-ve-robototexnika"),
        ("ŞƏHƏR TRANSFORMASİYASI", "seher-transformasiyasi"),
        ("Gen mühəndisliyi", "gen-muhendisliyi"),
        ("Kvant hesablamaları", "kvant-hesablamalari"),
        ("3D çap", "3d-cap"),
        ("Ağ Çay Ölkəsi Üçün", "ag-cay-olkesi-ucun"),
        ("Публикации", "publikatsii"),
        ("Центр анализа и координации", "tsentr-analiza-i-koordinatsii"),
        ("Четвертая промышленная революция", "chetvertaya-promyshlennaya-revolyutsiya"),
        ("Щука, ёж и объём", "shchuka-ezh-i-obem"),
        ("About the Centre", "about-the-centre"),
        ("  «4SİM» — C4IR Azərbaycan!  ", "4sim-c4ir-azerbaycan"),
    ],
)
def test_slugs_transliterate_azerbaijani_and_cyrillic(text, slug):
    assert slugify_az(text) == slug


def test_slug_is_cut_at_a_word_boundary():
    slug = slugify_az("Dördüncü Sənaye İnqilabının Təhlili və Koordinasiya Mərkəzi", max_length=30)
    assert slug == "dorduncu-senaye-inqilabinin"
    assert len(slug) <= 30


def test_slug_of_text_without_letters_is_empty():
    assert slugify_az("!!! — ???") == ""


def test_dotted_and_dotless_i_both_become_i():
    # One rule for the Turkic I: İ/i and I/ı are all written "i" in ASCII.
    assert transliterate("İıIi").lower() == "iiii"
