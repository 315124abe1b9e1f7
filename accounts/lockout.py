"""
The login lockout's two rules on top of django-axes: ``LOGIN_FAILURE_LIMIT`` per user name and
address, and none left once the address has failed ``LOGIN_ADDRESS_FAILURE_LIMIT`` times with
any user names (``AXES_FAILURE_LIMIT``, a hook axes asks per request). Not ``"ip_address"`` in
``AXES_LOCKOUT_PARAMETERS``: one valid password would then reset the whole address's count.
"""

from axes.attempts import get_cool_off_threshold
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def address_locked(request):
    """Whether the request's address failed too often within the cool-off time, any user name."""
    # axes has set the request's address and time before it asks any hook of ours.
    attempts = AccessAttempt.objects.filter(
        ip_address=request.axes_ip_address, attempt_time__gte=get_cool_off_threshold(request)
    )
    failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
    return failures >= settings.LOGIN_ADDRESS_FAILURE_LIMIT


def failure_limit(request, credentials=None):
    """The usual limit, or none (axes locks at once) when the address has run out."""
    return 0 if address_locked(request) else settings.LOGIN_FAILURE_LIMIT
