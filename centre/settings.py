"""
Settings for the 4SİM Centre site.

Everything that differs between a laptop and production comes from the environment (see
README.md, "Configuration", and .env.example). A ``.env`` file in the project root, if there is
one, fills in what the real environment leaves unset.

With DJANGO_DEBUG off the site fails closed: it refuses to start without a secret key and a list
of allowed hosts rather than falling back to insecure defaults.
"""

from pathlib import Path

import environ
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

CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto (see README).
if env.bool("DJANGO_BEHIND_TLS_PROXY", default=False):
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
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=True)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_prose_editor",
    "centre",
    "pages",
    "partners",
    "publications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # WhiteNoise answers static files before sessions or languages are looked at.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions (it may read the language from them), before CommonMiddleware (which
    # resolves URLs, and those depend on the active language).
    "centre.i18n.LocaleMiddleware",
    "centre.middleware.NulBytesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
                "centre.context_processors.site",
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

# Cache: Redis when REDIS_URL is set (shared by every app server), else this process's memory.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "centre",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

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
USE_I18N = True
# Project formats (centre/formats/) take precedence over Django's per-locale formats.
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
# In production nginx serves MEDIA_ROOT (README); a single-machine set-up can let Django do it.
SERVE_MEDIA = env.bool("DJANGO_SERVE_MEDIA", default=DEBUG)

# Files that only a view may hand out (publication PDFs: drafts must stay unreachable), kept
# outside MEDIA_ROOT so neither nginx nor DJANGO_SERVE_MEDIA ever serves them directly.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))

# Where `manage.py backup` writes its archives unless told otherwise (README, "Backups").
BACKUP_ROOT = Path(env.str("BACKUP_ROOT", default=str(VAR_DIR / "backups")))

# centre.storage.FileSystemStorage is Django's, except that a failed save leaves no file behind.
STORAGES = {
    "default": {"BACKEND": "centre.storage.FileSystemStorage"},
    # Hashed, compressed (gzip and Brotli) names, cached for ever by browsers.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "publications": {
        "BACKEND": "centre.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
}

# Publications: the largest PDF staff may upload, and optionally nginx's X-Accel-Redirect for
# the bytes of a download (an internal location aliased to PRIVATE_MEDIA_ROOT; see README).
PUBLICATION_MAX_FILE_SIZE = env.int("PUBLICATION_MAX_FILE_MB", default=100) * 1024 * 1024
PUBLICATION_X_ACCEL_REDIRECT = env.str("PUBLICATION_X_ACCEL_REDIRECT", default="")

X_FRAME_OPTIONS = "DENY"

# The models the site search reads (centre/search.py); each offers search_documents().
SEARCH_MODELS = ["pages.Page", "partners.Partner", "publications.Publication"]

# /sitemap.xml is made of each content app's sitemap, named here so that centre imports no app.
SITEMAPS = {
    "pages": "pages.sitemaps.PageSitemap",
    "partners": "partners.sitemaps.PartnerSitemap",
    "publications": "publications.sitemaps.PublicationSitemap",
}

# The Centre's contact details shown in every page's footer.
CENTRE_CONTACT_EMAIL = env.str("CENTRE_CONTACT_EMAIL", default="info@4sim.gov.az")
CENTRE_CONTACT_PHONE = env.str("CENTRE_CONTACT_PHONE", default="")
CENTRE_WEBSITE = env.str("CENTRE_WEBSITE", default="https://4sim.gov.az")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
}
