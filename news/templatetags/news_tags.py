"""News shown elsewhere on the site (the home page), without the pages app importing us."""

from django import template

from centre.cache import kept_for_this_generation

from ..models import NewsItem

register = template.Library()


@register.simple_tag
def latest_news(count=3):
    """
    ``{% latest_news 3 as items %}``: the newest published items. They change only when staff
    save or a publish-from time passes, which both start a new cache generation: read once in it.
    """

    def newest():
        return list(NewsItem.objects.published().newest_first().defer("body")[:count])

    return kept_for_this_generation(f"latest-news-{count}", newest)
