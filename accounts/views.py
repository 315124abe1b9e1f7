from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, resolve_url
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods

from . import lockout, twofactor
from .forms import AdminLoginForm, CodeForm


def locked_out(request, original_response=None, credentials=None):
    """
    What django-axes answers once a user name, or the address as a whole, has failed too often:
    the admin login page again, saying why and for how long, in the visitor's language (429).
    """
    from django.contrib import admin

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


@never_cache
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def two_factor(request, site):
    """
    The staff member's two-factor login: set up an authenticator app, enter its code after the
    password, or turn it off again (not when it is required).
    """
    user = request.user
    if not (user.is_active and user.is_staff):
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    device = twofactor.confirmed_device(user)
    verified = twofactor.is_verified(request)
    if device is None:
        mode, device = "enrol", twofactor.pending_device(user)
    elif not verified:
        mode = "verify"
    else:
        mode = "manage"
    form = CodeForm(request.POST or None, device=device, request=request)
    if request.method == "POST" and form.is_valid():
        if mode == "manage":
            if twofactor.is_required(user):
                messages.error(request, _("Your account must keep two-factor login on."))
                return redirect("admin:two_factor")
            twofactor.turn_off(request)
            messages.success(request, _("Two-factor login is off."))
            return redirect("admin:index")
        twofactor.confirm(request, device)
        if mode == "enrol":
            messages.success(
                request,
                _("Two-factor login is on: from now on, enter the app's code when you log in."),
            )
        return redirect(_next_url(request))
    context = {
        **site.each_context(request),
        "title": _("Two-factor login"),
        "mode": mode,
        "form": form,
        "device": device,
        "required": twofactor.is_required(user),
        "next": _next_url(request),
    }
    if mode == "enrol":
        context["qr_code"] = twofactor.qr_code_svg(device)
        context["key"] = twofactor.grouped_key(device)
    return TemplateResponse(request, "admin/two_factor.html", context)


def _next_url(request):
    """Where to go after the two-factor step: a safe ``next``, else the admin's index."""
    url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return resolve_url(settings.LOGIN_REDIRECT_URL)
