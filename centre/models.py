"""Building blocks shared by the content apps, and the one taxonomy they share."""

import hashlib

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import DatabaseError, models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device

from centre.i18n import translation_languages
from centre.text import slugify_az


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


def choice_label(choices, value):
    """
    What Django's ``get_<field>_display()`` gives for ``value`` of the ``choices`` enum (its
    label as text, or the value itself if it is not one), with one lookup: Django's flattens
    and hashes every choice on each call (about 150 Python calls; cards and lists ask per item).
    """
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def may_publish(user):
    """Whether ``user`` holds any ``publish_<model>`` permission (a Publisher; superusers)."""
    return any(
        permission.partition(".")[2].startswith("publish_")
        for permission in user.get_all_permissions()
    )


def two_factor_required(user):
    """
    Whether ``ADMIN_REQUIRE_2FA`` asks ``user`` for an authenticator app before the admin and
    previews: ``"superusers"``, ``"publishers"`` (and superusers), ``"staff"`` (every staff
    member), or ``""`` (nobody). ``True`` is read as ``"superusers"``, as it always meant.
    """
    level = settings.ADMIN_REQUIRE_2FA
    if not (level and user.is_active and user.is_staff):
        return False
    if level == "staff" or user.is_superuser:
        return True
    return level == "publishers" and may_publish(user)


def passed_two_factor(user):
    """A code entered this session (OTPMiddleware's ``is_verified()``), or none required nor set."""
    if getattr(user, "is_verified", lambda: False)():
        return True
    if two_factor_required(user):
        return False
    # Once per user object (a request): every public queryset asks, the answer cannot change.
    if not hasattr(user, "_centre_has_device"):
        user._centre_has_device = user_has_device(user)
    return not user._centre_has_device


def can_preview_drafts(user):
    """
    Staff see drafts and future items (with a notice); nobody else ever does. A staff member
    the admin still asks for a two-factor code sees what the public sees: whoever may not use
    the admin yet may not preview either.
    """
    return user.is_active and user.is_staff and passed_two_factor(user)


def published_q(prefix=""):
    """What the public may see, as a condition on ``prefix`` (e.g. ``"page__"``, through a join)."""
    return Q(**{f"{prefix}status": Status.PUBLISHED}) & (
        Q(**{f"{prefix}publish_from__isnull": True})
        | Q(**{f"{prefix}publish_from__lte": timezone.now()})
    )


def visible_q(user, prefix=""):
    """What ``user`` may see, as a condition on ``prefix``: staff everything, others the public."""
    # Staff preview is a deliberate branch: every public view starts here.
    return Q() if can_preview_drafts(user) else published_q(prefix)


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_q())

    def visible_to(self, user):
        return self.filter(visible_q(user))


class Publishable(models.Model):
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT, db_index=True
    )
    publish_from = models.DateTimeField(
        _("publish from"),
        null=True,
        blank=True,
        help_text=_("Leave empty to publish at once; a future time keeps it hidden until then."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED and (
            self.publish_from is None or self.publish_from <= timezone.now()
        )

    @property
    def search_visible_from(self):
        """When the site search may start showing it (see centre.search)."""
        return self.publish_from


def text_digest(text):
    return hashlib.sha256((text or "").encode()).hexdigest()[:16]


def translations(obj, fields):
    """``(field, language, Azerbaijani text, translation)`` for each translation of ``fields``."""
    for field in fields:
        source = getattr(obj, f"{field}_{settings.LANGUAGE_CODE}")
        for code in translation_languages():
            yield field, code, source, getattr(obj, f"{field}_{code}")


def missing_translations(obj, fields):
    """``{language: [field, …]}`` for fields with Azerbaijani text and no translation."""
    missing = {}
    for field, code, source, translation in translations(obj, fields):
        if source and not translation:
            missing.setdefault(code, []).append(field)
    return missing


class TranslationTracked(models.Model):
    """
    ``translation_sources`` keeps digests of each translation and of the Azerbaijani text when
    it was last saved (or marked as checked). If the Azerbaijani text changes afterwards, the
    translation is *stale* until staff edit it or mark it as checked.
    """

    tracked_translation_fields = ()

    translation_sources = models.JSONField(
        _("translation sources"), default=dict, blank=True, editable=False
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.record_translation_sources()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "translation_sources"}
        super().save(*args, **kwargs)

    def _translations(self):
        return translations(self, self.tracked_translation_fields)

    def record_translation_sources(self):
        sources = dict(self.translation_sources or {})
        for field, code, source, translation in self._translations():
            key = f"{field}:{code}"
            if not translation:
                sources.pop(key, None)
            elif sources.get(key, {}).get("text") != text_digest(translation):
                sources[key] = {"text": text_digest(translation), "source": text_digest(source)}
        self.translation_sources = sources

    def stale_translations(self):
        """``{language: [field, …]}`` for translations older than their Azerbaijani text."""
        stale = {}
        for field, code, source, translation in self._translations():
            recorded = (self.translation_sources or {}).get(f"{field}:{code}")
            if translation and recorded and recorded["source"] != text_digest(source):
                stale.setdefault(code, []).append(field)
        return stale

    def missing_translations(self):
        return missing_translations(self, self.tracked_translation_fields)

    @property
    def stale_languages(self):
        return list(self.stale_translations())

    def mark_translations_checked(self, languages=None, fields=None):
        """Accept the current translations (of ``fields`` into ``languages``; None: all) as up
        to date (the caller saves)."""
        self.record_translation_sources()
        for field, code, source, _translation in self._translations():
            key = f"{field}:{code}"
            if (
                key in self.translation_sources
                and (languages is None or code in languages)
                and (fields is None or field in fields)
            ):
                self.translation_sources[key]["source"] = text_digest(source)


class Taxonomy(models.Model):
    """A term lists are filtered by (``?<kind>=<slug>``): a translated name, a slug, an order."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("Used in filter addresses. Made from the name if left empty."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "slug"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify_az(self.name_az or self.name)
        super().save(*args, **kwargs)


class Technology(Taxonomy):
    """The one taxonomy partners and publications share, so both are filtered by it."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("technology")
        verbose_name_plural = _("technologies")


class SearchEntry(models.Model):
    """
    One object's text in one language for the site search: where it has none, its Azerbaijani
    text (``text_language`` says so), so it is still found from /en/ and /ru/. ``*_folded``
    make both databases match alike; ``search_vector`` stays empty on SQLite.
    """

    model = models.CharField(_("type"), max_length=100)  # "app_label.model_name"
    object_id = models.PositiveBigIntegerField(_("object"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    text_language = models.CharField(
        _("language of the text"), max_length=10, choices=settings.LANGUAGES
    )
    title = models.CharField(_("title"), max_length=500)
    title_folded = models.CharField(max_length=502)
    body = models.TextField(_("text"), blank=True)
    body_folded = models.TextField(blank=True)
    url = models.CharField(_("address"), max_length=1000)
    date = models.DateField(_("date"), null=True, blank=True)
    visible_from = models.DateTimeField(null=True, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)
    # What ranking reads: the title and the text's opening, small enough to stay in the row;
    # search_vector, every word with its places, is for matching only.
    rank_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        ordering = ["language", "model", "object_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["model", "object_id", "language"], name="centre_one_search_entry"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.language})"


class SiteContact(models.Model):
    """
    The Centre's contact details in every page's footer, as staff set them in the admin (one
    row). Empty until then: the footer shows only what someone has confirmed.
    """

    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True, help_text=_("For example https://…"))
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    address = models.CharField(_("postal address"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")

    def __str__(self):
        return str(_("Contact details"))

    def save(self, *args, **kwargs):
        self.pk = 1  # the one row
        super().save(*args, **kwargs)

    @classmethod
    def current(cls):
        """The saved details, or empty ones; kept until staff next change anything."""
        from centre import cache  # centre.cache imports this module

        try:
            return cache.kept_for_this_generation(
                "site-contact", lambda: cls.objects.filter(pk=1).first() or cls()
            )
        except DatabaseError:  # the database is down: its error page shows no details
            return cls()


class ReviewRequestQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(closed_at__isnull=True)

    def rejected(self):
        return self.filter(closed_at__isnull=False).exclude(rejection_reason="")

    def for_object(self, obj):
        content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        return self.filter(content_type=content_type, object_id=obj.pk)


class ReviewRequest(models.Model):
    """
    An editor's "Save and ask for review" on a content item: waiting until a publisher publishes
    it (closed, no reason) or rejects it (closed, with the reason the editor reads).
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("asked"), default=timezone.now)
    message = models.TextField(_("message to the publisher"), blank=True, max_length=2000)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.TextField(_("reason"), blank=True, max_length=2000)

    objects = ReviewRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("review request")
        verbose_name_plural = _("review requests")
        ordering = ["requested_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return str(self.content_object)

    def close(self, user, reason=""):
        self.closed_by, self.closed_at, self.rejection_reason = user, timezone.now(), reason
        self.save(update_fields=["closed_by", "closed_at", "rejection_reason"])


class StaffLanguage(models.Model):
    """The language a staff member last used the admin home in: their e-mails are written in it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("staff language")
        verbose_name_plural = _("staff languages")

    def __str__(self):
        return f"{self.user}: {self.language}"

    @classmethod
    def remember(cls, user, language):
        """One upsert, whether or not a row exists."""
        cls.objects.bulk_create(
            [cls(user=user, language=language)],
            update_conflicts=True,
            unique_fields=["user"],
            update_fields=["language"],
        )
