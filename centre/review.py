"""
Review requests, one mechanism for every content admin: an editor saves a draft and asks for
review, publishers are told by e-mail and see it on the admin home; publishing or rejecting it
ends the wait.
"""

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Publishable, ReviewRequest, StaffLanguage, Status, may_publish


def publish_permission(model):
    opts = model._meta
    return f"{opts.app_label}.publish_{opts.model_name}"


def posted_text(request, name):
    """A posted message or reason as stored: at most 2000 characters, without NUL."""
    # PostgreSQL's text cannot hold a NUL (a 500); no form's CharField refuses it here.
    return request.POST.get(name, "").replace("\x00", "").strip()[:2000]


class ReviewRequestMixin:
    """The "Save and ask for review" button (``_request_review``) of ``ContentAdmin``'s form."""

    def may_request_review(self, request, obj):
        return not self.has_publish_permission(request) and (obj is None or not self.is_public(obj))

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        context["may_request_review"] = self.may_request_review(request, obj)
        if obj is not None:
            context["review"] = ReviewRequest.objects.for_object(obj).order_by("-pk").first()
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "_request_review" in request.POST and self.may_request_review(request, obj):
            self.ask_for_review(request, obj)
        else:
            self.end_review(request, obj)

    def ask_for_review(self, request, obj):
        message = posted_text(request, "review_message")
        self.log_change(request, obj, _("Asked for review.") + (f" {message}" if message else ""))
        # Asking again while it waits replaces the message (the publishers read it on their
        # home, without a second e-mail); after a rejection it asks anew.
        waiting = ReviewRequest.objects.for_object(obj).waiting()
        if waiting.update(message=message, requested_by=request.user):
            return
        ReviewRequest.objects.create(content_object=obj, requested_by=request.user, message=message)
        # Robust: a mail server's failure is logged; the item and its request stay saved, and
        # the publishers still find it on their admin home.
        transaction.on_commit(lambda: notify_publishers(request, obj, message), robust=True)

    def review_events(self, obj):
        """The item's review requests and rejections, for its History page."""
        events = []
        for review in ReviewRequest.objects.for_object(obj).select_related(
            "requested_by", "closed_by"
        ):
            asked = " ".join(filter(None, [_("Asked for review."), review.message]))
            events.append({"date": review.requested_at, "user": review.requested_by, "text": asked})
            if review.rejection_reason:
                rejected = _("Review rejected: %(reason)s") % {"reason": review.rejection_reason}
                events.append(
                    {"date": review.closed_at, "user": review.closed_by, "text": rejected}
                )
        return events

    def end_review(self, request, obj):
        """Publishing an item ends its wait."""
        if self.is_public(obj):
            for review in ReviewRequest.objects.for_object(obj).waiting():
                review.close(request.user)

    def _review_response(self, request, obj, response):
        # Not asked when the item is public (published meanwhile): Django's usual response.
        asked = "_request_review" in request.POST and self.may_request_review(request, obj)
        if not asked or response.status_code != 302:
            return response
        messages.success(request, _("Saved and sent to the publishers for review."))
        return redirect(self._url_name("change"), obj.pk)

    def response_add(self, request, obj, post_url_continue=None):
        return self._review_response(
            request, obj, super().response_add(request, obj, post_url_continue)
        )

    def response_change(self, request, obj):
        return self._review_response(request, obj, super().response_change(request, obj))


def notify_publishers(request, obj, message):
    """One e-mail per publisher who may publish ``obj``."""
    publishers = (
        get_user_model()
        .objects.with_perm(
            publish_permission(type(obj)), backend="django.contrib.auth.backends.ModelBackend"
        )
        .filter(is_active=True, is_staff=True)
        .exclude(email="")
    )
    url = request.build_absolute_uri(change_url(obj))
    languages = dict(
        StaffLanguage.objects.filter(user__in=publishers).values_list("user", "language")
    )
    for publisher in publishers:
        with translation.override(languages.get(publisher.pk, settings.LANGUAGE_CODE)):
            context = {
                "object": obj,
                "kind": obj._meta.verbose_name,
                "editor": request.user,
                "message": message,
                "url": url,
            }
            send_mail(
                # A subject is one line; a hand-made POST can put a line break in a title.
                _("Review requested: %(title)s") % {"title": " ".join(str(obj).split())},
                render_to_string("admin/review_request_email.txt", context),
                None,
                [publisher.email],
            )


def change_url(obj):
    return reverse(admin_urlname(obj._meta, "change"), args=[obj.pk])


def described(obj, when):
    """``obj`` as the desk lists it: its kind, its form's address and the time that matters."""
    # "desk_kind": partners and news items have a "kind" field of their own.
    obj.desk_kind, obj.when = obj._meta.verbose_name, when
    obj.change_url = change_url(obj)
    return obj


def review_desk(user):
    """The admin home's review blocks for ``user``: what waits (a publisher's), and their own."""
    requests = ReviewRequest.objects.select_related("requested_by").prefetch_related(
        "content_object"
    )
    waiting = [
        review
        for review in requests.waiting()
        if review.content_object is not None
        and user.has_perm(publish_permission(type(review.content_object)))
    ]
    # An editor's items, each with its latest request: the rejected ones, and those that wait.
    latest = {}
    for review in requests.filter(requested_by=user).order_by("pk"):
        latest[review.content_type_id, review.object_id] = review
    mine = [review for review in latest.values() if review.content_object is not None]
    rejected = [review for review in mine if review.rejection_reason]
    asked = [review for review in mine if review.closed_at is None]
    for review in [*waiting, *rejected, *asked]:
        described(review.content_object, review.requested_at)
    publisher = may_publish(user)
    return {"publisher": publisher, "waiting": waiting, "rejected": rejected, "asked": asked}


def scheduled_items(user):
    """Published items the public sees only from a future time, soonest first."""
    items = []
    for model in sorted(apps.get_models(), key=lambda model: model._meta.label):
        opts = model._meta
        if not (
            issubclass(model, Publishable)
            and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
        ):
            continue
        for obj in model._default_manager.filter(
            status=Status.PUBLISHED, publish_from__gt=timezone.now()
        ):
            items.append(described(obj, obj.publish_from))
    return sorted(items, key=lambda obj: obj.publish_from)


def my_drafts(user, site, limit=20):
    """What ``user`` last added or changed in the admin that the public does not see yet."""
    entries = (
        LogEntry.objects.filter(user=user)
        .order_by("-action_time")
        .values_list("content_type_id", "object_id")[:100]
    )
    wanted = {}
    for content_type_id, object_id in entries:
        wanted.setdefault(content_type_id, []).append(object_id)
    drafts = []
    for content_type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        model_admin = site.is_registered(model) and site.get_model_admin(model)
        if not hasattr(model_admin, "is_public"):  # only a ContentAdmin's items are drafts
            continue
        for obj in model._default_manager.filter(pk__in=ids):
            if not model_admin.is_public(obj):
                drafts.append(described(obj, obj.updated_at))
    return sorted(drafts, key=lambda obj: obj.updated_at, reverse=True)[:limit]
