"""What goes into one edition of the handbook, read from the directory.

An edition is the whole city's (``ward=""``) or one ward's, in one language. It
holds plain records for the template: the 24-hour lines, one section per need in
the order of ``../shared/spec/needs.md``, the index of worry words, and the
credits. Only public, real listings (never demo data, whatever ``DEMO_MODE``
says) and only numbers that came from a sourced file (a phone row with its
source). What is missing is said, not hidden: a need without a desk, a desk
without a sourced way to reach it (「連絡先は確認中」).
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from urllib.parse import unquote

from django.conf import settings
from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagari.core.crisis import CrisisLine, crisis_lines
from tsunagari.core.languages import html_lang
from tsunagari.core.links import absolute_url
from tsunagari.core.text import join_list
from tsunagari.directory.importers.notalone import SOURCE_NAME as NOTALONE_CREDIT
from tsunagari.directory.importers.notalone import SOURCE_URL as NOTALONE_URL
from tsunagari.directory.models import (
    Area,
    Attribute,
    Phone,
    PhoneType,
    Schedule,
    Service,
    ServiceKind,
    Ward,
)
from tsunagari.directory.needs import AUDIENCES, NEEDS
from tsunagari.handbook import index_words
from tsunagari.handbook.weekly import Week, week_of
from tsunagari.translations.content import attach
from tsunagari.translations.models import ContentTranslation

AUDIENCE_LABELS = dict(AUDIENCES)
AREA_ORDER = {Area.WARD: 0, Area.CITY: 1, Area.PREFECTURE: 2, Area.NATIONAL: 3}
DESCRIPTION_CHARS = 160
# Bump when the layout changes, so stored editions are rebuilt.
LAYOUT_VERSION = 2  # 2: content translations and <html lang> as BCP 47 (decision 0039)


class EditionError(ValueError):
    """A ward or language that does not exist; the message lists the valid ones."""


def ward_choices() -> list[tuple[str, str]]:
    return [(str(w.value), str(w.label)) for w in Ward.sakai_wards()]


def parse_ward(value: str | None) -> str:
    """A ward code from its code (``sakai``) or its name (堺区); "" for the whole city."""
    value = (value or "").strip()
    if not value:
        return ""
    for code, label in ward_choices():
        if value in (code, label):
            return code
    valid = join_list(label for _, label in ward_choices())
    raise EditionError(
        _("「%(value)s」という区はありません。使える区: %(valid)s")
        % {"value": value, "valid": valid}
    )


def parse_language(value: str | None) -> str:
    value = (value or "").strip() or settings.LANGUAGE_CODE
    codes = [code for code, _ in settings.LANGUAGES]
    if value not in codes:
        raise EditionError(
            _("「%(value)s」という言語はありません。使える言語: %(valid)s")
            % {"value": value, "valid": join_list(codes)}
        )
    return value


@dataclass(frozen=True)
class PhoneLine:
    number: str
    kind: str  # 電話, ファクス …
    description: str
    source: str
    source_date: str


@dataclass
class Entry:
    id: str
    name: str
    organization: str
    area: str
    own_ward: bool
    is_desk: bool
    description: str
    phones: list[PhoneLine]
    faxes: list[PhoneLine]
    web: str
    email: str
    contact_text: str
    contact_text_note: str
    pending: bool  # no sourced way to reach it: 「連絡先は確認中」
    check_url: str
    week: Week
    hours_text: str
    eligibility: str
    audiences: list[str]
    ages: str
    fees: str
    languages: str
    page_url: str
    qr: str  # data: URI of the QR code to page_url
    source: str
    source_date: str
    needs_reverification: bool


@dataclass
class Section:
    code: str
    label: str
    covers: str
    entries: list[Entry]

    @property
    def anchor(self) -> str:
        return f"need-{self.code}"

    @property
    def desks(self) -> list[Entry]:
        return [e for e in self.entries if e.is_desk]

    @property
    def schemes(self) -> list[Entry]:
        return [e for e in self.entries if not e.is_desk]


@dataclass(frozen=True)
class Credit:
    name: str
    contact: str
    source: str
    source_date: str


@dataclass
class Edition:
    ward: str
    ward_label: str
    language: str
    built_at: datetime
    crisis: list[CrisisLine]
    always_open: list[Entry]
    sections: list[Section]
    index: list[tuple[str, list[tuple[str, list[Section]]]]]
    credits: list[Credit]
    crisis_credits: list[Credit]
    uses_notalone: bool
    notalone_credit: str = NOTALONE_CREDIT
    notalone_url: str = NOTALONE_URL
    last_assured: date | None = None
    assured_count: int = 0
    directory_updated: datetime | None = None
    listing_count: int = 0
    missing_needs: list[Section] = field(default_factory=list)
    pending_count: int = 0
    content_missing: bool = False  # some listing is printed in Japanese for want of a translation

    @property
    def html_lang(self) -> str:
        return html_lang(self.language)

    @property
    def is_empty(self) -> bool:
        return self.listing_count == 0


@lru_cache(maxsize=4096)
def qr_data_uri(url: str) -> str:
    """A QR code as a tiny PNG (one pixel a module), drawn sharp at any size by the CSS.

    One fixed mask pattern: choosing the best of eight is pure Python and took most of
    a build's time; every mask gives a code that phones read."""
    import qrcode

    code = qrcode.QRCode(
        border=0, box_size=1, error_correction=qrcode.constants.ERROR_CORRECT_M, mask_pattern=0
    )
    code.add_data(url)
    code.make(fit=True)
    image = code.make_image(fill_color="black", back_color="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def sourced_phones(service: Service) -> list[Phone]:
    """Numbers a sourced file vouches for: a phone row that names where it came from."""
    return [p for p in service.phones.all() if (p.source_url or p.source_name).strip()]


def _ages(service: Service) -> str:
    low, high = service.minimum_age, service.maximum_age
    if low is not None and high is not None:
        return _("%(low)s歳から%(high)s歳まで") % {"low": low, "high": high}
    if low is not None:
        return _("%(low)s歳から") % {"low": low}
    if high is not None:
        return _("%(high)s歳まで") % {"high": high}
    return ""


def _short(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _area_label(service: Service) -> str:
    if service.area == Area.WARD and service.ward:
        return str(Ward(service.ward).label)
    return str(Area(service.area).label)


def _entry(service: Service, ward: str) -> Entry:
    content = service.content  # type: ignore[attr-defined]  # set by translations.content.attach
    phones = sourced_phones(service)
    voice = [p for p in phones if p.type != PhoneType.FAX]
    faxes = [p for p in phones if p.type == PhoneType.FAX]
    locations = [sal.location for sal in service.service_at_locations.all()]
    reachable = bool(voice or service.url or service.email or service.contact_text or locations)
    page = reverse("directory:service", args=[service.id])
    languages = [lang.name for lang in service.languages.all()]
    language_text = join_list(languages) if languages else _("日本語")
    if service.interpretation_services:
        language_text = _("%(languages)s（通訳: %(interpretation)s）") % {
            "languages": language_text,
            "interpretation": service.interpretation_services,
        }
    contact_note = ""
    if service.contact_text and service.needs_reverification:
        contact_note = _("%(date)s時点の表記です。変わっていることがあります。") % {
            "date": service.source_date or _("日付不明")
        }

    def line(p: Phone) -> PhoneLine:
        return PhoneLine(
            number=_("%(number)s 内線%(extension)s")
            % {"number": p.number, "extension": p.extension}
            if p.extension
            else p.number,
            kind=str(PhoneType(p.type).label) if p.type in PhoneType.values else p.type,
            description=p.description,
            source=p.source_name or p.source_url,
            source_date=p.source_date,
        )

    return Entry(
        id=str(service.id),
        name=content.name,
        organization=service.organization.content.name,  # type: ignore[attr-defined]
        area=_area_label(service),
        own_ward=bool(ward) and service.ward == ward,
        is_desk=service.kind == ServiceKind.DESK,
        description=_short(content.description),
        phones=[line(p) for p in voice],
        faxes=[line(p) for p in faxes],
        web=service.url,
        email=service.email,
        contact_text=_short(content.contact_text, 200),
        contact_text_note=contact_note,
        pending=service.contact_pending or (service.kind == ServiceKind.DESK and not reachable),
        check_url=unquote(service.contact_check_url or service.url),
        week=week_of(
            service.schedules.all(),
            closes_on_public_holidays=service.closes_on_public_holidays,
            closes_over_new_year=service.closes_over_new_year,
        ),
        hours_text=content.hours_text,
        eligibility=_short(content.eligibility_description, 120),
        audiences=[
            str(AUDIENCE_LABELS.get(code, code))
            for code in service.audience_codes
            if code in AUDIENCE_LABELS
        ],
        ages=_ages(service),
        fees=content.fees_description or _("出典に記載がありません"),
        languages=language_text,
        page_url=absolute_url(page),
        qr=qr_data_uri(absolute_url(page)),
        source=service.source_name or service.source_url.split(" ; ")[0],
        source_date=service.source_date,
        needs_reverification=service.needs_reverification,
    )


def edition_services(ward: str = "") -> list[Service]:
    """Public, real listings; a ward edition leaves out the other wards' own desks."""
    services = (
        Service.objects.public()
        .filter(organization__is_demo=False)
        .select_related("organization")
        .prefetch_related(
            "terms",
            "schedules",
            "phones",
            "languages",
            "service_at_locations__location",
        )
    )
    if ward:
        services = services.exclude(area=Area.WARD, ward__in=[w for w in Ward.values if w != ward])
    return list(services)


def _order(ward: str):  # type: ignore[no-untyped-def]
    def key(entry: tuple[Service, Entry]) -> tuple[int, int, int, str]:
        service, item = entry
        return (
            0 if item.own_ward else 1,
            0 if item.is_desk else 1,
            AREA_ORDER.get(Area(service.area), 9),
            service.name,
        )

    return key


def build_edition(*, ward: str = "", language: str = "ja") -> Edition:
    """Read the directory once and arrange it for print (the active language is used)."""
    services = edition_services(ward)
    attach(services + [s.organization for s in services], language)  # translated fields
    entries = {str(s.id): (s, _entry(s, ward)) for s in services}
    sections = []
    for need in NEEDS:
        items = [(s, e) for s, e in entries.values() if need.code in s.need_codes]
        items.sort(key=_order(ward))
        sections.append(Section(need.code, str(need.label), need.covers, [e for _, e in items]))
    by_code = {section.code: section for section in sections}
    index = [
        (row, [(w.word, [by_code[c] for c in w.needs]) for w in words])
        for row, words in index_words.grouped()
    ]
    crisis = crisis_lines()
    crisis_names = {line.name for line in crisis}
    always_open = sorted(
        (e for s, e in entries.values() if e.week.always_open and s.name not in crisis_names),
        key=lambda e: e.name,
    )
    credits = []
    for _service, entry in sorted(entries.values(), key=lambda item: item[0].name):
        for phone in entry.phones + entry.faxes:
            credits.append(Credit(entry.name, phone.number, phone.source, phone.source_date))
        if entry.contact_text or entry.hours_text:
            credits.append(
                Credit(
                    entry.name, _("問い合わせ先・受付時間の表記"), entry.source, entry.source_date
                )
            )
    assured = [s.assured_date for s in services if s.assured_date]
    updated = Service.objects.filter(organization__is_demo=False).aggregate(last=Max("updated_at"))
    return Edition(
        ward=ward,
        ward_label=str(Ward(ward).label) if ward else "",
        language=language,
        built_at=timezone.localtime(),
        crisis=crisis,
        always_open=always_open,
        sections=sections,
        index=index,
        credits=credits,
        crisis_credits=[
            Credit(line.name, line.contact, line.source, line.source_date) for line in crisis
        ],
        uses_notalone=any(s.import_key.startswith("notalone:") for s in services),
        last_assured=max(assured) if assured else None,
        assured_count=len(assured),
        directory_updated=updated["last"],
        listing_count=len(services),
        missing_needs=[s for s in sections if not s.desks],
        pending_count=sum(1 for _, e in entries.values() if e.pending),
        content_missing=any(
            s.content.missing or s.organization.content.missing  # type: ignore[attr-defined]
            for s in services
        ),
    )


def directory_fingerprint() -> str:
    """Changes whenever anything printed could change: a cache key for stored editions."""
    services = Service.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    phones = Phone.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    translated = ContentTranslation.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    parts = [
        LAYOUT_VERSION,
        timezone.localdate(),  # a listing whose end date passed leaves the edition
        services["n"],
        services["last"],
        phones["n"],
        phones["last"],
        Attribute.objects.count(),
        Schedule.objects.count(),
        translated["n"],
        translated["last"],
        settings.SITE_URL,
    ]
    return "|".join(str(part) for part in parts)
