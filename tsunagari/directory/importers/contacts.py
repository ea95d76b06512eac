"""contacts-sourced*.csv → Organization, Service, Phone, Schedule (and Location/Address).

Every number and hour comes from the file; nothing is typed from memory. Hours
become Schedule rows only when :func:`parse_hours` can read them completely;
the published text is always kept in ``hours_text``. A row without a number (a desk
whose page is known, a web page) is listed as 「連絡先は確認中」 with its page. What
each line serves (needs, audiences, organisation) is in ``data/contact-tags.csv``,
kept by people, not in this code. A corrections file (``name, field, old_value,
new_value, …``) changes a row only where ``old_value`` is what the row says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext

from tsunagari.directory.importers.base import (
    ImportResult,
    Progress,
    Row,
    RowError,
    Tagger,
    check_codes,
    read_rows,
    require,
)
from tsunagari.directory.importers.hours_text import parse_hours
from tsunagari.directory.importers.same import PATH, duplicates, skip_duplicate
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
from tsunagari.directory.signals import listings_changed

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
CHANNELS = {"phone", "chat", "sns", "web", "visit"}
TAG_COLUMNS = ["fragment", "needs", "audiences", "channels", "organization", "note"]
CORRECTION_COLUMNS = ["name", "field", "old_value", "new_value", "source", "source_date", "note"]
WARDS_BY_LABEL = {str(w.label): w.value for w in Ward.sakai_wards()}
SOURCE_DATE_CHARS = 40  # Provenance.source_date
SCHEDULE_NOTE = "出典の受付時間の表記から自動で作成"
SAKAI = "堺市"

PHONE_NUMBER = re.compile(r"^(#?\d{3,5}|0\d{1,4}-\d{1,6}(-\d{2,5})?)$")
FAX = re.compile(r"FAX\s*(0\d{1,4}-\d{1,4}-\d{3,4})")
NUMBER_IN_NOTE = re.compile(r"(?<![\d-])(0\d{1,4}-\d{1,4}-\d{3,4})")
ADDRESS = re.compile(r"^((?:堺|中|東|西|南|北|美原)区\S+?)(?:（([^）]*)）)?(?=\s|$)")
# A note that speaks about its sources (what was checked, dates guessed, numbers not taken)
# is for staff: it is kept in ``source_note``, never shown as the description, and numbers
# in it are never taken as phones.
INTERNAL_NOTE = re.compile(
    r"要確認|未確認|確認|記憶|第三者|出典|推定|既存行|採用|記事|ページ|抜粋|番号|FAQ|Q&A"
)
URL = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class Tags:
    needs: tuple[str, ...]
    audiences: tuple[str, ...] = ("anyone",)
    channels: tuple[str, ...] = ()
    organization: str = ""


DEFAULT_PATH = Path("data/contacts-sourced.csv")
NEW_PATH = Path("data/contacts-sourced-2026-12.csv")
CORRECTIONS_PATH = Path("data/contacts-corrections-2026-12.csv")
TAGS_PATH = Path("data/contact-tags.csv")


def tags_path() -> Path:
    return Path(settings.BASE_DIR) / TAGS_PATH


def load_tags(path: Path | None = None) -> list[tuple[str, Tags]]:
    """What each line really serves, decided by a person from its name and target.
    Checked in order; the first fragment found in a name wins."""
    path = path or tags_path()
    table = []
    for row in read_rows(path, TAG_COLUMNS):
        require(path, row, "fragment", "needs", "audiences")
        tags = Tags(
            needs=tuple(row["needs"].split()),
            audiences=tuple(row["audiences"].split()),
            channels=tuple(row["channels"].split()),
            organization=row["organization"],
        )
        check_codes(
            path,
            row.line,
            needs=list(tags.needs),
            audiences=list(tags.audiences),
            channels=list(tags.channels),
        )
        table.append((row["fragment"], tags))
    return table


def tags_for(name: str, table: list[tuple[str, Tags]] | None = None) -> Tags | None:
    return next((tags for fragment, tags in (table or load_tags()) if fragment in name), None)


def parse_scope(path: Path, row: Row) -> tuple[str, str]:
    scope = row["scope"]
    if scope == "national":
        return Area.NATIONAL, ""
    if scope == "sakai":
        return Area.CITY, ""
    if scope == "osaka":
        return Area.PREFECTURE, ""
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
        gettext("対象地域「%(scope)s」が読めません（national・osaka・sakai・sakai:区名）。")
        % {"scope": scope},
    )


def needs_reverification(source_date: str) -> bool:
    """Facts dated before 2020 (the 2017 ward desk page, for instance) are due for a check."""
    years = [int(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", source_date)]
    return bool(years) and max(years) < 2020


def import_contacts(
    path: Path,
    *,
    corrections: Path | None = None,
    progress: Progress = lambda _: None,
) -> ImportResult:
    """Import every row of ``path`` in one transaction, after applying ``corrections``."""
    result = ImportResult(source=str(path))
    tagger = Tagger()
    table = load_tags()
    with transaction.atomic():
        rows = list(read_rows(path, COLUMNS))
        if corrections is not None:
            result.notes.extend(apply_corrections(corrections, rows))
        same = duplicates()
        for index, row in enumerate(rows, start=1):
            if skip_duplicate(f"contacts:{row['name']}", same):
                result.notes.append(
                    gettext("「%(name)s」は同じ相談先の行があるので省きました（%(file)s）。")
                    % {"name": row["name"], "file": PATH}
                )
                continue
            _import_row(path, row, tagger, result, table)
            progress(f"  {index}/{len(rows)} {row['name']}")
    return result


def apply_corrections(path: Path, rows: list[Row]) -> list[str]:
    """Change each named row's field to ``new_value`` where it still says ``old_value``.

    Returns one line per correction, applied or not, for the import output."""
    by_name = {row["name"]: row for row in rows}
    report = []
    for correction in read_rows(path, CORRECTION_COLUMNS):
        require(path, correction, "name", "field", "new_value")
        name, column = correction["name"], correction["field"]
        if column not in COLUMNS or column == "name":
            raise RowError(
                path,
                correction.line,
                gettext("直す列「%(field)s」はありません。") % {"field": column},
            )
        target = by_name.get(name)
        if target is None:
            report.append(
                gettext(
                    "訂正 %(line)d 行目「%(name)s」: この名前の行がないため、反映していません。"
                )
                % {"line": correction.line, "name": name}
            )
        elif target.values[column] != correction["old_value"]:
            report.append(
                gettext(
                    "訂正 %(line)d 行目「%(name)s」の %(field)s: いまの値「%(current)s」が"
                    "訂正前の値「%(old)s」と違うため、反映していません。"
                )
                % {
                    "line": correction.line,
                    "name": name,
                    "field": column,
                    "current": target.values[column],
                    "old": correction["old_value"],
                }
            )
        else:
            target.values[column] = correction["new_value"]
            target.corrections.append(
                gettext("訂正（%(source)s、%(date)s）: %(field)s「%(old)s」→「%(new)s」")
                % {
                    "source": correction["source"],
                    "date": correction["source_date"],
                    "field": column,
                    "old": correction["old_value"],
                    "new": correction["new_value"],
                }
            )
            report.append(
                gettext("訂正 %(line)d 行目「%(name)s」の %(field)s を反映しました。")
                % {"line": correction.line, "name": name, "field": column}
            )
    return report


def check_url(value: str) -> str:
    """The first address of a source cell, as a link a person can open."""
    first = value.split(";")[0].strip().split()[0] if value.strip() else ""
    if not first:
        return ""
    return first if URL.match(first) else f"https://{first}"


def _import_row(
    path: Path, row: Row, tagger: Tagger, result: ImportResult, table: list[tuple[str, Tags]]
) -> None:
    require(path, row, "name", "scope", "channel", "source", "confidence")
    area, ward = parse_scope(path, row)
    channel = row["channel"]
    if channel not in CHANNELS:
        raise RowError(
            path,
            row.line,
            gettext("相談方法「%(channel)s」が読めません（phone・chat・sns・web・visit）。")
            % {"channel": channel},
        )
    if row["confidence"] not in Confidence.values:
        raise RowError(
            path,
            row.line,
            gettext("確かさ「%(value)s」が読めません。") % {"value": row["confidence"]},
        )
    if len(row["source_date"]) > SOURCE_DATE_CHARS:
        raise RowError(
            path,
            row.line,
            gettext("出典の日付は%(count)d文字までにしてください。") % {"count": SOURCE_DATE_CHARS},
        )
    number = row["number_or_id"]
    if channel == "phone" and number and not PHONE_NUMBER.match(number):
        raise RowError(
            path, row.line, gettext("電話番号「%(number)s」が読めません。") % {"number": number}
        )
    if channel == "web" and not URL.match(number):
        raise RowError(
            path,
            row.line,
            gettext("ウェブの行には、ページのアドレスを書いてください（「%(value)s」）。")
            % {"value": number},
        )
    tags = tags_for(row["name"], table)
    if tags is None:
        raise RowError(
            path,
            row.line,
            gettext(
                "「%(name)s」のお悩みの分類が決まっていません"
                "（data/contact-tags.csv に足してください）。"
            )
            % {"name": row["name"]},
        )
    # "web" is not a way to reach someone: the listing is a page to read.
    channels = list(dict.fromkeys([c for c in (channel, *tags.channels) if c != "web"]))
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
    internal = bool(INTERNAL_NOTE.search(note))
    address = None if internal else ADDRESS.match(note)
    fax = None if internal else FAX.search(note)
    visit_address = ADDRESS.match(number) if channel == "visit" else None
    hours = parse_hours(row["hours_text"])
    public_note = "" if (address or fax or internal or NUMBER_IN_NOTE.search(note)) else note
    url = number if channel in ("web", "chat", "sns") and URL.match(number) else ""
    reachable = bool(
        (channel == "phone" and number) or (channel in ("chat", "sns") and number) or visit_address
    )
    contact_text = "" if channel == "phone" or url or visit_address else number
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
            "source_note": "\n".join([note, *row.corrections]).strip(),
            "url": url,
            "contact_text": contact_text,
            "contact_pending": not reachable,
            "contact_check_url": "" if reachable else (url or check_url(row["source"])),
            "closes_on_public_holidays": bool(hours and hours.closes_on_public_holidays),
            "closes_over_new_year": bool(hours and hours.closes_over_new_year),
        },
    )
    result.services += 1
    tagger.tag(service, needs=tags.needs, audiences=tags.audiences, channels=channels)

    phones: list[tuple[str, str, str]] = []
    if channel == "phone" and number:
        phones.append((number, PhoneType.VOICE, ""))
    # Numbers in a note that speaks about its sources are discussed, not vouched for.
    for extra in [] if internal else NUMBER_IN_NOTE.finditer(note):
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
        listings_changed.send(sender=Schedule, service_ids=[service.pk])

    if address:
        _place(service, organization, address.group(1), address.group(2) or "", ward, provenance)
        result.locations += 1
    elif visit_address:
        building = number[visit_address.end() :].strip()
        _place(service, organization, visit_address.group(1), building, ward, provenance)
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
