"""
The login lockout's two rules, on top of django-axes (README: "Login lockout").

axes counts failed logins per user name and address (``AXES_LOCKOUT_PARAMETERS``) and locks
once that count reaches the failure limit. Here the limit is a callable (``AXES_FAILURE_LIMIT``,
a documented hook that axes asks with the request): ``LOGIN_FAILURE_LIMIT`` for one user name
from one address, and none left once the address as a whole has failed
``LOGIN_ADDRESS_FAILURE_LIMIT`` times within the cool-off time, whatever user names it tried.

Adding ``"ip_address"`` to ``AXES_LOCKOUT_PARAMETERS`` instead would compare both counts with
the same limit, and a successful login would then reset every count of its address (axes deletes
the attempts matching each parameter), so one valid password would wipe the count of every
other user name tried from there.
"""

from axes.attempts import get_cool_off_threshold
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from .proxies import client_ip


def address_failures(request):
    """Failed logins from the request's address within the cool-off time, any user name."""
    address = getattr(request, "axes_ip_address", None) or client_ip(request)
    if hasattr(request, "axes_attempt_time"):  # the time axes gave this request
        since = get_cool_off_threshold(request)
    else:
        since = timezone.now() - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def address_locked(request):
    return address_failures(request) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT


def failure_limit(request, credentials=None):
    """
    How many failed logins axes allows for this user name from this address: the usual limit,
    or none at all (so axes locks at once) when the address has run out of attempts.
    """
    if address_locked(request):
        return 0
    return settings.LOGIN_FAILURE_LIMIT
