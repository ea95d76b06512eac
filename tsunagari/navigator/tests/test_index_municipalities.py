"""The index by municipality, kept current by deltas (decision 0030).

A question naming a municipality is answered from that municipality's listings, its
prefecture's and the national ones; a change to one listing shows in the next answer
without rebuilding the index — in this worker through the signal, in another worker
through the change log.
"""

from typing import Any

import pytest

from tsunagari.directory.models import Area, Service
from tsunagari.directory.tests.factories import make_service, need_term
from tsunagari.navigator import index as navigator_index
from tsunagari.navigator.index import directory_index
from tsunagari.navigator.management.commands.generate_directory import synthetic_codes
from tsunagari.navigator.models import IndexChange
from tsunagari.navigator.recommend import recommend

pytestmark = pytest.mark.django_db

SAKAI = "271403"
OSAKA = "270008"
PREFECTURES, OTHERS = synthetic_codes(3)
ELSEWHERE = OTHERS[1]  # a synthetic municipality in another (synthetic) prefecture


def names(q: str, municipality: str | None = None) -> list[str]:
    return [s.name for s in recommend(q, municipality=municipality).services]


def test_a_listing_takes_its_municipality_from_its_area_unless_given() -> None:
    assert make_service("（テスト）市の窓口").municipality == SAKAI
    assert make_service("（テスト）府の窓口", area=Area.PREFECTURE).municipality == OSAKA
    assert make_service("（テスト）全国の電話", area=Area.NATIONAL).municipality == ""
    assert make_service("（テスト）よその窓口", municipality=ELSEWHERE).municipality == ELSEWHERE


def test_a_question_naming_a_municipality_never_gets_another_municipalitys_desk() -> None:
    make_service("（テスト）堺のお金の窓口", needs=("money",))
    make_service("（テスト）府のお金の窓口", needs=("money",), area=Area.PREFECTURE)
    make_service("（テスト）全国のお金の電話", needs=("money",), area=Area.NATIONAL)
    make_service("（テスト）よそのお金の窓口", needs=("money",), municipality=ELSEWHERE)
    sakai = names("借金がある", municipality=SAKAI)
    assert "（テスト）よそのお金の窓口" not in sakai
    assert {
        "（テスト）堺のお金の窓口",
        "（テスト）府のお金の窓口",
        "（テスト）全国のお金の電話",
    } <= set(sakai)
    elsewhere = names("借金がある", municipality=ELSEWHERE)
    assert set(elsewhere) == {"（テスト）よそのお金の窓口", "（テスト）全国のお金の電話"}
    # A question naming no municipality (one city's site) still draws on every listing.
    assert "（テスト）よそのお金の窓口" in names("借金がある")


def test_a_change_to_one_listing_shows_in_the_next_answer_without_a_rebuild() -> None:
    desk = make_service("（テスト）堺のお金の窓口", needs=("money",))
    assert names("借金がある", municipality=SAKAI) == ["（テスト）堺のお金の窓口"]
    built = directory_index().generation

    desk.name = "（テスト）堺のお金と暮らしの窓口"
    desk.save()
    assert names("借金がある", municipality=SAKAI) == ["（テスト）堺のお金と暮らしの窓口"]

    new = make_service("（テスト）堺の仕事の窓口", needs=("work",))
    assert names("仕事がない", municipality=SAKAI) == ["（テスト）堺の仕事の窓口"]

    new.retire("テストで終了")
    assert "（テスト）堺の仕事の窓口" not in names("仕事がない", municipality=SAKAI)

    desk.municipality = ELSEWHERE  # moved to another municipality: leaves Sakai's answers
    desk.save()
    assert names("借金がある", municipality=SAKAI) == []
    assert names("借金がある", municipality=ELSEWHERE) == ["（テスト）堺のお金と暮らしの窓口"]
    assert directory_index().generation == built  # all of it by deltas


def test_another_workers_change_arrives_through_the_change_log(monkeypatch: Any) -> None:
    desk = make_service("（テスト）堺のお金の窓口", needs=("money",))
    assert names("借金がある", municipality=SAKAI) == ["（テスト）堺のお金の窓口"]
    built = directory_index().generation
    # Another worker changes the listing: this process gets no signal, only the line the
    # other worker wrote in the change log (and, with a shared cache, a new version).
    Service.objects.filter(pk=desk.pk).update(name="（テスト）よそで直した窓口")
    IndexChange.objects.create(service_id=desk.pk)
    assert names("借金がある", municipality=SAKAI) == ["（テスト）堺のお金の窓口"]  # not yet read
    monkeypatch.setattr(navigator_index, "CHECK_SECONDS", 0.0)  # the log is read every 5 s
    assert names("借金がある", municipality=SAKAI) == ["（テスト）よそで直した窓口"]
    assert directory_index().generation == built


def test_a_line_meaning_everything_rebuilds_the_index(monkeypatch: Any) -> None:
    make_service("（テスト）堺のお金の窓口", needs=("money",))
    built = directory_index().generation
    IndexChange.objects.create(service_id=None)
    monkeypatch.setattr(navigator_index, "CHECK_SECONDS", 0.0)
    assert directory_index().generation == built + 1


def test_a_new_need_tag_reaches_the_index_by_delta() -> None:
    desk = make_service("（テスト）堺の窓口", needs=("money",))
    assert names("仕事がない", municipality=SAKAI) != ["（テスト）堺の窓口"]
    built = directory_index().generation
    desk.attributes.create(taxonomy_term=need_term("work"))
    assert names("仕事がない", municipality=SAKAI)[0] == "（テスト）堺の窓口"
    assert directory_index().generation == built


def test_a_worker_reads_only_the_municipalities_it_is_asked_about() -> None:
    make_service("（テスト）堺のお金の窓口", needs=("money",))
    make_service("（テスト）よそのお金の窓口", needs=("money",), municipality=ELSEWHERE)
    make_service("（テスト）全国のお金の電話", needs=("money",), area=Area.NATIONAL)
    names("借金がある", municipality=SAKAI)
    assert ELSEWHERE not in directory_index().partitions
    assert {SAKAI, ""} <= set(directory_index().partitions)
    assert names("借金がある", municipality=ELSEWHERE)[0] == "（テスト）よそのお金の窓口"
