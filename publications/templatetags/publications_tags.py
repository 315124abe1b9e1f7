"""Publications shown elsewhere on the site (the home page), without the pages app importing us."""

from django import template
from django.db.models import Q, prefetch_related_objects

from ..models import Publication, files_prefetch

register = template.Library()


@register.simple_tag
def home_publications(count=3):
    """
    ``{% home_publications 3 as home %}``: ``home.featured`` (the newest featured publication)
    and ``home.latest`` (the newest others), in two queries whatever their number.
    """
    published = Publication.objects.published()
    # One query for both: the newest featured one, and the newest count + 1 (one of which may
    # be that featured one).
    shown = list(
        published.filter(
            Q(pk__in=published.featured().values("pk")[:1])
            | Q(pk__in=published.newest_first().values("pk")[: count + 1])
        ).newest_first()
    )
    # Newest first, so the first featured one shown is the newest featured of all.
    featured = next((publication for publication in shown if publication.featured), None)
    latest = [publication for publication in shown if publication is not featured][:count]
    prefetch_related_objects([*shown], files_prefetch())
    return {"featured": featured, "latest": latest}
