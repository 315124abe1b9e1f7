from django.db.models import Prefetch
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView
from modeltranslation.utils import get_translation_fields

from centre.middleware import public_read
from centre.pagination import FilteredListMixin
from centre.slugs import TranslatedSlugMixin

from . import citations, filters
from .downloads import file_response
from .models import READ_INLINE, Publication, PublicationFile, PublicationType

MAX_ID = 2**63 - 1


@public_read
class PublicationListView(FilteredListMixin, ListView):
    template_name = "publications/publication_list.html"
    context_object_name = "publications"
    paginate_by = 12
    filter_names = tuple(filters.LABELS)
    query_parameters = FilteredListMixin.query_parameters | dict.fromkeys(filter_names)

    filter_choices = staticmethod(filters.choices)

    def get_queryset(self):
        lookups = {filters.LOOKUPS[name]: value for name, value in self.active.items()}
        # Only what the cards show, of the publications and of their files.
        shown = ["publication_type", "publication_date", "cover_source"]
        shown += ["cover", "cover_renditions", *get_translation_fields("title", "slug", "abstract")]
        files = PublicationFile.objects.only("publication", "language", "cover", "cover_renditions")
        published = Publication.objects.published().filter(**lookups).newest_first()
        return published.only(*shown).prefetch_related(Prefetch("files", files))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filters_in_force=bool(self.active),
            facets=filters.facets(self.choices, self.active, self.request.path),
            nav_section="publications",
            **kwargs,
        )


class VisiblePublicationMixin(TranslatedSlugMixin):
    """Staff see drafts and future publications (with a notice); the public never does."""

    def get_queryset(self):
        return Publication.objects.visible_to(self.request.user)


@public_read
class PublicationDetailView(VisiblePublicationMixin, DetailView):
    template_name = "publications/publication_detail.html"
    context_object_name = "publication"

    def get_queryset(self):
        return super().get_queryset().with_files()

    def get_context_data(self, **kwargs):
        publication = self.object
        best, own = publication.best_file(), publication.file_for()
        absolute = self.request.build_absolute_uri
        # Each a plain query: cheaper than prefetching them (about 500 calls each).
        technologies = list(publication.technologies.all())
        return super().get_context_data(
            technologies=technologies,
            sectors=list(publication.sectors.all()),
            authors=publication.author_list,
            breadcrumbs=[
                {"title": _("Publications"), "get_absolute_url": reverse("publications:list")}
            ],
            structured_data=publication.structured_data(absolute, technologies),
            files=publication.file_list,
            own_file=own,
            # The page's own language first.
            downloads=sorted(publication.file_list, key=lambda file: file != own),
            best_file=best,
            pdf_url=absolute(best.get_absolute_url()) if best else "",
            nav_section="publications",
            **kwargs,
        )


@public_read
class CitationView(VisiblePublicationMixin, DetailView):
    formats = {
        "bib": (citations.bibtex, "application/x-bibtex; charset=utf-8"),
        "ris": (citations.ris, "application/x-research-info-systems; charset=utf-8"),
    }
    citation_format = "bib"

    def get_queryset(self):
        # A sample has no citation of its own: it would present an invented document as real.
        return (
            super()
            .get_queryset()
            .exclude(publication_type=PublicationType.SAMPLE)
            .with_files()
            .prefetch_related("technologies")
        )

    def render_to_response(self, context, **response_kwargs):
        publication = self.object
        language = translation.get_language()
        export, content_type = self.formats[self.citation_format]
        best = publication.best_file(language)
        text = export(
            publication,
            url=self.request.build_absolute_uri(publication.get_absolute_url()),
            pdf_url=self.request.build_absolute_uri(best.get_absolute_url()) if best else None,
            language=language,
        )
        filename = f"{publication.slug}.{self.citation_format}"
        return HttpResponse(
            text,
            content_type=content_type,
            headers={
                "Content-Disposition": f'attachment; filename="{filename}"',
                "X-Content-Type-Options": "nosniff",
            },
        )


@public_read
def download(request, pk, name):
    """
    A publication's PDF, to the public only while the publication is published: saved, or
    with ``?inline=1`` shown in the browser (the same bytes, ETag and ranges).
    """
    if pk > MAX_ID:  # beyond the database's integers: no such file
        raise Http404
    visible = Publication.objects.visible_to(request.user)
    publication_file = (
        PublicationFile.objects.filter(pk=pk, publication__in=visible)
        .select_related("publication")
        .defer("text")
        .first()
    )
    if publication_file is None or not publication_file.file:
        raise Http404
    inline = request.GET.get(READ_INLINE) == "1"
    if name != publication_file.download_stem:
        # The title (so the readable name) changed: old links still lead to the file.
        return HttpResponsePermanentRedirect(
            publication_file.get_read_url() if inline else publication_file.get_absolute_url()
        )
    public = publication_file.publication.is_published
    if request.method == "HEAD" and not publication_file.file.storage.exists(
        publication_file.file.name
    ):
        raise Http404
    try:
        response, counted = file_response(request, publication_file, public=public, inline=inline)
    except FileNotFoundError as error:
        raise Http404 from error
    if counted and public:
        publication_file.count_download()
    return response
