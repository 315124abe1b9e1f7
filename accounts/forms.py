from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _

from . import twofactor


def code_field(**kwargs):
    return forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
        **kwargs,
    )


class AdminLoginForm(AdminAuthenticationForm):
    """
    The admin's login: user name, password and, for staff who turned on two-factor login, the
    code from their authenticator app. A wrong code counts as a failed login (django-axes).
    """

    otp_token = code_field(
        required=False, help_text=_("Only if you have turned on two-factor login.")
    )

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "token_required": _("Enter the code from your authenticator app as well."),
        "invalid_token": _("This code is not right or has expired. Enter the current code."),
    }

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        device = twofactor.confirmed_device(user) if user is not None else None
        if device is not None:
            code = cleaned_data.get("otp_token", "")
            if not code:
                raise forms.ValidationError(
                    self.error_messages["token_required"], code="token_required"
                )
            if not twofactor.check_code(device, code):
                user_login_failed.send(
                    sender=__name__,
                    credentials={"username": cleaned_data.get("username")},
                    request=self.request,
                )
                raise forms.ValidationError(
                    self.error_messages["invalid_token"], code="invalid_token"
                )
            # django-otp marks the session as verified by this device when the login completes.
            user.otp_device = device
        return cleaned_data


class CodeForm(forms.Form):
    """One code from the authenticator app: to confirm it, to log in, to turn it off."""

    code = code_field()

    def __init__(self, *args, device, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.device, self.request = device, request

    def clean_code(self):
        code = self.cleaned_data["code"]
        if not twofactor.check_code(self.device, code):
            if self.device.confirmed:
                user_login_failed.send(
                    sender=__name__,
                    credentials={"username": self.request.user.get_username()},
                    request=self.request,
                )
            raise forms.ValidationError(
                _("This code is not right or has expired. Enter the current code."),
                code="invalid_token",
            )
        return code
