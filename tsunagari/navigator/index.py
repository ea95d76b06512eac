"""A compact, in-memory view of the public directory for ranking.

Ranking 20,000 listings in a few milliseconds means not asking the database
for each one: the index loads every public service once (terms, schedules and
languages prefetched) into small frozen records, with an inverted list per need.
It is rebuilt when a directory row changes in this process (signals) and, for
other processes (gunicorn workers, importers), when a cheap fingerprint query
shows a change — checked at most every :data:`CHECK_SECONDS`.
"""

from __future__ import annotations

import threading
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db.models import Count, Max
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from tsunagari.directory.models import (
    Attribute,
    Confidence,
    Language,
    PhoneType,
    Schedule,
    Service,
    Taxonomy,
    TaxonomyTerm,
)
from tsunagari.directory.needs import NEED_CODES

CHECK_SECONDS = 5.0


@dataclass(frozen=True)
class Listing:
    id: str
    name: str
    needs: frozenset[str]
    audiences: frozenset[str]
    channels: frozenset[str]
    area: str
    ward: str
    languages: frozenset[str]  # language codes or names, lower case
    interpretation: bool
    schedules: tuple[Any, ...]
    closes_on_public_holidays: bool
    closes_over_new_year: bool
    has_contact: bool
    stale: bool  # needs re-verification (e.g. from the 2021 national snapshot)
    confirmed: bool  # facts read on the operator's or a government page
    # Name, who it is for and the start of the description, NFKC-folded: the person's own
    # words found here break ties between desks for the same need (パワハラ, 離婚).
    text: str = ""
    kind: str = "desk"  # desk: a place to contact | scheme: a programme to read about
    phones: tuple[tuple[str, str], ...] = ()  # sourced (number, type), voice first
    url: str = ""
    contact_text: str = ""
    hours_text: str = ""
    assured_date: str = ""  # ISO date a person last checked the listing, or ""


@dataclass
class DirectoryIndex:
    listings: list[Listing] = field(default_factory=list)
    by_need: dict[str, list[int]] = field(default_factory=dict)
    fingerprint: tuple[Any, ...] = ()
    generation: int = 0  # increases with every rebuild: a cache key for answers
    # Per listing: 1 / (1 + 0.15 × (needs − 1)): a desk for a few needs beats one for all.
    specificity: list[float] = field(default_factory=list)
    # Per ward and preferences: the query-independent part of each listing's score.
    _static: dict[str, Any] = field(default_factory=dict)
    # Open-now answers, per (position, minute): schedules do not change within a minute.
    open_cache: dict[tuple[int, int], bool | None] = field(default_factory=dict)

    # Arrays for ranking the whole directory in one vector operation.
    need_matrix: Any = None  # listings × need codes, 1.0 where tagged
    need_bits: Any = None  # the same as one integer bit set per listing
    specificity_array: Any = None

    def static_array(self, key: str, score: Callable[[Listing], float]) -> Any:
        """``score`` for every listing, computed once per ``key`` (a few hundred keys at most)."""
        cached = self._static.get(key)
        if cached is None:
            if len(self._static) >= 256:
                self._static.clear()
            cached = np.array([score(listing) for listing in self.listings], dtype=np.float64)
            self._static[key] = cached
        return cached


_lock = threading.Lock()
_state: dict[str, Any] = {"index": None, "checked": 0.0, "dirty": True, "generation": 0}


def _fingerprint() -> tuple[Any, ...]:
    services = Service.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    return (
        timezone.localdate(),  # a listing whose end date passed overnight leaves the index
        services["n"],
        services["last"],
        Attribute.objects.count(),
        Schedule.objects.count(),
        Language.objects.count(),
    )


TEXT_CHARS = 400


def listing_text(service: Service) -> str:
    text = " ".join(
        (service.name, service.eligibility_description[:100], service.description[:TEXT_CHARS])
    )
    return unicodedata.normalize("NFKC", text).lower()


def _build(fingerprint: tuple[Any, ...]) -> DirectoryIndex:
    services = (
        Service.objects.public()
        .prefetch_related("terms", "schedules", "languages", "phones")
        .only(
            "id",
            "name",
            "description",
            "eligibility_description",
            "area",
            "ward",
            "interpretation_services",
            "closes_on_public_holidays",
            "closes_over_new_year",
            "contact_text",
            "needs_reverification",
            "confidence",
            "url",
            "email",
            "hours_text",
            "assured_date",
            "kind",
        )
        .order_by("name", "id")
    )
    _state["generation"] += 1
    index = DirectoryIndex(fingerprint=fingerprint, generation=_state["generation"])
    by_need: dict[str, list[int]] = defaultdict(list)
    for service in services.iterator(chunk_size=2000):
        terms = list(service.terms.all())
        needs = frozenset(t.code for t in terms if t.taxonomy == Taxonomy.NEED)
        channels = frozenset(t.code for t in terms if t.taxonomy == Taxonomy.CHANNEL)
        phones = tuple(
            sorted(
                ((p.number, p.type) for p in service.phones.all()),
                key=lambda phone: phone[1] != PhoneType.VOICE,
            )
        )
        listing = Listing(
            id=str(service.id),
            name=service.name,
            needs=needs,
            audiences=frozenset(t.code for t in terms if t.taxonomy == Taxonomy.AUDIENCE),
            channels=channels,
            area=service.area,
            ward=service.ward,
            languages=frozenset(
                (lang.code or lang.name).strip().lower() for lang in service.languages.all()
            ),
            interpretation=bool(service.interpretation_services.strip()),
            schedules=tuple(service.schedules.all()),
            closes_on_public_holidays=service.closes_on_public_holidays,
            closes_over_new_year=service.closes_over_new_year,
            has_contact=bool(
                service.phones.all() or service.url or service.email or service.contact_text
            ),
            stale=service.needs_reverification,
            confirmed=service.confidence == Confidence.CONFIRMED,
            text=listing_text(service),
            kind=str(service.kind),
            phones=phones,
            url=service.url,
            contact_text=service.contact_text.strip(),
            hours_text=service.hours_text.strip(),
            assured_date=service.assured_date.isoformat() if service.assured_date else "",
        )
        position = len(index.listings)
        index.listings.append(listing)
        index.specificity.append(1 / (1 + 0.15 * max(len(needs) - 1, 0)))
        for code in needs:
            by_need[code].append(position)
    index.by_need = dict(by_need)
    matrix = np.zeros((len(index.listings), len(NEED_CODES)), dtype=np.float64)
    bits = np.zeros(len(index.listings), dtype=np.int64)
    for code, positions in index.by_need.items():
        if code in NEED_CODES:
            column = NEED_CODES.index(code)
            matrix[positions, column] = 1.0
            bits[positions] |= 1 << column
    index.need_matrix = matrix
    index.need_bits = bits
    index.specificity_array = np.array(index.specificity, dtype=np.float64)
    return index


def directory_index() -> DirectoryIndex:
    """The current index, rebuilt if the directory changed."""
    now = time.monotonic()
    with _lock:
        index: DirectoryIndex | None = _state["index"]
        if index is not None and not _state["dirty"] and now - _state["checked"] < CHECK_SECONDS:
            return index
        fingerprint = _fingerprint()
        _state["checked"] = now
        if index is None or _state["dirty"] or fingerprint != index.fingerprint:
            index = _build(fingerprint)
            _state["index"] = index
            _state["dirty"] = False
        return index


def invalidate(**_: Any) -> None:
    _state["dirty"] = True


def connect_signals() -> None:
    """Called from the app's ``ready()``: a change to the directory marks the index stale."""
    for model in (Service, Attribute, Schedule, Language, TaxonomyTerm):
        name = model.__name__
        post_save.connect(invalidate, sender=model, dispatch_uid=f"navigator-index-save-{name}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"navigator-index-delete-{name}")
