from centre.sitemaps import TranslatedSitemap

from .models import Publication


class PublicationSitemap(TranslatedSitemap):
    def items(self):
        return Publication.objects.published().order_by("pk")
