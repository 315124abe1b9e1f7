"""The partners' former Azerbaijani address, /az/partnyorlar/ (centre/urls.py includes it)."""

from django.urls import path

from .views import FormerAddressRedirect

urlpatterns = [
    path("", FormerAddressRedirect.as_view(), name="partners-former-list"),
    path("<slug:slug>/", FormerAddressRedirect.as_view(), name="partners-former-detail"),
]
