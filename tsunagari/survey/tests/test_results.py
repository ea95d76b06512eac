"""Raking and estimates, checked against small examples worked by hand."""

import pytest

from tsunagari.survey.models import Margin, SurveyResponse, Wave
from tsunagari.survey.results import (
    Status,
    answers_frame,
    compute,
    margin_problems,
    rake,
)
from tsunagari.survey.tests.conftest import answer_row

pytestmark = pytest.mark.django_db

# Four people, one in each sex × age cell; margins: men 60, women 40; young 70, old 30.
#
# Start: every weight 1.
# Step 1, sex: the two men share 60 -> 30 each; the two women share 40 -> 20 each.
# Step 2, age: young = man 30 + woman 20 = 50, must be 70 -> ×1.4: man 42, woman 28;
#              old   = man 30 + woman 20 = 50, must be 30 -> ×0.6: man 18, woman 12.
# Check sex again: men 42 + 18 = 60, women 28 + 12 = 40. Converged: 42, 18, 28, 12.
HAND_MARGINS = {"sex": {"male": 60, "female": 40}, "age_band": {"20-29": 70, "70-79": 30}}
HAND_PEOPLE = [("male", "20-29"), ("male", "70-79"), ("female", "20-29"), ("female", "70-79")]


def test_it_rakes_to_the_weights_worked_by_hand():
    rows = [answer_row(sex=s, age_band=a) for s, a in HAND_PEOPLE]
    weighted = rake(answers_frame(rows).select(["sex", "age_band"]), HAND_MARGINS)
    assert [round(w, 6) for w in weighted["weight"].to_list()] == [42, 18, 28, 12]


def test_it_weights_a_share_as_worked_by_hand():
    # Lonely at least sometimes (direct 3–5): the young man (42) and the old woman (12).
    # Weighted share = (42 + 12) / 100 = 54 %; unweighted it would be 2 / 4 = 50 %.
    directs = [4, 1, 2, 5]
    rows = [
        answer_row(sex=s, age_band=a, direct=d)
        for (s, a), d in zip(HAND_PEOPLE, directs, strict=True)
    ]
    from tsunagari.survey.results import estimate

    frame = rake(answers_frame(rows), HAND_MARGINS)
    cell = estimate(frame, "weight")["direct_any"][""][0]
    assert cell.estimate == pytest.approx(0.54)
    assert cell.lower is not None and cell.upper is not None
    assert cell.lower < 0.54 < cell.upper


def _wave_with(rows, margins):
    wave = Wave.objects.create(name="（テスト）調査", status="closed")
    SurveyResponse.objects.bulk_create(
        [SurveyResponse(wave=wave, channel="paper", **r) for r in rows]
    )
    Margin.replace_for(wave, margins)
    return wave


def full_margins(**override):
    margins = {
        "age_band": {
            a: 100 for a in ["16-19", "20-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80+"]
        },
        "sex": {"male": 400, "female": 400},
        "ward": {
            "sakai": 200,
            "naka": 100,
            "higashi": 100,
            "nishi": 100,
            "minami": 100,
            "kita": 100,
            "mihara": 100,
        },
    }
    margins.update(override)
    return margins


def test_it_says_when_margins_do_not_add_up():
    problems = margin_problems(full_margins(sex={"male": 400, "female": 300}))
    assert len(problems) == 1
    assert "合計が一致しません" in problems[0]
    assert "800" in problems[0] and "700" in problems[0]


def test_it_names_a_category_left_out_of_the_margins():
    margins = full_margins()
    del margins["ward"]["mihara"]
    assert any("美原区" in p for p in margin_problems(margins))


def test_it_shows_unweighted_figures_when_raking_does_not_converge():
    # Every man is 16–19 and nobody else is: the men's weights must add to 400 (sex)
    # and to 100 (age 16–19) at once, which no weights can do.
    wards = ["sakai", "naka", "higashi", "nishi", "minami", "kita", "mihara"]
    ages = ["20-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80+"]
    men = [answer_row(sex="male", age_band="16-19", ward=w, direct=4) for w in wards * 2]
    women = [
        answer_row(sex="female", age_band=a, ward=w, direct=1)
        for a, w in zip(ages * 2, wards * 2, strict=True)
    ]
    wave = _wave_with(men + women, full_margins())
    computed = compute(wave)
    assert computed.status == Status.NOT_CONVERGED
    overall = computed.overall("direct_any")
    assert overall is not None and overall.estimate == pytest.approx(0.5)  # unweighted: 14 of 28


def test_it_suppresses_cells_with_fewer_than_ten_answers():
    rows = [answer_row(ward="kita")] * 12 + [answer_row(ward="mihara")] * 9
    wave = _wave_with(rows, {})
    computed = compute(wave)
    assert computed.status == Status.NO_MARGINS
    by_ward = {c.group: c for c in computed.table["direct_any"]["ward"]}
    assert not by_ward["kita"].suppressed and by_ward["kita"].percent_estimate == "100.0"
    assert by_ward["mihara"].suppressed and by_ward["mihara"].percent_estimate == ""
