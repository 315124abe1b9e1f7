from typing import NamedTuple

from django.utils import translation
from django.utils.functional import SimpleLazyObject

from centre.cache import kept_for_this_generation
from centre.i18n import shown_language

from .models import Page


class MenuLink(NamedTuple):
    pk: int
    title: str
    url: str
    lang: str  # the language of the title shown (Azerbaijani where it is not translated)


def menu_links():
    """
    The main navigation in the active language: the same on every page, so it is read once
    per language and page cache generation (a staff write or a scheduled publication ends it).
    """
    language = translation.get_language()

    def read():
        pages = Page.objects.menu().only(*Page.LINK_FIELDS)
        return [
            MenuLink(page.pk, page.title, page.get_absolute_url(), shown_language(page, "title"))
            for page in pages
        ]

    return kept_for_this_generation(f"menu:{language}", read)


def menu(request):
    """The main navigation, read only if a template shows it."""
    return {"menu_pages": SimpleLazyObject(menu_links)}
