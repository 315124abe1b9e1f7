from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import get_language, gettext

from centre.admin_input import with_sane_input
from centre.text import collation_key

# The admin index, content first: what editors work on, then the site's settings, then staff
# accounts and security. Apps not named here follow, by name.
APP_ORDER = ["pages", "partners", "publications", "centre", "accounts", "auth", "axes", "otp_totp"]


class CentreAdminSite(admin.AdminSite):
    """
    The admin, with two-factor login: staff who have an authenticator app enter its code when
    they log in, and whoever ``ADMIN_REQUIRE_2FA`` covers cannot use the admin without one.
    """

    login_template = "admin/centre_login.html"

    @property
    def login_form(self):
        # Imported late: this module is loaded before the models are ready.
        from .forms import AdminLoginForm

        return AdminLoginForm

    def has_permission(self, request):
        from . import twofactor

        return super().has_permission(request) and twofactor.admin_allowed(request)

    def login(self, request, extra_context=None):
        from . import twofactor

        user = request.user
        if (
            request.method == "GET"
            and user.is_active
            and user.is_staff
            and not twofactor.admin_allowed(request)
        ):
            # Logged in with a password, but the two-factor step is missing; where the login
            # was headed goes along (the two-factor step checks that it is safe).
            url = reverse("admin:two_factor")
            if request.GET.get(REDIRECT_FIELD_NAME):
                url += "?" + urlencode({REDIRECT_FIELD_NAME: request.GET[REDIRECT_FIELD_NAME]})
            return redirect(url)
        return super().login(request, extra_context)

    def get_app_list(self, request, app_label=None):
        language = get_language() or "en"
        app_list = []
        for app in self._build_app_dict(request, app_label).values():
            for model in app["models"]:
                # A library's model name that is not marked for translation (django-otp's
                # "TOTP devices") is looked up in our catalogue; a translated one stays as it is.
                model["name"] = gettext(str(model["name"]))
            app["models"].sort(key=lambda model: collation_key(model["name"], language))
            app_list.append(app)
        position = {label: number for number, label in enumerate(APP_ORDER)}
        app_list.sort(
            key=lambda app: (
                position.get(app["app_label"], len(APP_ORDER)),
                collation_key(str(app["name"]), language),
            )
        )
        return app_list

    def register(self, model_or_iterable, admin_class=None, **options):
        # Every admin, Django's and the libraries' too, with bounded input (centre.admin_input).
        admin_class = with_sane_input(admin_class or admin.ModelAdmin)
        super().register(model_or_iterable, admin_class, **options)

    def get_urls(self):
        from .views import two_factor

        # Not behind admin_view(): it is where a session that may not use the admin yet goes.
        return [
            path("two-factor/", two_factor, {"site": self}, name="two_factor"),
            *super().get_urls(),
        ]
