"""Every weight the navigator's reading and ranking use, in one place.

Change a weight here, run ``make eval`` (short set, real texts, long texts) and
the navigator tests, and write the figures in the commit message.
"""

# ------------------------------------------------------------------ reading (text.py)

# What a crisis word adds to the suicide need (and at least what a learned crisis adds).
CRISIS_WORD = 2.0
# A lexicon match with one character wrong (不登高 for 不登校) counts this much.
SLIP = 0.8
# Below this much evidence a need is not named at all.
NEED_FLOOR = 0.3
# A crisis word the rules set aside still says something about the person's state.
VETOED_CRISIS: dict[str, tuple[tuple[str, float], ...]] = {
    "negated": (("mental", 0.5),),  # 「死にたいわけじゃないけど」: feeling low
    "hyperbole": (("mental", 0.2),),  # 「死ぬほど忙しい」
    "topic": (
        ("suicide", 0.8),
        ("mental", 0.3),
    ),  # 「自殺予防の研修」: the person may want the lines
    "grief": (("family", 1.3), ("mental", 0.5)),  # someone's suicide, then how one feels
    "past": (("mental", 0.6),),  # 「若い頃は死にたいと思った」
    "people": (("mental", 0.3),),  # 「自殺する人もいる」
    "thing": (("mental", 0.3),),  # 「不安が消えたらいいのに」: the worry is to go
}
# Warning signs (lexicon/warnings.tsv): two groups in one text make a crisis when one of
# them is among these; burden and hopelessness together are common in ordinary worries
# about work and family, so they need a sign of one of these beside them.
WARNING_STARTS = ("goodbye", "preparing", "method", "ending")
# A method or place alone (pills put aside are one) is a crisis in a text that says the
# writer is low (mental need at least this much from the words): 「夜眠れず、ベランダから
# 下を見ている」.
METHOD_WITH_LOW_MOOD = 0.8
# A worry about who is left after the writer's own death (scope.worries_after_own_death).
AFTER_OWN_DEATH: tuple[tuple[str, float], ...] = (("family", 0.6), ("elderly", 0.3))
# The learned reader (learned.py): a sentence whose crisis score reaches the trained
# threshold raises the crisis unless the rules set a sign in that sentence aside; then it
# must reach LEARNED_CRISIS_VETOED. LEARNED_CRISIS_ALONE is a floor under the trained
# threshold, for a model trained on too little.
LEARNED_CRISIS_ALONE = 0.5
LEARNED_CRISIS_VETOED = 0.97
# The learned reader's urgent heads confirm what the words half-say: a weak sign of a
# situation (「行くあてがない」) becomes urgent when the head for that situation reaches
# LEARNED_URGENT_FLOOR in the same sentence. Alone, a head names a situation only at
# LEARNED_URGENT_ALONE and in a sentence that says it is happening now (今夜, いま …):
# on real texts the heads alone raised far more false panels than they found.
LEARNED_URGENT_FLOOR = 0.6
LEARNED_URGENT_ALONE = 0.9
# Needs that name a state of mind rather than a matter of life (and the suicide need when
# no crisis was found: a topic or a thought long over). When a matter of life is named with
# at least CONCRETE_FLOOR of evidence, these count GENERIC_DISCOUNT as much.
GENERIC_NEEDS = ("mental", "connection", "suicide")
CONCRETE_FLOOR = 0.8
GENERIC_DISCOUNT = 0.9
# An urgent situation adds its needs (urgent.py) at least this much (the second one less).
URGENT_NEED = 1.3
# Nothing understood in another language: the foreign residents' multilingual desks.
FOREIGN_FALLBACK = 0.5
# A need the learned reader is sure of adds LEARNED_NEED × (p − LEARNED_NEED_FLOOR).
LEARNED_NEED = 1.5
LEARNED_NEED_FLOOR = 0.35

# ------------------------------------------------------------------ ranking (recommend.py)

# Added to a listing's score whatever the question (base score).
HAS_CONTACT = 0.03  # any sourced way to reach it
CONFIRMED = 0.05  # its facts were read on the operator's or a government page
DESK = 0.3  # a desk one can contact comes before a scheme one can only read about
VERIFIED = 0.1  # a person checked it (assured_date)
STALE = 0.35  # a 2021 record waiting for re-verification: it may have ended
