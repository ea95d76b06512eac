"""Seed imports: idempotent, transactional, and never a number the sources do not vouch for."""

import re
from datetime import datetime, time
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from tsunagari.directory.importers.hours_text import parse_hours
from tsunagari.directory.importers.notalone import SOURCE_NAME, default_path
from tsunagari.directory.models import (
    Address,
    Area,
    Confidence,
    Organization,
    Phone,
    PhoneType,
    Schedule,
    Service,
    Ward,
)

pytestmark = pytest.mark.django_db

TOKYO = ZoneInfo("Asia/Tokyo")
CONTACTS = Path(settings.BASE_DIR) / "data" / "contacts-sourced.csv"
NEW_CONTACTS = Path(settings.BASE_DIR) / "data" / "contacts-sourced-2026-12.csv"
NOTALONE = default_path()
needs_notalone = pytest.mark.skipif(not NOTALONE.exists(), reason="notalone-2021.csv is not here")

HEADER = "name,scope,channel,number_or_id,hours_text,target,source,source_date,confidence,note\n"
GOOD = "テストの相談ダイヤル,sakai,phone,000-0000-0000,月-金 9:00-17:00,どなたでも,example.org,2026,confirmed,\n"


def counts() -> tuple[int, int, int, int]:
    return (
        Service.objects.count(),
        Phone.objects.count(),
        Schedule.objects.count(),
        Organization.objects.count(),
    )


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def write(tmp_path: Path, text: str, name: str = "contacts.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- contacts-sourced.csv ---------------------------------------------------


def test_it_imports_the_sourced_contacts_twice_without_duplicates() -> None:
    first_output = run("import_contacts")
    first = counts()
    run("import_contacts")
    assert counts() == first
    # 32 rows, one of them the same chat as a 2026-12 row (data/same-services.csv).
    assert first[0] == 31
    assert "相談先 31 件" in first_output


def test_it_keeps_source_date_and_confidence_exactly_as_given() -> None:
    run("import_contacts", str(CONTACTS))  # the file as it is, without the 2026-12 corrections
    line = Service.objects.get(name="こころの健康相談統一ダイヤル")
    assert line.source_date == "2024/2026"
    assert line.confidence == Confidence.SECONDARY
    assert line.source_url.startswith("mykoho.jp/")
    phone = line.phones.get()
    assert (phone.number, phone.source_date, phone.confidence) == (
        "0570-064-556",
        "2024/2026",
        "secondary",
    )


def test_it_keeps_the_hours_text_and_builds_schedules_only_when_unambiguous() -> None:
    run("import_contacts")
    navi = Service.objects.get(name="いのちの電話（ナビダイヤル）")
    assert navi.hours_text == "センターにより異なる"
    assert navi.schedules.count() == 0
    assert navi.opening_status().state == "unknown"
    welfare = Service.objects.get(name="堺区 生活援護課（生活保護）")
    assert welfare.hours_text == "平日"
    assert welfare.schedules.count() == 0


def test_it_answers_open_now_for_the_monthly_overnight_line() -> None:
    run("import_contacts", str(CONTACTS))  # the file as it is, without the 2026-12 corrections
    line = Service.objects.get(name="自殺予防いのちの電話（フリーダイヤル）")
    assert line.schedules.count() == 2
    assert line.opening_status(datetime(2026, 12, 11, 3, tzinfo=TOKYO)).is_open is True
    assert line.opening_status(datetime(2026, 12, 12, 3, tzinfo=TOKYO)).is_open is False


def test_it_closes_the_sakai_line_on_holidays_and_over_the_new_year() -> None:
    run("import_contacts")
    line = Service.objects.get(name="堺市こころの電話相談")
    assert line.closes_on_public_holidays and line.closes_over_new_year
    assert line.opening_status(datetime(2026, 11, 23, 10, tzinfo=TOKYO)).is_open is False
    assert line.opening_status(datetime(2026, 11, 24, 10, tzinfo=TOKYO)).is_open is True


def test_it_places_ward_desks_with_address_fax_and_a_reverification_flag() -> None:
    run("import_contacts")
    desk = Service.objects.get(name="中基幹型包括支援センター")
    assert (desk.area, desk.ward) == (Area.WARD, Ward.NAKA)
    assert desk.needs_reverification is True
    assert desk.source_date == "2017-09-13"
    address = Address.objects.get(location__service_at_locations__service=desk)
    assert address.address_1 == "中区深井沢町2470-7"
    assert address.ward == Ward.NAKA
    assert set(desk.phones.values_list("number", "type")) == {
        ("072-270-8268", PhoneType.VOICE),
        ("072-270-8288", PhoneType.FAX),
    }


def test_it_tags_lines_with_the_needs_they_serve() -> None:
    run("import_contacts")
    assert Service.objects.get(name="児童相談所虐待対応ダイヤル").need_codes == ["abuse", "child"]
    assert Service.objects.get(name="消費者ホットライン").need_codes == ["legal"]
    assert "suicide" in Service.objects.get(name="よりそいホットライン").need_codes
    assert Service.objects.get(name="法テラス 多言語情報提供サービス").need_codes == [
        "foreign",
        "legal",
    ]
    assert Service.objects.get(name="こころのほっとチャット").channel_codes == ["sns"]


def test_it_reuses_one_organization_by_name() -> None:
    run("import_contacts")
    assert Organization.objects.filter(name="堺市").count() == 1
    assert Service.objects.filter(organization__name="堺市").count() >= 7


def test_it_stores_no_phone_number_that_the_sourced_file_does_not_hold() -> None:
    run("load_directory")
    sourced = CONTACTS.read_text(encoding="utf-8") + NEW_CONTACTS.read_text(encoding="utf-8")
    numbers = list(Phone.objects.values_list("number", flat=True))
    assert numbers
    assert [n for n in numbers if n not in sourced] == []


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (
            "テスト,sakai,phone,000-0000-0000,月-金 9:00-17:00,どなたでも,,2026,confirmed,\n",
            "「source」が空",
        ),
        (
            "テスト,tokyo,phone,000-0000-0000,月-金 9:00-17:00,x,example.org,2026,confirmed,\n",
            "対象地域「tokyo」",
        ),
        (
            "テスト,sakai,fax,000-0000-0000,月-金 9:00-17:00,x,example.org,2026,confirmed,\n",
            "相談方法「fax」",
        ),
        (
            "テスト,sakai:大阪区,phone,000-0000-0000,月-金 9:00-17:00,x,example.org,2026,confirmed,\n",
            "区「大阪区」",
        ),
        ("テスト,sakai,phone,000-0000-0000,月-金 9:00-17:00,x,example.org\n", "列の数が 7 個"),
        (
            "知らない相談先,sakai,phone,000-0000-0000,要確認,x,example.org,2026,confirmed,\n",
            "お悩みの分類が決まっていません",
        ),
    ],
)
def test_it_refuses_a_malformed_row_names_its_line_and_writes_nothing(
    tmp_path: Path, row: str, reason: str
) -> None:
    good = GOOD.replace("テストの相談ダイヤル", "よりそいホットライン（テスト）")
    path = write(tmp_path, HEADER + good + row)
    with pytest.raises(CommandError) as error:
        run("import_contacts", str(path))
    message = str(error.value)
    assert str(path) in message
    assert "3 行目" in message
    assert reason in message
    assert counts() == (0, 0, 0, 0)


def test_it_refuses_a_file_with_the_wrong_header(tmp_path: Path) -> None:
    path = write(tmp_path, "name,scope\nテスト,sakai\n")
    with pytest.raises(CommandError, match="1 行目: 見出しの列"):
        run("import_contacts", str(path))


def test_it_keeps_what_was_there_when_a_later_import_fails(tmp_path: Path) -> None:
    run("import_contacts")
    before = counts()
    path = write(
        tmp_path,
        HEADER
        + GOOD.replace("テストの相談ダイヤル", "よりそいホットライン（新）")
        + "x,mars,phone,,,,,,,\n",
    )
    with pytest.raises(CommandError):
        run("import_contacts", str(path))
    assert counts() == before


# --- hours text ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rules", "holidays", "new_year"),
    [
        ("24時間365日・無料", [("MO,TU,WE,TH,FR,SA,SU", "", time(0), time(0))], False, False),
        ("月-金 9:00-17:30", [("MO,TU,WE,TH,FR", "", time(9), time(17, 30))], False, False),
        (
            "毎日16:00-21:00、毎月10日 8:00-翌8:00",
            [("MO,TU,WE,TH,FR,SA,SU", "", time(16), time(21)), ("", "10", time(8), time(8))],
            False,
            False,
        ),
        (
            "平日（祝日・年末年始除く） 9:00-12:00, 12:45-17:00",
            [
                ("MO,TU,WE,TH,FR", "", time(9), time(12)),
                ("MO,TU,WE,TH,FR", "", time(12, 45), time(17)),
            ],
            True,
            True,
        ),
        (
            "月・木・金 24時間、火・水・土・日 6:00-24:00",
            [("MO,TH,FR", "", time(0), time(0)), ("TU,WE,SA,SU", "", time(6), time(0))],
            False,
            False,
        ),
        (
            "毎日16:00-21:00（12/29-1/3休み）",
            [("MO,TU,WE,TH,FR,SA,SU", "", time(16), time(21))],
            False,
            True,
        ),
        (
            "電話24時間、メール、チャット、11言語",
            [("MO,TU,WE,TH,FR,SA,SU", "", time(0), time(0))],
            False,
            False,
        ),
        ("土 10:00-12:00", [("SA", "", time(10), time(12))], False, False),
    ],
)
def test_it_reads_unambiguous_hours(
    text: str, rules: list[tuple[str, str, time, time]], holidays: bool, new_year: bool
) -> None:
    parsed = parse_hours(text)
    assert parsed is not None
    assert [(r.byday, r.bymonthday, r.opens_at, r.closes_at) for r in parsed.rules] == rules
    assert parsed.closes_on_public_holidays is holidays
    assert parsed.closes_over_new_year is new_year


@pytest.mark.parametrize(
    "text",
    [
        "センターにより異なる",
        "要確認",
        "平日",
        "年末年始を除き原則毎日（土日祝は国民生活センターが補完）",
        "平日 8:30-17:15（都道府県で異なる）・通話料有料",
        "都道府県・政令市の窓口につながる。大阪府: 月-金 9:30-17:00, 18:30-22:30(受付22:00)",
        "月-金 22:00-6:00",
        "月-金 9:00-25:00",
        "",
    ],
)
def test_it_gives_no_schedule_for_ambiguous_hours(text: str) -> None:
    assert parse_hours(text) is None


# --- notalone-2021.csv ----------------------------------------------------------


@needs_notalone
def test_it_imports_the_national_schemes_credited_marked_and_not_twice() -> None:
    run("import_notalone")
    first = counts()
    run("import_notalone")
    assert counts() == first
    schemes = Service.objects.filter(import_key__startswith="notalone:")
    # four of the 122 (DV相談ナビ, 消費者ホットライン, …) are listed with their number in the
    # sourced contacts file, and six more are the same desk as a sourced row
    # (data/same-services.csv); the 2021 copy would show the same desk twice
    assert schemes.count() == 112
    assert not schemes.filter(name="DV相談プラス").exists()
    assert not schemes.filter(name="DV相談ナビ").exists()
    assert set(
        schemes.values_list(
            "source_name", "source_date", "confidence", "needs_reverification", "area"
        )
    ) == {(SOURCE_NAME, "2021-11", Confidence.SECONDARY, True, Area.NATIONAL)}
    assert Phone.objects.count() == 0
    welfare = schemes.get(name="生活保護制度")
    assert welfare.organization.name == "厚生労働省"
    assert welfare.need_codes == ["money"]
    assert welfare.url.startswith("https://www.mhlw.go.jp/")
    assert welfare.contact_text.startswith("お住まいの地域を所管する福祉事務所")
    assert schemes.get(name="児童相談所").need_codes == ["abuse", "child"]


def test_it_says_so_and_succeeds_when_the_national_file_is_missing(tmp_path: Path) -> None:
    output = run("import_notalone", str(tmp_path / "missing.csv"))
    assert "見つからない" in output
    assert Service.objects.count() == 0


def test_it_names_the_physical_line_after_multi_line_fields(tmp_path: Path) -> None:
    header = NOTALONE_HEADER
    good = ['"本文\n2行目\n3行目"', *[""] * 4, "厚生労働省", "", "", "生活保護制度", *[""] * 16]
    bad = ["", *[""] * 4, "厚生労働省", "", "", "", *[""] * 16]
    text = header + ",".join(good) + "\n" + ",".join(bad) + "\n"
    path = write(tmp_path, text, "notalone.csv")
    with pytest.raises(CommandError) as error:
        run("import_notalone", str(path))
    assert "7 行目" in str(error.value)  # 3 header lines, a 3-line row (4–6), then the bad row
    assert Service.objects.count() == 0


NOTALONE_HEADER = (
    "from somewhere,service_id,service_number,origin_id,alteration_flag,provider,prefecture_id,city_id,"
    "name,abstract,provisions,target,how_to_apply,application_start_date,application_close_date,"
    "detail_url,contact,information_release_date,tags,theme,category,person_type,entity_type,"
    "keyword_type,issue_type\n" + "本文" + ",x" * 24 + "\n" + "" + ",t" * 24 + "\n"
)


# --- sakai-sample.csv -------------------------------------------------------------


def test_it_imports_the_sakai_sample_without_any_contact_facts() -> None:
    run("import_sakai_sample")
    run("import_sakai_sample")
    samples = Service.objects.filter(import_key__startswith="sakai-sample:")
    assert 15 <= samples.count() <= 25
    assert samples.filter(contact_pending=False).count() == 0
    assert samples.exclude(confidence=Confidence.UNVERIFIED).count() == 0
    assert samples.filter(contact_check_url="").count() == 0
    assert Phone.objects.filter(service__in=samples).count() == 0
    assert Schedule.objects.filter(service__in=samples).count() == 0
    assert samples.exclude(hours_text="").count() == 0
    assert Service.objects.get(name="西保健センター").ward == Ward.NISHI


def test_it_refuses_an_unknown_need_code_in_the_sample(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "name,organization,scope,kind,needs,audiences,channels,description,check_url\n"
        "テスト,堺市,sakai,desk,loneliness,anyone,phone,,https://www.city.sakai.lg.jp/\n",
        "sample.csv",
    )
    with pytest.raises(CommandError, match="2 行目: お悩みの分類「loneliness」"):
        run("import_sakai_sample", str(path))
    assert Service.objects.count() == 0


# --- load_directory ------------------------------------------------------------


def test_it_loads_everything_twice_with_the_same_counts_and_reports_the_time() -> None:
    output = run("load_directory")
    first = counts()
    run("load_directory")
    assert counts() == first
    assert re.search(r"相談先 \d+ 件.*（\d+\.\d 秒）", output)


def test_every_imported_service_serves_one_to_three_needs() -> None:
    run("load_directory")
    for service in Service.objects.prefetch_related("terms"):
        assert 1 <= len(service.need_codes) <= 3, service.name


@needs_notalone
def test_it_tags_the_labour_desk_that_says_it_hears_sogi_problems_for_lgbtq() -> None:
    run("import_notalone")
    desk = Service.objects.get(import_key="notalone:総合労働相談コーナー")
    assert "性的指向・性自認" in desk.description
    assert set(desk.need_codes) == {"work", "lgbtq"}
