"""History (django-reversion) as every content admin records it."""

from contextlib import contextmanager

import reversion
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from reversion.models import Version

# The first version's comment, kept in English and shown in each reader's language.
FIRST_VERSION = gettext_noop("As it was before its first change in the admin")


@contextmanager
def revision(request):
    """One revision of what is saved inside, by ``request.user``."""
    with reversion.create_revision():
        reversion.set_user(request.user)
        yield


def keep_first_version(obj):
    """
    Before the first change of ``obj`` recorded in history, what is stored becomes its first
    version (dated when it was last saved): for content from the seed or a restore, the text
    its translations were made from is then in history too (``centre.translating``).
    """
    if obj is not None and not Version.objects.get_for_object(obj).exists():
        # By nobody the history knows: not by whoever makes the first change.
        with reversion.create_revision():
            reversion.add_to_revision(obj)
            reversion.set_date_created(getattr(obj, "updated_at", None) or timezone.now())
            reversion.set_comment(FIRST_VERSION)


def comment(revision):
    """What ``revision``'s comment says, the first version's in the reader's language."""
    text = revision.get_comment()
    return gettext(text) if text == FIRST_VERSION else text
