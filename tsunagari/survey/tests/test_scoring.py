"""The national definition: three UCLA items 1–4 summed to 3–12, bands 3 / 4–6 / 7–9 / 10–12;
the direct question 1–5 with 'at least sometimes' = たまにある + 時々ある + しばしばある・常にある."""

import itertools

from tsunagari.survey.scoring import (
    BANDS,
    DIRECT_CHOICES,
    UCLA_CHOICES,
    UCLA_ITEMS,
    band_of,
    is_at_least_sometimes,
    ucla_score,
)


def test_it_asks_the_three_national_items_word_for_word():
    assert [str(text) for _code, text in UCLA_ITEMS] == [
        "あなたは、自分には人とのつきあいがないと感じることがありますか。",
        "あなたは、自分は取り残されていると感じることがありますか。",
        "あなたは、自分は他の人たちから孤立していると感じることがありますか。",
    ]
    assert [(v, str(t)) for v, t in UCLA_CHOICES] == [
        (1, "決してない"),
        (2, "ほとんどない"),
        (3, "時々ある"),
        (4, "常にある"),
    ]
    assert [(v, str(t)) for v, t in DIRECT_CHOICES] == [
        (1, "決してない"),
        (2, "ほとんどない"),
        (3, "たまにある"),
        (4, "時々ある"),
        (5, "しばしばある・常にある"),
    ]


def test_it_scores_every_combination_as_the_sum_in_the_right_band():
    expected_band = {3: "3", 4: "4-6", 5: "4-6", 6: "4-6", 7: "7-9", 8: "7-9", 9: "7-9"}
    expected_band.update({10: "10-12", 11: "10-12", 12: "10-12"})
    for answers in itertools.product([1, 2, 3, 4], repeat=3):
        score = ucla_score(list(answers))
        assert score == sum(answers)
        band = band_of(score)
        assert band is not None and band.code == expected_band[sum(answers)]


def test_it_covers_3_to_12_with_four_bands_and_no_gap():
    assert [(b.low, b.high) for b in BANDS] == [(3, 3), (4, 6), (7, 9), (10, 12)]


def test_it_gives_no_score_when_an_item_is_missing_or_out_of_range():
    assert ucla_score([1, None, 3]) is None
    assert ucla_score([1, 5, 3]) is None
    assert ucla_score([0, 2, 3]) is None
    assert band_of(None) is None


def test_it_counts_answers_3_4_5_of_the_direct_question_as_at_least_sometimes():
    assert [is_at_least_sometimes(v) for v in (1, 2, 3, 4, 5)] == [False, False, True, True, True]
    assert is_at_least_sometimes(None) is None
