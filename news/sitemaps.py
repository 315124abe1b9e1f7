from centre.sitemaps import TranslatedSitemap

from .models import NewsItem


class NewsSitemap(TranslatedSitemap):
    list_url_name = "news:list"

    def objects(self):
        # Only what an entry needs: its addresses, languages and date.
        return NewsItem.objects.published().order_by("pk").only("slug", "title", "updated_at")
