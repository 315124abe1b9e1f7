"""Two-factor login with an authenticator app (TOTP, django-otp)."""

from base64 import b32encode

import segno
from django.utils.safestring import mark_safe
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from centre.models import passed_two_factor, two_factor_required


def confirmed_device(user):
    """The user's authenticator, once its first code has been entered; else None."""
    if not user.is_authenticated:
        return None
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_device(user):
    """The authenticator being set up: made once, shown until its first code is entered."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def is_required(user):
    """Whether ``ADMIN_REQUIRE_2FA`` asks ``user`` for an authenticator (centre.models)."""
    return two_factor_required(user)


def is_verified(request):
    verified = getattr(request.user, "is_verified", None)
    return bool(verified and verified())


def admin_allowed(request):
    """
    Whether this session has passed the two-factor check the admin asks of its user: a user with
    an authenticator has entered a code, and whoever ``ADMIN_REQUIRE_2FA`` covers has one. The
    rule lives in centre.models because draft previews on the public site follow it too.
    """
    return passed_two_factor(request.user)


def check_code(device, code):
    """Whether ``code`` is the device's current code (wrong guesses slow the device down)."""
    code = "".join((code or "").split())
    return bool(code) and code.isascii() and code.isdigit() and device.verify_token(code)


def confirm(request, device):
    """Make ``device`` the user's authenticator and mark this session as verified by it."""
    TOTPDevice.objects.devices_for_user(request.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)


def turn_off(request):
    TOTPDevice.objects.devices_for_user(request.user, confirmed=None).delete()
    request.session.pop(DEVICE_ID_SESSION_KEY, None)


def grouped_key(device):
    """The secret in base32 groups of four, for typing into an app instead of scanning."""
    key = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[index : index + 4] for index in range(0, len(key), 4))


def qr_code_svg(device):
    """The device's ``otpauth://`` address as an inline SVG QR code (no outside service)."""
    svg = segno.make(device.config_url, error="m").svg_inline(scale=5, border=2)
    return mark_safe(svg)  # noqa: S308 - segno's own markup, made from our own URL
