from centre.sitemaps import TranslatedSitemap

from .models import Partner


class PartnerSitemap(TranslatedSitemap):
    def items(self):
        return Partner.objects.active().order_by("pk")
