"""Ripple settings. Every setting comes from the environment, with safe local defaults.

See docs/operations.md for the production variables.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PACKAGE_DIR = Path(__file__).resolve().parent
RIPPLE_HOME = Path(os.environ.get("RIPPLE_HOME", "var")).resolve()
DEBUG = env_bool("RIPPLE_DEBUG")
DEMO = env_bool("RIPPLE_DEMO")
HTTPS = env_bool("RIPPLE_HTTPS")


def _secret_key() -> str:
    """A real key from the environment, else the random one `ripple demo` (or DEBUG) kept in RIPPLE_HOME."""
    key = os.environ.get("SECRET_KEY", "")
    if key:
        if not DEBUG and (len(key) < 32 or key.startswith("django-insecure") or key == "change-me"):
            raise ImproperlyConfigured("SECRET_KEY is too weak: use at least 32 random characters.")
        return key
    key_file = RIPPLE_HOME / "secret_key"
    if not key_file.exists() and not (DEBUG or DEMO):
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it to a long random value (e.g. "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`), or run `ripple demo`."
        )
    if not key_file.exists():
        RIPPLE_HOME.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _trusted_proxies(value: str) -> int | list[str]:
    """RIPPLE_TRUSTED_PROXIES: how many proxies (a number), or their addresses/networks (comma-separated)."""
    value = value.strip()
    if value.isdigit():
        return int(value)
    networks = [item.strip() for item in value.split(",") if item.strip()]
    for network in networks:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"RIPPLE_TRUSTED_PROXIES: {network!r} is neither a number of proxies nor an address or "
                "network (e.g. 1, or 10.0.0.5, or 10.0.0.0/8,192.168.1.2)."
            ) from exc
    return networks


SECRET_KEY = _secret_key()
TRUSTED_PROXIES = _trusted_proxies(os.environ.get("RIPPLE_TRUSTED_PROXIES", "0"))
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("RIPPLE_SITE_URL", "http://127.0.0.1:" + os.environ.get("PORT", "8000")).rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "ripple.core",
    "ripple.people",
    "ripple.spaces",
    "ripple.notifications",
    "ripple.library",
    "ripple.feed",
    "ripple.surveys",
    "ripple.showcase",
    "ripple.drills",
    "ripple.challenges",
    "ripple.radar",
    "ripple.insights",
    "ripple.communities",
    "ripple.cohorts",
    "ripple.upcoming",
    "ripple.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ripple.core.middleware.security_headers",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ripple.people.middleware.user_timezone",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "ripple.urls"
WSGI_APPLICATION = "ripple.wsgi.application"
ASGI_APPLICATION = "ripple.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ripple.core.context_processors.ripple",
            ],
            "builtins": [
                "ripple.core.templatetags.ripple",
                "ripple.core.templatetags.fast_url",  # replaces {% url %}: same output, reversed once
                "template_partials.templatetags.partials",
                "django.contrib.humanize.templatetags.humanize",
            ],
        },
    }
]

# Database: SQLite in RIPPLE_HOME by default (WAL), PostgreSQL through DATABASE_URL.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    RIPPLE_HOME.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(RIPPLE_HOME / "ripple.sqlite3"),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                    "PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
        if os.environ.get("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

TASKS = {
    "default": {
        "BACKEND": os.environ.get("RIPPLE_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = ["ripple.people.backends.EmailBackend"]
LOGIN_URL = "people:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "people:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sign-in limits (people.limits) within a window: per (address, email) pair; per address whatever the
# emails; per account from every address (then only a password-reset link signs in). ADR 0012.
LOGIN_FAILURE_LIMIT = 10
LOGIN_FAILURE_ADDRESS_LIMIT = int(os.environ.get("RIPPLE_LOGIN_ADDRESS_LIMIT", "100"))
LOGIN_FAILURE_ACCOUNT_LIMIT = int(os.environ.get("RIPPLE_LOGIN_ACCOUNT_LIMIT", "50"))
LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60
# Request rates (core.ratelimit, counted in the database): "N/period", period s, min, hour, day or "15min".
RATE_PASSWORD_RESET_EMAIL = os.environ.get("RIPPLE_RATE_PASSWORD_RESET_EMAIL", "3/hour")
RATE_PASSWORD_RESET_ADDRESS = os.environ.get("RIPPLE_RATE_PASSWORD_RESET_ADDRESS", "20/hour")
# Slack imports read big exports in a second process while the first writes: auto, always or never.
RADAR_READER = os.environ.get("RIPPLE_SLACK_READER", "auto")
RATE_API = os.environ.get("RIPPLE_RATE_API", "1200/min")  # per person (token or session)
RATE_API_ANONYMOUS = os.environ.get("RIPPLE_RATE_API_ANONYMOUS", "60/min")  # per address, bad tokens

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = RIPPLE_HOME / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns when it is missing
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = RIPPLE_HOME / "media"

# Email: console by default; SMTP when EMAIL_HOST is set; a folder when EMAIL_FILE_PATH is set.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Ripple <ripple@localhost>")
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
elif os.environ.get("EMAIL_FILE_PATH"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Security headers in every mode; transport security when served over HTTPS.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
if HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("RIPPLE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("RIPPLE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = False

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

NINJA_PAGINATION_PER_PAGE = 50

# Surveys: no figure is shown for a group with fewer answers than this (per round; never below 3).
SURVEY_MIN_GROUP = int(os.environ.get("RIPPLE_SURVEY_MIN_GROUP", "5"))
# The key for survey pseudonyms (ADR 0011); derived from SECRET_KEY when empty.
SURVEY_KEY = os.environ.get("RIPPLE_SURVEY_KEY", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("RIPPLE_LOG_LEVEL", "WARNING")},
}

# The share of rate-limited requests that also delete expired rate counters (housekeeping). The test
# suite sets 0 so that query counts are exact; core.ratelimit.prune is tested on its own.
RIPPLE_RATE_PRUNE_SHARE = float(os.environ.get("RIPPLE_RATE_PRUNE_SHARE", "0.01"))
# A running import with no sign of life for this long is failed (its worker went away) and can be retried.
RIPPLE_IMPORT_STALE_MINUTES = float(os.environ.get("RIPPLE_IMPORT_STALE_MINUTES", "10"))
