import pytest

from centre.text import fold, slugify_az, transliterate


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


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("inqilab", "İnqilabı"),
        ("İNQİLAB", "İnqilabı"),
        ("Inqilab", "İnqilabı"),
        ("ILHAM", "İlham"),
        ("seher", "şəhər"),
        ("esyalarin", "Əşyaların"),
        ("cagirislar", "çağırışlar"),
        ("ozunde", "özündə"),
        ("революция", "РЕВОЛЮЦИЯ"),
    ],
)
def test_folding_makes_what_visitors_type_match_what_is_written(typed, written):
    assert fold(written).startswith(fold(typed))


def test_folding_keeps_every_position():
    for text in ("İnqilabı ŞƏHƏR", "Straße ẞ İ", "Центр ёж", "ǅemal ﬁle"):
        assert len(fold(text)) == len(text)


def test_the_turkic_i_rule_is_one_rule():
    assert {fold(letter) for letter in "İIıi"} == {"i"}
