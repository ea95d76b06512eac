"""The data files people keep: what may be reported, the 基幹型 centres, the area table."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tsunagari.watch.tables import (
    AREAS,
    DEMO_AREAS,
    area_rows,
    centre_for_place,
    concerns,
    kikan_centres,
    problems,
)


def test_it_reads_the_seven_kinds_of_concern_from_the_data_file():
    assert [c.label for c in concerns()] == [
        "新聞・郵便物がたまっている",
        "姿を見かけない",
        "様子がおかしい",
        "金銭トラブル・詐欺の疑い",
        "虐待の疑い",
        "住まいの異変",
        "その他",
    ]


def test_it_has_a_sourced_kikan_centre_for_every_ward_and_no_invented_area_rows():
    assert kikan_centres()["sakai"] == "堺基幹型包括支援センター"
    assert len(kikan_centres()) == 7
    # The real area table must come from the city's list; until then it is empty on purpose.
    assert area_rows(AREAS) == []
    assert "地域包括ケア推進課" in AREAS.read_text(encoding="utf-8")
    assert problems() == []


def test_the_longest_town_in_the_place_wins():
    assert centre_for_place("sakai", "堺区つながり町1-2の家", DEMO_AREAS) == (
        "つながり町",
        "（デモ）つながり地域包括支援センター",
    )
    assert (centre_for_place("sakai", "ひだまり通 のアパート", DEMO_AREAS) or ("", ""))[
        1
    ].startswith("（デモ）ひだまり")
    # A 町名 of another ward does not route here; a landmark alone does not match.
    assert centre_for_place("sakai", "こもれび町", DEMO_AREAS) is None
    assert centre_for_place("sakai", "大きな公園の北側", DEMO_AREAS) is None


def test_check_watch_areas_accepts_the_shipped_tables(capsys):
    call_command("check_watch_areas")
    assert "watch tables OK" in capsys.readouterr().out


@pytest.mark.parametrize(
    "line,message",
    [
        ("堺区\t大仙町\t堺市大仙地域包括支援センター\n", "contacts-sourced"),
        ("堺区\t大仙町\t（デモ）つながり地域包括支援センター\n", "contacts-sourced"),
        ("堺市\t大仙町\t堺基幹型包括支援センター\n", "堺市の区ではありません"),
        ("堺区\t大仙町\n", "3列"),
        ("堺区\t大仙町\tよりそいホットライン\n", "地域包括支援センターではありません"),
    ],
)
def test_check_watch_areas_refuses_an_invented_or_broken_row(tmp_path: Path, capsys, line, message):
    table = tmp_path / "areas.tsv"
    table.write_text("# ward\ttown\tcentre\n" + line, encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("check_watch_areas", areas=str(table))
    assert message in capsys.readouterr().err


def test_a_real_row_naming_a_sourced_centre_is_accepted(tmp_path: Path):
    table = tmp_path / "areas.tsv"
    table.write_text("堺区\t南瓦町\t堺基幹型包括支援センター\n", encoding="utf-8")
    call_command("check_watch_areas", areas=str(table))


def test_a_town_sent_to_two_centres_is_refused(tmp_path: Path, capsys):
    table = tmp_path / "areas.tsv"
    table.write_text(
        "堺区\t南瓦町\t堺基幹型包括支援センター\n堺区\t南瓦町\t中基幹型包括支援センター\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError):
        call_command("check_watch_areas", areas=str(table))
    assert "別のセンター" in capsys.readouterr().err
