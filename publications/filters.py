"""
The publication list's filters: plain links (no form, no JavaScript) that combine.

Each filter reads one query parameter. A value the site does not know (a typo, an old link, a
hostile string) is left out of ``active``, never reaching the database unchecked (values are
matched against the known choices first); the list shows as without it, and the page cache
does not keep that address (centre.pagination.UnderstoodQueryMixin).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import CharField, Exists, F, IntegerField, OuterRef, Value
from django.db.models.functions import Cast, ExtractYear
from django.utils.http import urlencode
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from centre.i18n import language_codes, localized_field
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
        self.choices = self._choices(Publication.objects.published())
        self.active = {
            name: value for name, value in self.raw.items() if value and value in self.choices[name]
        }

    @staticmethod
    def _choices(published):
        """
        The values some published publication has, per filter, in one query: the types,
        years, technologies and sectors in use, as one UNION of rows
        ``(filter, value, order, name in each language)``.
        """
        text, number = CharField(), IntegerField()
        no_names = {f"f_{code}": Value("", output_field=text) for code in language_codes()}

        def rows(queryset, facet, value, order, names):
            columns = {
                "f_facet": Value(facet, output_field=text),
                "f_value": value,
                "f_order": order,
                **names,
            }
            return queryset.order_by().annotate(**columns).values_list(*columns).distinct()

        def named(model, field_name):
            # EXISTS: PostgreSQL stops at the first published publication of each technology or
            # sector, rather than joining all of them and removing the duplicates.
            in_use = published.filter(**{field_name: OuterRef("pk")})
            return rows(
                model.objects.filter(Exists(in_use)),
                model._meta.model_name,
                F("slug"),
                F("order"),
                {f"f_{code}": F(localized_field("name", code)) for code in language_codes()},
            )

        zero = Value(0, output_field=number)
        found = rows(published, "type", F("publication_type"), zero, no_names).union(
            rows(
                published.filter(publication_date__isnull=False),  # undated: no year to offer
                "year",
                Cast(ExtractYear("publication_date"), output_field=text),
                zero,
                no_names,
            ),
            named(Technology, "technologies"),
            named(Sector, "sectors"),
        )
        by_facet = {"type": [], "year": [], "technology": [], "sector": []}
        for facet, value, order, *names in found:
            by_facet[facet].append((order, value, dict(zip(language_codes(), names, strict=True))))
        language = get_language()

        def labels(facet):
            return {
                value: names.get(language) or names[settings.LANGUAGE_CODE]
                for _order, value, names in sorted(by_facet[facet])
            }

        used_types = {value for _order, value, _names in by_facet["type"]}
        return {
            "type": {v: label for v, label in PublicationType.choices if v in used_types},
            "technology": labels("technology"),
            "sector": labels("sector"),
            "year": {
                value: value
                for value in sorted((v for _o, v, _n in by_facet["year"]), reverse=True)
            },
            "language": {
                code: get_language_info(code)["name_local"] for code, _name in settings.LANGUAGES
            },
        }

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
