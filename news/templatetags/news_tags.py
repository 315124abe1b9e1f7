"""News shown elsewhere on the site (the home page), without the pages app importing us."""

from django import template

from ..models import NewsItem

register = template.Library()


@register.simple_tag
def latest_news(count=3):
    """``{% latest_news 3 as items %}``: the newest published items, in one query."""
    return list(NewsItem.objects.published().newest_first().defer("body")[:count])
