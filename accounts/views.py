from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.views import RedirectURLMixin, redirect_to_login
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.generic import FormView
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from centre.models import two_factor_required

from . import lockout
from .forms import AdminLoginForm, CodeForm, authenticator


def locked_out(request, original_response=None, credentials=None):
    """django-axes's answer to a locked-out login: the login page saying why and how long (429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    if lockout.address_locked(request):
        message = ngettext(
            "Too many failed login attempts from your address. For your security, logging in "
            "from it is blocked for %(minutes)d minute. Try again later, or ask an "
            "administrator to unlock it.",
            "Too many failed login attempts from your address. For your security, logging in "
            "from it is blocked for %(minutes)d minutes. Try again later, or ask an "
            "administrator to unlock it.",
            minutes,
        )
    else:
        message = ngettext(
            "Too many failed login attempts. For your security, logging in with this user name "
            "from your address is blocked for %(minutes)d minute. Try again later, or ask an "
            "administrator to unlock the account.",
            "Too many failed login attempts. For your security, logging in with this user name "
            "from your address is blocked for %(minutes)d minutes. Try again later, or ask an "
            "administrator to unlock the account.",
            minutes,
        )
    context = {
        **admin.site.each_context(request),
        "title": _("Log in"),
        "form": AdminLoginForm(request),
        "app_path": reverse("admin:login"),
        "next": reverse("admin:index"),
        "locked_out_message": message % {"minutes": minutes},
    }
    response = TemplateResponse(request, "admin/centre_login.html", context, status=429)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response.render()


@method_decorator([never_cache, csrf_protect], name="dispatch")
class TwoFactorView(RedirectURLMixin, FormView):
    """Set up an authenticator app, enter its code after the password, or turn it off."""

    template_name = "admin/two_factor.html"
    form_class = CodeForm
    http_method_names = ["get", "head", "post"]
    next_page = settings.LOGIN_REDIRECT_URL
    site = None

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not (user.is_active and user.is_staff):
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        self.device = authenticator(user)
        if self.device is None:
            self.mode = "enrol"  # with a device made once, shown until its first code is entered
            self.device = authenticator(user, confirmed=False) or TOTPDevice.objects.create(
                user=user, name="authenticator", confirmed=False
            )
        else:
            self.mode = "manage" if user.is_verified() else "verify"
        self.required = two_factor_required(user)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "device": self.device, "request": self.request}

    def form_valid(self, form):
        request, devices = self.request, TOTPDevice.objects.devices_for_user(self.request.user)
        if self.mode == "manage":
            if self.required:
                messages.error(request, _("Your account must keep two-factor login on."))
                return redirect("admin:two_factor")
            devices.delete()
            request.session.pop(DEVICE_ID_SESSION_KEY, None)
            messages.success(request, _("Two-factor login is off."))
            return redirect("admin:index")
        # The device just confirmed is the user's authenticator, and this session passed with it.
        devices.exclude(pk=self.device.pk).delete()
        self.device.confirmed = True
        self.device.save(update_fields=["confirmed"])
        otp_login(request, self.device)
        if self.mode == "enrol":
            messages.success(
                request,
                _("Two-factor login is on: from now on, enter the app's code when you log in."),
            )
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = {
            **self.site.each_context(self.request),
            **super().get_context_data(**kwargs),
            "title": _("Two-factor login"),
            "mode": self.mode,
            "required": self.required,
            "next": self.get_redirect_url(),
        }
        if self.mode == "enrol":
            # The secret as a QR code (inline SVG, no outside service) and in groups of four,
            # for typing into an app instead of scanning.
            svg = segno.make(self.device.config_url, error="m").svg_inline(scale=5, border=2)
            context["qr_code"] = mark_safe(svg)  # noqa: S308 - segno's markup of our own URL
            key = b32encode(self.device.bin_key).decode("ascii").rstrip("=")
            context["key"] = " ".join(key[index : index + 4] for index in range(0, len(key), 4))
        return context
