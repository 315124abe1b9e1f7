from centre.sitemaps import TranslatedSitemap

from .models import Partner


class PartnerSitemap(TranslatedSitemap):
    list_url_name = "partners:list"

    def objects(self):
        # Only what an entry needs: its addresses, languages and date.
        return Partner.objects.active().order_by("pk").only("slug", "name", "updated_at")
