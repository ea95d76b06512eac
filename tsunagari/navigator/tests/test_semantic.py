"""Sentence meaning as a fallback for paraphrases the thesaurus has no words for."""

import json
from pathlib import Path

from tsunagari.navigator import semantic
from tsunagari.navigator.text import understand

PARAPHRASES = [
    json.loads(line)
    for line in (Path(__file__).parent / "paraphrases.jsonl")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip()
]


def test_it_ships_its_model_in_the_package() -> None:
    assert semantic.available()


def test_it_understands_paraphrases_that_share_no_word_with_the_thesaurus() -> None:
    answer = understand("財布が空っぽで明日の食事もない")
    assert answer.needs[0].code == "money"
    assert answer.needs[0].because == ()  # the whole sentence, not a word, led there


def test_it_gets_most_of_our_paraphrases_right() -> None:
    right = sum(
        1
        for row in PARAPHRASES
        if (needs := understand(row["q"]).needs) and needs[0].code in row["expect"]
    )
    assert right / len(PARAPHRASES) >= 0.85


def test_it_never_raises_a_crisis_from_sentence_meaning_alone() -> None:
    for q in ["死ぬ気で頑張る", "何のために生きているのかわからない", "笑いすぎて死ぬかと思った"]:
        assert not understand(q).crisis


def test_it_leaves_a_clear_word_match_alone() -> None:
    assert semantic.suggested_needs("") == {}
    assert understand("借金がある").needs[0].because == ("借金",)
