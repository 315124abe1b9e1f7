from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Concat
from django.db.models.lookups import StartsWith
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from modeltranslation.utils import get_translation_fields

from centre import slugs
from centre.addresses import slug_address
from centre.files import FileOwner, OwnedImageField, SharedImage
from centre.html import RICH_TEXT_EDITOR_CONFIG, sanitize_html
from centre.i18n import language_codes, localized_field
from centre.images import validate_image, validate_image_file_size
from centre.models import (
    Publishable,
    PublishableQuerySet,
    Status,
    TranslationTracked,
    can_preview_drafts,
    published_q,
    visible_q,
)
from centre.search import documents_in_each_language, index_object
from centre.storage import atomic_with_files

# Every language's paths have the same shape; the default language's tell the ancestors.
TREE_PATH = localized_field("url_path", settings.LANGUAGE_CODE)
MAX_PATH = 1000
# What a save compares with the stored row: a move, or a change of who sees the pages under it.
STATE_FIELDS = ("status", "publish_from", *get_translation_fields("url_path"))


def public_page_q(prefix=""):
    """
    Published pages (``prefix``: e.g. ``"page__"``) under pages all published: those whose
    stored path its own starts with. A scheduled one hides what is under it until its time.
    """
    # Not published, or not yet: ``exclude(published_q())``, without the NULL checks a negated
    # condition on a nullable column adds (700 calls less to build).
    hidden_above = Page.objects.filter(
        ~models.Q(status=Status.PUBLISHED) | models.Q(publish_from__gt=timezone.now()),
        StartsWith(models.OuterRef(f"{prefix}{TREE_PATH}"), Concat(TREE_PATH, models.Value("/"))),
    )
    return published_q(prefix) & ~models.Exists(hidden_above)


def paths_to(url_path):
    """The stored paths from the top of the tree down to ``url_path``: "a", "a/b", "a/b/c"."""
    parts = url_path.split("/")
    return ["/".join(parts[:depth]) for depth in range(1, len(parts) + 1)]


class PageQuerySet(slugs.TranslatedSlugQuerySet, PublishableQuerySet):
    def published(self):
        return self.filter(public_page_q())

    def visible_to(self, user):
        return self.all() if can_preview_drafts(user) else self.published()

    def home(self, user):
        """The home page if ``user`` may see it (no page above it can hide it), else None."""
        return self.filter(visible_q(user), is_home=True).first()

    def menu(self):
        return self.published().filter(parent=None, is_home=False, show_in_menu=True)

    def at_address(self, url_path, user):
        """
        The page at ``url_path`` (in the active language) after the pages above it, if ``user``
        may see them all, which is what ``visible_to`` asks, without its subquery; else none.
        """
        # No page is there: not 500 paths to look up, nor a path per slash ("a//b", "/a", "a/"
        # have an empty segment, and no page's slug is empty).
        if len(url_path) > MAX_PATH or "//" in f"/{url_path}/":
            return []
        paths = paths_to(url_path)
        pages = list(self.filter(visible_q(user)).at_paths(paths))
        return pages if len(pages) == len(paths) else []

    def at_path(self, url_path, language=None):
        return self.at_paths([url_path], language)

    def at_paths(self, url_paths, language=None):
        """The pages at ``url_paths``, shallowest first (for breadcrumbs)."""
        column = localized_field("url_path", language or translation.get_language())
        return self.filter(**{f"{column}__in": url_paths}).order_by(column)


class Page(slugs.TranslatedSlugs, SharedImage, FileOwner, Publishable, TranslationTracked):
    """
    Each page stores its full path per language (``url_path_az``, ``url_path_en``, …), built
    from its ancestors' slugs, so a request finds its page in one query. When a slug changes,
    the descendants' paths follow and each old path is kept as a :class:`PageRedirect`.
    """

    title = models.CharField(_("title"), max_length=200)
    slug = slugs.slug_field(
        _(
            "The page's part of the address, in Latin letters. Leave empty to make it from the "
            "title; a language without a title uses the Azerbaijani slug."
        )
    )
    url_path = models.CharField(_("address"), max_length=MAX_PATH, blank=True, editable=False)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences shown under the title.")
    )
    body = ProseEditorField(
        _("body"), blank=True, config=RICH_TEXT_EDITOR_CONFIG, sanitize=sanitize_html
    )
    seo_description = models.CharField(
        _("description for search engines"),
        max_length=300,
        blank=True,
        help_text=_("Shown in search results. Leave empty to use the summary."),
    )
    og_image = OwnedImageField(
        _("sharing image"),
        upload_to="pages/sharing/",
        blank=True,
        validators=[validate_image_file_size, validate_image],
        help_text=_("Shown when the page is shared on social networks. PNG, JPEG or WebP."),
    )

    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent page"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        limit_choices_to={"is_home": False},
    )
    is_home = models.BooleanField(_("home page"), default=False)
    show_in_menu = models.BooleanField(_("show in menu"), default=True)
    menu_order = models.PositiveIntegerField(_("menu order"), default=0)

    objects = PageQuerySet.as_manager()

    served_file_fields = ("og_image",)
    meta_image, meta_description_from = "og_image", ("seo_description", "summary")

    tracked_translation_fields = ("title", "summary", "body", "seo_description")
    # What a link to a page (menu, breadcrumbs, subpages) shows, and what tells which of them
    # it is: the rest stays in the database.
    LINK_FIELDS = (
        "title",
        "summary",
        "url_path",
        "is_home",
        "status",
        "publish_from",
        "parent",
        "show_in_menu",
        "menu_order",
    )

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["menu_order", "pk"]
        # Held by the Publisher role (accounts/): editors write, publishers decide what is public.
        permissions = [("publish_page", _("Can publish and withdraw pages"))]
        constraints = [
            models.UniqueConstraint(
                fields=["is_home"], condition=models.Q(is_home=True), name="pages_one_home_page"
            ),
            models.CheckConstraint(
                condition=models.Q(is_home=False) | models.Q(parent=None),
                name="pages_home_has_no_parent",
            ),
        ] + [
            # One page per address in each language (the columns come from modeltranslation).
            models.UniqueConstraint(
                fields=[localized_field("url_path", code)], name=f"pages_unique_url_path_{code}"
            )
            for code, _name in settings.LANGUAGES
        ]
        indexes = [
            # The main menu (parent IS NULL) and a page's subpages, in menu order.
            models.Index(fields=["parent", "menu_order", "id"], name="pages_children_in_order"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if self.is_home:
            return reverse("pages:home")
        return slug_address("pages:detail", "url_path", self.url_path)

    def search_documents(self):
        if any(page.status != Status.PUBLISHED for page in [self, *self.ancestors()]):
            return []
        return documents_in_each_language(self, "title", ("summary", "body"))

    def public_state(self):
        """
        Whether the public sees this page where it is now placed: ``None`` never (a draft on
        the way up), ``True`` already, or the time it appears. The pages under it follow it.
        """
        chain = [self]
        if self.parent_id and not self.is_home:
            chain += [self.parent, *self.parent.ancestors()]
        if any(page.status != Status.PUBLISHED for page in chain):
            return None
        start = max((page.publish_from for page in chain if page.publish_from), default=None)
        return True if start is None or start <= timezone.now() else start

    @property
    def search_visible_from(self):
        times = [page.publish_from for page in [self, *self.ancestors()] if page.publish_from]
        return max(times, default=None)

    def ancestors(self):
        """The pages above this one, nearest last."""
        if not self.pk or self.is_home:
            return []
        paths = self.breadcrumb_paths(settings.LANGUAGE_CODE)
        return list(Page.objects.at_paths(paths, settings.LANGUAGE_CODE))

    def descendants(self):
        return Page.objects.filter(
            **{f"{TREE_PATH}__startswith": f"{self.url_path_in(settings.LANGUAGE_CODE)}/"}
        ).exclude(pk=self.pk)

    def url_path_in(self, language):
        return getattr(self, localized_field("url_path", language))

    def breadcrumb_paths(self, language=None):
        """The stored paths of this page's ancestors, nearest last."""
        return paths_to(self.url_path_in(language or translation.get_language()))[:-1]

    def addresses(self):
        """``{language: full path}`` from the parent's stored paths and this page's slugs."""
        if self.is_home:
            return dict.fromkeys(language_codes(), "")
        paths = {}
        for code in language_codes():
            segment = self.slug_in(code)
            parent_path = self.parent.url_path_in(code) if self.parent else ""
            paths[code] = f"{parent_path}/{segment}" if parent_path else segment
        return paths

    def clean(self):
        if self.is_home and self.parent_id:
            raise ValidationError({"parent": _("The home page cannot have a parent page.")})
        if self.pk and self.parent_id:
            below_itself = self.descendants().filter(pk=self.parent_id).exists()
            if below_itself or self.parent_id == self.pk:
                raise ValidationError({"parent": _("A page cannot be placed under itself.")})
        super().clean()  # the slugs, and the paths they make: this page's own

    def address_taken(self, language, path):
        if Page.objects.exclude(pk=self.pk).at_path(path, language).exists():
            message = _("Another page already has the address “%(path)s”.")
        elif not self.parent_id and self._path_is_taken_by_the_site(language, path):
            message = _("The address “%(path)s” is used by another part of the site.")
        else:
            return None
        return message % {"path": path}

    @staticmethod
    def _path_is_taken_by_the_site(language, path):
        with translation.override(language):
            try:
                match = resolve(reverse("pages:home") + path + "/")
            except Resolver404:
                return False
        return match.view_name != "pages:detail"

    def save(self, *args, **kwargs):
        for name in get_translation_fields("body"):
            setattr(self, name, sanitize_html(getattr(self, name)))
        self.fill_slugs()
        # Sharing images are written with the row: a failure removes them with it.
        with atomic_with_files():
            stored = self.pk and Page.objects.filter(pk=self.pk).only(*STATE_FIELDS).first()
            new_paths = self.addresses()
            for code, path in new_paths.items():
                setattr(self, localized_field("url_path", code), path)
            super().save(*args, **kwargs)
            if not stored:
                return
            moved = {
                code: stored.url_path_in(code)
                for code, path in new_paths.items()
                if stored.url_path_in(code) not in (None, path)
            }
            for code, old_path in moved.items():
                if old_path:
                    PageRedirect.objects.update_or_create(
                        language=code, old_path=old_path, defaults={"page": self}
                    )
                # A redirect from the page's new address would shadow nothing, but is stale.
                PageRedirect.objects.filter(language=code, old_path=new_paths[code]).delete()
            if moved:
                for child in self.children.all():
                    child.parent = self
                    child.save()
            elif (stored.status, stored.publish_from) != (self.status, self.publish_from):
                # Whether the public may see the pages under this one has changed with it.
                for page in self.descendants():
                    index_object(page)


class PageRedirect(models.Model):
    """An address a page used to have, answered with a permanent redirect to where it is now."""

    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    old_path = models.CharField(_("old address"), max_length=1000)
    page = models.ForeignKey(
        Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="redirects"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("page redirect")
        verbose_name_plural = _("page redirects")
        ordering = ["language", "old_path"]
        constraints = [
            models.UniqueConstraint(
                fields=["language", "old_path"], name="pages_unique_redirect_per_language"
            )
        ]

    def __str__(self):
        return f"/{self.language}/{self.old_path}/"


class MilestoneQuerySet(models.QuerySet):
    def visible_to(self, user):
        if can_preview_drafts(user):
            return self.all()
        # Through the join: with "page IN (published pages)" the planner spent a millisecond.
        return self.filter(public_page_q("page__"))


class Milestone(models.Model):
    """A dated event in the Centre's history, shown as a timeline on its page."""

    page = models.ForeignKey(
        Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="milestones"
    )
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["page", "date", "id"], name="pages_milestones_by_date")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"
