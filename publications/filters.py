"""
The publication list's filters: plain links (no form, no JavaScript) that combine.

Each filter reads one query parameter. A value the site does not know (a typo, an old link, a
hostile string) is ignored rather than answered with an error, and never reaches the database
unchecked: values are matched against the known choices first.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models.functions import ExtractYear
from django.utils.http import urlencode
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from centre.models import Technology

from .models import Publication, PublicationType, Sector


@dataclass
class Option:
    value: str
    label: str
    url: str
    active: bool
    lang: str = ""


@dataclass
class Facet:
    name: str
    label: str
    options: list = field(default_factory=list)

    @property
    def active(self):
        return next((option for option in self.options if option.active), None)


class PublicationFilters:
    """The filters asked for in ``params`` (a QueryDict), checked against what exists."""

    names = ("type", "technology", "sector", "year", "language")

    def __init__(self, params, base_url):
        self.base_url = base_url
        self.raw = {name: params.get(name, "") for name in self.names}
        published = Publication.objects.published()
        self.choices = {
            "type": self._types(published),
            "technology": {
                t.slug: t.name
                for t in Technology.objects.filter(publications__in=published).distinct()
            },
            "sector": {
                s.slug: s.name for s in Sector.objects.filter(publications__in=published).distinct()
            },
            "year": self._years(published),
            "language": {
                code: get_language_info(code)["name_local"] for code, _name in settings.LANGUAGES
            },
        }
        self.active = {
            name: value for name, value in self.raw.items() if value and value in self.choices[name]
        }

    @staticmethod
    def _types(published):
        used = set(published.order_by().values_list("publication_type", flat=True).distinct())
        return {value: label for value, label in PublicationType.choices if value in used}

    @staticmethod
    def _years(published):
        years = (
            published.annotate(year=ExtractYear("publication_date"))
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
        return {str(year): str(year) for year in years}

    def apply(self, queryset):
        lookups = {
            "type": "publication_type",
            "technology": "technologies__slug",
            "sector": "sectors__slug",
            "language": "files__language",
        }
        for name, value in self.active.items():
            if name == "year":
                queryset = queryset.filter(publication_date__year=int(value))
            else:
                # One technology, sector or file per value: no duplicate rows to remove.
                queryset = queryset.filter(**{lookups[name]: value})
        return queryset

    def url(self, **changes):
        """The list's address with these filters changed (None removes one); page 1."""
        params = {**self.active, **changes}
        query = urlencode({k: v for k, v in params.items() if v is not None and k in self.names})
        return f"{self.base_url}?{query}" if query else self.base_url

    @property
    def facets(self):
        labels = {
            "type": _("Type"),
            "technology": _("Technology"),
            "sector": _("Economic sector"),
            "year": _("Year"),
            "language": _("File language"),
        }
        facets = []
        for name in self.names:
            choices = self.choices[name]
            if not choices:
                continue
            facet = Facet(name=name, label=labels[name])
            facet.options = [
                Option(
                    value=value,
                    label=label,
                    # A second click on the active value removes it.
                    url=self.url(**{name: None if self.active.get(name) == value else value}),
                    active=self.active.get(name) == value,
                    lang=value if name == "language" else "",
                )
                for value, label in choices.items()
            ]
            facets.append(facet)
        return facets

    @property
    def is_active(self):
        return bool(self.active)

    def query_string(self):
        """The active filters, for links to other pages of the same list."""
        return urlencode(self.active)
