"""Stored editions: one PDF file per (ward, language), rebuilt when the directory changes.

Each edition is kept as ``HANDBOOK_DIR/handbook-<ward|all>-<lang>.pdf`` with a
``.key`` file beside it holding the directory fingerprint it was built from
(:func:`~tsunagari.handbook.edition.directory_fingerprint`). A download serves the
stored file while the key matches and builds a new one first when it does not, so
every process (and a restarted one) shares the same files and nobody waits twice.
``manage.py store_handbooks`` rebuilds the stale editions ahead of time (after an
import) so that no visitor waits at all. See docs/decisions/0037.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from tsunagari.handbook.edition import directory_fingerprint, parse_language, parse_ward
from tsunagari.handbook.printing import handbook_pdf, write_atomically

_lock = threading.Lock()  # one build at a time in a process: a build takes seconds of CPU


@dataclass(frozen=True)
class Stored:
    path: Path
    built_at: datetime | None
    size: int
    current: bool


def edition_path(ward: str, language: str) -> Path:
    return Path(settings.HANDBOOK_DIR) / f"handbook-{ward or 'all'}-{language}.pdf"


def _key_path(path: Path) -> Path:
    return path.with_suffix(".key")


def stored(ward: str, language: str, fingerprint: str | None = None) -> Stored:
    path = edition_path(ward, language)
    if not path.exists():
        return Stored(path, None, 0, False)
    key = _key_path(path)
    fingerprint = fingerprint if fingerprint is not None else directory_fingerprint()
    current = key.exists() and key.read_text(encoding="utf-8") == fingerprint
    stat = path.stat()
    built = datetime.fromtimestamp(stat.st_mtime, tz=timezone.get_current_timezone())
    return Stored(path, built, stat.st_size, current)


def current_edition(ward: str = "", language: str = "") -> Path:
    """The path of an up-to-date stored edition, building it first when needed."""
    ward, language = parse_ward(ward), parse_language(language)
    fingerprint = directory_fingerprint()
    if stored(ward, language, fingerprint).current:
        return edition_path(ward, language)
    with _lock:
        if not stored(ward, language, fingerprint).current:  # another thread may have built it
            path = edition_path(ward, language)
            write_atomically(path, handbook_pdf(ward=ward, language=language))
            write_atomically(_key_path(path), fingerprint.encode("utf-8"))
    return edition_path(ward, language)
