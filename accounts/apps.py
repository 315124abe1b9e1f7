from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPAppConfig


class AccountsConfig(AppConfig):
    """Staff accounts: roles, two-factor login, login lockout (README: "Staff accounts")."""

    name = "accounts"
    verbose_name = _("Staff accounts")
    default = True


class CentreAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "accounts.admin_site.CentreAdminSite"


# The libraries' apps under names staff understand, in their language (the admin index shows
# an app's verbose_name; the libraries leave it as the bare label, "AXES", "OTP_TOTP").
class AxesConfig(AxesAppConfig):
    """django-axes: the login lockout's records of failed and successful logins."""

    default = False
    verbose_name = _("Login lockout")


class TOTPConfig(TOTPAppConfig):
    """django-otp's authenticator-app (TOTP) devices, for two-factor login."""

    default = False
    verbose_name = _("Two-factor login")
