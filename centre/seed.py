"""
The Centre's content for ``manage.py seed_demo``: read from the data files in ``content/``
(see content/README.md), and the 4IR technologies named in the Centre's text.

Each app's ``seed`` module creates its own rows from its file. Seeding is idempotent: a row is
looked up by what identifies it (a slug, a place in the tree) and only created when missing, so
a second run changes nothing and staff edits are left alone.
"""

import json

from django.conf import settings

from .models import Technology

CONTENT = settings.BASE_DIR / "content"


def read(name):
    """The data of ``content/<name>.json``."""
    return json.loads((CONTENT / f"{name}.json").read_text(encoding="utf-8"))


def fields(item, skip=()):
    """
    An item's model fields: ``{"title": {"az": …, "en": …}}`` gives ``title_az``, ``title_en``;
    rich text written as a list of blocks is joined; any other value is taken as it is.
    """
    values = {}
    for key, value in item.items():
        if key in skip:
            continue
        if isinstance(value, dict):
            for code, text in value.items():
                values[f"{key}_{code}"] = "".join(text) if isinstance(text, list) else text
        else:
            values[key] = value
    return values


def seed():
    """Create the technologies that are missing (looked up by slug); return how many."""
    created = 0
    for order, item in enumerate(read("technologies"), start=1):
        _technology, new = Technology.objects.get_or_create(
            slug=item["slug"], defaults={**fields(item, skip=("slug",)), "order": order * 10}
        )
        created += new
    return created
