"""Step 4 of reading a worry: whose a sign is, when, and whether it is real.

A sign such as 「死にたい」 or 「殴られた」 is judged with the words of its own
sentence (``cues.tsv`` holds them; this module holds only the mechanism):

*whose*  the writer (the default: people write about themselves), another named
         person (「母が」「友だちは」), or people in general (「自殺する人もいる」).
*when*   now, or long ago and over (「若い頃は死にたいと思ったこともあった」); a
         time that runs until now (「昔から」「ずっと」「最近また」) is now.
*topic*  the sign as a subject: news, statistics, a film, a training course.

These are cheap, explainable cases; the learned reader (:mod:`.learned`) covers
what they miss, and the two are combined in :mod:`.text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from tsunagari.navigator.lexicon import cues
from tsunagari.navigator.tokens import Token, tokenize

# After a sign: the sign itself in the past (死にたかった), or a past thought or
# experience (と思っていた, と考えたこともある, した時期があった).
_PAST_TAIL = re.compile(
    r"^[^。、]{0,6}?(かった|ていた|でいた|てた(?!い)|でた(?!い)|たことが|たことも|たことは|たこと[、,。]|"
    r"た時期|た頃|たころ|と思った|と思っていた|と思ってた|と思ってました|と思っていました|思た|"
    r"と考えた|と考えていた|って思った|って思ってた|ました|でした)"
)
# An event that happened to someone (「自ら命を絶ちました」「自殺されたと聞いた」) rather
# than a wish, a plan or an attempt going on now (「死にたいと言っている」「しようとしている」).
_COMPLETED = re.compile(r"(た|ました|だった|でした)(?!い)")
_GOING_ON = re.compile(
    r"ている|てる|ていて|たい|そう|ようと|つもり|かけ|言う|言って|言い|いう|ます(?!た)"
)
# A sign that names a death or a thing dying, not a wish: 「死んだ」「金魚を死なせた」.
_DIED = re.compile(
    r"^(死ん(だ|でしまった|でた|じゃった)(?!ら|方|ほう)|死なせ(た|てしまった|ちゃった))"
)
# A question of procedure or a plan for later, not a situation today.
# (「かもしれない」「もしかして」 are not an if: they say "maybe", about now.)
_HYPOTHETICAL = re.compile(
    r"(?<!か)もし(?!れ|か)|万一|万が一|場合|たら[、,]?どう|ときは|時は|備え|予定|将来"
)
_SUBJECT_PARTICLE = ("が", "は", "も", "って", "ったら", "、", "の")


@dataclass(frozen=True)
class Scope:
    whose: str  # self | other | people
    past: bool  # long ago and over
    topic: bool  # news, statistics, a film …
    hypothetical: bool  # 「もし〜たら」, a plan for later

    @property
    def real_now(self) -> bool:
        return not (self.past or self.topic or self.hypothetical)


@cache
def _past_words() -> tuple[str, ...]:
    return tuple(sorted(cues()["past"], key=len, reverse=True))


def _has(text: str, kind: str, tokens: list[Token] | None = None) -> bool:
    """Is a cue word of ``kind`` in the text? A word with a kanji is found anywhere; a kana
    word only as a whole token (いま is not in 「います」)."""
    words = cues()[kind]
    if any(word in text for word in words if not _is_kana_word(word)):
        return True
    if tokens is None:
        tokens = tokenize(text)
    return any(t.surface in words or t.lemma in words for t in tokens)


def _is_kana_word(word: str) -> bool:
    return all("\u3040" <= c <= "\u30ff" for c in word)


def _described(sentence: str, tokens: list[Token], sign_end: int) -> str:
    """「自殺してしまう人」「死にたいと言う友人」: the sign describes a person named after it."""
    table = cues()
    for token in [t for t in tokens if t.start >= sign_end][:3]:
        between = sentence[sign_end : token.start]
        if any(mark in between for mark in ("。", "、", "と", "って", "が", "は", "を")):
            return ""
        if token.lemma in table["people"] or token.surface in table["people"]:
            return "people"
        if token.lemma in table["other"] or token.surface in table["other"]:
            return "other"
    return ""


def _whose(sentence: str, tokens: list[Token], sign_start: int, sign_end: int = -1) -> str:
    """The person the sign describes, or the person nearest before it, else the writer."""
    described = _described(sentence, tokens, sign_end) if sign_end >= 0 else ""
    if described:
        return described
    table = cues()
    # Words in quotation marks are the words of the person named before them
    # (「友だちから『もう終わりにする』と来た」): from them counts as much as が or は.
    opening = sentence.rfind("「", 0, sign_start)
    closing = sentence.find("」", opening) if opening >= 0 else -1
    quoted = opening >= 0 and (closing == -1 or closing >= sign_start)
    particles = (*_SUBJECT_PARTICLE, "から", "に") if quoted else _SUBJECT_PARTICLE
    for token in reversed([t for t in tokens if t.end <= sign_start]):
        lemma, surface = token.lemma, token.surface
        after = sentence[token.end : token.end + 3]
        if quoted and token.end > opening:
            # inside the quote, only the speaker's own 私 counts for the speaker
            if lemma in table["self"] or surface in table["self"]:
                return "other"
            continue
        if lemma in table["self"] or surface in table["self"]:
            return "self"
        if not after.startswith(particles) and token.end != sign_start:
            continue
        if lemma in table["other"] or surface in table["other"]:
            return "other"
        if lemma in table["people"] or surface in table["people"]:
            return "people"
    return "self"


def _is_past(sentence: str, sign_end: int) -> bool:
    """Over and done: a past time word with a past sign, and nothing saying it goes on."""
    table = cues()
    tail = sentence[sign_end : sign_end + 16]
    ends_past = sentence[sign_end - 1 : sign_end] in ("た", "だ") and not tail.startswith("い")
    past_form = bool(_PAST_TAIL.search(tail)) or ends_past
    if not past_form:
        return False
    if ends_past and tail.startswith(("こと", "事")):
        tail = "た" + tail  # 「追い出されたことがある」: an experience
    if names_long_ago(sentence):
        return not any(w in sentence for w in table["ongoing"] if w != "から")
    # 「死にたいと思ったこともある」: an experience, with no sign that it goes on now.
    return bool(re.search(r"たことが|たことも|た時期", tail)) and not any(
        w in sentence for w in table["ongoing"] if w != "から"
    )


def thing_as_subject(sentence: str, tokens: list[Token], sign_token: int) -> bool:
    """「痛みが消えたらいいな」「不安が消えてほしい」: the word right before the sign, marked
    by が or は, is a thing, not a person — the pain is to disappear, not the writer. People
    and the self (cues: self, other, people; 存在 and 命 are the self) keep the sign."""
    if sign_token <= 0 or sign_token > len(tokens):
        return False
    before = tokens[sign_token - 1]
    start = tokens[sign_token].start if sign_token < len(tokens) else len(sentence)
    if sentence[before.end : start] not in ("が", "は", "も"):
        return False
    table = cues()
    words = table["self"] | table["other"] | table["people"]
    return before.lemma not in words and before.surface not in words


def names_long_ago(sentence: str) -> bool:
    """A time long past (「3年前に」「昔」), not a time since which something goes on (「昔から」).

    For an event — a situation that needs action today — this settles it even when the
    sentence also says the memory goes on (「今でも思い出す」)."""
    for word in _past_words():
        at = sentence.find(word)
        if at >= 0 and sentence[at + len(word) : at + len(word) + 2] not in ("から", "より"):
            return True
    return False


def happened_to_someone(sentence: str, sign_end: int) -> bool:
    """After a sign about someone else: a completed event (grief), not a risk now."""
    tail = sentence[sign_end:].split("。")[0]
    if sentence[sign_end - 2 : sign_end] in ("たら", "だら") or tail.startswith(("ら", "ば")):
        return False  # 「これを全部飲んだら楽になれる」: an if, a wish, not an event
    return (
        bool(_COMPLETED.search(tail)) and not _GOING_ON.search(tail[:8]) or _has(sentence, "grief")
    )


def names_a_loss(text: str) -> bool:
    """The text says someone has died or is dying (「妻が亡くなって」「父を見送ったら」):
    then going to where they are is a wish to follow them (the ``after_loss`` flag)."""
    table = cues()
    lowered = text.lower()
    return any(w in lowered for w in table["grief"] | table["loss"])


def names_a_departure(text: str) -> bool:
    """An ordinary leaving that explains farewells and clearing up: a move into a care home,
    a transfer, retirement, going back to one's country, an ending note (終活)."""
    lowered = text.lower()
    return any(w in lowered for w in cues()["departure"])


def names_a_death(words: str) -> bool:
    """「死んだ」「死なせた」: a death or a thing dying, not a wish."""
    return bool(_DIED.match(words))


def noun_without_intent(sign: str, sentence: str, sign_end: int) -> bool:
    """「自殺だった」「自殺があった」「自殺と保険」: the word as a noun, with no wish, plan or
    attempt after it (「自殺したい」「自殺を考えている」「自殺未遂」)."""
    if sign not in cues()["intent"] and sign.lower() not in cues()["intent"]:
        return False
    tail = sentence[sign_end : sign_end + 12]
    return not re.match(
        r"^(し(たい|たく|よう|そう|かけ|ます|て(しまい|しまお))|する(?!人)|を(考え|図|決意|選)|"
        r"未遂|願望|念慮|したら|すれば|しか|以外|方法|のことばかり|のこと(を|ばかり)考え)",
        tail,
    )


def judge(sentence: str, tokens: list[Token], sign_start: int, sign_end: int) -> Scope:
    """Scope of the sign at ``sentence[sign_start:sign_end]`` (offsets in the sentence)."""
    whose = _whose(sentence, tokens, sign_start, sign_end)
    topic = _has(sentence, "topic", tokens) and whose != "self" or _topic_subject(sentence, tokens)
    return Scope(
        whose=whose,
        past=_is_past(sentence, sign_end),
        topic=topic,
        hypothetical=bool(_HYPOTHETICAL.search(sentence)),
    )


def _topic_subject(sentence: str, tokens: list[Token]) -> bool:
    """「ニュースで見た」「映画の主人公が」: the sentence is about a story, with no 私 in it."""
    table = cues()
    names_self = any(t.lemma in table["self"] or t.surface in table["self"] for t in tokens)
    return _has(sentence, "topic", tokens) and not names_self and not _has(sentence, "now", tokens)


def names_now(text: str) -> bool:
    """Does the text say it is happening now or tonight (今, 今夜, 助けて …)?"""
    return _has(text, "now")


def worries_after_own_death(sentence: str) -> bool:
    """「私が死んだらこの子はどうなる」: the writer's death as a time to come and a worry about
    who or what is left — not a wish to die, unless it is said as relief for others
    (「私が死んだら家族は楽になる」) or with them (「一緒に」), which is a crisis sign."""
    table = cues()
    if not any(word in sentence for word in table["after_death"]):
        return False
    if any(word in sentence for word in table["burden"]):
        return False
    return any(word in sentence for word in table["worry_for_others"])


def names_risk(text: str) -> bool:
    """Does the sentence hold a word that can carry a sign of crisis (cues.tsv, risk)?"""
    lowered = text.lower()
    for word in cues()["intensifier"]:
        lowered = lowered.replace(word, "")
    return any(word in lowered for word in cues()["risk"])


_FOREIGN_SELF = re.compile(
    r"\b(i|i'm|im|me|my|myself|eu|meu|minha|yo|mi|me|tôi|toi|ako|saya|aku)\b|我|나는|내가|저는"
)


def foreign_topic(sentence: str) -> bool:
    """A sentence in another language about news, a story or statistics, with no "I" in it."""
    lowered = sentence.lower()
    topical = any(
        word in lowered for word in cues()["topic"] if word.isascii() or not _is_kana_word(word)
    )
    return topical and not _FOREIGN_SELF.search(lowered)


def foreign_grief(sentence: str) -> bool:
    """A sentence in another language about a death that happened (lost my brother to suicide)."""
    lowered = sentence.lower()
    return any(word in lowered for word in cues()["grief"] if not _is_kana_word(word))
