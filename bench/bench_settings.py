"""Settings for `make bench` only: the project's settings plus a trivial view to compare against."""

from tsunagari.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
SECURE_SSL_REDIRECT = False
