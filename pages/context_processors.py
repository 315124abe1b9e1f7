from django.utils.functional import SimpleLazyObject

from .models import Page


def menu(request):
    """The main navigation, queried only if a template shows it."""
    return {"menu_pages": SimpleLazyObject(lambda: list(Page.objects.menu()))}
