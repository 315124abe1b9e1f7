from itertools import groupby
from operator import attrgetter

from django.db.models import Exists, OuterRef
from django.http import Http404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, RedirectView
from modeltranslation.utils import get_translation_fields

from centre.middleware import public_read
from centre.models import Technology
from centre.pagination import FilteredListMixin
from centre.slugs import TranslatedSlugMixin
from publications.models import Publication

from .models import KIND_HEADINGS, Partner

# The main menu marks this section as the current one.
NAV_SECTION = "partners"


class PartnerQuerySetMixin:
    """Every public partner view starts here: inactive partners only for staff."""

    def get_queryset(self):
        return Partner.objects.visible_to(self.request.user).in_name_order()


@public_read
class PartnerListView(PartnerQuerySetMixin, FilteredListMixin, ListView):
    """Partners grouped by kind, filtered by kind and technology with plain links."""

    template_name = "partners/partner_list.html"
    context_object_name = "partners"
    # A page stays light on a phone however many partners there are; 48 fill rows of 2, 3
    # and 4 cards alike.
    paginate_by = 48
    filter_names = ("kind", "technology")
    query_parameters = FilteredListMixin.query_parameters | dict.fromkeys(filter_names)

    def filter_choices(self):
        visible = Partner.objects.visible_to(self.request.user)
        kinds = set(visible.order_by().values_list("kind", flat=True).distinct())
        # EXISTS: whether a technology has a visible partner, not how many.
        in_use = Exists(visible.filter(technologies=OuterRef("pk")))
        return {
            "kind": {kind: heading for kind, heading in KIND_HEADINGS.items() if kind in kinds},
            "technology": {item.slug: item for item in Technology.objects.filter(in_use)},
        }

    def get_queryset(self):
        # Only what the cards show: the descriptions (300 partners' in three languages are a
        # megabyte) and the rest stay in the database, and each partner is built the sooner.
        shown = ["kind", "is_active", "country", "logo", "logo_renditions"]
        shown += get_translation_fields("name", "short_name", "slug", "summary")
        partners = super().get_queryset().in_list_order().only(*shown)
        self.technology = self.choices["technology"].get(self.active.get("technology"))
        if "kind" in self.active:
            partners = partners.filter(kind=self.active["kind"])
        if self.technology:
            partners = partners.filter(technologies=self.technology)
        return partners

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            # The page's partners come in KIND_HEADINGS order (in_list_order()).
            groups=[
                {"kind": kind, "heading": KIND_HEADINGS[kind], "partners": list(partners)}
                for kind, partners in groupby(context["partners"], attrgetter("kind"))
            ],
            kinds=self.choices["kind"],
            selected_kind=self.active.get("kind", ""),
            technologies=list(self.choices["technology"].values()),
            selected_technology=self.technology,
            nav_section=NAV_SECTION,
        )
        return context


@public_read
class PartnerDetailView(TranslatedSlugMixin, PartnerQuerySetMixin, DetailView):
    template_name = "partners/partner_detail.html"
    context_object_name = "partner"

    def get_context_data(self, **kwargs):
        # A plain query: cheaper than prefetching them (about 500 calls); their keys, no subquery.
        partner, technologies = self.object, list(self.object.technologies.all())
        return super().get_context_data(
            technologies=technologies,
            related_publications=Publication.objects.published()
            .on_technologies(technologies)
            .newest_first()
            .only("title", "slug", "publication_date")[:5],  # what their links show
            breadcrumbs=[{"title": _("Partners"), "get_absolute_url": reverse("partners:list")}],
            structured_data=partner.structured_data(self.request.build_absolute_uri, technologies),
            nav_section=NAV_SECTION,
            **kwargs,
        )


@public_read
class FormerAddressRedirect(RedirectView):
    """
    /az/partnyorlar/… moved to /az/terefdaslar/…: old links lead there permanently, query and
    all. Only Azerbaijani had that address.
    """

    permanent = True
    query_string = True

    def get_redirect_url(self, *args, **kwargs):
        if get_language() != "az":
            raise Http404
        self.pattern_name = "partners:detail" if "slug" in kwargs else "partners:list"
        return super().get_redirect_url(*args, **kwargs)
