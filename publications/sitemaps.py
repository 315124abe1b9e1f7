from centre.sitemaps import TranslatedSitemap

from .models import Publication


class PublicationSitemap(TranslatedSitemap):
    list_url_name = "publications:list"

    def objects(self):
        # Only what an entry needs: its addresses, languages and date.
        return Publication.objects.published().order_by("pk").only("slug", "title", "updated_at")
