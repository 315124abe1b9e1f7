from django.utils import translation
from django.views.generic import DetailView, TemplateView

from centre.middleware import public_read
from centre.models import published_q
from centre.slugs import TranslatedSlugMixin

from .models import Milestone, Page, PageRedirect


@public_read
class PageView(TranslatedSlugMixin, DetailView):
    template_name = "pages/page_detail.html"
    context_object_name = "page"
    # An address with NUL never gets here (centre.middleware.NulBytesMiddleware).
    slug_field = slug_url_kwarg = "url_path"

    def get_queryset(self):
        return Page.objects.visible_to(self.request.user)

    def with_any_slug(self, url_path):
        # Another language's address is a 404 (moved_object: this language's old addresses).
        self.chain = Page.objects.at_address(url_path, self.request.user)
        return self.chain

    def moved_object(self):
        """A page that used to live at this address in this language, if the visitor may see it."""
        redirect = (
            PageRedirect.objects.filter(
                language=translation.get_language(),
                old_path=self.kwargs["url_path"],
                page__in=self.get_queryset(),
            )
            .select_related("page")
            .first()
        )
        return redirect.page if redirect else None

    def moved_url(self, page):
        return page.get_absolute_url()  # the home page has no path

    def get_context_data(self, **kwargs):
        page = self.object
        # Whoever sees this page sees the pages above it (self.chain).
        breadcrumbs = self.chain[:-1]
        return super().get_context_data(
            breadcrumbs=breadcrumbs,
            # The top-level page this one belongs to, marked in the main menu.
            section=breadcrumbs[0] if breadcrumbs else page,
            # Staff only (the public never gets here under a hidden page): the page above that
            # keeps this one from the public.
            hidden_above=next((link for link in breadcrumbs if not link.is_published), None),
            # Only what a link shows is loaded.
            subpages=page.children.filter(published_q()).only(*Page.LINK_FIELDS),
            milestones=page.milestones.all(),
            **kwargs,
        )


KEY_DATES = 6


@public_read
class HomeView(TemplateView):
    template_name = "pages/home.html"

    def get_context_data(self, **kwargs):
        # Before any content is loaded the home page still answers, with the Centre's name.
        page = Page.objects.home(self.request.user)
        return super().get_context_data(
            page=page,
            object=page,
            # The first few: the home page stays the same size however many milestones
            # pages gather.
            key_dates=list(
                Milestone.objects.visible_to(self.request.user)
                .select_related("page")
                # The page is a link ("More in …"): its title and address only.
                .only("date", "title", "page__title", "page__url_path", "page__is_home")[:KEY_DATES]
            ),
            **kwargs,
        )
