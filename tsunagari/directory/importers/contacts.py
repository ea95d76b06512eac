"""contacts-sourced.csv → Organization, Service, Phone, Schedule (and Location/Address).

Every number and hour comes from the file; nothing is typed from memory. Hours
become Schedule rows only when :func:`parse_hours` can read them completely;
the published text is always kept in ``hours_text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext

from tsunagari.directory.importers.base import (
    ImportResult,
    Progress,
    Row,
    RowError,
    Tagger,
    check_codes,
    import_file,
    require,
)
from tsunagari.directory.importers.hours_text import parse_hours
from tsunagari.directory.models import (
    Address,
    Area,
    Confidence,
    Location,
    Organization,
    Phone,
    PhoneType,
    Schedule,
    Service,
    ServiceAtLocation,
    Ward,
)

COLUMNS = [
    "name",
    "scope",
    "channel",
    "number_or_id",
    "hours_text",
    "target",
    "source",
    "source_date",
    "confidence",
    "note",
]
CHANNELS = {"phone", "chat", "sns"}
WARDS_BY_LABEL = {str(w.label): w.value for w in Ward.sakai_wards()}
SCHEDULE_NOTE = "出典の受付時間の表記から自動で作成"
SAKAI = "堺市"

PHONE_NUMBER = re.compile(r"^(#?\d{3,5}|0\d{1,4}-\d{1,6}(-\d{3,5})?)$")
FAX = re.compile(r"FAX\s*(0\d{1,4}-\d{1,4}-\d{3,4})")
NUMBER_IN_NOTE = re.compile(r"(?<![\d-])(0\d{1,4}-\d{1,4}-\d{3,4})")
ADDRESS = re.compile(r"^((?:堺|中|東|西|南|北|美原)区\S+?)(?:（([^）]*)）)?(?=\s|$)")
INTERNAL_NOTE = re.compile(r"要確認|未確認|記憶|第三者ページ")


@dataclass(frozen=True)
class Tags:
    needs: tuple[str, ...]
    audiences: tuple[str, ...] = ("anyone",)
    channels: tuple[str, ...] = ()
    organization: str = ""


# What each line really serves, decided by a person from its name and target.
# Checked in order; the first fragment found in the name wins.
TAGS: list[tuple[str, Tags]] = [
    # A general line for anyone, which also has a line for suicidal feelings.
    ("よりそいホットライン", Tags(("connection", "mental", "suicide"), ("anyone", "foreign"))),
    ("いのちの電話", Tags(("suicide", "mental"))),
    ("いのちSOS", Tags(("suicide", "mental"))),
    ("こころの健康相談統一ダイヤル", Tags(("mental", "suicide"))),
    ("堺市こころの電話相談", Tags(("mental",), organization=SAKAI)),
    ("児童相談所虐待対応ダイヤル", Tags(("abuse", "child"), ("anyone", "child", "family"))),
    ("消費者ホットライン", Tags(("legal",))),
    ("DV相談＋", Tags(("abuse",), ("anyone", "women", "foreign"), ("chat", "mail"))),
    ("DV相談ナビ", Tags(("abuse",), ("anyone", "women"))),
    ("子供SOSダイヤル", Tags(("child",), ("child", "family"))),
    ("チャイルドライン", Tags(("child", "connection"), ("child",))),
    (
        "法テラス 多言語",
        Tags(("legal", "foreign"), ("foreign",), organization="日本司法支援センター（法テラス）"),
    ),
    ("法テラス", Tags(("legal",), organization="日本司法支援センター（法テラス）")),
    ("ワンストップ支援センター", Tags(("abuse", "crime"), ("anyone", "women"))),
    ("性犯罪被害相談電話", Tags(("crime", "abuse"))),
    ("警察相談専用電話", Tags(("crime",))),
    ("あなたのいばしょ", Tags(("connection", "suicide", "mental"))),
    ("こころのほっとチャット", Tags(("mental", "connection"))),
    ("包括支援センター", Tags(("elderly",), ("elderly", "family"))),
    ("生活援護課", Tags(("money",), organization=SAKAI)),
    ("見守りメール", Tags(("elderly",), ("supporter",), organization=SAKAI)),
]

DEFAULT_PATH = Path("data/contacts-sourced.csv")


def tags_for(name: str) -> Tags | None:
    return next((tags for fragment, tags in TAGS if fragment in name), None)


def parse_scope(path: Path, row: Row) -> tuple[str, str]:
    scope = row["scope"]
    if scope == "national":
        return Area.NATIONAL, ""
    if scope == "sakai":
        return Area.CITY, ""
    if scope.startswith("sakai:"):
        ward = scope.removeprefix("sakai:")
        code = WARDS_BY_LABEL.get(ward) or (ward if ward in WARDS_BY_LABEL.values() else None)
        if code is None:
            raise RowError(
                path, row.line, gettext("区「%(ward)s」は堺市の区ではありません。") % {"ward": ward}
            )
        return Area.WARD, code
    raise RowError(
        path,
        row.line,
        gettext("対象地域「%(scope)s」が読めません（national・sakai・sakai:区名）。")
        % {"scope": scope},
    )


def needs_reverification(source_date: str) -> bool:
    """Facts dated before 2020 (the 2017 ward desk page, for instance) are due for a check."""
    years = [int(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", source_date)]
    return bool(years) and max(years) < 2020


def import_contacts(path: Path, *, progress: Progress = lambda _: None) -> ImportResult:
    return import_file(path, COLUMNS, _import_row, progress=progress)


def _import_row(path: Path, row: Row, tagger: Tagger, result: ImportResult) -> None:
    require(path, row, "name", "scope", "channel", "hours_text", "source", "confidence")
    area, ward = parse_scope(path, row)
    channel = row["channel"]
    if channel not in CHANNELS:
        raise RowError(
            path,
            row.line,
            gettext("相談方法「%(channel)s」が読めません（phone・chat・sns）。")
            % {"channel": channel},
        )
    if row["confidence"] not in Confidence.values:
        raise RowError(
            path,
            row.line,
            gettext("確かさ「%(value)s」が読めません。") % {"value": row["confidence"]},
        )
    number = row["number_or_id"]
    if channel == "phone" and number and not PHONE_NUMBER.match(number):
        raise RowError(
            path, row.line, gettext("電話番号「%(number)s」が読めません。") % {"number": number}
        )
    tags = tags_for(row["name"])
    if tags is None:
        raise RowError(
            path,
            row.line,
            gettext(
                "「%(name)s」のお悩みの分類が決まっていません"
                "（importers/contacts.py の TAGS に足してください）。"
            )
            % {"name": row["name"]},
        )
    channels = [channel, *tags.channels]
    check_codes(
        path, row.line, needs=list(tags.needs), audiences=list(tags.audiences), channels=channels
    )

    provenance = {
        "source_url": row["source"],
        "source_date": row["source_date"],
        "confidence": row["confidence"],
        "needs_reverification": needs_reverification(row["source_date"]),
    }
    org_name = tags.organization or row["name"]
    organization, _ = Organization.objects.get_or_create(name=org_name, defaults=provenance)
    result.organizations.add(org_name)

    note = row["note"]
    address = ADDRESS.match(note)
    fax = FAX.search(note)
    hours = parse_hours(row["hours_text"])
    public_note = "" if (address or fax or INTERNAL_NOTE.search(note)) else note
    service, _ = Service.objects.update_or_create(
        import_key=f"contacts:{row['name']}",
        defaults={
            **provenance,
            "organization": organization,
            "name": row["name"],
            "area": area,
            "ward": ward,
            "hours_text": row["hours_text"],
            "eligibility_description": row["target"],
            "description": public_note,
            "contact_text": number if channel != "phone" else "",
            "closes_on_public_holidays": bool(hours and hours.closes_on_public_holidays),
            "closes_over_new_year": bool(hours and hours.closes_over_new_year),
        },
    )
    result.services += 1
    tagger.tag(service, needs=tags.needs, audiences=tags.audiences, channels=channels)

    phones: list[tuple[str, str, str]] = []
    if channel == "phone" and number:
        phones.append((number, PhoneType.VOICE, ""))
    for extra in NUMBER_IN_NOTE.finditer(note):
        if fax and extra.group(1) == fax.group(1):
            continue
        phones.append((extra.group(1), PhoneType.VOICE, note[: extra.start()].strip()))
    if fax:
        phones.append(
            (fax.group(1), PhoneType.FAX, note[: fax.start()].strip() if not address else "")
        )
    _replace_phones(service, phones, provenance)
    result.phones += len(phones)

    Schedule.objects.filter(service=service, notes=SCHEDULE_NOTE).delete()
    if hours:
        Schedule.objects.bulk_create(
            [
                Schedule(
                    service=service,
                    notes=SCHEDULE_NOTE,
                    description=row["hours_text"],
                    **rule.as_fields(),
                )
                for rule in hours.rules
            ]
        )
        result.schedules += len(hours.rules)

    if address:
        _place(service, organization, address.group(1), address.group(2) or "", ward, provenance)
        result.locations += 1
    service.refresh_kind()


def _replace_phones(
    service: Service, phones: list[tuple[str, str, str]], provenance: dict[str, object]
) -> None:
    """Imported numbers for this service, exactly; numbers staff added by hand stay."""
    keep = []
    for number, kind, description in phones:
        phone, _ = Phone.objects.update_or_create(
            service=service,
            number=number,
            defaults={"type": kind, "description": description, **provenance},
        )
        keep.append(phone.pk)
    Phone.objects.filter(service=service, source_url=provenance["source_url"]).exclude(
        pk__in=keep
    ).delete()


def _place(
    service: Service,
    organization: Organization,
    street: str,
    building: str,
    ward: str,
    provenance: dict[str, object],
) -> None:
    location, _ = Location.objects.update_or_create(
        organization=organization, name=service.name, defaults=provenance
    )
    Address.objects.update_or_create(
        location=location,
        defaults={
            "address_1": street,
            "address_2": building,
            "city": SAKAI,
            "state_province": "大阪府",
            "ward": ward,
        },
    )
    ServiceAtLocation.objects.get_or_create(service=service, location=location)
