"""The address a request came from, as the site's own reverse proxies report it.

Behind the README's TLS-terminating proxy every request arrives from the proxy, and the
client's address is in ``X-Forwarded-For``. That header is written by whoever sends the
request, so only its last ``TRUSTED_PROXY_COUNT`` entries — the ones our own proxies
appended — are believed: the entry the outermost trusted proxy appended is the client.
With no trusted proxy (a laptop, the default) the header is ignored.

Login throttling (django-axes), the password-reset limit and the navigator's tallies
all count by this address.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return ""


def client_ip(request: HttpRequest) -> str:
    remote = _valid(request.META.get("REMOTE_ADDR", "")) or "0.0.0.0"  # noqa: S104 — a value, not a bind
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies <= 0:
        return remote
    forwarded = [
        part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote  # the proxy in front of us did not add the header: not from our proxies
    return _valid(forwarded[-proxies]) or remote
