from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from centre.middleware import public_read

from . import feeds, views

app_name = "publications"

urlpatterns = [
    path("", views.PublicationListView.as_view(), name="list"),
    # Django's Feed answers any method: public_read makes the others a 405 with Allow.
    path("rss.xml", public_read(feeds.PublicationsRssFeed()), name="rss"),
    path("atom.xml", public_read(feeds.PublicationsAtomFeed()), name="atom"),
    # A file's stable address: its number, then a readable name that old links may still use.
    path(format_lazy("{}<int:pk>/<slug:name>.pdf", _("files/")), views.download, name="download"),
    path("<slug:slug>/", views.PublicationDetailView.as_view(), name="detail"),
    path(
        "<slug:slug>/citation.bib",
        views.CitationView.as_view(citation_format="bib"),
        name="citation-bibtex",
    ),
    path(
        "<slug:slug>/citation.ris",
        views.CitationView.as_view(citation_format="ris"),
        name="citation-ris",
    ),
]
