"""The client's address, as the login lockout counts it."""

import ipaddress

from django.conf import settings


def client_ip(request):
    """
    ``REMOTE_ADDR``, or behind ``TRUSTED_PROXY_COUNT`` proxies the N-th address from the right
    of ``X-Forwarded-For`` (each proxy appends one; what the client wrote further left is
    ignored). A missing, short or malformed header falls back to ``REMOTE_ADDR``.
    """
    remote, count = request.META.get("REMOTE_ADDR", ""), settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    forwarded = [part.strip() for part in forwarded if part.strip()]
    if not 0 < count <= len(forwarded):
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-count]))
    except ValueError:
        return remote
