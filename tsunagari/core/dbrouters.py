"""Reads from a PostgreSQL streaming replica, except right after a person's own write.

Enabled by ``DATABASE_REPLICA_URL`` (settings add the ``replica`` alias, this router and
:class:`ReplicaPinMiddleware`). A replica lags the primary by a fraction of a second, so:

- every write goes to the primary (``default``), and once a request has written, its
  later reads go there too;
- a request that changes something (POST, PUT, PATCH, DELETE) reads from the primary
  from its start, and its answer sets a short-lived cookie so that the same person's next
  requests, for :data:`PIN_SECONDS`, read from the primary as well — the page after
  "保存しました" shows what was saved, and the session made at sign-in is found;
- everyone else's reads (the public directory, the calendar, the navigator's index) go
  to the replica.

The pin is a cookie, not the session: reading the session is itself a read that must
not go to a replica that has not seen the sign-in yet.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

PRIMARY = "default"
REPLICA = "replica"
PIN_COOKIE = "tsunagari_primary"
PIN_SECONDS = 15
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

_pinned: ContextVar[bool] = ContextVar("tsunagari_read_from_primary", default=False)


def pin_to_primary() -> None:
    """From now on in this request (or thread of a command), read from the primary."""
    _pinned.set(True)


def unpin() -> None:
    _pinned.set(False)


def reading_from_primary() -> bool:
    return _pinned.get()


class PrimaryReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str:
        if _pinned.get() or REPLICA not in settings.DATABASES:
            return PRIMARY
        return REPLICA

    def db_for_write(self, model: Any, **hints: Any) -> str:
        _pinned.set(True)  # read your own write for the rest of this request
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        aliases = {PRIMARY, REPLICA}
        if obj1._state.db in aliases and obj2._state.db in aliases:
            return True  # one database, two doors
        return None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == PRIMARY


class ReplicaPinMiddleware:
    """Decides per request whether reads may go to the replica (first after RequestLog)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        now = time.time()
        try:
            pinned_until = float(request.COOKIES.get(PIN_COOKIE, "0"))
        except ValueError:
            pinned_until = 0.0
        token = _pinned.set(request.method in UNSAFE_METHODS or pinned_until > now)
        try:
            response = self.get_response(request)
            # Only a deliberate change pins the person; a page view's own bookkeeping (the
            # session's last-seen time, navigator counts) reads from the primary for the
            # rest of that request only.
            if request.method in UNSAFE_METHODS:
                response.set_cookie(
                    PIN_COOKIE,
                    f"{now + PIN_SECONDS:.0f}",
                    max_age=PIN_SECONDS,
                    httponly=True,
                    samesite="Lax",
                    secure=not settings.DEBUG,
                )
            return response
        finally:
            _pinned.reset(token)
