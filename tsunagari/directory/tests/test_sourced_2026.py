"""The December 2026 collection: new Sakai and Osaka desks, corrections, tags kept as data,
and a directory that loads the same from the project's own copies."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import reverse

from tsunagari.directory.checks import all_problems
from tsunagari.directory.models import Area, Confidence, Phone, Service, ServiceKind

pytestmark = pytest.mark.django_db

DATA = Path(settings.BASE_DIR) / "data"
SHARED = Path(settings.BASE_DIR).parent / "shared" / "data"
HEADER = "name,scope,channel,number_or_id,hours_text,target,source,source_date,confidence,note\n"


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def totals() -> dict[str, int]:
    public = Service.objects.public()
    return {
        "services": Service.objects.count(),
        "public": public.count(),
        "desks": public.filter(kind=ServiceKind.DESK).count(),
        "retired": Service.objects.retired().count(),
        "phones": Phone.objects.count(),
    }


def test_a_fresh_clone_without_shared_loads_the_same_directory(tmp_path: Path) -> None:
    run("load_seed", "--no-demo")
    here = totals()
    Service.objects.all().delete()
    Phone.objects.all().delete()
    clone = tmp_path / "clone"
    shutil.copytree(DATA, clone / "data")
    assert not (tmp_path / "shared").exists()
    with override_settings(BASE_DIR=clone):
        output = run("load_seed", "--no-demo")
    assert "shared" not in output
    assert totals() == here
    assert here["public"] > 200 and here["retired"] == 8


@pytest.mark.skipif(not SHARED.exists(), reason="../shared is not here")
@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        ("contacts-sourced.csv", "contacts-sourced.csv"),
        ("contacts-sourced-2026-12.csv", "contacts-sourced-2026-12.csv"),
        ("contacts-corrections-2026-12.csv", "contacts-corrections-2026-12.csv"),
    ],
)
def test_the_project_copies_are_the_shared_files_unchanged(ours: str, theirs: str) -> None:
    assert (DATA / ours).read_bytes() == (SHARED / theirs).read_bytes()


@pytest.mark.skipif(not SHARED.exists(), reason="../shared is not here")
def test_the_national_snapshot_copy_is_the_shared_file_byte_for_byte() -> None:
    import gzip

    ours = gzip.decompress((DATA / "national" / "notalone-2021.csv.gz").read_bytes())
    assert ours == (SHARED / "national" / "notalone-2021.csv").read_bytes()


def test_it_imports_the_osaka_and_sakai_desks_with_their_sources() -> None:
    run("load_directory")
    line = Service.objects.get(name="救急安心センターおおさか")
    assert line.area == Area.PREFECTURE
    assert [p.number for p in line.phones.all()] == ["#7119"]
    assert line.kind == ServiceKind.DESK
    assert "IP電話" in line.source_note  # the note is kept for staff
    conflict = Service.objects.get(name="関西いのちの電話（番号A：06-6772-1121）")
    assert conflict.confidence == Confidence.SECONDARY
    assert conflict.need_codes == ["mental", "suicide"]
    # 32 + 51 rows, two of them the same service as another row (data/same-services.csv).
    assert Service.objects.filter(import_key__startswith="contacts:").count() == 32 + 51 - 2


def test_a_number_only_discussed_in_a_note_is_never_stored() -> None:
    run("load_directory")
    numbers = set(Phone.objects.values_list("number", flat=True))
    # The prefecture's night child-abuse line is not for Sakai residents (its row says so),
    # and the COVID-era FRESC help desk line was temporary.
    assert "072-295-8737" not in numbers
    assert "0120-76-2029" not in numbers


def test_a_desk_without_a_number_says_its_contact_is_being_checked_with_its_page() -> None:
    run("load_directory")
    desk = Service.objects.get(name="大阪府外国人情報コーナー（大阪府国際交流財団 OFIX）")
    assert desk.contact_pending and not desk.phones.exists()
    html = Client().get(reverse("directory:service", args=[desk.pk])).content.decode()
    assert "連絡先は確認中です。" in html
    assert 'href="https://portal-worlds.com/news/indonesia/17629/amp"' in html


def test_a_web_page_row_is_a_scheme_linked_to_its_page() -> None:
    run("load_directory")
    page = Service.objects.get(name="堺市 ひとり親家庭の支援（市ページ）")
    assert page.kind == ServiceKind.SCHEME
    assert page.url == "https://www.city.sakai.lg.jp/kosodate/hughug/hitorioya/index.html"
    assert page.need_codes == ["money", "parenting", "work"]


def test_it_applies_the_corrections_whose_old_value_matches_and_names_each() -> None:
    output = run("import_contacts")
    assert output.count("を反映しました") == 8
    terrace = Service.objects.get(name="法テラス・サポートダイヤル")
    assert terrace.hours_text == "平日 9:00-21:00、土曜 9:00-17:00"
    # the corrected fact keeps its own source, for staff
    assert (
        "訂正（www.houterasu.or.jp/k/nagare/flow_step2/index.html、日付なし）"
        in terrace.source_note
    )


def test_a_correction_whose_old_value_does_not_match_is_reported_not_applied(
    tmp_path: Path,
) -> None:
    corrections = tmp_path / "corrections.csv"
    corrections.write_text(
        "name,field,old_value,new_value,source,source_date,note\n"
        "DV相談ナビ,hours_text,違う値,毎日 0:00-24:00,example.org,2026,テスト\n",
        encoding="utf-8",
    )
    output = run(
        "import_contacts", str(DATA / "contacts-sourced.csv"), "--corrections", str(corrections)
    )
    assert "反映していません" in output and "DV相談ナビ" in output
    assert Service.objects.get(name="DV相談ナビ").hours_text.startswith(
        "つながった相談支援センター"
    )


def test_an_osaka_row_without_a_tag_is_refused_naming_the_tags_file(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(
        HEADER + "知らない府の窓口,osaka,phone,000-0000-0000,,x,example.org,2026,confirmed,\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="2 行目.*data/contact-tags.csv"):
        run("import_contacts", str(path))
    assert not Service.objects.exists()


def test_the_tags_file_check_names_an_unknown_need_code(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    shutil.copytree(DATA, clone / "data")
    tags = clone / "data" / "contact-tags.csv"
    tags.write_text(
        tags.read_text(encoding="utf-8").replace("DV相談ナビ,abuse,", "DV相談ナビ,violence,"),
        encoding="utf-8",
    )
    with override_settings(BASE_DIR=clone):
        problems = all_problems()
    assert any("violence" in p for p in problems)


def test_the_data_files_pass_their_check() -> None:
    assert all_problems() == []
    assert "問題はありません" in run("check_directory_data")


def test_the_service_page_says_where_its_contact_facts_come_from_and_that_nobody_checked() -> None:
    run("load_directory")
    line = Service.objects.get(name="関西いのちの電話（番号A：06-6772-1121）")
    assert line.assured_date is None
    html = Client().get(reverse("directory:service", args=[line.pk])).content.decode()
    assert (
        "この連絡先は「mykoho.jp/article/272027/9252365/9336876」（2025-03（推定））に載っていたものです。"
        in html
    )
    assert "まだ確かめていません" in html
    assert "それを紹介しているページで見つけた情報です" in html  # secondary
