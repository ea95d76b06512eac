"""Understanding a worry: normalisation, thesaurus matching, negation, crisis."""

import json
from pathlib import Path

import pytest

from tsunagari.directory.needs import NEED_CODES
from tsunagari.navigator.lexicon import problems, worry_entries
from tsunagari.navigator.text import MAX_CHARS, clean, understand

PHRASINGS = [
    json.loads(line)
    for line in (Path(__file__).parent / "phrasings.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]


def top(q: str) -> str | None:
    needs = understand(q).needs
    return needs[0].code if needs else None


def test_it_folds_width_and_drops_control_characters() -> None:
    cleaned = clean("ＤＶ\x00を\u200bうけて　ｶﾀｶﾅ")
    assert cleaned.text == "DVをうけて カタカナ"
    assert not cleaned.trimmed


def test_it_trims_long_text_and_says_so() -> None:
    cleaned = clean("さみしい" * 600)
    assert len(cleaned.text) == MAX_CHARS
    assert cleaned.trimmed
    assert understand("さみしい" * 600).trimmed
    assert not understand("さみしい" * 400).trimmed  # 1,600 characters are read whole


@pytest.mark.parametrize("q", ["ひきこもり", "引きこもり", "引籠り", "ヒキコモリ", "引き籠もり"])
def test_it_unifies_spellings_of_hikikomori(q: str) -> None:
    assert top(q) == "hikikomori"


@pytest.mark.parametrize(
    "q", ["借金がある", "しゃっきんがある", "シャッキンがある", "借金で首が回らへん"]
)
def test_it_reads_kana_only_and_kansai_money_worries(q: str) -> None:
    assert top(q) == "money"


def test_it_catches_a_wrong_kanji_slip_by_reading_but_not_a_real_homophone() -> None:
    assert top("不当校の子どもがいる") == "child"
    needs = {n.code for n in understand("障害があって働けない").needs}
    assert "crime" not in needs  # 傷害 sounds the same, but 障害 is another word
    assert "disability" in needs


def test_it_says_which_words_led_to_each_need() -> None:
    answer = understand("借金で首が回らへん")
    assert answer.needs[0].code == "money"
    assert "借金" in answer.needs[0].because


def test_it_understands_several_needs_at_once() -> None:
    codes = {n.code for n in understand("母子家庭で仕事がなく子どもは不登校").needs}
    assert {"parenting", "work", "child"} <= codes
    assert "family" not in codes  # 家庭 inside 母子家庭 is not a family conflict


@pytest.mark.parametrize(
    "q",
    [
        "死にたい",
        "しにたい",
        "もう消えたい",
        "リスカしてしまう",
        "ODしちゃった",
        "娘が死にたいと言っている",
        "夫が薬を大量に飲んだ",
        "I want to kill myself",
        "죽고 싶어요",
        "我想死",
        "quero morrer",
        "Tôi muốn chết",
        "生きていたくない",
        "首をつろうと思う",
    ],
)
def test_it_flags_a_crisis_in_any_wording_it_knows(q: str) -> None:
    answer = understand(q)
    assert answer.crisis
    assert answer.needs[0].code == "suicide"


@pytest.mark.parametrize(
    "q",
    [
        "母が亡くなって",
        "祖父が死んだ",
        "死ぬほど忙しい",
        "死にたいくらい忙しい",
        "腹が減って死にそう",
        "死にたいわけではないけど毎日つらい",
        "死にたいとは思っていない",
        "退職後に仲間がほしい",
        "障害者手帳がほしい",
    ],
)
def test_it_does_not_call_bereavement_hyperbole_or_negation_a_crisis(q: str) -> None:
    assert not understand(q).crisis


def test_it_keeps_a_negated_crisis_as_a_low_mood() -> None:
    answer = understand("死にたいわけではないけど毎日つらい")
    assert answer.needs[0].code == "mental"


def test_it_does_not_read_a_negated_worry_as_the_worry() -> None:
    codes = [n.code for n in understand("お金に困ってはいないけど話し相手がほしい").needs]
    assert codes[0] == "connection"
    assert "money" not in codes


def test_it_tells_who_the_worry_is_about_and_how_to_reach_them() -> None:
    assert understand("息子がずっと家から出ない").asking_for == "family"
    assert understand("さみしい").asking_for == "self"
    deaf = understand("耳が聞こえないので相談したい")
    assert "chat" in deaf.channels and "phone" not in deaf.channels


def test_it_answers_another_language_in_that_language_without_calling_it_foreign() -> None:
    assert understand("I don't speak Japanese. Where can I get help?").needs[0].code == "foreign"
    lost_job = understand("Tôi bị mất việc làm")
    assert lost_job.language == "other"
    assert lost_job.needs[0].code == "work"
    assert "foreign" not in {n.code for n in lost_job.needs}


def test_it_answers_nothing_for_empty_or_meaningless_text() -> None:
    for q in ["", "   ", "!!!", "<script>alert(1)</script>", "'; DROP TABLE x; --"]:
        answer = understand(q)
        assert not answer.crisis


def test_the_lexicon_files_have_no_problems() -> None:
    assert problems() == []
    entries = worry_entries()
    assert len(entries) > 1000
    assert {code for e in entries for code, _ in e.weights} <= set(NEED_CODES)


# Phrasings the two readers get wrong (named in the issue 7 closing note): a hyperbole the
# learned reader calls a crisis, and needs read wrongly.
KNOWN_MISSES = {
    "死にそうなくらい眠い",
    "趣味の仲間を見つけたい",
    "妻と別れたい",
    "Kailangan ko ng tulong",
    "मलाई मद्दत चाहिन्छ",
    "上司がいなくなればいい",
}


@pytest.mark.parametrize("row", PHRASINGS, ids=[r["q"][:20] for r in PHRASINGS])
def test_it_understands_our_own_phrasings(row: dict) -> None:
    if row["q"] in KNOWN_MISSES:
        pytest.xfail("a known miss of the current readers (issue 7 closing note)")
    answer = understand(row["q"])
    assert answer.crisis == row["crisis"]
    if row["expect"]:
        assert answer.needs, "nothing was understood"
        assert answer.needs[0].code in row["expect"]


@pytest.mark.xfail(
    reason="known miss: the learned reader outweighs a one-character slip (issue 7 closing note)",
    strict=False,
)
def test_it_forgives_a_one_character_slip_in_a_kanji_word_but_not_a_real_word() -> None:
    assert top("不登高で悩んでいる") == "child"
    assert top("生活保語を受けたい") == "money"
    assert "money" not in {
        n.code for n in understand("生活者として").needs
    }  # a word, not a slip for 生活費


def test_it_matches_kana_only_verbs_to_their_kanji_lemmas() -> None:
    assert top("でんきとめられそう") == "money"
    assert not understand("学校いきたくない").crisis  # 行きたくない, not 生きたくない


def test_it_reads_romaji_japanese_as_kana_too() -> None:
    assert understand("shinitai").crisis
    assert top("shakkin ga aru") == "money"
    assert understand("I feel lonely").needs[0].code == "connection"  # English stays English


@pytest.mark.parametrize(
    "q",
    [
        "しんでしまいたい",
        "いきていたくない",
        "もういきたくない",
        "いきてるのがつらい",
        "じさつをかんがえている",
        "おーばーどーずした",
    ],
)
def test_it_hears_a_crisis_typed_in_kana_only_with_its_particles(q: str) -> None:
    answer = understand(q)
    assert answer.crisis
    assert answer.needs[0].code == "suicide"


@pytest.mark.parametrize(
    "q",
    [
        "がっこうにいきたくない",
        "ガッコウ イキタクナイ",
        "かいしゃにいきたくない",
        "じさつたいさくについてしりたい",
        "じさつよぼうのこうざ",
        "しんどい",
    ],
)
def test_it_does_not_call_a_destination_or_a_topic_in_kana_a_crisis(q: str) -> None:
    assert not understand(q).crisis


@pytest.mark.parametrize(
    "q",
    ["明日が来なければいいのに", "あしたがこなければいいのに", "このまま目が覚めなければいいのに"],
)
def test_it_treats_a_passive_wish_to_be_dead_as_a_crisis(q: str) -> None:
    assert understand(q).crisis


def test_it_does_not_call_oversleeping_a_crisis() -> None:
    assert not understand("目が覚めなくて遅刻した").crisis


@pytest.mark.parametrize(
    "q,code",
    [
        ("にんちしょうのちち", "elderly"),  # Sudachi cuts it into に/ん/ち/しょう
        ("せいかつほごをうけたい", "money"),
        ("金あらへんねん", "money"),  # Kansai: 有る + へん is ない
        ("お金がありません", "money"),  # polite ます carries no worry
        ("話す人がいません", "connection"),
    ],
)
def test_it_reads_kana_words_kansai_and_polite_negatives(q: str, code: str) -> None:
    needs = understand(q).needs
    assert needs and needs[0].code == code
    assert needs[0].because  # understood from words, not guessed from the whole sentence


def test_it_hears_low_mood_in_postnatal_depression_too() -> None:
    codes = [n.code for n in understand("産後うつかも").needs]
    assert codes[:2] == ["parenting", "mental"] or set(codes[:2]) == {"parenting", "mental"}


@pytest.mark.parametrize(
    "q", ["夫が死ぬと言っている", "母が自殺しようとしている", "父が自殺しそう"]
)
def test_it_treats_someone_elses_threat_or_attempt_as_a_crisis(q: str) -> None:
    assert understand(q).crisis


@pytest.mark.parametrize("q", ["友人が自殺して辛い", "兄が自殺してから眠れない"])
def test_it_reads_someone_elses_suicide_followed_by_feelings_as_grief(q: str) -> None:
    assert not understand(q).crisis


@pytest.mark.parametrize(
    "q", ["死ぬ", "しぬ。", "もう死ぬ…", "タヒにたい", "死にたぃ", "ｼﾆﾀｲ", "生きてる価値がない"]
)
def test_it_hears_a_bare_cry_and_net_spellings_as_a_crisis(q: str) -> None:
    assert understand(q).crisis


@pytest.mark.parametrize(
    "q",
    [
        "祖父が死んだ",
        "死ぬほど眠い",  # an intensifier: cues.tsv, intensifier
        "ペットが死んでさびしい",
    ],
)
def test_it_does_not_treat_the_word_die_in_a_sentence_as_a_crisis(q: str) -> None:
    assert not understand(q).crisis
