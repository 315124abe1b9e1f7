"""Building blocks shared by the content apps, and the one taxonomy they share."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from centre.text import slugify_az


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


def can_preview_drafts(user):
    """Staff see drafts and future items (with a notice); nobody else ever does."""
    return user.is_active and user.is_staff


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, and its publish-from time has come."""
        return self.filter(status=Status.PUBLISHED).filter(
            Q(publish_from__isnull=True) | Q(publish_from__lte=timezone.now())
        )

    def visible_to(self, user):
        # Staff preview is a deliberate branch: every public view starts here.
        if can_preview_drafts(user):
            return self.all()
        return self.published()


class Publishable(models.Model):
    """Draft/published status with an optional publish-from time, and timestamps."""

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


class Technology(models.Model):
    """
    A 4IR technology (artificial intelligence, robotics, …): the one taxonomy shared by
    partners and publications, so both can be filtered by it and linked through it.
    """

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("Used in filter addresses (?technology=…). Made from the name if left empty."),
        blank=True,
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("technology")
        verbose_name_plural = _("technologies")
        ordering = ["order", "slug"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify_az(self.name_az or self.name)
        super().save(*args, **kwargs)
