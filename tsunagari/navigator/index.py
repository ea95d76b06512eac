"""A compact, in-memory view of the public directory for ranking.

Ranking 20,000 listings in a few milliseconds means not asking the database
for each one: the index loads every public service once (terms, schedules and
languages prefetched) into small frozen records, with arrays for ranking.

Partitioned by municipality (全国地方公共団体コード, decision 0030): one
:class:`Partition` per code, and the partition ``""`` for national listings that every
municipality shares. A question naming a municipality scores only that municipality's
partition, its prefecture's and the shared one (:meth:`DirectoryIndex.scope`).

Kept current by deltas, not rebuilds. A change to a listing (or to its terms, hours,
phones, languages) writes a line to the change log (:class:`~tsunagari.navigator.models.
IndexChange`) in the same transaction and, once committed, a new token in Django's cache.
Each worker compares the token on every call — and reads the log at least every
:data:`CHECK_SECONDS`, for caches that are not shared — then reloads only the listings the
new lines name and replaces their rows in place. "Everything changed" lines (vocabulary
changes, a bulk import) and a new day (end dates) rebuild the whole index.
"""

from __future__ import annotations

import threading
import time
import unicodedata
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from tsunagari.directory.models import (
    Attribute,
    Confidence,
    Language,
    Organization,
    Phone,
    PhoneType,
    Schedule,
    Service,
    Taxonomy,
    TaxonomyTerm,
)
from tsunagari.directory.municipalities import prefecture_of
from tsunagari.directory.needs import NEED_CODES
from tsunagari.directory.signals import listings_changed

CHECK_SECONDS = 5.0  # read the change log at least this often, whatever the cache says
VERSION_KEY = "navigator:index-version"  # changes whenever a change to the directory commits
KEEP_CHANGES = timedelta(days=1)  # change-log lines older than this are pruned
MAX_DELTA = 5000  # more new lines than this at once: rebuild instead


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
    municipality: str = ""  # 全国地方公共団体コード; "" for a national listing


class Partition:
    """The listings of one municipality (or the shared national ones) and their arrays.

    A listing that changes gets its row replaced in place; a new one is appended; one that
    leaves the public directory keeps its slot with an empty need row, so it never matches
    (the slot goes at the next full rebuild)."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.listings: list[Listing] = []
        self.positions: dict[str, int] = {}  # listing id → position
        self.need_matrix: Any = np.zeros((0, len(NEED_CODES)), dtype=np.float64)
        self.need_bits: Any = np.zeros(0, dtype=np.int64)  # the same as one bit set per row
        # Per listing: 1 / (1 + 0.15 × (needs − 1)): a desk for a few needs beats one for all.
        self.specificity_array: Any = np.zeros(0, dtype=np.float64)
        # Per ward and preferences: the query-independent part of each listing's score.
        self._static: dict[str, tuple[Callable[[Listing], float], Any]] = {}
        # Open-now answers, per (position, minute): schedules do not change within a minute.
        self.open_cache: dict[tuple[int, int], bool | None] = {}

    def __len__(self) -> int:
        return len(self.positions)

    def alive(self) -> list[Listing]:
        return [self.listings[p] for p in sorted(self.positions.values())]

    def static_array(self, key: str, score: Callable[[Listing], float]) -> Any:
        """``score`` for every listing, computed once per ``key`` (a few hundred keys at most)."""
        cached = self._static.get(key)
        if cached is None:
            if len(self._static) >= 256:
                self._static.clear()
            cached = (score, np.array([score(row) for row in self.listings], dtype=np.float64))
            self._static[key] = cached
        return cached[1]

    def fill(self, listings: list[Listing]) -> None:
        """Arrays for a whole list of listings at once (a full build)."""
        self.listings = listings
        self.positions = {listing.id: n for n, listing in enumerate(listings)}
        size = len(listings)
        self.need_matrix = np.zeros((size, len(NEED_CODES)), dtype=np.float64)
        self.need_bits = np.zeros(size, dtype=np.int64)
        for n, listing in enumerate(listings):
            self.need_matrix[n], self.need_bits[n] = _need_row(listing)
        self.specificity_array = np.array([_specificity(x) for x in listings], dtype=np.float64)
        self._static.clear()
        self.open_cache.clear()

    def put(self, listing: Listing) -> None:
        """Replace the listing's row, or append it."""
        row, bits = _need_row(listing)
        position = self.positions.get(listing.id)
        if position is None:
            position = len(self.listings)
            self.listings.append(listing)
            self.positions[listing.id] = position
            self.need_matrix = np.vstack([self.need_matrix, row[np.newaxis, :]])
            self.need_bits = np.append(self.need_bits, bits)
            self.specificity_array = np.append(self.specificity_array, _specificity(listing))
            for key, (score, values) in self._static.items():
                self._static[key] = (score, np.append(values, score(listing)))
        else:
            self.listings[position] = listing
            self.need_matrix[position] = row
            self.need_bits[position] = bits
            self.specificity_array[position] = _specificity(listing)
            for score, values in self._static.values():
                values[position] = score(listing)
        self.open_cache.clear()

    def remove(self, listing_id: str) -> None:
        position = self.positions.pop(listing_id, None)
        if position is not None:
            self.need_matrix[position] = 0.0
            self.need_bits[position] = 0
            self.open_cache.clear()


def _need_row(listing: Listing) -> tuple[Any, int]:
    row = np.zeros(len(NEED_CODES), dtype=np.float64)
    bits = 0
    for code in listing.needs:
        if code in NEED_CODES:
            column = NEED_CODES.index(code)
            row[column] = 1.0
            bits |= 1 << column
    return row, bits


def _specificity(listing: Listing) -> float:
    return 1 / (1 + 0.15 * max(len(listing.needs) - 1, 0))


@dataclass
class DirectoryIndex:
    """Partitions are read from the database when a question first needs them: a worker
    of a national site holds the municipalities it is asked about, not all 1,741."""

    partitions: dict[str, Partition] = field(default_factory=dict)  # the ones read so far
    where: dict[str, str] = field(default_factory=dict)  # listing id → partition code
    complete: bool = False  # every partition read (a question naming no municipality)
    built_on: date | None = None
    applied: int = 0  # the newest change-log line applied
    generation: int = 0  # increases with every rebuild
    token: str = ""  # the cache version this index is current with: a key for answers

    @property
    def listings(self) -> list[Listing]:
        """Every public listing, in name order (for tests and tools; ranking uses scopes)."""
        self.load_all()
        rows = [listing for part in self.partitions.values() for listing in part.alive()]
        return sorted(rows, key=lambda listing: (listing.name, listing.id))

    def __len__(self) -> int:
        return len(self.where)

    def scope(self, municipality: str = "") -> list[Partition]:
        """The partitions a question may draw on. Naming a municipality: its own listings,
        its prefecture's and the national ones. Naming none: every listing (one city's site)."""
        if not municipality:
            self.load_all()
            return [self.partitions[code] for code in sorted(self.partitions)]
        codes = list(dict.fromkeys((municipality, prefecture_of(municipality), "")))
        self.load(codes)
        return [self.partitions[code] for code in codes if len(self.partitions[code])]

    def load(self, codes: list[str]) -> None:
        missing = [code for code in codes if code not in self.partitions]
        if missing and not self.complete:
            with _load_lock:
                missing = [code for code in codes if code not in self.partitions]
                self._read(public_services().filter(municipality__in=missing), missing)

    def load_all(self) -> None:
        if not self.complete:
            with _load_lock:
                if not self.complete:
                    self._read(public_services().exclude(municipality__in=list(self.partitions)))
                    self.complete = True

    def _read(self, services: Any, codes: list[str] | None = None) -> None:
        grouped: dict[str, list[Listing]] = {code: [] for code in codes or ()}
        for service in services.order_by("name", "id").iterator(chunk_size=2000):
            listing = make_listing(service)
            grouped.setdefault(listing.municipality, []).append(listing)
        for code, listings in grouped.items():
            part = Partition(code)
            part.fill(listings)
            for listing in listings:
                self.where[listing.id] = code
            self.partitions[code] = part

    def place(self, listing: Listing) -> None:
        """Put a (new or changed) listing into its municipality's partition, if read."""
        self.drop(listing.id, unless_in=listing.municipality)
        part = self.partitions.get(listing.municipality)
        if part is None and self.complete:
            part = self.partitions[listing.municipality] = Partition(listing.municipality)
        if part is not None:
            part.put(listing)
            self.where[listing.id] = listing.municipality

    def drop(self, listing_id: str, unless_in: str | None = None) -> None:
        """The listing left the public directory (retired, hidden, deleted) or moved."""
        old = self.where.get(listing_id)
        if old is not None and old != unless_in:
            del self.where[listing_id]
            self.partitions[old].remove(listing_id)


_lock = threading.Lock()
_load_lock = threading.RLock()
_state: dict[str, Any] = {
    "index": None,
    "checked": 0.0,
    "dirty": True,
    "generation": 0,
    "pending": set(),  # listing ids changed in this process, not yet applied
}

TEXT_CHARS = 400


def listing_text(service: Service) -> str:
    text = " ".join(
        (service.name, service.eligibility_description[:100], service.description[:TEXT_CHARS])
    )
    return unicodedata.normalize("NFKC", text).lower()


def public_services() -> Any:
    return (
        Service.objects.public()
        .prefetch_related("terms", "schedules", "languages", "phones")
        .only(
            "id",
            "name",
            "description",
            "eligibility_description",
            "area",
            "ward",
            "municipality",
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
    )


def _schedules(service: Service) -> tuple[Schedule, ...]:
    """The listing's schedule rows, without the link back to the service that prefetching
    leaves on each: kept, it would hold the whole Service (its text, terms, phones) in
    memory for as long as the index holds the listing."""
    rows = tuple(service.schedules.all())
    for row in rows:
        row._state.fields_cache.pop("service", None)
    return rows


def make_listing(service: Service) -> Listing:
    terms = list(service.terms.all())
    phones = tuple(
        sorted(
            ((p.number, p.type) for p in service.phones.all()),
            key=lambda phone: phone[1] != PhoneType.VOICE,
        )
    )
    return Listing(
        id=str(service.id),
        name=service.name,
        needs=frozenset(t.code for t in terms if t.taxonomy == Taxonomy.NEED),
        audiences=frozenset(t.code for t in terms if t.taxonomy == Taxonomy.AUDIENCE),
        channels=frozenset(t.code for t in terms if t.taxonomy == Taxonomy.CHANNEL),
        area=service.area,
        ward=service.ward,
        languages=frozenset(
            (lang.code or lang.name).strip().lower() for lang in service.languages.all()
        ),
        interpretation=bool(service.interpretation_services.strip()),
        schedules=_schedules(service),
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
        municipality=service.municipality,
    )


def _last_change() -> int:
    from tsunagari.navigator.models import IndexChange

    return IndexChange.objects.order_by("-id").values_list("id", flat=True).first() or 0


def _build() -> DirectoryIndex:
    """A fresh index; its partitions are read as questions need them."""
    _state["generation"] += 1
    return DirectoryIndex(
        built_on=timezone.localdate(),
        # Read first: a change while partitions are read is applied again after.
        applied=_last_change(),
        generation=_state["generation"],
    )


def apply_changes(index: DirectoryIndex, service_ids: Iterable[Any]) -> int:
    """Reload the named listings from the database and replace their rows. Returns how many."""
    ids = {str(i) for i in service_ids}
    if not ids or not (index.partitions or index.complete):
        return 0  # nothing read yet: the partitions will be read as they are now
    found = {str(s.id): s for s in public_services().filter(id__in=ids)}
    for listing_id in ids:
        service = found.get(listing_id)
        if service is None:
            index.drop(listing_id)
        else:
            index.place(make_listing(service))
    return len(ids)


def _read_log(index: DirectoryIndex) -> tuple[bool, set[str]]:
    """(rebuild everything?, listing ids) from the change-log lines after ``index.applied``."""
    from tsunagari.navigator.models import IndexChange

    rows = list(
        IndexChange.objects.filter(id__gt=index.applied)
        .order_by("id")
        .values_list("id", "service_id")[: MAX_DELTA + 1]
    )
    if not rows:
        return False, set()
    index.applied = rows[-1][0]
    if len(rows) > MAX_DELTA or any(service_id is None for _, service_id in rows):
        return True, set()
    return False, {str(service_id) for _, service_id in rows}


def _current_token() -> str:
    token = cache.get(VERSION_KEY)
    if token is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        token = cache.get(VERSION_KEY) or ""
    return str(token)


def directory_index() -> DirectoryIndex:
    """The current index: changes since the last call applied, rebuilt only when it must be."""
    now = time.monotonic()
    token = _current_token()
    with _lock:
        index: DirectoryIndex | None = _state["index"]
        pending: set[str] = _state["pending"]
        due = now - _state["checked"] >= CHECK_SECONDS
        if (
            index is not None
            and not _state["dirty"]
            and not pending
            and not due
            and token == index.token
        ):
            return index
        _state["checked"] = now
        stale_day = index is not None and index.built_on != timezone.localdate()
        if index is None or _state["dirty"] or stale_day:
            _state["dirty"] = False
            pending.clear()
            index = _state["index"] = _build()
            index.token = token
            return index
        everything, logged = _read_log(index)
        if everything:
            pending.clear()
            index = _state["index"] = _build()
            index.token = token
            return index
        changed = logged | pending
        pending.clear()
        apply_changes(index, changed)
        if logged and token == index.token:
            # Lines from another process whose token this cache did not carry (a cache
            # per process): answers cached under the old token must not be reused.
            token = uuid.uuid4().hex
            cache.set(VERSION_KEY, token, None)
        index.token = token
        return index


def invalidate(**_: Any) -> None:
    """Rebuild this process's index on its next use (tests, after rolled-back rows)."""
    _state["dirty"] = True
    cache.delete(VERSION_KEY)


def _new_token() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def note_changes(service_ids: Iterable[Any] | None) -> None:
    """Record that these listings (``None``: any listing) changed, for every worker."""
    from tsunagari.navigator.models import IndexChange

    if service_ids is None:
        _state["dirty"] = True
        rows = [IndexChange(service_id=None)]
    else:
        ids = list(dict.fromkeys(service_ids))
        if not ids:
            return
        _state["pending"].update(str(i) for i in ids)
        rows = [IndexChange(service_id=i) for i in ids]
    IndexChange.objects.bulk_create(rows)
    _new_token()  # other workers look now (before commit they find nothing; harmless)
    transaction.on_commit(_new_token)  # and again once the lines can be read
    if rows[-1].pk and rows[-1].pk % 500 == 0:
        IndexChange.objects.filter(created_at__lt=timezone.now() - KEEP_CHANGES).delete()


def _service_saved(sender: Any, instance: Any, raw: bool = False, **_: Any) -> None:
    if not raw:
        note_changes([instance.pk])


def _part_saved(sender: Any, instance: Any, raw: bool = False, **_: Any) -> None:
    if not raw and getattr(instance, "service_id", None):
        note_changes([instance.service_id])


def _organization_saved(sender: Any, instance: Any, raw: bool = False, **_: Any) -> None:
    # is_demo decides whether its listings are public at all.
    if not raw:
        note_changes(instance.services.values_list("id", flat=True))


def _vocabulary_changed(sender: Any, raw: bool = False, **_: Any) -> None:
    if not raw:
        note_changes(None)


def _listings_changed(sender: Any, service_ids: Iterable[Any] | None = None, **_: Any) -> None:
    note_changes(service_ids)


def connect_signals() -> None:
    """Called from the app's ``ready()``: every change to the directory reaches the index."""
    handlers: list[tuple[Any, Callable[..., None]]] = [
        (Service, _service_saved),
        (Attribute, _part_saved),
        (Schedule, _part_saved),
        (Language, _part_saved),
        (Phone, _part_saved),
        (Organization, _organization_saved),
        (TaxonomyTerm, _vocabulary_changed),
    ]
    for model, handler in handlers:
        name = model.__name__
        post_save.connect(handler, sender=model, dispatch_uid=f"navigator-index-save-{name}")
        post_delete.connect(handler, sender=model, dispatch_uid=f"navigator-index-delete-{name}")
    listings_changed.connect(_listings_changed, dispatch_uid="navigator-index-bulk")
