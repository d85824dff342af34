"""Settings for foodsafe, read from environment variables.

Development: DEBUG=1 is enough (SQLite, an insecure dev key).
Production: set SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL (PostgreSQL).
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

# Without DEBUG the key must come from the environment. Left empty, Django refuses the first use that
# needs it (sessions, CSRF, signing) with ImproperlyConfigured, while commands that need no key
# (migrate, makemigrations --check) still run.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    "accounts",
    "audit",
    "registry",
    "inspections",
    "reports",
    "operations",
]

MIDDLEWARE = [
    # First: every log line of a request carries its id; the client's address is known to all.
    "log_request_id.middleware.RequestIDMiddleware",
    "operations.middleware.RealClientAddress",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionPolicy",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that a locked-out login is answered before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "foodsafe.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "foodsafe.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The figures' grouped queries are estimated expensive enough to be JIT-compiled, which costs
    # 50–100 ms a query and gains nothing at this size (measured on the dashboard, bench/).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The figure indexes carry non-key columns (INCLUDE) so that PostgreSQL counts from the index alone;
# SQLite (the demo) builds them without those columns, which only costs it that shortcut.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_USER_MODEL = "registry.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# 10+ characters of three kinds (lower, upper, digits, others), none of the last five again.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "accounts.validators.SimilarityValidator"},
    {"NAME": "accounts.validators.LengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "accounts.validators.CommonValidator"},
    {"NAME": "accounts.validators.NumericValidator"},
    {"NAME": "accounts.validators.CharacterClassesValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "accounts.validators.PasswordHistoryValidator", "OPTIONS": {"remember": 5}},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# The audit trail is read, never reverted to a past version (registry/ledgers/admin.py refuses the post).
SIMPLE_HISTORY_REVERT_DISABLED = True

# Lock an account+address pair for an hour after 10 wrong passwords.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Always Chinese: no LocaleMiddleware, so an English browser does not turn Django's labels English.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
CSRF_FAILURE_VIEW = "operations.views.csrf_failure"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    # MEDIA_ROOT on disk; files written by a transaction that rolls back are deleted again.
    "default": {"BACKEND": "registry.ledgers.uploads.UploadStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploads are never served by URL (no /media/): a view checks the record's scope first. Behind
# nginx (deploy/nginx/foodsafe.conf), MEDIA_ACCEL_REDIRECT=1 lets nginx send the file.
MEDIA_ACCEL_REDIRECT = env_bool("MEDIA_ACCEL_REDIRECT", False)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

FILTERS_EMPTY_CHOICE_LABEL = "全部"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# HTTPS hardening; an intranet without TLS may turn these off explicitly.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_AGE = 60 * 60 * 12
# Access-log entries (audit.AccessEvent) are kept this many days, at least six months (等保 2.0);
# `prune_access_log` removes older ones. Record changes (the history tables) are never pruned.
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 365)
if AUDIT_RETENTION_DAYS < 183:
    raise ImproperlyConfigured(f"AUDIT_RETENTION_DAYS must be at least 183 (six months), not {AUDIT_RETENTION_DAYS}")
# Signed out after this many minutes without a request (accounts.middleware.SessionPolicy).
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_MINUTES", 30) * 60
# The last-seen time is written to the session at most this often, not on every request.
SESSION_IDLE_RESOLUTION = env_int("SESSION_IDLE_RESOLUTION_SECONDS", 60)

# Security headers on every response (Django's defaults, named here so that they stay).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy: scripts, styles, fonts and images only from this site (summary charts are
# data: images). Templates hold no inline <script>, style="" or <style>: JS and CSS live in static/,
# data for JS goes through json_script (a JSON <script> is data, not run, so it needs no nonce).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# --- Running on a server (deploy/, README "在本单位服务器上部署") ----------------------------
# Behind nginx: trust its X-Forwarded-Proto (above), X-Real-IP and X-Request-ID, which it sets
# itself, overwriting any a client sends.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    LOG_REQUEST_ID_HEADER = "HTTP_X_REQUEST_ID"
    GENERATE_REQUEST_ID_IF_NOT_IN_HEADER = True
REQUEST_ID_RESPONSE_HEADER = "X-Request-ID"
# A load balancer probes /healthz over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# One line per record on stderr (journald keeps it): LOG_FORMAT=plain for people, json for a
# log collector. Each carries the request id; LOG_REQUESTS adds a line per request with the user id.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain")
if LOG_FORMAT not in ("plain", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be plain or json, not {LOG_FORMAT!r}")
LOG_REQUESTS = env_bool("LOG_REQUESTS", not DEBUG)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "log_request_id.filters.RequestIDFilter"},
        "skip_health_checks": {"()": "operations.logging.SkipHealthChecks"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",  # ISO 8601, UTC
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id", "skip_health_checks"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Only through the root handler: Django's own console handler would print DEBUG runs twice.
        "django": {"handlers": [], "level": "INFO"},
        # WeasyPrint and fontTools are chatty at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
