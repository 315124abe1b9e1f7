"""Text alternatives of uploaded images, in the visitor's language."""

import pytest
from django.utils import translation

from .factories import make_partner, make_publication

pytestmark = pytest.mark.django_db


def in_each_language(read):
    result = {}
    for language in ("az", "en", "ru"):
        with translation.override(language):
            result[language] = read()
    return result


def test_a_logo_is_described_by_the_partner_name():
    partner = make_partner("Türkiyə Mərkəzi", name_en="Türkiye Centre")
    assert in_each_language(lambda: partner.logo_alt) == {
        "az": "Loqo: Türkiyə Mərkəzi",
        "en": "Logo of Türkiye Centre",
        "ru": "Логотип: Türkiyə Mərkəzi",  # no Russian name: the Azerbaijani one
    }


def test_a_cover_description_is_staff_text_in_that_language_or_made_from_the_title():
    publication = make_publication(
        "Hesabat",
        title_en="Report",
        title_ru="Отчёт",
        cover_alt_az="Göy üz qabığı",
        cover_alt_ru="Синяя обложка",
    )
    assert in_each_language(lambda: publication.cover_description) == {
        "az": "Göy üz qabığı",
        # Never the Azerbaijani description that modeltranslation would fall back to.
        "en": "Cover of “Report”",
        "ru": "Синяя обложка",
    }
