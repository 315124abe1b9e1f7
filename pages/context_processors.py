from django.utils.functional import SimpleLazyObject

from .models import Page


def menu(request):
    """The main navigation, queried only if a template shows it."""
    # Only titles and addresses are shown: the pages' bodies stay in the database.
    return {
        "menu_pages": SimpleLazyObject(lambda: list(Page.objects.menu().only(*Page.LINK_FIELDS)))
    }
