"""
Dates outside 1900–2200 are a form error in every admin form: year 1 at midnight Baku time was
stored by PostgreSQL as a date before Christ that psycopg could not read back (every list and
form of the model gave 500), and SQLite could not store it (500 on save).
"""

import datetime

import pytest
from django import forms
from django.contrib import admin
from django.test import RequestFactory

from centre.models import Status
from pages.models import Milestone, Page

from .admin_forms import page_form_data

pytestmark = pytest.mark.django_db

DATE_FIELDS = (forms.DateField, forms.DateTimeField, forms.SplitDateTimeField)


def admin_forms(user):
    """``(label, form class)`` of every registered ModelAdmin (add and change) and inline."""
    request = RequestFactory().get("/admin/")
    request.user = user
    for model, model_admin in admin.site._registry.items():
        for obj in (None, model()):
            yield f"{model._meta.label}", model_admin.get_form(request, obj)
        for inline in model_admin.get_inline_instances(request):
            yield f"{inline.model._meta.label} (inline)", inline.get_formset(request).form


def value(field, year):
    if isinstance(field, forms.SplitDateTimeField):
        return [datetime.date(year, 1, 1), datetime.time(0, 0)]
    if isinstance(field, forms.DateTimeField):
        return datetime.datetime(year, 1, 1, 0, 0)
    return datetime.date(year, 1, 1)


def test_every_date_field_of_every_admin_form_refuses_years_outside_1900_to_2200(admin_user):
    checked = set()
    for label, form_class in admin_forms(admin_user):
        for name, field in form_class.base_fields.items():
            if not isinstance(field, DATE_FIELDS):
                continue
            checked.add(f"{label}.{name}")
            for year in (1, 1899, 2201, 9999):
                with pytest.raises(forms.ValidationError) as error:
                    field.clean(value(field, year))
                codes = [e.code for e in error.value.error_list]
                assert codes == ["date_out_of_range"], (label, name, year)
            for year in (1900, 2026, 2200):
                field.clean(value(field, year))  # no error
    # The date fields staff can type into, in the admins of the project and its libraries.
    assert {
        "pages.Page.publish_from",
        "pages.Milestone (inline).date",
        "publications.Publication.publish_from",
        "publications.Publication.publication_date",
        "auth.User.last_login",
        "auth.User.date_joined",
        "otp_totp.TOTPDevice.throttling_failure_timestamp",
    } <= checked


@pytest.mark.parametrize(
    "changes",
    [
        {"publish_from_0": "01.01.0001", "publish_from_1": "00:00", "status": Status.PUBLISHED},
        {"publish_from_0": "31.12.9999", "publish_from_1": "23:59"},
        {"milestones-0-date": "01.01.0001"},
    ],
)
def test_a_publish_time_in_year_1_is_a_form_error_not_a_500(admin_client, changes):
    response = admin_client.post(
        "/admin/pages/page/add/", page_form_data(**changes), headers={"accept-language": "az"}
    )
    assert response.status_code == 200
    assert "1900–2200 illəri arasında bir tarix daxil edin." in response.text
    assert not Page.objects.exists() and not Milestone.objects.exists()
    assert admin_client.get("/admin/pages/page/").status_code == 200


def test_a_publish_time_in_range_is_saved(admin_client):
    response = admin_client.post(
        "/admin/pages/page/add/",
        page_form_data(publish_from_0="01.01.2026", publish_from_1="09:00"),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Page.objects.get().publish_from.year == 2026
    assert admin_client.get("/admin/pages/page/").status_code == 200
