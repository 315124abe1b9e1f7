from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff accounts: roles, two-factor login, login lockout (README: "Staff accounts")."""

    name = "accounts"
    verbose_name = _("Staff accounts")
    default = True


class CentreAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, with the site's own admin site as the default one."""

    default = False
    default_site = "accounts.admin_site.CentreAdminSite"
