"""From a worry (free text or guided choices) to a few services, crisis first.

``recommend(q, ward=...)`` understands the text (:mod:`.text`), then ranks the
public directory (:mod:`.index`): need match first, then who it is for, the
person's ward (own ward → city-wide → national), how they want to reach
someone, open now, and language. The first three are diversified so they are
not three desks of the same kind, and each carries a one-line reason.

Crisis handling never depends on the ranking: :attr:`Answer.crisis` comes from
the text alone, and :attr:`Answer.crisis_lines` from the sourced file.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagari.core.crisis import CrisisLine, crisis_lines
from tsunagari.core.text import join_list
from tsunagari.directory.hours import opening_status
from tsunagari.directory.models import Area, PhoneType, Ward
from tsunagari.directory.needs import CRISIS_NEED, NEED_CODES, NEEDS_BY_CODE
from tsunagari.navigator import weights
from tsunagari.navigator.index import Listing, Partition, directory_index
from tsunagari.navigator.text import NeedScore, Understanding, understand
from tsunagari.navigator.urgent import UrgentPanel, panels

MAX_SERVICES = 10
TEXT_CHANNELS = frozenset({"chat", "sns", "mail"})
SAKAI_WARDS = {ward.value for ward in Ward.sakai_wards()}
FALLBACK_NEEDS = ("mental", "connection")  # desks that hear any worry
OPEN_CHECK = 30  # open-now is computed for this many leading candidates


def parse_ward(value: str | None) -> str:
    """'sakai', '堺区', '堺' → 'sakai'; anything else → ''."""
    value = (value or "").strip()
    if not value:
        return ""
    for ward in Ward.sakai_wards():
        label = str(ward.label)
        if value in (ward.value, label, label.removesuffix("区")):
            return ward.value
    return ""


@dataclass(frozen=True)
class Preferences:
    """What the person told us beyond the worry itself (guided mode, or found in the text)."""

    ward: str = ""
    asking_for: str = ""  # self | family | friend | supporter
    age_group: str = ""  # child | youth | adult | elderly
    channels: tuple[str, ...] = ()
    now: bool = False  # wants to talk now
    language: str = ""
    # 全国地方公共団体コード: only this municipality's, its prefecture's and national
    # listings are scored. "" scores every listing (one city's site, as today).
    municipality: str = ""


@dataclass(frozen=True)
class Recommendation:
    id: str
    name: str
    needs: list[str]
    open_now: bool | None
    why: str
    score: float
    kind: str = "desk"  # desk | scheme
    phones: tuple[tuple[str, str], ...] = ()  # sourced (number, type)
    url: str = ""
    contact_text: str = ""
    hours_today: str = ""  # today's hours when the schedule is known
    hours_text: str = ""  # the weekly hours as published
    verified: str = ""  # assured_date (ISO) or ""

    @property
    def tel_links(self) -> list[tuple[str, str]]:
        """(number, tel: href) for the numbers one can call (faxes left out)."""
        return [
            (number, "tel:" + number.replace("-", ""))
            for number, kind in self.phones
            if kind != PhoneType.FAX
        ]

    @property
    def callable(self) -> bool:
        return bool(self.tel_links or self.url or self.contact_text) and self.kind == "desk"


@dataclass
class Answer:
    q: str
    crisis: bool
    needs: list[NeedScore]
    services: list[Recommendation]
    trimmed: bool = False
    ward: str = ""
    negated_crisis: bool = False
    crisis_lines: list[CrisisLine] = field(default_factory=list)
    crisis_about: str = "self"  # other: the panel speaks to the person who is worried
    urgent: list[str] = field(default_factory=list)
    urgent_panels: list[UrgentPanel] = field(default_factory=list)
    understanding: Understanding | None = None

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "q": self.q,
            "crisis": self.crisis,
            "needs": [
                {
                    "code": n.code,
                    "label": str(NEEDS_BY_CODE[n.code].label),
                    "score": n.score,
                    "because": list(n.because),
                }
                for n in self.needs
            ],
            "urgent": list(self.urgent),
            "services": [
                {
                    "id": s.id,
                    "name": s.name,
                    "kind": s.kind,
                    "needs": s.needs,
                    "phones": [{"number": n, "type": t} for n, t in s.phones],
                    "url": s.url,
                    "hours_today": s.hours_today,
                    "open_now": s.open_now,
                    "verified": s.verified or None,
                    "why": s.why,
                }
                for s in self.services
            ],
        }
        if self.urgent_panels:
            data["urgent_panels"] = [
                {
                    "code": panel.situation.code,
                    "title": str(panel.situation.title),
                    "what_to_do": str(panel.situation.what_to_do),
                    "emergency": [
                        n
                        for n, on in (
                            ("119", panel.situation.call_119),
                            ("110", panel.situation.call_110),
                        )
                        if on
                    ],
                    "lines": [_line_json(line) for line in panel.lines],
                }
                for panel in self.urgent_panels
            ]
        if self.ward:
            data["ward"] = self.ward
        if self.trimmed:
            data["notice"] = _(
                "長い文章は、はじめの2000文字を読みとりました。命にかかわることばは、最後まで確かめています。"
            )
        if self.crisis:
            data["crisis_about"] = self.crisis_about
            data["crisis_lines"] = [_line_json(line) for line in self.crisis_lines]
            data["emergency"] = _("命が危ないときは119（救急）か110（警察）に電話してください。")
        return data


def _line_json(line: CrisisLine) -> dict[str, str]:
    return {
        "name": line.name,
        "channel": line.channel,
        "number": line.number,
        "contact": line.contact,
        "hours": line.hours,
        "source": line.source,
        "source_date": line.source_date,
    }


# ------------------------------------------------------------------ scoring


def _area_score(listing: Listing, ward: str) -> tuple[float, str]:
    """Own ward first, then the whole city, then Osaka, then national."""
    if listing.area == Area.WARD or (listing.ward in SAKAI_WARDS and listing.area != Area.NATIONAL):
        if ward and listing.ward == ward:
            return 0.25, "own"
        if ward:
            return -0.35, "other"
        return 0.05, "ward"
    if listing.area == Area.CITY:
        return 0.15, "city"
    if listing.area == Area.PREFECTURE:
        return 0.08, "prefecture"
    return 0.05, "national"


def _audience_score(listing: Listing, prefs: Preferences) -> float:
    audiences = listing.audiences
    if not audiences or "anyone" in audiences and len(audiences) == 1:
        return 0.0
    score = 0.0
    if prefs.asking_for in ("family", "friend") and "family" in audiences:
        score += 0.15
    if prefs.asking_for == "supporter":
        score += 0.15 if "supporter" in audiences else 0.0
    if prefs.age_group:
        if prefs.age_group in audiences:
            score += 0.15
        elif audiences & {"child", "youth", "elderly"} and "anyone" not in audiences:
            score -= 0.25  # a desk for another age group
    if prefs.language == "other" and "foreign" in audiences:
        score += 0.15
    return score


def _channel_score(listing: Listing, prefs: Preferences) -> float:
    if not prefs.channels or not listing.channels:
        return 0.0
    wanted = set(prefs.channels)
    if wanted & listing.channels:
        return 0.15
    if wanted <= TEXT_CHANNELS:
        return -0.3  # cannot use the phone, and this desk is phone only
    return -0.05


def _language_score(listing: Listing, prefs: Preferences) -> float:
    if prefs.language != "other":
        return 0.0
    other = {code for code in listing.languages if code not in ("ja", "日本語", "japanese")}
    return 0.2 if other or listing.interpretation or "foreign" in listing.needs else 0.0


@dataclass
class _Candidate:
    listing: Listing
    score: float
    area_kind: str
    matched: list[str]
    open_now: bool | None = None
    position: int = 0


def _why(candidate: _Candidate, ward: str, prefs: Preferences, triggers: set[str]) -> str:
    """One plain sentence: why this desk for this worry."""
    listing = candidate.listing
    need = NEEDS_BY_CODE[candidate.matched[0]].label if candidate.matched else ""
    word = next((w for w in sorted(triggers, key=len, reverse=True) if w in listing.text), "")
    wanted = set(prefs.channels) & listing.channels
    if listing.kind == "scheme":
        return _("「%(need)s」のための制度です。使えるかどうか、リンク先で確かめてください。") % {
            "need": need
        }
    if word and len(word) >= 2:
        return _("「%(word)s」のことも相談できると書かれている窓口です。") % {"word": word}
    if wanted & {"chat", "sns"}:
        return _("電話でなく、文字で「%(need)s」の相談ができます。") % {"need": need}
    if candidate.open_now and candidate.area_kind == "national":
        return _("いま受付中です。全国どこからでも「%(need)s」の相談ができます。") % {"need": need}
    if candidate.open_now:
        return _("いま受付中の「%(need)s」の相談窓口です。") % {"need": need}
    if candidate.area_kind == "own":
        return _("%(ward)sにお住まいの方の「%(need)s」の相談窓口です。") % {
            "ward": Ward(ward).label,
            "need": need,
        }
    if candidate.area_kind in ("city", "ward"):
        return _("堺市の「%(need)s」の相談窓口です。") % {"need": need}
    if candidate.area_kind == "prefecture":
        return _("大阪府の「%(need)s」の相談窓口です。堺市の方も使えます。") % {"need": need}
    return _("全国どこからでも「%(need)s」の相談ができます。") % {"need": need}


def _adjusted(c: _Candidate, chosen: list[_Candidate]) -> float:
    """A candidate's score as the next of the first three: new needs, kinds and places first."""
    if not chosen:
        return c.score
    covered = {code for other in chosen for code in other.matched}
    bonus = 0.25 if set(c.matched) - covered else 0.0
    bonus += 0.2 if c.area_kind not in {other.area_kind for other in chosen} else 0.0
    # Of a kind = serves the same of the person's needs (three money-and-work schemes).
    same_kind = sum(1 for other in chosen if set(other.matched) == set(c.matched))
    return c.score + bonus - 0.6 * same_kind


def _diversify(ranked: list[_Candidate], wanted_needs: list[str]) -> list[_Candidate]:
    """Greedy: the first three cover different needs and kinds where the directory allows."""
    chosen: list[_Candidate] = []
    pool = list(ranked)
    while pool and len(chosen) < 3:
        best = max(pool, key=lambda c: _adjusted(c, chosen))
        chosen.append(best)
        pool.remove(best)
    rest = [c for c in ranked if c not in chosen]
    return chosen + rest


def _prefs_key(prefs: Preferences) -> str:
    return "|".join(
        (
            prefs.ward,
            prefs.asking_for,
            prefs.age_group,
            ",".join(sorted(prefs.channels)),
            prefs.language,
        )
    )


def _base_score(listing: Listing, prefs: Preferences) -> float:
    """Everything but the need match and open-now: the same for every query with these prefs."""
    return (
        _area_score(listing, prefs.ward)[0]
        + (weights.HAS_CONTACT if listing.has_contact else 0.0)
        + (weights.CONFIRMED if listing.confirmed else 0.0)
        + (weights.DESK if listing.kind == "desk" else 0.0)  # one can call it, not only read
        + (weights.VERIFIED if listing.assured_date else 0.0)
        - (weights.STALE if listing.stale else 0.0)  # may have ended: checked listings first
        + _audience_score(listing, prefs)
        + _channel_score(listing, prefs)
        + _language_score(listing, prefs)
    )


def _open_now(part: Partition, position: int, moment: datetime) -> bool | None:
    key = (position, int(moment.timestamp() // 60))
    if key not in part.open_cache:
        if len(part.open_cache) > 50_000:
            part.open_cache.clear()
        listing = part.listings[position]
        part.open_cache[key] = opening_status(
            listing.schedules,
            moment,
            closes_on_public_holidays=listing.closes_on_public_holidays,
            closes_over_new_year=listing.closes_over_new_year,
        ).is_open
    return part.open_cache[key]


def _hours_today(listing: Listing, moment: datetime) -> str:
    """Today's hours in plain words, when the schedule is known ("" otherwise)."""
    status = opening_status(
        listing.schedules,
        moment,
        closes_on_public_holidays=listing.closes_on_public_holidays,
        closes_over_new_year=listing.closes_over_new_year,
    )
    if status.is_open is None:
        return ""
    if status.always_open:
        return _("今日は24時間受付")
    if not status.today:
        return _("今日は受付がありません")
    periods = join_list(f"{start:%H:%M}〜{end:%H:%M}" for start, end in status.today)
    return _("今日の受付：%(periods)s") % {"periods": periods}


def _top(scores: Any, scope: _Scope, k: int) -> list[tuple[float, int]]:
    """The k best (score, position) pairs, best first; ties by name (then id)."""
    finite = int(np.isfinite(scores).sum())
    k = min(k, finite)
    if k <= 0:
        return []
    best = [int(p) for p in np.argpartition(-scores, k - 1)[:k]]
    best.sort(key=lambda p: (-scores[p], scope.name_key(p)))
    return [(float(scores[p]), p) for p in best]


@dataclass
class _Scope:
    """The partitions a question draws on, side by side as one set of arrays."""

    parts: list[Partition]
    starts: list[int]  # where each partition begins in the arrays
    need_matrix: Any
    need_bits: Any
    specificity: Any

    @classmethod
    def of(cls, parts: list[Partition]) -> _Scope:
        starts, total = [], 0
        for part in parts:
            starts.append(total)
            total += len(part.listings)
        if len(parts) == 1:
            p = parts[0]
            return cls(parts, starts, p.need_matrix, p.need_bits, p.specificity_array)
        return cls(
            parts,
            starts,
            np.concatenate([p.need_matrix for p in parts])
            if parts
            else np.zeros((0, len(NEED_CODES))),
            np.concatenate([p.need_bits for p in parts]) if parts else np.zeros(0, np.int64),
            np.concatenate([p.specificity_array for p in parts]) if parts else np.zeros(0),
        )

    def locate(self, position: int) -> tuple[Partition, int]:
        n = bisect.bisect_right(self.starts, position) - 1
        return self.parts[n], position - self.starts[n]

    def name_key(self, position: int) -> tuple[str, str]:
        part, local = self.locate(position)
        listing = part.listings[local]
        return listing.name, listing.id

    def __len__(self) -> int:
        return len(self.specificity)

    def base(self, key: str, score: Any) -> Any:
        arrays = [part.static_array(key, score) for part in self.parts]
        return arrays[0] if len(arrays) == 1 else np.concatenate(arrays or [np.zeros(0)])


def _trigger_words(needs: list[NeedScore]) -> set[str]:
    """The person's own words that led to the needs (パワハラ, 離婚), folded as listings are."""
    return {
        unicodedata.normalize("NFKC", word).lower()
        for need in needs
        for word in need.because
        if len(word) >= 2
    }


def _words_bonus(listing: Listing, triggers: set[str]) -> float:
    """A small lift for a desk that names the person's own words: among work desks, the one
    that mentions パワハラ comes before the job centre. Never enough to beat a better need match."""
    found = sum(1 for word in triggers if word in listing.text)
    return min(0.3, 0.15 * found)


# The side-by-side arrays of each scope asked for, while the index stays as it is (same
# generation and version): built once, dropped at the next change. 64 scopes at most.
_scopes: dict[str, _Scope] = {}
_scopes_of: list[tuple[Any, ...]] = [()]


def _scope(municipality: str) -> _Scope:
    index = directory_index()
    version = (index.generation, index.token, index.applied)
    if _scopes_of[0] != version or len(_scopes) >= 64:
        _scopes.clear()
        _scopes_of[0] = version
    found = _scopes.get(municipality)
    if found is None:
        found = _scopes[municipality] = _Scope.of(index.scope(municipality))
    return found


def rank(
    needs: list[NeedScore] | tuple[NeedScore, ...],
    prefs: Preferences,
    *,
    at: datetime | None = None,
    limit: int = MAX_SERVICES,
) -> list[Recommendation]:
    if not needs:
        return []
    scope = _scope(prefs.municipality)
    top = list(needs)[:4]
    # Earlier needs matter more: the person's main worry leads.
    need_weights = {n.code: n.score * (1.0, 0.75, 0.55, 0.4)[i] for i, n in enumerate(top)}
    # One vector operation over the whole directory: need match × specificity + base.
    vector = np.zeros(len(NEED_CODES), dtype=np.float64)
    for code, weight in need_weights.items():
        vector[NEED_CODES.index(code)] = weight
    matched_weight = scope.need_matrix @ vector
    fallback = False
    if len(scope) and not matched_weight.any():
        # Nothing listed for this need yet (the unmet-needs page will show it):
        # offer the desks that hear any worry rather than nothing.
        fallback = True
        vector[:] = 0.0
        for code in FALLBACK_NEEDS:
            vector[NEED_CODES.index(code)] = 0.5
        matched_weight = scope.need_matrix @ vector
    base = scope.base(_prefs_key(prefs), lambda listing: _base_score(listing, prefs))
    scores = np.where(matched_weight > 0, matched_weight * scope.specificity + base, -np.inf)
    head = _top(scores, scope, OPEN_CHECK)
    # Keep other kinds of desk within reach of the diversity step, even when many
    # listings of one kind (say, national schemes for money and work) lead.
    wanted_bits = sum(1 << NEED_CODES.index(code) for code in need_weights)
    kinds = scope.need_bits & wanted_bits
    head_kinds = {int(kinds[p]) for _, p in head}
    if len(head_kinds) < 3:
        others = np.where(np.isin(kinds, list(head_kinds)), -np.inf, scores)
        head += _top(others, scope, 10)
    moment = at or timezone.now()
    triggers = _trigger_words(top)
    candidates = []
    for score, position in head:
        part, local = scope.locate(position)
        listing = part.listings[local]
        score += _words_bonus(listing, triggers)
        is_open = _open_now(part, local, moment)
        if is_open:
            score += 0.25 if prefs.now else 0.1
        elif is_open is False and prefs.now:
            score -= 0.1
        candidate = _Candidate(
            listing,
            score,
            _area_score(listing, prefs.ward)[1],
            [code for code in need_weights if code in listing.needs],
            is_open,
        )
        candidate.position = position
        candidates.append(candidate)
    candidates.sort(key=lambda c: (-c.score, c.listing.name, c.listing.id))
    ordered = _diversify(candidates, list(need_weights))[:limit]
    return [
        Recommendation(
            id=c.listing.id,
            name=c.listing.name,
            needs=sorted(c.listing.needs, key=NEED_CODES.index),
            open_now=c.open_now,
            why=_("どんな悩みでも相談できる窓口です。")
            if fallback
            else _why(c, prefs.ward, prefs, triggers),
            score=round(c.score, 3),
            kind=c.listing.kind,
            phones=c.listing.phones,
            url=c.listing.url,
            contact_text=c.listing.contact_text,
            hours_today=_hours_today(c.listing, moment),
            hours_text=c.listing.hours_text,
            verified=c.listing.assured_date,
        )
        for c in ordered
    ]


def _merge_prefs(understanding: Understanding, prefs: Preferences) -> Preferences:
    return Preferences(
        ward=prefs.ward,
        asking_for=prefs.asking_for or understanding.asking_for,
        age_group=prefs.age_group or understanding.age_group,
        channels=prefs.channels or understanding.channels,
        now=prefs.now,
        language=prefs.language or understanding.language,
        municipality=prefs.municipality,
    )


def recommend(
    q: str | None,
    *,
    ward: str | None = None,
    prefs: Preferences | None = None,
    at: datetime | None = None,
    limit: int = MAX_SERVICES,
    municipality: str | None = None,
) -> Answer:
    """Understand ``q`` and answer with ranked services; crisis lines when in crisis.

    ``municipality`` (a 全国地方公共団体コード) keeps the answer to that municipality's,
    its prefecture's and national listings."""
    understanding = understand(q)
    base = prefs or Preferences()
    ward_code = parse_ward(ward) or base.ward
    fields = {**base.__dict__, "ward": ward_code}
    if municipality is not None:
        fields["municipality"] = municipality
    merged = _merge_prefs(understanding, Preferences(**fields))
    services = rank(understanding.needs, merged, at=at, limit=limit)
    return Answer(
        q=understanding.text,
        crisis=understanding.crisis,
        needs=list(understanding.needs),
        services=services,
        trimmed=understanding.trimmed,
        ward=ward_code,
        negated_crisis=understanding.negated_crisis,
        crisis_lines=crisis_lines() if understanding.crisis else [],
        crisis_about=understanding.crisis_about,
        urgent=list(understanding.urgent),
        urgent_panels=panels(understanding.urgent, ward_code),
        understanding=understanding,
    )


def recommend_needs(
    codes: list[str], prefs: Preferences, *, at: datetime | None = None, crisis: bool = False
) -> Answer:
    """Guided mode: the person picked the needs themselves (most important first)."""
    codes = [c for c in dict.fromkeys(codes) if c in NEEDS_BY_CODE][:4]
    needs = [NeedScore(code, round(1.0 - 0.1 * i, 2), ()) for i, code in enumerate(codes)]
    crisis = crisis or CRISIS_NEED in codes
    if crisis:
        needs.sort(key=lambda n: n.code != CRISIS_NEED)
    return Answer(
        q="",
        crisis=crisis,
        needs=needs,
        services=rank(needs, prefs, at=at),
        ward=prefs.ward,
        crisis_lines=crisis_lines() if crisis else [],
    )
