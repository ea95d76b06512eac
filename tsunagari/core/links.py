"""Links that leave the site (mails, QR codes, printed pages, feeds) start from SITE_URL."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """``/referrals/…`` → ``https://tsunagari.example.jp/referrals/…``."""
    return settings.SITE_URL.rstrip("/") + path
