"""Settings for Newsroom: one module, every deploy-time value from the environment."""

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_noop

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

_INSECURE_KEY = "django-insecure-development-only"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY in the environment (or DEBUG=1 for local development)."
        )
    SECRET_KEY = _INSECURE_KEY
elif not DEBUG and (SECRET_KEY == _INSECURE_KEY or len(SECRET_KEY) < 32):
    raise ImproperlyConfigured("SECRET_KEY is too weak for production: use at least 32 random characters.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "articles",
    "reversion",
    "django_prose_editor",
    # Readers' accounts (allauth; "accounts" first, so its templates dress allauth's pages), the
    # comments under stories, and the pages editors write.
    "accounts",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.facebook",
    "allauth.socialaccount.providers.twitter_oauth2",
    # Two-factor sign-in, offered to everyone and asked of staff at the desk too (accounts/mfa.py).
    "allauth.mfa",
    "comments",
    "pages",
    "dictionary",
    "learning",
]

MIDDLEWARE = [
    # Hardening (newsroom/middleware.py): the real client first, then input no page can mean refused,
    # and a database that does not answer turned into a friendly 503, before anything else runs.
    "newsroom.proxies.TrustedProxyMiddleware",
    "newsroom.request_id.RequestIdMiddleware",
    # A page kept for anonymous readers is kept here, finished (every header below included), and served
    # for two cache reads in front of Django (newsroom.wsgi: KeptPages), or here where Django's handler is
    # called directly: before the hardening, sessions, CSRF and the rest (newsroom/pagecache.py says why
    # nothing it skips can matter to a kept page).
    "newsroom.pagecache.PageCacheMiddleware",
    "newsroom.middleware.DatabaseUnavailableMiddleware",
    "newsroom.middleware.HostileInputMiddleware",
    "newsroom.middleware.CrossOriginResourcePolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The interface language: the language cookie, else Accept-Language (the page cache keys on the same).
    "newsroom.language.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Hardening: the desk's login throttled per account and address (accounts/throttle.py).
    "accounts.throttle.AdminLoginThrottleMiddleware",
    # With STAFF_REQUIRE_MFA, staff set up two-factor sign-in before they reach the admin.
    "accounts.mfa.StaffMFAMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

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
                "django.template.context_processors.csp",
                "articles.context_processors.newsroom",
                "learning.context_processors.words",
            ],
        },
    },
]

# SQLite is the embedded default; production sets DATABASE_URL to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
# Hardening: a database that hangs must not hang every worker. Connecting gives up after a few
# seconds and no statement runs longer than DATABASE_STATEMENT_TIMEOUT (ms); either way the pages
# answer 503 (newsroom.middleware.DatabaseUnavailableMiddleware). Management commands (migrations
# building an index over a million stories, imports, backups) are not held to the pages' limit.
_COMMAND = Path(sys.argv[0]).name == "manage.py" and sys.argv[1:2] != ["runserver"]
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    _statement_timeout = int(os.environ.get("DATABASE_STATEMENT_TIMEOUT", "0" if _COMMAND else "15000"))
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "connect_timeout": int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "3")),
            "options": f"-c statement_timeout={_statement_timeout}",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # Fails open (newsroom/cache.py): with Redis down each worker caches in its own memory, and no
    # call waits on Redis for more than half a second.
    CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    # Each story's card is an entry (articles.cards): room for a few thousand stories' cards per process.
    CACHES = {"default": {"BACKEND": "newsroom.cache.LocalCache", "OPTIONS": {"MAX_ENTRIES": 10000}}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The interface is in English and Korean; stories stay in the language they were written in. The
# language is not in the address: the cookie set by the switch, else the browser's Accept-Language.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ko", "한국어")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates as the paper prints them; Korean ones are Django's (2026년 12월 1일).
FORMAT_MODULE_PATH = ["newsroom.formats"]
# The newsroom's zone: a story's date (and so its URL) is its date here.
TIME_ZONE = os.environ.get("NEWSROOM_TIME_ZONE", "Asia/Seoul")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Django answers /media/ (articles.media): a file is sent only when a public story uses it, or to
# staff previewing the story. Off only where a front server reads the media from elsewhere (the
# cluster's object store, below).
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=True)
# Behind nginx (deploy/nginx.conf): after the check, nginx sends the file from this internal
# location (X-Accel-Redirect), so no worker streams it. Empty: Django sends the file itself.
MEDIA_ACCEL_REDIRECT = os.environ.get("MEDIA_ACCEL_REDIRECT", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# No request to any other host: everything the pages load comes from here.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Hardening: secure by default with DEBUG off (docs/security.md). HTTPS only, cookies only over it,
# HSTS for a year; SECURE_SSL_REDIRECT=0 / SECURE_COOKIES=0 turn them off for plain-HTTP testing.
# X-Forwarded-Proto and X-Forwarded-For are believed only from TRUSTED_PROXIES (comma-separated
# addresses or networks), in newsroom.proxies.TrustedProxyMiddleware; SECURE_PROXY_SSL_HEADER
# is left unset on purpose, as it would believe any client.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    # Consent to the browsers' preload list only: nothing happens until the domain is submitted there.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
# Nothing here is meant to be embedded or opened by another site's window.
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Readers log in through allauth; the admin keeps its own login page at /admin/login/.
LOGIN_URL = "account_login"

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

NEWSROOM = {
    "NAME": os.environ.get("NEWSROOM_NAME", "Newsroom Daily"),
    # Marked for the catalogue, translated where the chrome shows it ({% translate newsroom.TAGLINE %}).
    "TAGLINE": gettext_noop("An English-language daily from Seoul"),
    "PAGE_SIZE": 20,
    # The full-page cache for anonymous readers (newsroom.pagecache); PAGE_CACHE=0 renders every request.
    "PAGE_CACHE": env_bool("PAGE_CACHE", default=True),
}

# Hardening: errors reach someone. Every line names its request (newsroom/request_id.py),
# and each 500 is mailed to ADMINS (comma-separated addresses) by Django's own mail_admins handler.
ADMINS = env_list("ADMINS")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "newsroom.request_id.RequestIdFilter"}},
    "formatters": {
        "keyed": {
            "format": "time=%(asctime)s level=%(levelname)s logger=%(name)s request_id=%(request_id)s %(message)s"
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "keyed"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["request_id"],
            "formatter": "keyed",
        },
    },
    # In place of Django's default "django" logger, which would mail the same error a second time.
    "loggers": {"django": {"handlers": ["mail_admins"], "level": os.environ.get("LOG_LEVEL", "WARNING")}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Readers' accounts (django-allauth). Readers log in with their email address; editors keep their
# usernames through ModelBackend. django.contrib.sites is left out on purpose: with it installed,
# sitemaps and feeds would take their domain from a Site row instead of the request.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "optional")
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# Messages such as "Signed in as ..." name the reader by display name, not by email or username.
ACCOUNT_USER_DISPLAY = "accounts.models.display_name_for"
SOCIALACCOUNT_ADAPTER = "accounts.adapter.SocialAccountAdapter"
# Mail that cannot be sent is logged and reported to the reader, never a 500 (accounts/adapter.py).
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# Hardening: logins. Readers' limits (allauth's) are counted in the cache, shared by every worker
# when REDIS_URL is set, and keyed on the real client address (TRUSTED_PROXIES); the desk's login
# has its own throttle (accounts/throttle.py). Password reset never says whether an account exists.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}
ACCOUNT_PREVENT_ENUMERATION = True
LOGIN_THROTTLE = {
    "ACCOUNT": int(os.environ.get("LOGIN_THROTTLE_ACCOUNT", "5")),
    "ADDRESS": int(os.environ.get("LOGIN_THROTTLE_ADDRESS", "20")),
    "WINDOW": 15 * 60,
    "LOCKOUT": int(os.environ.get("LOGIN_THROTTLE_LOCKOUT", str(15 * 60))),
}
# Two-factor sign-in (allauth.mfa): an authenticator app's codes and recovery codes. Staff who set
# it up give a code at /admin/login/ too (accounts/mfa.py); STAFF_REQUIRE_MFA=1 makes it compulsory
# for staff. Off by default, so that a new site's first editor can sign in before setting it up.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = NEWSROOM["NAME"]
STAFF_REQUIRE_MFA = env_bool("STAFF_REQUIRE_MFA", False)
# X does not share an email address; such readers still get an account.
SOCIALACCOUNT_EMAIL_REQUIRED = False
SOCIALACCOUNT_PROVIDERS = {
    "facebook": {"METHOD": "oauth2", "SCOPE": ["email", "public_profile"]},
    "twitter_oauth2": {},
}

# Mail (Django 6.1's MAILERS): SMTP from EMAIL_URL or EMAIL_HOST and friends; in development the
# console, or files in EMAIL_FILE_PATH. See accounts/email_config.py.
from accounts.email_config import mailer_from_environment  # noqa: E402

MAILERS = {"default": mailer_from_environment(os.environ, debug=DEBUG)}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Newsroom <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Comments (see comments/conf.py for what each means).
COMMENTS_MAX_LENGTH = int(os.environ.get("COMMENTS_MAX_LENGTH", "250"))
COMMENTS_PREMODERATION = env_bool("COMMENTS_PREMODERATION")
COMMENTS_RATE_LIMIT = int(os.environ.get("COMMENTS_RATE_LIMIT", "5"))
COMMENTS_RATE_WINDOW = int(os.environ.get("COMMENTS_RATE_WINDOW", "60"))
# Findability: PostgreSQL full-text search (the search document's field type) and the sitemaps'
# templates; both apps work on SQLite too, where search falls back to a simpler match.
INSTALLED_APPS += ["django.contrib.postgres", "django.contrib.sitemaps"]
NEWSROOM.update(
    {
        # Share links point here; set it to the public address (https://...) in production.
        "SITE_URL": os.environ.get("SITE_URL", ""),
        "SEARCH_PAGE_SIZE": 10,
    }
)

# ---------------------------------------------------------------------------------------------
# Beyond one machine (docs/deploying-cluster.md). Each setting here is off unless its variable is
# set, so the one-machine defaults above stay as they are; `make cluster` sets them all.
# ---------------------------------------------------------------------------------------------
# Behind pgbouncer in transaction pooling, a server connection serves another client between two
# transactions: a named (server-side) cursor would not survive that.
if env_bool("DATABASE_POOLED"):
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True

# The streaming replica: public reads go there (newsroom.cluster.routers). Only the app servers
# set it; management commands and the worker read and write the primary alone.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True
    )
    # Read straight, not through a pooler: a replica that is down must refuse at once.
    DATABASES["replica"]["OPTIONS"] = {"connect_timeout": 2}
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["newsroom.cluster.routers.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(0, "newsroom.cluster.middleware.PrimaryPinMiddleware")
NEWSROOM_CLUSTER = {
    # A replica further behind than this is skipped; the health check runs at most this often.
    "REPLICA_MAX_LAG": float(os.environ.get("REPLICA_MAX_LAG", "5")),
    "REPLICA_CHECK_INTERVAL": float(os.environ.get("REPLICA_CHECK_INTERVAL", "1")),
    # After a write, the writer's requests stay on the primary this long; it must exceed the lag
    # bound, so that when the pin ends the replica has the write.
    "PRIMARY_PIN_SECONDS": int(os.environ.get("PRIMARY_PIN_SECONDS", "10")),
    "PRIMARY_PIN_COOKIE": "nr_primary",
    # Where a withdrawn story's photo files go: a bucket nobody reads anonymously.
    "WITHHELD_BUCKET": os.environ.get("S3_WITHHELD_BUCKET", ""),
}
if DATABASE_REPLICA_URL:
    # A page or cached piece rendered from the replica may lack a write made up to this long before
    # (the lag bound, plus the health check's age): it is kept no longer than that after the write
    # (newsroom.pagecache.settling), so a publish is on every cached page within these seconds.
    NEWSROOM["PAGE_CACHE_SETTLE"] = NEWSROOM_CLUSTER["REPLICA_MAX_LAG"] + NEWSROOM_CLUSTER["REPLICA_CHECK_INTERVAL"]

# Redis shared by every app server fails open (newsroom.cache, above). Sessions live in the
# database with the cache in front of it, so a Redis restart logs nobody out.
if REDIS_URL and env_bool("REDIS_SESSIONS"):
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Media in an S3-compatible object store. Pages link to MEDIA_URL, which the front server proxies
# to the bucket, so the store's own address never appears in a page.
if os.environ.get("MEDIA_STORAGE") == "s3":
    STORAGES["default"] = {
        "BACKEND": "newsroom.cluster.storage.MediaStorage",
        "OPTIONS": {
            "endpoint_url": os.environ["S3_ENDPOINT_URL"],
            "bucket_name": os.environ.get("S3_BUCKET", "newsroom-media"),
            "access_key": os.environ.get("S3_ACCESS_KEY_ID", ""),
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY", ""),
            "region_name": os.environ.get("S3_REGION", "us-east-1"),
            "file_overwrite": False,
            "querystring_auth": False,
        },
    }
    SERVE_MEDIA = False

# Background work (renditions, a withdrawn story's photo files, mail; newsroom/cluster/tasks.py):
# Django's tasks framework. On one machine the immediate backend runs each task at once, in the
# process that asks; in the cluster django-tasks-db queues it in the primary database and the
# worker (`manage.py db_worker`) runs it.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
if os.environ.get("TASKS_BACKEND") == "database":
    INSTALLED_APPS += ["django_tasks_db", "newsroom.cluster"]
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif os.environ.get("TASKS_BACKEND", "immediate") != "immediate":
    raise ImproperlyConfigured("TASKS_BACKEND must be 'immediate' (the default) or 'database'.")
# A failed task is logged and kept in its result, not mailed to ADMINS: a failed send_mail would
# only ask the mail server that just failed, and hold the request that asked once more.
LOGGING["loggers"]["django.tasks"] = {
    "handlers": ["console"],
    "level": os.environ.get("LOG_LEVEL", "WARNING"),
    "propagate": False,
}
