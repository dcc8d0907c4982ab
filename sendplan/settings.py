"""Django settings for sendplan, read from the environment.

Every setting that differs between installations comes from an environment variable; see
``docs/configuration.md`` (kept in step with ``ENVIRONMENT`` below by a test).
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONCE

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent

# name, default, help: the single declaration of every environment variable sendplan reads.
ENVIRONMENT = {
    "SENDPLAN_DATA_DIR": (
        str(REPO_DIR / "var"),
        "Directory for the SQLite database, uploads and the generated secret key.",
    ),
    "DATABASE_URL": (
        "",
        "Database URL, e.g. postgres://user@127.0.0.1:5432/sendplan. Empty: SQLite in the data directory.",
    ),
    "SECRET_KEY": ("", "Django secret key. Empty: one is generated once and kept in DATA_DIR/secret_key."),
    "DEBUG": ("false", "true only on a developer's machine."),
    "ALLOWED_HOSTS": ("127.0.0.1,localhost", "Comma-separated host names the site answers to."),
    "CSRF_TRUSTED_ORIGINS": (
        "",
        "Comma-separated origins (https://plan.example.org) trusted for form posts behind a proxy.",
    ),
    "SECURE_COOKIES": (
        "",
        "true to send session and CSRF cookies over HTTPS only (default: true unless DEBUG).",
    ),
    "BEHIND_HTTPS_PROXY": ("false", "true when a reverse proxy terminates TLS and sets X-Forwarded-Proto."),
    "PARTNERSHIP_NAME": (
        "SEND and AP Partnership",
        "Name shown in the page header when no partnership is stored yet.",
    ),
    "MAX_UPLOAD_MB": ("10", "Largest file accepted for import or as evidence, in megabytes."),
    "MAX_DATA_FILE_MB": (
        "200",
        "Largest statistical data file (EES CSV, LAIT parquet or CSV, neighbour workbook) the import "
        "commands read, in megabytes.",
    ),
    "EMAIL_URL": ("", "smtp://user:password@host:port to send email; empty prints emails to the console."),
    "DEFAULT_FROM_EMAIL": ("sendplan@localhost", "Sender address of reminder emails."),
    "TIME_ZONE": ("Europe/London", "Local time zone."),
}


def env(name: str) -> str:
    return os.environ.get(name, ENVIRONMENT[name][0])


def env_bool(name: str) -> bool:
    return env(name).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str) -> list[str]:
    return [item.strip() for item in env(name).split(",") if item.strip()]


DATA_DIR = Path(env("SENDPLAN_DATA_DIR")).resolve()


def _secret_key() -> str:
    if env("SECRET_KEY"):
        return env("SECRET_KEY")
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "sendplan.core",
    "sendplan.plans",
    "axes",
    "sendplan.accounts",
    "sendplan.audit",
    "sendplan.delivery",
    "sendplan.geography",
    "sendplan.measures",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "sendplan.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sendplan.urls"
WSGI_APPLICATION = "sendplan.wsgi.application"

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
                "sendplan.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(env("DATABASE_URL"), conn_max_age=60)
    if env("DATABASE_URL")
    else {"ENGINE": "django.db.backends.sqlite3", "NAME": DATA_DIR / "sendplan.sqlite3"}
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env("TIME_ZONE")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# The compiled front end (sendplan/static/build, made by `npm run build`), the favicon and images.
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploaded files live outside the web root and are only served through permission-checked views.
MEDIA_ROOT = DATA_DIR / "uploads"

MAX_UPLOAD_BYTES = int(float(env("MAX_UPLOAD_MB")) * 1024 * 1024)
MAX_DATA_FILE_BYTES = int(float(env("MAX_DATA_FILE_MB")) * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
_secure = env_bool("SECURE_COOKIES") if env("SECURE_COOKIES") else not DEBUG
SESSION_COOKIE_SECURE = _secure
CSRF_COOKIE_SECURE = _secure
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_HTTPS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

if env("EMAIL_URL"):
    _email = dj_database_url.parse(env("EMAIL_URL").replace("smtp://", "postgres://", 1))
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _email["HOST"]
    EMAIL_PORT = _email["PORT"] or 587
    EMAIL_HOST_USER = _email["USER"] or ""
    EMAIL_HOST_PASSWORD = _email["PASSWORD"] or ""
    EMAIL_USE_TLS = True
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")

LOGIN_URL = "/sign-in/"
LOGIN_REDIRECT_URL = "/plans/"

# Sign-in lockout (django-axes): 5 failures for a user name from one address locks it for an hour.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# Content Security Policy (django-csp): only this site's own files; inline scripts need the nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

SENDPLAN_PARTNERSHIP_NAME = env("PARTNERSHIP_NAME")
