"""Every kind of content the admin edits, as the role and review tests drive them."""

from collections.abc import Callable
from dataclasses import dataclass, field

from centre.models import Status
from partners.models import Partner

from .factories import make_news_item, make_page, make_partner, make_publication


@dataclass
class Content:
    name: str
    url: str
    make: Callable  # make(title, public) -> object
    title_field: str
    public: dict  # form values that make an object public
    draft: dict  # form values that make it not public
    publish_action: str
    withdraw_action: str
    extra_add_data: dict = field(default_factory=dict)

    def is_public(self, obj):
        obj.refresh_from_db()
        return obj.is_active if isinstance(obj, Partner) else obj.status == Status.PUBLISHED

    def change_url(self, obj):
        return f"{self.url}{obj.pk}/change/"


CONTENT = [
    Content(
        "page",
        "/admin/pages/page/",
        lambda title, public: make_page(title, status=Status.PUBLISHED if public else Status.DRAFT),
        "title_az",
        {"status": Status.PUBLISHED},
        {"status": Status.DRAFT},
        "publish",
        "unpublish",
    ),
    Content(
        "partner",
        "/admin/partners/partner/",
        lambda title, public: make_partner(title, is_active=public),
        "name_az",
        {"is_active": "on"},
        {"is_active": None},
        "activate",
        "deactivate",
        {"kind": "academia"},
    ),
    Content(
        "publication",
        "/admin/publications/publication/",
        lambda title, public: make_publication(
            title, status=Status.PUBLISHED if public else Status.DRAFT
        ),
        "title_az",
        {"status": Status.PUBLISHED},
        {"status": Status.DRAFT},
        "publish",
        "unpublish",
        {"publication_date": "15.01.2024"},
    ),
    Content(
        "news item",
        "/admin/news/newsitem/",
        lambda title, public: make_news_item(
            title, status=Status.PUBLISHED if public else Status.DRAFT
        ),
        "title_az",
        {"status": Status.PUBLISHED},
        {"status": Status.DRAFT},
        "publish",
        "unpublish",
        {"date": "15.01.2024"},
    ),
]
IDS = [content.name for content in CONTENT]
