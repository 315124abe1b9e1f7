from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _
from django_otp.forms import OTPAuthenticationFormMixin
from django_otp.plugins.otp_totp.models import TOTPDevice

WRONG_CODE = _("This code is not right or has expired. Enter the current code.")


def authenticator(user, confirmed=True):
    """The user's authenticator app (a TOTP device): confirmed by its first code, or pending."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=confirmed).first()


def code_field(**kwargs):
    return forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
        **kwargs,
    )


class CodeMixin(OTPAuthenticationFormMixin):
    """A code checked by django-otp; a wrong one counts as a failed login for django-axes."""

    otp_error_messages = {
        **OTPAuthenticationFormMixin.otp_error_messages,
        "token_required": _("Enter the code from your authenticator app as well."),
        "invalid_token": WRONG_CODE,
        # A device slowed down by wrong codes answers alike (django-otp's words are untranslated).
        "n_failed_attempts": WRONG_CODE,
    }

    def clean_otp_token(self):
        return "".join(self.cleaned_data["otp_token"].split())  # "123 456", as apps show it

    def check_code(self, user, device):
        # django-otp asks which device: staff have one authenticator, chosen here, not posted.
        self.cleaned_data["otp_device"] = device.persistent_id
        try:
            self.clean_otp(user)
        except forms.ValidationError as error:
            if error.code != "token_required" and device.confirmed:
                user_login_failed.send(
                    sender=__name__,
                    credentials={"username": user.get_username()},
                    request=self.request,
                )
            if "password" in self.fields:  # the password is typed again, never sent back
                self.fields["password"].widget.render_value = False
            raise


class AdminLoginForm(CodeMixin, AdminAuthenticationForm):
    """User name, password and, for staff with two-factor login, the code beside them."""

    otp_token = code_field(
        required=False, help_text=_("Only if you have turned on two-factor login.")
    )

    def clean(self):
        cleaned_data = super().clean()
        device = authenticator(self.get_user())  # no user, no device: no name or password
        if device is not None:
            self.check_code(self.get_user(), device)
        return cleaned_data


class CodeForm(CodeMixin, forms.Form):
    """One code from the authenticator app: to confirm it, to log in, to turn it off."""

    otp_token = code_field()

    def __init__(self, *args, device, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.device, self.request = device, request

    def clean(self):
        if not self.has_error("otp_token"):
            self.check_code(self.request.user, self.device)
        return self.cleaned_data
