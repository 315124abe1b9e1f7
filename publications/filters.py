"""
The publication list's filters: plain links (no form, no JavaScript) that combine. What is
offered and what becomes of any other value is centre.pagination.FilteredListMixin's rule.
"""

from urllib.parse import quote_plus

from django.conf import settings
from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext_lazy as _

from centre.i18n import local_name, localized_field, site_language
from centre.models import Technology

from .models import Publication, PublicationType, Sector

LABELS = {
    "type": _("Type"),
    "technology": _("Technology"),
    "sector": _("Economic sector"),
    "year": _("Year"),
    "language": _("File language"),
}
# One technology, sector or file per value: no duplicate rows to remove.
LOOKUPS = {
    "type": "publication_type",
    "technology": "technologies__slug",
    "sector": "sectors__slug",
    "year": "publication_date__year",
    "language": "files__language",
}


def choices():
    """
    The values some published publication has, per filter: ``{name: {value: label}}``, in two
    queries (a list page stays within six).
    """
    published = Publication.objects.published().order_by()
    in_use = set(published.values_list("publication_type", "publication_date__year").distinct())
    # The name in the visitor's language, or else in the default one (as modeltranslation shows).
    name = Coalesce(
        NullIf(localized_field("name", site_language()), Value("")),
        localized_field("name", settings.LANGUAGE_CODE),
        output_field=CharField(),
    )

    def used(model, field_name):
        # EXISTS: PostgreSQL stops at the first published publication of each.
        rows = model.objects.filter(Exists(published.filter(**{field_name: OuterRef("pk")})))
        facet = Value(model._meta.model_name, output_field=CharField())
        return (
            rows.order_by()
            .annotate(label=name, facet=facet)
            .values_list("order", "slug", "label", "facet")
        )

    taxonomies = {"technology": {}, "sector": {}}
    for _order, slug, label, facet in sorted(
        used(Technology, "technologies").union(used(Sector, "sectors"))
    ):
        taxonomies[facet][slug] = label
    types = {publication_type for publication_type, _year in in_use}
    return {
        "type": {value: label for value, label in PublicationType.choices if value in types},
        **taxonomies,
        # Undated publications have no year to offer.
        "year": {
            str(year): str(year) for year in sorted({y for _t, y in in_use if y}, reverse=True)
        },
        "language": {code: local_name(code) for code, _name in settings.LANGUAGES},
    }


def facets(choices, active, base_url, labels=LABELS):
    """
    The filters that have values, each value a link to the list with it added to the filters
    in force, or removed when it is one of them (a second click undoes the first); page 1.
    ``labels``: ``{filter name: heading}`` of another list's filters (the news list's).
    """

    # urlencode() of the filters in force with ``name`` set to ``value`` (None: left out), each
    # part quoted once rather than for each of some 40 links.
    quoted = {quote_plus(key): quote_plus(value) for key, value in active.items()}

    def url(name, value):
        pairs = {**quoted, quote_plus(name): None if value is None else quote_plus(value)}
        query = "&".join(f"{key}={text}" for key, text in pairs.items() if text is not None)
        return f"{base_url}?{query}" if query else base_url

    found = []
    for name, label in labels.items():
        options = [
            {
                "label": text,
                "active": active.get(name) == value,
                "url": url(name, None if active.get(name) == value else value),
                "lang": value if name == "language" else "",
            }
            for value, text in choices[name].items()
        ]
        if options:
            active_option = next((option for option in options if option["active"]), None)
            found.append({"label": label, "options": options, "active": active_option})
    return found
