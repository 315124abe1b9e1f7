"""
The Centre's own pages for ``manage.py seed_demo``, from content/pages.json.

A page is looked up by its place in the tree (home, or parent and Azerbaijani slug) and only
created when missing; existing pages, possibly edited by staff, are left as they are.
"""

from centre.models import Status
from centre.seed import fields, read
from centre.text import slugify_az

from .models import Milestone, Page


def seed():
    """Create the Centre's pages that are missing; return how many were created."""
    return sum(_ensure_page(item) for item in read("pages"))


def _ensure_page(item, parent=None):
    if item.get("is_home"):
        lookup = {"is_home": True}
    else:
        lookup = {"parent": parent, "slug_az": slugify_az(item["title"]["az"])}
    page = Page.objects.filter(**lookup).first()
    created = page is None
    if created:
        page = Page(
            status=Status.PUBLISHED, parent=parent, **fields(item, skip=("children", "milestones"))
        )
        page.save()
        for milestone in item.get("milestones", []):
            Milestone.objects.create(page=page, **fields(milestone))
    return created + sum(_ensure_page(child, page) for child in item.get("children", []))
