from django.db.models import Prefetch
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView

from centre.middleware import public_read
from centre.pagination import FilteredListMixin
from centre.slugs import TranslatedSlugMixin
from partners.models import Partner
from publications.filters import facets
from publications.models import CENTRE_NAME, Publication

from . import ical
from .models import Kind, NewsItem

CALENDAR = "text/calendar; charset=utf-8"
FILTER_LABELS = {"kind": gettext_lazy("Kind"), "year": gettext_lazy("Year")}


@public_read
class NewsListView(FilteredListMixin, ListView):
    """Upcoming events first (on the first page), then everything else newest first."""

    template_name = "news/newsitem_list.html"
    context_object_name = "items"
    paginate_by = 12
    filter_names = tuple(FILTER_LABELS)
    query_parameters = FilteredListMixin.query_parameters | dict.fromkeys(filter_names)

    def filter_choices(self):
        published = NewsItem.objects.published().order_by()
        in_use = set(published.values_list("kind", "date__year").distinct())
        kinds = {kind for kind, _year in in_use}
        years = sorted({year for _kind, year in in_use}, reverse=True)
        return {
            "kind": {kind: label for kind, label in Kind.choices if kind in kinds},
            "year": {str(year): str(year) for year in years},
        }

    def filtered(self, items):
        if "kind" in self.active:
            items = items.filter(kind=self.active["kind"])
        if "year" in self.active:
            items = items.filter(date__year=int(self.active["year"]))
        return items

    def get_queryset(self):
        self.now = timezone.now()
        items = NewsItem.objects.published().not_upcoming(self.now).newest_first()
        return self.filtered(items).defer("body", "translation_sources")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        upcoming = []
        if context["page_obj"].number == 1:
            upcoming = self.filtered(NewsItem.objects.published().upcoming(self.now))
            upcoming = list(upcoming.defer("body", "translation_sources"))
        return context | {
            "upcoming": upcoming,
            "facets": facets(self.choices, self.active, self.request.path, FILTER_LABELS),
            "filters_in_force": bool(self.active),
            "nav_section": "news",
        }


class VisibleNewsMixin(TranslatedSlugMixin):
    """Staff see drafts and future items (with a notice); the public never does."""

    def get_queryset(self):
        return NewsItem.objects.visible_to(self.request.user)


@public_read
class NewsDetailView(VisibleNewsMixin, DetailView):
    template_name = "news/newsitem_detail.html"
    context_object_name = "item"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("partners", Partner.objects.active().in_name_order()),
                Prefetch("publications", Publication.objects.published().newest_first()),
            )
        )

    def get_context_data(self, **kwargs):
        item = self.object
        return super().get_context_data(
            breadcrumbs=[{"title": _("News and events"), "get_absolute_url": reverse("news:list")}],
            structured_data=item.structured_data(self.request.build_absolute_uri, str(CENTRE_NAME)),
            is_upcoming=item.is_upcoming(),
            nav_section="news",
            **kwargs,
        )


@public_read
class EventCalendarView(VisibleNewsMixin, DetailView):
    """One event as an iCalendar file, for the visitor's calendar."""

    def get_queryset(self):
        return super().get_queryset().events()

    def render_to_response(self, context, **response_kwargs):
        item = self.object
        text = ical.calendar(
            [item], item.title, self.request.build_absolute_uri, self.request.get_host()
        )
        return HttpResponse(
            text,
            content_type=CALENDAR,
            headers={
                "Content-Disposition": f'attachment; filename="{item.slug}.ics"',
                "X-Content-Type-Options": "nosniff",
            },
        )


@public_read
def events_calendar(request):
    """Every published event, a calendar to subscribe to, in the language of the address."""
    events = NewsItem.objects.published().events().order_by("starts_at", "pk")
    text = ical.calendar(events, _("4SIM events"), request.build_absolute_uri, request.get_host())
    return HttpResponse(text, content_type=CALENDAR, headers={"X-Content-Type-Options": "nosniff"})
