import pytest
from django.urls import reverse

from tsunagari.directory.tests.factories import make_service
from tsunagari.measures.coverage import policy_rows, ward_rows
from tsunagari.measures.models import Mapping, Measure, NationalMeasure, PlanPillar
from tsunagari.measures.seed import load
from tsunagari.partners.tests.conftest import signed_in

pytestmark = pytest.mark.django_db

SEEDED = {
    ("地域介護予防活動支援事業（自主グループ育成）", 1, "高齢者の通いの場の継続・再開"),
    ("生活支援コーディネーター配置事業", 1, "高齢者の通いの場の継続・再開"),
    ("堺ぬくもりカフェ登録事業", 1, "認知症カフェの普及・促進"),
    ("地域包括支援センター（高齢者総合相談窓口）運営", 2, None),
    ("地域包括支援センター（高齢者総合相談窓口）運営", 4, None),
    ("権利擁護事業", 4, "成年後見制度・権利擁護支援の取組の促進"),
    ("民生委員・児童委員活動", 4, "民生委員・児童委員活動への支援"),
    ("高齢者見守りネットワーク", 4, None),
}


@pytest.fixture
def seeded(db):
    return load()


def test_it_seeds_exactly_the_measures_the_city_lists_under_basic_policy_3(seeded):
    mappings = {
        (m.measure.name, m.item.number, m.national_measure.title if m.national_measure else None)
        for m in Mapping.objects.select_related("measure", "item", "national_measure")
    }
    assert mappings == SEEDED
    assert {m.item.pillar.number for m in Mapping.objects.all()} == {3}
    assert Measure.objects.count() == 7
    assert all(m.target_groups == ["elderly"] for m in Measure.objects.all())
    pillar = PlanPillar.objects.get(number=3)
    assert (
        pillar.title
        == "見守り・交流の場や居場所を確保し、人と人との「つながり」を実感できる地域づくり"
    )
    # Only what the source states: the other three policies are numbered, not named.
    assert [p.title for p in PlanPillar.objects.exclude(number=3)] == ["", "", ""]
    assert NationalMeasure.objects.count() == 4
    assert load().measures == 0  # loading again adds nothing


def test_it_shows_the_empty_fields_as_gaps(seeded):
    rows = {(r.pillar.number, r.item.number if r.item else None): r.counts for r in policy_rows()}
    assert rows[(3, 1)] == [3, 0, 0, 0, 0]  # elderly, disability, poverty, hikikomori, children
    assert rows[(3, 4)] == [4, 0, 0, 0, 0]
    assert rows[(1, None)] == [0, 0, 0, 0, 0]
    by_group = dict(ward_rows())
    assert [c.measures for c in by_group["高齢者"]] == [7] * 7
    assert all(c.gap for c in by_group["ひきこもり"])


def test_it_counts_directory_services_reaching_each_ward(seeded):
    make_service("（テスト）市全域の高齢者相談", needs=("elderly",), area="city")
    make_service("（テスト）北区の高齢者相談", needs=("elderly",), area="ward", ward="kita")
    make_service("（テスト）非公開の相談", needs=("elderly",), status="inactive")
    cells = dict(ward_rows())["高齢者"]
    assert [c.services for c in cells] == [1, 1, 1, 1, 1, 2, 1]  # 堺 中 東 西 南 北 美原


def test_it_shows_the_map_to_anyone_without_edit_links(client, seeded):
    html = client.get(reverse("measures:index")).content.decode()
    assert "堺ぬくもりカフェ登録事業" in html
    assert "空白" in html and "名称は未入力" in html
    assert reverse("measures:create") not in html
    assert client.get(reverse("measures:create")).status_code == 302


def test_it_lets_staff_add_a_measure_that_fills_a_gap(client, sara, seeded):
    signed_in(client, sara)
    item = Mapping.objects.select_related("item").filter(item__number=4)[0].item
    response = client.post(
        reverse("measures:create"),
        {
            "name": "（テスト）ひきこもり地域支援事業",
            "target_groups": ["hikikomori"],
            "items": [item.pk],
            "wards": ["kita"],
        },
    )
    assert response.status_code == 302
    measure = Measure.objects.get(name="（テスト）ひきこもり地域支援事業")
    assert [(m.item, m.national_measure) for m in measure.mappings.all()] == [(item, None)]
    cells = dict(ward_rows())["ひきこもり"]
    assert [c.measures for c in cells] == [0, 0, 0, 0, 0, 1, 0]
    html = client.get(reverse("measures:detail", args=[measure.pk])).content.decode()
    assert "北区" in html and "国の施策の名前は挙げられていません" in html


def test_it_names_a_bad_line_in_the_measures_file_and_writes_nothing(tmp_path):
    from tsunagari.measures.seed import DATA, SeedError

    bad = tmp_path / "measures.tsv"
    bad.write_text(
        "measure\ttarget_group\tpillar\titem\tnational_measure\tsource\n"
        "（テスト）事業\telderly\t3\t1\t\t出典\n"
        "（テスト）別の事業\tpets\t3\t1\t\t出典\n",
        encoding="utf-8",
    )
    with pytest.raises(SeedError, match="line 3: unknown target group 'pets'"):
        load(DATA / "plan.tsv", bad)
    assert not Measure.objects.exists() and not PlanPillar.objects.exists()
