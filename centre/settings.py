"""
Settings for the 4SİM Centre site, from the environment (README, "Configuration"; .env.example),
or a ``.env`` file for what it leaves unset. With DJANGO_DEBUG off the site refuses to start
without a secret key and allowed hosts rather than fall back to insecure defaults.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
# DJANGO_ENV_FILE names another settings file, or none at all when empty.
ENV_FILE = env.str("DJANGO_ENV_FILE", default=str(BASE_DIR / ".env"))
if ENV_FILE and Path(ENV_FILE).is_file():
    environ.Env.read_env(ENV_FILE)

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
if DEBUG:
    SECRET_KEY = SECRET_KEY or "django-insecure-development-only-never-use-in-production"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
else:
    if not SECRET_KEY:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG is off.")
    # "*" would answer any Host header: password-reset links, absolute URLs and the page cache
    # would then trust whatever name a client sends.
    if any("*" in host for host in ALLOWED_HOSTS):
        raise ImproperlyConfigured(
            "DJANGO_ALLOWED_HOSTS must name the site's hosts, not '*', when DJANGO_DEBUG is off."
        )

CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto (see README).
BEHIND_TLS_PROXY = env.bool("DJANGO_BEHIND_TLS_PROXY", default=False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# HTTPS. On by default whenever DEBUG is off; a local, plain-HTTP run turns it off explicitly
# (.env.example does, for `make run`).
HTTPS = env.bool("DJANGO_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
# Preloading is opt-in: once browsers ship the name in their preload list, taking it back
# takes months, and every subdomain must speak HTTPS meanwhile (hence no security.W021).
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = ["security.W021"]
# The load balancer's health check may ask over plain HTTP (SecurityMiddleware matches the path
# without its leading slash).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin to patch its forms.
    "modeltranslation",
    # django.contrib.admin with the site's own admin site (two-factor login, see accounts/).
    "accounts.apps.CentreAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_prose_editor",
    "csp",
    # django-axes and django-otp's TOTP devices, with translated names (accounts/apps.py).
    "accounts.apps.AxesConfig",
    "django_otp",
    "accounts.apps.TOTPConfig",
    "reversion",
    "centre",
    "pages",
    "partners",
    "publications",
    "news",
    "accounts",
]

MIDDLEWARE = [
    # Outermost, so that every response gets them, even the HTTPS redirect and static files:
    # Content-Security-Policy (see CONTENT_SECURITY_POLICY below) and X-Frame-Options: DENY.
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # WhiteNoise answers static files before sessions or languages are looked at.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cached public pages likewise: a hit costs one cache lookup (centre/cache.py).
    "centre.cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions (it may read the language from them), before CommonMiddleware (which
    # resolves URLs, and those depend on the active language).
    "centre.i18n.LocaleMiddleware",
    "centre.middleware.NulBytesMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Inside LocaleMiddleware (the 405 page is in the visitor's language) and CommonMiddleware
    # (which sets Content-Length from that page).
    "centre.middleware.method_not_allowed_page",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed the two-factor check.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "centre.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pages.context_processors.menu",
            ],
        },
    },
]

WSGI_APPLICATION = "centre.wsgi.application"

# Database from DATABASE_URL (postgres://user:password@host:5432/name); SQLite under var/.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer fails a request in seconds, not minutes.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
# A connection kept between requests is checked before use, so a restarted database server
# costs the requests made while it is down and no more.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared by every app server), else files under CACHE_DIR
# (shared by the workers of one machine). The page cache's generation lives in it too, so a save
# through any worker ends the cached pages of all (centre/cache.py).
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "centre",
            # Redis down must cost the cache (pages are rendered without it), not the site.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env.str("CACHE_DIR", default=str(VAR_DIR / "cache")),
            # Beyond this a third of the files go, at random (Django's culling).
            "OPTIONS": {"MAX_ENTRIES": 10000},
        }
    }

# Public pages are cached whole for anonymous visitors (centre/cache.py) for at most this many
# seconds; staff saves end their life at once. 0 turns the page cache off.
PUBLIC_CACHE_SECONDS = env.int("PUBLIC_CACHE_SECONDS", default=3600)

# Argon2 for every new or changed password. The PBKDF2 hashers stay so that passwords stored
# before still verify; Django rehashes each with Argon2 at its owner's next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. Azerbaijani is the default and the language every object is written in first;
# adding a language is described in README.md.
LANGUAGE_CODE = "az"
LANGUAGES = [
    ("az", _("Azerbaijani")),
    ("en", _("English")),
    ("ru", _("Russian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Project formats (centre/formats/) take precedence over Django's per-locale formats: az dates
# with lower-case months, and British English ("6 January 2021") under the /en/ prefix.
FORMAT_MODULE_PATH = ["centre.formats"]
TIME_ZONE = "Asia/Baku"
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "az"
# A field left empty in en or ru shows the Azerbaijani text (the page then says so).
MODELTRANSLATION_FALLBACK_LANGUAGES = ("az",)
# The tabbed admin's jQuery UI is served by the site itself, never from an outside host.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))

MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Uploaded images are only served by centre.files.serve, which checks that their owner is
# visible; nginx may send the bytes once it allowed them (an internal location, README).
MEDIA_X_ACCEL_REDIRECT = env.str("MEDIA_X_ACCEL_REDIRECT", default="")

# Publication PDFs, apart from MEDIA_ROOT: only the download view hands them out (drafts').
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))

# Where `manage.py backup` writes its archives unless told otherwise (README, "Backups").
BACKUP_ROOT = Path(env.str("BACKUP_ROOT", default=str(VAR_DIR / "backups")))

STORAGES = {
    # Safe file names; only decoded images (centre/storage.py).
    "default": {"BACKEND": "centre.storage.PublicMediaStorage"},
    # Hashed, compressed (gzip and Brotli) names, cached for ever by browsers.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "publications": {
        "BACKEND": "centre.storage.SafeFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
}

# The largest PDF staff may upload; nginx's X-Accel-Redirect for downloads (README).
PUBLICATION_MAX_FILE_SIZE = env.int("PUBLICATION_MAX_FILE_MB", default=100) * 1024 * 1024
PUBLICATION_X_ACCEL_REDIRECT = env.str("PUBLICATION_X_ACCEL_REDIRECT", default="")
# What reading one uploaded PDF may take (publications/pdf.py, in a process of its own; a file
# over them is a form error). The time is per step (check, cover): both fit in gunicorn's 30 s.
PDF_MAX_PAGES = env.int("PDF_MAX_PAGES", default=2000)
PDF_MAX_SECONDS = env.int("PDF_MAX_SECONDS", default=10)
PDF_MAX_MEMORY_MB = env.int("PDF_MAX_MEMORY_MB", default=512)
# The most one compressed stream may inflate to (a 1 MB "zip bomb" can claim gigabytes).
PDF_MAX_INFLATED_MB = env.int("PDF_MAX_INFLATED_MB", default=50)

# The models the site search reads (centre/search.py); each offers search_documents().
SEARCH_MODELS = [
    "pages.Page",
    "partners.Partner",
    "publications.Publication",
    "news.NewsItem",
]

# /sitemap.xml is made of each content app's sitemap, named here so that centre imports no app.
SITEMAPS = {
    "pages": "pages.sitemaps.PageSitemap",
    "partners": "partners.sitemaps.PartnerSitemap",
    "publications": "publications.sitemaps.PublicationSitemap",
    "news": "news.sitemaps.NewsSitemap",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
}

# ---- Security: browser policy, uploads, staff accounts (README: "Staff accounts and roles") ----

# Content-Security-Policy (django-csp): no 'unsafe-inline' or 'unsafe-eval'. The only inline
# script, the rich-text editor's import map, carries the request's nonce (centre.admin). The
# editor's one <style> element cannot take a nonce: this hash allows exactly that CSS
# (tests/browser/test_admin_csp.py fails if an upgrade changes it).
RICH_TEXT_EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'", RICH_TEXT_EDITOR_STYLE_HASH],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Uploads: each file field has its own cap; nginx's client_max_body_size caps the request.
IMAGE_MAX_FILE_SIZE = env.int("IMAGE_MAX_FILE_MB", default=10) * 1024 * 1024
# The largest form posts a page or publication in three languages plus a few files: at most 4 files
# (a cover and 3 PDFs), a few hundred fields (a list page of 100 editable rows is ~300).
DATA_UPLOAD_MAX_NUMBER_FILES = 10
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
# The text part of a request (files excluded): three long rich-text bodies fit with room to spare.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Uploaded files land with these permissions (not world-writable, whatever the umask).
FILE_UPLOAD_PERMISSIONS = 0o644
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o755

# Login lockout (django-axes): LOGIN_FAILURE_LIMIT per user name and address, and
# LOGIN_ADDRESS_FAILURE_LIMIT per address whatever the user names (accounts/lockout.py).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_FAILURE_LIMIT = 5
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("DJANGO_LOGIN_ADDRESS_FAILURE_LIMIT", default=20)
AXES_FAILURE_LIMIT = "accounts.lockout.failure_limit"
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_COOLOFF_TIME = timedelta(minutes=env.int("DJANGO_LOGIN_LOCKOUT_MINUTES", default=30))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
# No version banner on every manage.py command and worker start.
AXES_VERBOSE = False
# The address axes counts is the client's, never the proxy's (accounts.proxies.client_ip).
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=int(BEHIND_TLS_PROXY))
AXES_CLIENT_IP_CALLABLE = "accounts.proxies.client_ip"

# E-mail to staff (review requests): printed to the console in development.
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends."
    + ("console.EmailBackend" if DEBUG else "smtp.EmailBackend"),
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="webmaster@localhost")

# Staff sessions (the public has none): a working day.
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_HOURS", default=8) * 3600
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

# Two-factor login (django-otp, TOTP), optional per person. ADMIN_REQUIRE_2FA names who must have
# it to use the admin and preview drafts (centre.models.two_factor_required): "superusers",
# "publishers" (and superusers) or "staff"; 1 means superusers, 0 nobody.
ADMIN_REQUIRE_2FA = env.str("ADMIN_REQUIRE_2FA", default="0").strip().lower()
if ADMIN_REQUIRE_2FA in ("0", "false", "off", "no"):
    ADMIN_REQUIRE_2FA = ""
elif ADMIN_REQUIRE_2FA in ("1", "true", "on", "yes"):
    ADMIN_REQUIRE_2FA = "superusers"
if ADMIN_REQUIRE_2FA not in ("", "superusers", "publishers", "staff"):
    raise ImproperlyConfigured("ADMIN_REQUIRE_2FA must be 0, 1, superusers, publishers or staff.")
OTP_TOTP_ISSUER = "4SIM"
