"""One settings file, driven by the environment.

DEBUG is off unless switched on (DEBUG=true: `make run`, the Makefile and the test run do);
with DEBUG off the site refuses to start without SECRET_KEY. Laptop defaults otherwise:
SQLite under var/, mail to the console. Production sets SECRET_KEY, ALLOWED_HOSTS and
DATABASE_URL (see README.md).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-never-use-in-production" if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set and DEBUG is off: set SECRET_KEY (production) or DEBUG=true (a laptop)."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # one-time recovery codes
    "axes",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "tsunagari.core",
    "tsunagari.accounts",
    "tsunagari.directory",
    "tsunagari.navigator",
    "tsunagari.partners",
    "tsunagari.gatherings",
    "tsunagari.listings",
    "tsunagari.outbox",
    "tsunagari.sensitive",
    "tsunagari.survey",
    "tsunagari.measures",
    "tsunagari.supporters",
    "tsunagari.dashboard",
    "tsunagari.referrals",
    "tsunagari.watch",
    "tsunagari.council",
    "tsunagari.opendata",
    "tsunagari.handbook",
    "tsunagari.ops",
    "tsunagari.translations",
]

MIDDLEWARE = [
    "tsunagari.ops.middleware.RequestLogMiddleware",  # first: times and logs every answer
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "tsunagari.core.middleware.RubyMiddleware",  # やさしい日本語: readings as <ruby>
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "tsunagari.core.middleware.IdleSessionTimeoutMiddleware",
    "tsunagari.core.middleware.DenyByDefaultMiddleware",
    "tsunagari.accounts.middleware.TwoFactorRequiredMiddleware",
    "tsunagari.core.middleware.PrivatePagesMiddleware",
    "axes.middleware.AxesMiddleware",
    "tsunagari.ops.middleware.FaultPageMiddleware",  # last: sees the view's exceptions first
]

ROOT_URLCONF = "tsunagari.urls"
WSGI_APPLICATION = "tsunagari.wsgi.application"

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
                "django.template.context_processors.i18n",
                "tsunagari.core.context_processors.site",
            ],
        },
    },
]

if not os.environ.get("DATABASE_URL"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded SQLite database lives here
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'tsunagari.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
        conn_health_checks=True,  # a connection broken by a database restart is replaced
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write transactions take the lock when they begin and wait for it (docs/decisions/0021):
    # a sign-in beside the mail worker never answers "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_TIMEOUT", 20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        **DATABASES["default"].get("OPTIONS", {}),
    }

# Background work through Django's Tasks API (django-tasks backport). The default keeps the
# queue in the database and `manage.py run_worker` runs it; TASKS_BACKEND=django_tasks_rq.RQBackend
# with REDIS_URL moves it to Redis (README, docs/decisions/0020).
TASKS_BACKEND = env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
TASKS = {"default": {"BACKEND": TASKS_BACKEND, "QUEUES": ["default"]}}
# A worker writes a heartbeat this often; a RUNNING task whose worker has not been seen for the
# stale time goes back to the queue (tsunagari/core/tasks.py, docs/decisions/0041).
TASK_WORKER_HEARTBEAT_SECONDS = env_int("TASK_WORKER_HEARTBEAT_SECONDS", 15)
TASK_WORKER_STALE_SECONDS = env_int("TASK_WORKER_STALE_SECONDS", 120)
# A task whose worker was lost this many times is marked failed instead (it may be what kills it).
TASK_MAX_WORKER_LOSSES = env_int("TASK_MAX_WORKER_LOSSES", 3)
if TASKS_BACKEND.startswith("django_tasks_rq."):
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": env_str("REDIS_URL", "redis://127.0.0.1:6379/0")}}
# A PostgreSQL streaming replica for reads (tsunagari/core/dbrouters.py, docs/decisions/0030).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = {
        **dj_database_url.parse(
            os.environ["DATABASE_REPLICA_URL"],
            conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
            conn_health_checks=True,
        ),
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["tsunagari.core.dbrouters.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(1, "tsunagari.core.dbrouters.ReplicaPinMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The shared cache: Redis when REDIS_URL is set (answers, throttle counters and tallies shared
# across workers and machines), else each process's memory.
REDIS_URL = env_str("REDIS_URL", "")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "tsunagari"),
        "TIMEOUT": 300,
    }
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"

# Sessions end after this many idle seconds (tsunagari.core.middleware.IdleSessionTimeoutMiddleware).
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True

# Personal details (tsunagari.sensitive): AES-GCM keys as "kid:base64key,..." — the first
# encrypts, all decrypt. Empty on a laptop: a development key is derived from SECRET_KEY and
# `check --deploy` refuses it. `manage.py new_sensitive_key` prints a new key.
SENSITIVE_KEYS = env_str("SENSITIVE_KEYS", "")
# PostgreSQL: the role the site runs as (migrations run as the tables' owner); it may only
# append to the access records (tsunagari/sensitive/privileges.py). Empty: not applied.
DATABASE_APP_ROLE = env_str("DATABASE_APP_ROLE", "")

# The regional council (tsunagari.council): how long a closed case's details are kept.
COUNCIL_RETENTION_DAYS = env_int("COUNCIL_RETENTION_DAYS", 5 * 365)

# Encrypted backups (manage.py backup / restore): an AES-256 key, base64; escrow it apart
# from SENSITIVE_KEYS. `manage.py backup --new-key` prints one.
BACKUP_KEY = env_str("BACKUP_KEY", "")

# django-axes: lock an account + address after repeated failed logins.
# How many reverse proxies of our own stand in front of the site (README: one, TLS-terminating).
# Only their entries of X-Forwarded-For are believed (tsunagari.core.clientip); 0 ignores it.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# django-axes (docs/decisions/0025): failures are counted per username and, separately, per
# client address; either reaching the limit means a short cool-down, never a long lock, so an
# outsider who knows an admin's name can delay them by minutes, not shut them out.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # hammering does not lengthen the wait
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "tsunagari.core.clientip.client_ip"
# One password tried for this many different usernames is refused for the cool-down (accounts.forms).
PASSWORD_SPRAY_LIMIT = env_int("PASSWORD_SPRAY_LIMIT", 5)

# Two-factor sign-in (TOTP) for organisation admins and staff: tsunagari.accounts.middleware.
OTP_TOTP_ISSUER = "つながり"

LANGUAGE_CODE = "ja"
# The languages of Sakai's residents (issue 11, decision 0039). Names are shown in their own
# script by the switcher (name_local); ja-easy and tl are added to Django's LANG_INFO in
# tsunagari.core.languages. Catalogs: locale/<locale>/LC_MESSAGES/django.po (`make messages`).
LANGUAGES = [
    ("ja", _("日本語")),
    ("ja-easy", _("やさしい日本語")),
    ("en", _("English")),
    ("zh-hans", "中文（简体）"),
    ("ko", "한국어"),
    ("vi", "Tiếng Việt"),
    ("pt-br", "Português (Brasil)"),
    ("es", "Español"),
    ("tl", "Tagalog"),
    ("ne", "नेपाली"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The choice is remembered without an account: a cookie kept for a year (Django's default
# would forget it when the browser closes). It holds only the language code.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
TIME_ZONE = "Asia/Tokyo"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    # uploads are written whole or not at all (a full disk leaves no half file)
    "default": {"BACKEND": "tsunagari.ops.storage.AtomicFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploaded files live outside the web root and are served only through views that check access.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "uploads")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# E-mail: written to the outbox table with the action that causes it, sent by `send_outbox`.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "つながり事務局 <noreply@tsunagari.example.jp>")

# Referrals (つなぎ): working days to acknowledge, reminder before, retention, public figures.
REFERRAL_ACK_WORKING_DAYS = env_int("REFERRAL_ACK_WORKING_DAYS", 2)
REFERRAL_REMIND_WORKING_DAYS = env_int("REFERRAL_REMIND_WORKING_DAYS", 1)
REFERRAL_RETENTION_DAYS = env_int("REFERRAL_RETENTION_DAYS", 365)
REFERRAL_STATUS_LINK_DAYS = env_int("REFERRAL_STATUS_LINK_DAYS", 90)
REFERRAL_SELF_PER_HOUR = env_int("REFERRAL_SELF_PER_HOUR", 5)
REFERRAL_FIGURES_MINIMUM = env_int("REFERRAL_FIGURES_MINIMUM", 5)

# つながりサポーター certificates: a Japanese TrueType font (Debian fonts-morisawa-bizud-gothic).
CERTIFICATE_FONT = env_str(
    "CERTIFICATE_FONT", "/usr/share/fonts/truetype/bizud-gothic/BIZUDGothic-Regular.ttf"
)

# Content-Security-Policy (django-csp 4): our own files only; no inline script, handler or
# style anywhere (a test reads every template), no plugins, no framing, no foreign forms.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
# The printed handbook and posters (tsunagari/handbook): Debian's font folder, and where
# the stored editions live (rebuilt when the directory changes; docs/decisions/0037).
HANDBOOK_FONT_DIR = env_str("HANDBOOK_FONT_DIR", "/usr/share/fonts/truetype")
HANDBOOK_DIR = Path(env_str("HANDBOOK_DIR", str(VAR_DIR / "handbook")))

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # the load balancer asks over HTTP
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True

# One JSON object per line (tsunagari.ops.logs); one line per request from
# tsunagari.ops.middleware, with the route's name and never the path or query string.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "tsunagari.ops.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {
        "tsunagari.request": {
            "handlers": ["console"],
            "level": "INFO" if env_bool("REQUEST_LOG", True) else "WARNING",
            "propagate": False,
        },
        # 4xx are in the request line already; Django's own lines would add the path.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "ERROR"},
    },
}

# The fictional demo organisations and gatherings (load_demo) reach public pages, the
# navigator and search only when this is on (`make run` switches it on; production never).
DEMO_MODE = env_bool("DEMO_MODE", False)

# The municipality this deployment serves first (全国地方公共団体コード, listed in
# tsunagari/directory/municipalities.tsv): a city-wide or ward listing saved without a code
# gets it, a prefecture listing gets its prefecture's (decision 0030).
HOME_MUNICIPALITY = env_str("HOME_MUNICIPALITY", "271403")

# 見守り (tsunagari.watch): a report unacknowledged after this much working time (weekdays
# WATCH_WORKING_HOURS, no holidays, no 12/29–1/3) escalates to the ward's 基幹型 centre and staff.
WATCH_ACK_MINUTES = env_int("WATCH_ACK_MINUTES", 120)
WATCH_WORKING_HOURS = env_str("WATCH_WORKING_HOURS", "09:00-17:30")
WATCH_AREAS_FILE = env_str("WATCH_AREAS_FILE", "")  # default tsunagari/watch/data/areas.tsv
WATCH_STATUS_LINK_DAYS = env_int("WATCH_STATUS_LINK_DAYS", 180)
WATCH_RETENTION_DAYS = env_int("WATCH_RETENTION_DAYS", 365)  # after a report is closed

# The navigator's learned reader (tsunagari/navigator/learned.py); off measures the word rules alone.
NAVIGATOR_LEARNED_READER = env_bool("NAVIGATOR_LEARNED_READER", True)
