"""The printed handbook: what a person holding it finds, and what it refuses."""

import re

import pytest
from django.core.management import CommandError, call_command

from tsunagari.core.crisis import crisis_lines
from tsunagari.directory.models import Area, Organization, Phone, ServiceStatus, Ward
from tsunagari.directory.needs import NEEDS
from tsunagari.directory.tests.factories import make_service
from tsunagari.handbook.printing import handbook_pdf
from tsunagari.handbook.tests.pdfcheck import first_page_with, fonts, page_texts

pytestmark = pytest.mark.django_db


def _directory() -> None:
    """Desks (the factory makes schemes unless told) in two wards and city-wide, and what
    must never be printed: a typed-in number, an ended listing, a demo listing."""
    make_service(
        kind="desk",
        name="（テスト）堺区の家計相談",
        needs=("money",),
        area=Area.WARD,
        ward=Ward.SAKAI,
        phone="000-1111-1111",
        fees_description="無料",
    )
    make_service(
        kind="desk", name="（テスト）市の家計相談", needs=("money", "work"), phone="000-3333-3333"
    )
    make_service(
        kind="desk",
        name="（テスト）北区の家計相談",
        needs=("money",),
        area=Area.WARD,
        ward=Ward.KITA,
        phone="000-5555-5555",
    )
    make_service(
        kind="desk",
        name="（テスト）夜のこころの電話",
        needs=("mental",),
        phone="000-7777-7777",
        all_day=True,
    )
    pending = make_service(
        kind="desk",
        name="（テスト）確認中のサロン",
        needs=("connection",),
        phone=None,
        contact_pending=True,
        contact_check_url="https://example.org/salon",
    )
    Phone.objects.create(service=pending, number="000-9999-9999")  # typed in, no source
    make_service(
        kind="desk",
        name="（テスト）終わった相談",
        needs=("money",),
        status=ServiceStatus.DEFUNCT,
        phone="000-2222-2222",
    )
    demo = make_service(
        kind="desk", name="（デモ）ひだまりの電話", needs=("connection",), phone="000-6666-6666"
    )
    demo.organization = Organization.objects.create(name="（デモ）ひだまりの会", is_demo=True)
    demo.save()


def test_it_prints_a_handbook_a_person_can_use(settings, tmp_path):
    settings.DEMO_MODE = True  # even then, demo listings never reach the print
    _directory()
    out = tmp_path / "handbook.pdf"
    call_command("build_handbook", "--out", str(out))
    pdf = out.read_bytes()
    texts = page_texts(pdf)
    whole = "\n".join(texts)

    assert "お悩みハンドブック" in texts[0]
    assert "もくじ" in texts[1]
    # The 24-hour lines come first: on the first page after the contents.
    assert "24時間の窓口" in texts[2]
    for line in crisis_lines():
        assert line.name in texts[2]
        if line.number:
            assert line.number in texts[2]
    assert "（テスト）夜のこころの電話" in texts[2]  # open all day, every day
    # One section per need, in the order of needs.md, each starting a page.
    starts = [first_page_with(texts[3:], f"{need.label}\nたとえば") for need in NEEDS]
    assert all(starts), [n.code for n, s in zip(NEEDS, starts, strict=True) if not s]
    assert starts == sorted(starts)
    # The contents page gives each section's page.
    money_page = starts[[n.code for n in NEEDS].index("money")] + 3
    assert re.search(rf"お金・生活\s*\.+\s*{money_page}\b", texts[1])
    # Sourced numbers only; a desk without one says so, with the page to check.
    assert "000-1111-1111" in whole and "000-3333-3333" in whole
    assert "000-9999-9999" not in whole
    assert "連絡先は確認中" in whole and "https://example.org/salon" in whole
    # Never demo data, never an ended listing.
    assert "ひだまり" not in whole and "000-6666-6666" not in whole
    assert "終わった相談" not in whole
    # Weekly hours, cost, languages.
    assert "24時間・毎日" in whole and "費用無料" in whole.replace(" ", "") and "日本語" in whole
    # The index: 「借金」 points to the page of お金・生活.
    index_page = first_page_with(texts, "ことばからさがす（さくいん）\n")
    assert index_page > starts[-1]
    assert re.search(rf"借金 {money_page}\b", "\n".join(texts[index_page - 1 :]))
    # The last page: when the data was made and checked, and where every number came from.
    credits = "\n".join(
        texts[first_page_with(texts, "この冊子の情報について・出典\nこの版は") - 1 :]
    )
    assert "まだ職員が一件も確かめていません" in credits
    assert "example.org/test" in credits and "2026-11-01" in credits
    flat = "".join(credits.split())
    for line in crisis_lines():
        assert "".join(line.source.split()) in flat
    # Japanese fonts, embedded and subset (a six-letter tag before the name).
    used = fonts(pdf)
    assert any("BIZ-UD" in name for name in used), used
    assert all(used.values()), used
    assert all(re.match(r"/[A-Z]{6}\+", name) for name in used), used


def test_an_empty_directory_still_gives_a_handbook_that_says_what_is_missing():
    texts = page_texts(handbook_pdf())
    whole = "\n".join(texts)
    assert "名簿に相談先がまだありません" in texts[1]
    assert crisis_lines()[0].name in texts[2]  # the sourced 24-hour lines do not need the directory
    for need in NEEDS:
        assert f"「{need.label}」の窓口は、まだ名簿にありません" in whole.replace("\n", "")
    assert "名簿に連絡先がまだありません" in whole


def test_a_ward_edition_puts_the_wards_desks_first():
    _directory()
    texts = page_texts(handbook_pdf(ward="堺区"))
    whole = "\n".join(texts)
    assert "堺区版" in texts[0]
    assert whole.index("（テスト）堺区の家計相談") < whole.index("（テスト）市の家計相談")
    assert "北区の家計相談" not in whole  # another ward's own desk is in the city edition


@pytest.mark.parametrize(
    ("option", "value", "valid"),
    [
        ("--ward", "難波区", "堺区、中区、東区、西区、南区、北区、美原区"),
        ("--lang", "xx", "ja、ja-easy、en、zh-hans、ko、vi、pt-br、es、tl、ne"),
    ],
)
def test_an_unknown_ward_or_language_is_refused_with_the_valid_ones(tmp_path, option, value, valid):
    out = tmp_path / "refused.pdf"
    with pytest.raises(CommandError) as refused:
        call_command("build_handbook", "--out", str(out), option, value)
    assert value in str(refused.value) and valid in str(refused.value)
    assert not out.exists()
