"""
Staff login: lockout after failed attempts (django-axes) by the real client address, and the
optional two-factor login with an authenticator app (django-otp), required for superusers when
ADMIN_REQUIRE_2FA is on.
"""

import datetime

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory, override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.proxies import client_ip

from .factories import make_staff
from .processes import setting

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
LOGIN = "/admin/login/"


def login(client, username="redaktor", password=PASSWORD, code="", ip="203.0.113.7", **extra):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "otp_token": code, "next": "/admin/"},
        REMOTE_ADDR=ip,
        **extra,
    )


def current_code(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def with_device(user):
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


# ---- Lockout ----------------------------------------------------------------------------


def test_five_failures_lock_the_user_name_from_that_address(client):
    make_staff("redaktor", "Editor")
    for _attempt in range(5):
        response = login(client, password="wrong")
    response = login(client)  # the right password, too late
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert 'id="login-form"' in response.text  # the login page, not a bare 403
    assert "30 dəqiqəlik" in response.text or "30 dəqiqə" in response.text
    assert int(response["Retry-After"]) == 30 * 60


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("az", "Çoxlu uğursuz giriş cəhdi"),
        ("en", "Too many failed login attempts"),
        ("ru", "Слишком много неудачных попыток входа"),
    ],
)
def test_the_lockout_message_is_translated(client, language, text):
    make_staff("redaktor", "Editor")
    for _attempt in range(6):
        response = login(client, password="wrong", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 429
    assert text in response.text


def test_the_lock_is_per_address_and_user_name(client):
    make_staff("redaktor", "Editor")
    make_staff("nasir", "Publisher")
    for _attempt in range(5):
        login(client, password="wrong")
    assert login(client, username="nasir").status_code == 302  # another user, same address
    client.logout()
    assert login(client, ip="198.51.100.9").status_code == 302  # same user, another address


def test_the_lock_ends_after_the_cool_off_time(client):
    make_staff("redaktor", "Editor")
    for _attempt in range(5):
        login(client, password="wrong")
    assert login(client).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=31)
    )
    assert login(client).status_code == 302


def test_the_cool_off_time_comes_from_the_environment():
    assert setting("settings.AXES_COOLOFF_TIME", DJANGO_DEBUG="1") == "0:30:00"
    minutes = setting(
        "settings.AXES_COOLOFF_TIME", DJANGO_DEBUG="1", DJANGO_LOGIN_LOCKOUT_MINUTES="5"
    )
    assert minutes == "0:05:00"


# ---- The client's address behind a proxy --------------------------------------------------


def request(remote="10.0.0.2", forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, None, "10.0.0.2"),
        (0, "203.0.113.7", "10.0.0.2"),  # no proxy: the header is the client's own invention
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "1.2.3.4, 203.0.113.7", "203.0.113.7"),  # a forged left part is ignored
        (2, "1.2.3.4, 203.0.113.7, 10.0.0.1", "203.0.113.7"),
        (1, "2001:db8::1", "2001:db8::1"),
        (1, "", "10.0.0.2"),
        (2, "203.0.113.7", "10.0.0.2"),  # fewer entries than proxies
        (1, "not-an-address", "10.0.0.2"),
        (1, "203.0.113.7\x00", "10.0.0.2"),
    ],
)
def test_client_ip(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_ip(request(forwarded=forwarded)) == expected


def test_behind_the_proxy_each_client_is_locked_out_on_its_own(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    make_staff("redaktor", "Editor")
    proxy = "10.0.0.2"
    for _attempt in range(5):
        login(client, password="wrong", ip=proxy, HTTP_X_FORWARDED_FOR="203.0.113.7")
    locked = login(client, ip=proxy, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert locked.status_code == 429
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"
    # Another visitor through the same proxy still logs in.
    assert login(client, ip=proxy, HTTP_X_FORWARDED_FOR="198.51.100.9").status_code == 302


def test_the_proxy_count_follows_the_tls_proxy_setting():
    assert setting("settings.TRUSTED_PROXY_COUNT", DJANGO_DEBUG="1") == "0"
    assert setting("settings.TRUSTED_PROXY_COUNT", DJANGO_DEBUG="1", DJANGO_BEHIND_TLS_PROXY="1")
    value = setting(
        "settings.TRUSTED_PROXY_COUNT",
        DJANGO_DEBUG="1",
        DJANGO_BEHIND_TLS_PROXY="1",
        DJANGO_TRUSTED_PROXY_COUNT="2",
    )
    assert value == "2"


# ---- Two-factor login -------------------------------------------------------------------


def test_without_an_authenticator_the_password_is_enough(client):
    make_staff("redaktor", "Editor")
    assert login(client).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_login_without_a_password_is_a_form_error(client):
    make_staff("redaktor", "Editor")
    response = login(client, password="")
    assert response.status_code == 200 and response.context["form"].errors
    assert "_auth_user_id" not in client.session


@pytest.fixture
def no_throttling(settings):
    """django-otp slows a device down after a wrong code; these tests retry at once."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def test_wrong_codes_slow_the_device_down(client):
    device = with_device(make_staff("redaktor", "Editor"))
    login(client, code="000000" if current_code(device) != "000000" else "111111")
    assert login(client, code=current_code(device)).status_code == 200  # too soon
    device.refresh_from_db()
    assert device.throttling_failure_count >= 1


@pytest.mark.usefixtures("no_throttling")
def test_with_an_authenticator_the_code_is_needed(client):
    device = with_device(make_staff("redaktor", "Editor"))
    response = login(client)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].errors.as_data()["__all__"][0].code == "token_required"

    response = login(client, code="000000" if current_code(device) != "000000" else "111111")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get().failures_since_start == 1  # counts towards the lockout

    assert login(client, code=current_code(device)).status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.usefixtures("no_throttling")
def test_a_session_without_the_code_cannot_use_the_admin(client):
    user = make_staff("redaktor", "Editor")
    device = with_device(user)
    client.force_login(user)  # e.g. a session from before the authenticator was added
    response = client.get("/admin/pages/page/")
    assert response.status_code == 302
    # The two-factor step keeps where the visit was headed.
    step = client.get(response.url).url
    assert step == "/admin/two-factor/?next=%2Fadmin%2Fpages%2Fpage%2F"
    page = client.get(step)
    assert page.context["mode"] == "verify"
    assert page.context["next"] == "/admin/pages/page/"
    client.post("/admin/two-factor/", {"otp_token": "12"})
    assert client.get("/admin/pages/page/").status_code == 302
    response = client.post(
        "/admin/two-factor/", {"otp_token": current_code(device), "next": "/admin/pages/page/"}
    )
    assert response.status_code == 302 and response.url == "/admin/pages/page/"
    assert client.get("/admin/pages/page/").status_code == 200


@pytest.mark.usefixtures("no_throttling")
def test_staff_enrol_an_authenticator(client):
    user = make_staff("redaktor", "Editor")
    client.force_login(user)
    response = client.get("/admin/two-factor/")
    assert response.context["mode"] == "enrol"
    assert "<svg" in response.text
    assert response.context["key"].replace(" ", "").isalnum()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/admin/two-factor/", {"otp_token": "000000"})
    assert response.status_code == 200 and response.context["form"].errors
    response = client.post("/admin/two-factor/", {"otp_token": current_code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200
    # From now on the login asks for the code.
    client.logout()
    assert login(client).status_code == 200


@override_settings(ADMIN_REQUIRE_2FA=True)
def test_required_for_superusers(client):
    chief = make_staff("chief", is_superuser=True)
    assert login(client, username="chief").status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 302
    assert client.get(response.url).url == "/admin/two-factor/?next=%2Fadmin%2F"
    assert client.get("/admin/translations/").status_code == 302
    enrol = client.get("/admin/two-factor/")
    assert enrol.context["required"]
    device = TOTPDevice.objects.get(user=chief)
    client.post("/admin/two-factor/", {"otp_token": current_code(device)})
    assert client.get("/admin/").status_code == 200
    # And it cannot be turned off.
    client.post("/admin/two-factor/", {"otp_token": current_code(device)})
    assert TOTPDevice.objects.filter(user=chief, confirmed=True).exists()


@override_settings(ADMIN_REQUIRE_2FA=True)
def test_required_only_for_superusers(client):
    client.force_login(make_staff("redaktor", "Editor"))
    assert client.get("/admin/").status_code == 200


def test_staff_may_turn_it_off_when_it_is_not_required(client):
    user = make_staff("redaktor", "Editor")
    device = with_device(user)
    assert login(client, code=current_code(device)).status_code == 302
    assert client.get("/admin/two-factor/").context["mode"] == "manage"
    device.refresh_from_db()
    device.last_t -= 1  # a new code in the same 30 seconds would be refused as reused
    device.save()
    response = client.post("/admin/two-factor/", {"otp_token": current_code(device)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()


@pytest.mark.parametrize(
    ("language", "text"),
    [("az", "İki mərhələli giriş"), ("en", "Two-factor login"), ("ru", "Двухфакторный вход")],
)
def test_the_two_factor_page_is_translated(client, language, text):
    client.force_login(make_staff("redaktor", "Editor"))
    response = client.get("/admin/two-factor/", HTTP_ACCEPT_LANGUAGE=language)
    assert text in response.text


def test_logged_out_visitors_are_sent_to_the_login(client):
    response = client.get("/admin/two-factor/")
    assert response.status_code == 302 and response.url.startswith(LOGIN)


# ---- One address trying many user names ---------------------------------------------------


def test_one_address_trying_many_user_names_is_locked_out(client, settings):
    limit = settings.LOGIN_ADDRESS_FAILURE_LIMIT
    assert limit > settings.LOGIN_FAILURE_LIMIT
    make_staff("redaktor", "Editor")
    # Fewer failures per name than lock a name, spread over many names: not before the limit...
    for attempt in range(limit - 1):
        response = login(client, username=f"ad{attempt // 2}", password="wrong")
        assert response.status_code == 200, attempt
    assert login(client).status_code == 302  # ...a right password still gets in
    client.logout()
    login(client, username="ad-son", password="wrong")  # the limit-th failure
    response = login(client)  # the right password of a name never tried, too late
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "bu ünvandan giriş 30 dəqiqəlik bağlanıb" in response.text  # the address, not a name
    # Another address is not concerned.
    assert login(client, ip="198.51.100.9").status_code == 302


def test_a_success_does_not_reset_the_count_of_other_user_names(client, settings):
    limit = settings.LOGIN_ADDRESS_FAILURE_LIMIT
    make_staff("redaktor", "Editor")
    for attempt in range(limit - 1):
        login(client, username=f"ad{attempt}", password="wrong")
    assert login(client).status_code == 302  # resets redaktor's own count only
    client.logout()
    login(client, username="ad-son", password="wrong")
    assert login(client).status_code == 429


def test_the_address_limit_comes_from_the_environment():
    assert setting("settings.LOGIN_ADDRESS_FAILURE_LIMIT", DJANGO_DEBUG="1") == "20"
    value = setting(
        "settings.LOGIN_ADDRESS_FAILURE_LIMIT",
        DJANGO_DEBUG="1",
        DJANGO_LOGIN_ADDRESS_FAILURE_LIMIT="50",
    )
    assert value == "50"


# ---- After the login ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "unsafe", ["https://evil.example/", "//evil.example/admin/", "javascript:alert(1)", ""]
)
def test_an_unsafe_next_leads_to_the_admin(client, unsafe):
    make_staff("redaktor", "Editor")
    response = client.post(LOGIN, {"username": "redaktor", "password": PASSWORD, "next": unsafe})
    assert response.status_code == 302
    assert response.url == "/admin/"


@pytest.mark.usefixtures("no_throttling")
def test_an_unsafe_next_after_the_two_factor_step_leads_to_the_admin(client):
    user = make_staff("redaktor", "Editor")
    device = with_device(user)
    client.force_login(user)
    response = client.post(
        "/admin/two-factor/?next=https://evil.example/",
        {"otp_token": current_code(device), "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response.url == "/admin/"


def test_a_staff_session_lasts_a_working_day(client):
    make_staff("redaktor", "Editor")
    login(client)
    assert client.cookies["sessionid"]["max-age"] == 8 * 3600
    assert client.session.get_expiry_age() == 8 * 3600


def test_the_session_length_comes_from_the_environment():
    assert setting("settings.SESSION_COOKIE_AGE", DJANGO_DEBUG="1") == str(8 * 3600)
    assert setting("settings.SESSION_COOKIE_AGE", DJANGO_DEBUG="1", DJANGO_SESSION_HOURS="2") == (
        str(2 * 3600)
    )


# ---- Password hashing ---------------------------------------------------------------------


def test_production_hashes_with_argon2_and_still_reads_pbkdf2():
    names = setting("settings.PASSWORD_HASHERS", DJANGO_DEBUG="1")
    assert names.startswith("['django.contrib.auth.hashers.Argon2PasswordHasher'")
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in names


def test_a_pbkdf2_password_still_logs_in_and_is_rehashed_with_argon2(client):
    from django.contrib.auth.hashers import make_password

    from centre import settings as production

    with override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS):
        user = make_staff("redaktor", "Editor")
        user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
        user.save()
        assert login(client).status_code == 302
        user.refresh_from_db()
        assert user.password.startswith("argon2$")
        client.logout()
        assert login(client).status_code == 302
