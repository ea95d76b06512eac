"""Counting answers for the unmet-needs page without a database write per answer.

Counts are added up in this process and written together (one transaction)
every ``NAVIGATOR_TALLY_FLUSH_SECONDS`` seconds (default 30) or when many keys
are waiting, and when the process exits. At worst a crash loses a few seconds
of anonymous counts; in exchange an answer costs no disk sync. Set the setting
to 0 to write every answer at once (tests do).
"""

from __future__ import annotations

import atexit
import threading
import time
from collections import Counter
from datetime import date

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone

from tsunagari.navigator.models import UNKNOWN_NEED, NeedTally, week_of

MAX_PENDING_KEYS = 200

_lock = threading.Lock()
_pending: Counter[tuple[date, str, str, bool]] = Counter()
_last_flush = time.monotonic()


def _flush_seconds() -> float:
    return float(getattr(settings, "NAVIGATOR_TALLY_FLUSH_SECONDS", 30))


def count_answer(*, needs: dict[str, bool], ward: str, day: date | None = None) -> None:
    """One answer: each need code understood (at most 4) and whether a service matched it."""
    week = week_of(day or timezone.localdate())
    items = list((needs or {UNKNOWN_NEED: False}).items())[:4]
    with _lock:
        for code, matched in items:
            _pending[(week, code, ward, matched)] += 1
        due = (
            time.monotonic() - _last_flush >= _flush_seconds() or len(_pending) >= MAX_PENDING_KEYS
        )
    if due:
        flush()


def flush() -> None:
    """Write the waiting counts now."""
    global _last_flush
    with _lock:
        batch = dict(_pending)
        _pending.clear()
        _last_flush = time.monotonic()
    if not batch:
        return
    try:
        with transaction.atomic():
            for (week, code, ward, matched), count in batch.items():
                NeedTally.add(week=week, need_code=code, ward=ward, matched=matched, count=count)
    except DatabaseError:
        # Counting must never break an answer: keep the counts for the next try.
        with _lock:
            _pending.update(batch)


def _flush_at_exit() -> None:
    try:
        flush()
    except Exception:  # noqa: BLE001, S110 - the process is ending; nothing else to do
        pass


atexit.register(_flush_at_exit)
