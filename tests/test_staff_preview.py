"""
Draft previews follow the admin's two-factor rule (ADMIN_REQUIRE_2FA): whoever the admin still
asks for a code sees the public site as the public does, on every public view (pages, partners,
publications, the PDF download), and the page cache neither serves them nor keeps what they see.
"""

import datetime

import pytest
from django.core.cache import caches
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from centre import cache
from centre.models import Status, can_preview_drafts, two_factor_required

from .factories import add_file, make_page, make_partner, make_publication, make_staff

pytestmark = pytest.mark.django_db

# ADMIN_REQUIRE_2FA, the account it covers.
COVERED = [
    (True, "superuser"),  # as override_settings(ADMIN_REQUIRE_2FA=True) always meant
    ("superusers", "superuser"),
    ("publishers", "superuser"),
    ("publishers", "Publisher"),
    ("staff", "superuser"),
    ("staff", "Publisher"),
    ("staff", "Editor"),
]
# ADMIN_REQUIRE_2FA, an account it leaves alone.
NOT_COVERED = [
    ("", "superuser"),
    ("superusers", "Publisher"),
    ("superusers", "Editor"),
    ("publishers", "Editor"),
]


def make_account(kind):
    if kind == "superuser":
        return make_staff("chief", is_superuser=True)
    return make_staff(kind.lower(), kind)


@pytest.fixture(autouse=True)
def no_throttling(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def hidden(db):
    """Something of every kind the public cannot see, and one published page."""
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    publication = make_publication("Qaralama nəşr", status=Status.DRAFT)
    return {
        "draft page": make_page("Qaralama səhifə", status=Status.DRAFT).get_absolute_url(),
        "scheduled page": make_page("Sabahkı səhifə", publish_from=tomorrow).get_absolute_url(),
        "draft publication": publication.get_absolute_url(),
        "draft publication's PDF": add_file(publication, "az").get_absolute_url(),
        "scheduled publication": make_publication(
            "Sabahkı nəşr", publish_from=tomorrow
        ).get_absolute_url(),
        "inactive partner": make_partner("Gizli tərəfdaş", is_active=False).get_absolute_url(),
    }


def verify(client, user):
    """Log in and pass the two-factor step with a fresh authenticator."""
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    response = client.post("/admin/two-factor/", {"otp_token": f"{totp.token():06d}"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(("level", "kind"), COVERED)
def test_without_the_code_nothing_hidden_is_shown(client, settings, hidden, level, kind):
    settings.ADMIN_REQUIRE_2FA = level
    client.force_login(make_account(kind))  # the password only: no authenticator yet
    assert client.get("/admin/").status_code == 302  # the admin sends them to two-factor
    for what, url in hidden.items():
        assert client.get(url).status_code == 404, what


@pytest.mark.parametrize(("level", "kind"), COVERED)
def test_with_the_code_previews_work(client, settings, hidden, level, kind):
    settings.ADMIN_REQUIRE_2FA = level
    verify(client, make_account(kind))
    for what, url in hidden.items():
        assert client.get(url).status_code == 200, what


@pytest.mark.parametrize(("level", "kind"), NOT_COVERED)
def test_those_it_does_not_cover_preview_with_the_password(client, settings, hidden, level, kind):
    settings.ADMIN_REQUIRE_2FA = level
    client.force_login(make_account(kind))
    assert client.get("/admin/").status_code == 200
    for what, url in hidden.items():
        assert client.get(url).status_code == 200, what


def test_a_session_without_the_code_of_an_existing_authenticator_does_not_preview(client, hidden):
    # Not required, but the admin asks for the code of the authenticator the user has.
    user = make_staff("redaktor", "Editor")
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    assert client.get("/admin/").status_code == 302
    assert client.get(hidden["draft page"]).status_code == 404


@pytest.mark.parametrize(
    ("level", "kind", "required"),
    [(level, kind, True) for level, kind in COVERED]
    + [(level, kind, False) for level, kind in NOT_COVERED],
)
def test_who_is_required(settings, level, kind, required):
    settings.ADMIN_REQUIRE_2FA = level
    user = make_account(kind)
    assert two_factor_required(user) is required
    assert can_preview_drafts(user) is not required  # no authenticator, no verified session


def test_publishers_means_any_publish_permission(settings):
    from django.contrib.auth.models import Permission

    settings.ADMIN_REQUIRE_2FA = "publishers"
    user = make_staff("tek")
    assert not two_factor_required(user)
    user.user_permissions.add(Permission.objects.get(codename="change_partner"))
    user = type(user).objects.get(pk=user.pk)  # permissions are cached per object
    assert not two_factor_required(user)  # an Editor's right, not a publish_ one
    user.user_permissions.add(Permission.objects.get(codename="publish_partner"))
    user = type(user).objects.get(pk=user.pk)
    assert two_factor_required(user)


class TestThePageCache:
    @pytest.fixture(autouse=True)
    def page_cache(self, settings):
        settings.PUBLIC_CACHE_SECONDS = 600
        caches["default"].clear()
        cache.invalidate()
        yield
        caches["default"].clear()

    def test_without_the_code_the_public_page_is_rendered_and_never_stored(
        self, client, settings, hidden
    ):
        settings.ADMIN_REQUIRE_2FA = "staff"
        make_page("Haqqımızda")
        visitor = Client()
        assert visitor.get("/az/haqqimizda/")["X-Page-Cache"] == "miss"
        public = visitor.get("/az/haqqimizda/")
        assert public["X-Page-Cache"] == "hit"

        client.force_login(make_staff("redaktor", "Editor"))
        for _ in range(2):
            response = client.get("/az/haqqimizda/")
            assert response.status_code == 200
            assert "X-Page-Cache" not in response  # not another visitor's copy
            assert "private" in response["Cache-Control"]
            assert response.content == public.content  # what the public sees
            assert client.get(hidden["draft page"]).status_code == 404

        again = visitor.get("/az/haqqimizda/")
        assert again["X-Page-Cache"] == "hit" and again["ETag"] == public["ETag"]
        assert visitor.get(hidden["draft page"]).status_code == 404
