from centre.sitemaps import TranslatedSitemap

from .models import Page


class PageSitemap(TranslatedSitemap):
    def items(self):
        return Page.objects.published().order_by("pk")
