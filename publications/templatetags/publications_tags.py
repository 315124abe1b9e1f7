"""Publications shown elsewhere on the site (the home page), without the pages app importing us."""

from django import template
from django.db.models import prefetch_related_objects

from ..models import Publication, files_prefetch

register = template.Library()


@register.simple_tag
def home_publications(count=3):
    """
    ``{% home_publications 3 as home %}``: ``home.featured`` (the newest featured publication)
    and ``home.latest`` (the newest others), in three queries whatever their number.
    """
    published = Publication.objects.published()
    featured = published.featured().first()
    latest = list(published.exclude(pk=featured.pk if featured else None).newest_first()[:count])
    shown = [p for p in (featured, *latest) if p is not None]
    prefetch_related_objects(shown, files_prefetch())
    return {"featured": featured, "latest": latest}
