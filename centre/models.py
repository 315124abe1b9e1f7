"""Building blocks shared by the content apps. ``centre`` itself stores nothing."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
