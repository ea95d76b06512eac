"""Ranking services for a worry: need first, ward, audience, channel, diversity, crisis."""

from datetime import datetime

import pytest

from tsunagari.directory.models import Area, Attribute, Service, TaxonomyTerm
from tsunagari.directory.tests.factories import make_service
from tsunagari.navigator.recommend import Preferences, parse_ward, recommend, recommend_needs

pytestmark = pytest.mark.django_db

NIGHT = datetime.fromisoformat("2026-11-25T03:00:00+09:00")  # a Wednesday, 3 a.m.


def tag(service: Service, taxonomy: str, *codes: str) -> Service:
    for code in codes:
        term, _ = TaxonomyTerm.objects.get_or_create(
            taxonomy=taxonomy, code=code, defaults={"name": code}
        )
        Attribute.objects.create(service=service, taxonomy_term=term)
    return service


def names(q: str, **kwargs: object) -> list[str]:
    return [s.name for s in recommend(q, **kwargs).services]  # type: ignore[arg-type]


def test_it_reads_ward_names_in_japanese_or_as_codes() -> None:
    assert parse_ward("堺区") == parse_ward("sakai") == parse_ward("堺") == "sakai"
    assert parse_ward("東京都") == ""


def test_it_puts_the_service_for_the_need_first() -> None:
    make_service("（テスト）お金の相談", needs=("money",))
    make_service("（テスト）こころの相談", needs=("mental",))
    answer = recommend("借金で首が回らへん")
    assert answer.needs[0].code == "money"
    assert answer.services[0].name == "（テスト）お金の相談"
    assert "お金・生活" in answer.services[0].why


def test_it_prefers_the_own_ward_then_the_city_then_national() -> None:
    make_service("（テスト）全国のお金の電話", needs=("money",), area=Area.NATIONAL)
    make_service("（テスト）堺区のお金の窓口", needs=("money",), area=Area.WARD, ward="sakai")
    make_service("（テスト）北区のお金の窓口", needs=("money",), area=Area.WARD, ward="kita")
    make_service("（テスト）市のお金の窓口", needs=("money",), area=Area.CITY)
    ranked = names("お金がない", ward="堺区")
    assert ranked[:2] == ["（テスト）堺区のお金の窓口", "（テスト）市のお金の窓口"]
    assert ranked.index("（テスト）北区のお金の窓口") > ranked.index("（テスト）全国のお金の電話")


def test_it_gives_a_deaf_person_text_channels_first() -> None:
    tag(make_service("（テスト）電話だけの相談", needs=("disability",)), "channel", "phone")
    tag(make_service("（テスト）チャットの相談", needs=("disability",)), "channel", "chat")
    assert names("耳が聞こえないので障害のことを相談したい")[0] == "（テスト）チャットの相談"


def test_it_prefers_services_for_the_family_when_asking_for_someone_else() -> None:
    make_service("（テスト）ひきこもり本人の相談", needs=("hikikomori",))
    tag(make_service("（テスト）ひきこもりの家族の会", needs=("hikikomori",)), "audience", "family")
    assert names("息子がひきこもっている")[0] == "（テスト）ひきこもりの家族の会"


def test_it_prefers_what_is_open_now_when_the_person_wants_to_talk_now() -> None:
    make_service("（テスト）あ 昼だけの相談", needs=("mental",))
    make_service("（テスト）い 24時間の相談", needs=("mental",), all_day=True)
    answer = recommend_needs(["mental"], Preferences(now=True), at=NIGHT)
    assert answer.services[0].name == "（テスト）い 24時間の相談"
    assert answer.services[0].open_now is True


def test_it_does_not_show_three_desks_of_the_same_kind_first() -> None:
    for n in range(4):
        make_service(f"（テスト）お金の窓口{n}", needs=("money",))
    make_service("（テスト）仕事の窓口", needs=("work",))
    ranked = names("失業してお金がない")
    assert "（テスト）仕事の窓口" in ranked[:3]


def test_it_never_shows_hidden_or_ended_services() -> None:
    make_service("（テスト）終了した相談", needs=("money",), status="defunct")
    make_service("（テスト）確認待ちの相談", needs=("money",), review_status="pending")
    assert names("借金") == []


def test_it_answers_a_crisis_with_the_lines_even_when_the_directory_is_empty() -> None:
    answer = recommend("死にたい")
    assert answer.crisis
    assert answer.services == []
    assert answer.crisis_lines
    data = answer.as_json()
    assert data["crisis"] is True and "119" in data["emergency"]
    assert data["crisis_lines"][0]["name"]


def test_it_answers_a_crisis_first_even_when_the_directory_is_wrongly_tagged() -> None:
    make_service("（テスト）まちがえて死にたい気持ちに分類された料理教室", needs=("connection",))
    answer = recommend("もう消えたい")
    assert answer.crisis and answer.crisis_lines
    assert answer.needs[0].code == "suicide"


def test_it_returns_the_json_shape_of_the_interface() -> None:
    make_service("（テスト）お金の相談", needs=("money", "legal"))
    data = recommend("借金", ward="sakai").as_json()
    assert set(data) >= {"q", "crisis", "needs", "services"}
    assert data["needs"][0]["code"] == "money" and data["needs"][0]["because"] == ["借金"]
    service = data["services"][0]
    assert set(service) == {
        "id",
        "name",
        "kind",
        "needs",
        "phones",
        "url",
        "hours_today",
        "open_now",
        "verified",
        "why",
    }
    assert service["needs"] == ["money", "legal"]
    assert len(data["services"]) <= 10


def test_it_puts_checked_listings_before_ones_that_may_have_ended() -> None:
    make_service("（テスト）あ 2021年の制度", needs=("money",), needs_reverification=True)
    make_service("（テスト）い 確認ずみの窓口", needs=("money",))
    assert names("お金がない")[0] == "（テスト）い 確認ずみの窓口"


def test_it_mixes_in_another_kind_of_desk_when_many_of_one_kind_lead() -> None:
    for n in range(35):
        make_service(f"（テスト）全国の制度{n:02d}", needs=("money", "work"), area=Area.NATIONAL)
    make_service("（テスト）市のお金の窓口", needs=("money",))
    assert "（テスト）市のお金の窓口" in names("借金があって仕事もない")[:3]


def test_it_offers_desks_that_hear_any_worry_when_nothing_is_listed_for_the_need() -> None:
    make_service("（テスト）こころの電話", needs=("mental",), kind="desk")
    answer = recommend("LGBTQのことを相談したい")
    assert answer.needs[0].code == "lgbtq"
    assert [s.name for s in answer.services] == ["（テスト）こころの電話"]
    assert answer.services[0].why.endswith("。")


def test_it_puts_the_desk_that_names_the_persons_own_words_first_among_equals() -> None:
    make_service(
        "（テスト）あ・仕事さがしの窓口", needs=("work",), description="仕事をさがす人の窓口です。"
    )
    make_service(
        "（テスト）ん・職場のトラブル相談",
        needs=("work",),
        description="解雇、いじめ・嫌がらせ、パワハラなど職場の悩みを聞きます。",
    )
    names = [s.name for s in recommend("パワハラがつらい").services]
    assert names.index("（テスト）ん・職場のトラブル相談") < names.index(
        "（テスト）あ・仕事さがしの窓口"
    )
