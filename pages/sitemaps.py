from centre.sitemaps import TranslatedSitemap

from .models import Page


class PageSitemap(TranslatedSitemap):
    def objects(self):
        # Only what an entry needs: its addresses, languages and date.
        fields = ("is_home", "url_path", "title", "updated_at")
        return Page.objects.published().order_by("pk").only(*fields)
