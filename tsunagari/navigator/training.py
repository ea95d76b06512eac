"""Training the learned reader (:mod:`.learned`) on the project's corpus.

``manage.py train_navigator`` reads ``corpus/*.jsonl`` (texts the project wrote
and labelled; never the evaluation sets, which hold real people's words), embeds
every text, fits three logistic-regression heads with a fixed seed, prints
k-fold figures and writes ``model/heads.npz`` and ``model/heads.json``.

Corpus files (one JSON object a line):

* ``crisis.jsonl`` — ``{"text", "crisis": bool, "kind", "lang"}``: short texts,
  signs of crisis and their look-alikes (grief, news, topics, hyperbole, past).
* ``crisis_long.jsonl`` — ``{"text", "crisis", "needs", "lang"}``: long texts,
  a crisis sentence somewhere or decoys; used for the needs head and to measure
  long-text detection (not for the sentence head: which sentence is the sign is
  not labelled).
* ``needs.jsonl`` — ``{"text", "needs": [main, …], "lang"}``.
* ``urgent.jsonl`` — ``{"text", "urgent": [codes], "needs", "lang"}``.

Thresholds are chosen on out-of-fold predictions: the crisis threshold for
recall (:data:`CRISIS_RECALL`: a missed crisis is far worse than an extra line
of help), each urgent situation's for :data:`URGENT_RECALL`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from django.utils import timezone

from tsunagari.directory.needs import CRISIS_NEED, NEED_CODES
from tsunagari.navigator import learned
from tsunagari.navigator.sentences import split
from tsunagari.navigator.tokens import clean
from tsunagari.navigator.urgent import SITUATION_CODES

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
SEED = 20261202
FOLDS = 5
CRISIS_RECALL = 0.97
ORDINARY_FALSE_ALARMS = 0.005  # of ordinary sentences (a long text has twenty or more)
URGENT_RECALL = 0.90
L2 = 1e-3
EPOCHS = 150


@dataclass
class Corpus:
    crisis: list[dict[str, Any]] = field(default_factory=list)
    crisis_long: list[dict[str, Any]] = field(default_factory=list)
    needs: list[dict[str, Any]] = field(default_factory=list)
    urgent: list[dict[str, Any]] = field(default_factory=list)

    def digest(self) -> str:
        blob = json.dumps(
            [self.crisis, self.crisis_long, self.needs, self.urgent],
            ensure_ascii=False,
            sort_keys=True,
        )
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


def load_corpus(directory: Path = CORPUS_DIR) -> Corpus:
    corpus = Corpus()
    for name in ("crisis", "crisis_long", "needs", "urgent"):
        path = directory / f"{name}.jsonl"
        if not path.exists():
            continue
        rows = getattr(corpus, name)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path.name}:{number}: {error}") from None
            if not isinstance(row.get("text"), str) or not row["text"].strip():
                raise ValueError(f"{path.name}:{number}: no text")
            for code in row.get("needs", []):
                if code not in NEED_CODES:
                    raise ValueError(f"{path.name}:{number}: unknown need {code!r}")
            for code in row.get("urgent", []):
                if code not in SITUATION_CODES:
                    raise ValueError(f"{path.name}:{number}: unknown situation {code!r}")
            rows.append(row)
    return corpus


# ------------------------------------------------------------------ encoders


def use_encoder(texts: list[str]) -> Any:
    return learned.encode(texts)


def ngram_encoder(texts: list[str]) -> Any:
    return learned.ngrams(texts)


def both_encoder(texts: list[str]) -> Any:
    return learned.features(texts)


def chive_encoder(texts: list[str]) -> Any:
    from tsunagari.navigator import wordvectors

    return wordvectors.encode(texts)


def chive_both_encoder(texts: list[str]) -> Any:
    return np.hstack([chive_encoder(texts), learned.ngrams(texts)]) / np.sqrt(2.0)


ENCODERS: dict[str, Callable[[list[str]], Any]] = {
    "use+ngram": both_encoder,  # what learned.read uses
    "use": use_encoder,
    "ngram": ngram_encoder,
    # for comparison only (docs/decisions/0008; `make compare-encoders` installs ja-ginza)
    "chive": chive_encoder,
    "chive+ngram": chive_both_encoder,
}


# ------------------------------------------------------------------ logistic regression


def fit(
    x: Any, y: Any, *, seed: int = SEED, l2: float = L2, epochs: int = EPOCHS
) -> tuple[Any, Any]:
    """One-vs-rest logistic regression (full-batch Adam), classes weighted to balance."""
    rng = np.random.default_rng(seed)
    x = np.asarray(x, dtype=np.float32)
    y = np.asarray(y, dtype=np.float32)
    n, d = x.shape
    k = y.shape[1]
    w = rng.normal(0, 0.01, (d, k)).astype(np.float32)
    b = np.zeros(k, dtype=np.float32)
    positives = y.sum(axis=0).clip(1, None)
    negatives = (n - y.sum(axis=0)).clip(1, None)
    sample_weight = np.where(y > 0, n / (2 * positives), n / (2 * negatives)).astype(np.float32)
    m_w = np.zeros_like(w)
    v_w = np.zeros_like(w)
    m_b = np.zeros_like(b)
    v_b = np.zeros_like(b)
    rate, beta1, beta2, eps = 0.05, 0.9, 0.999, 1e-8
    for step in range(1, epochs + 1):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        grad = (p - y) * sample_weight / n
        g_w = x.T @ grad + l2 * w
        g_b = grad.sum(axis=0)
        m_w = beta1 * m_w + (1 - beta1) * g_w
        v_w = beta2 * v_w + (1 - beta2) * g_w**2
        m_b = beta1 * m_b + (1 - beta1) * g_b
        v_b = beta2 * v_b + (1 - beta2) * g_b**2
        correction1, correction2 = 1 - beta1**step, 1 - beta2**step
        w -= rate * (m_w / correction1) / (np.sqrt(v_w / correction2) + eps)
        b -= rate * (m_b / correction1) / (np.sqrt(v_b / correction2) + eps)
    return w, b


def predict(x: Any, w: Any, b: Any) -> Any:
    return 1.0 / (1.0 + np.exp(-(x @ w + b)))


def out_of_fold(x: Any, y: Any, groups: Any, *, folds: int = FOLDS, seed: int = SEED) -> Any:
    """Predictions for each row from a model that never saw its group (k-fold)."""
    rng = np.random.default_rng(seed)
    unique = np.unique(groups)
    rng.shuffle(unique)
    fold_of = {g: i % folds for i, g in enumerate(unique)}
    assignment = np.array([fold_of[g] for g in groups])
    out = np.zeros(y.shape)
    for fold in range(folds):
        train, test = assignment != fold, assignment == fold
        w, b = fit(x[train], y[train], seed=seed + fold)
        out[test] = predict(x[test], w, b)
    return out


def rule_verdict(text: str) -> str:
    """What the word rules alone say: crisis, vetoed (a sign set aside) or nothing."""
    from tsunagari.navigator.text import learned_may_raise, understand

    reading = understand(text, learned_reader=False)
    if reading.rules_crisis:
        return "crisis"
    if any(s.verdict in VETO_VERDICTS for s in reading.signs):
        return "vetoed"
    return "none" if learned_may_raise(text) else "gated"


VETO_VERDICTS = {"negated", "hyperbole", "topic", "grief", "past", "people", "thing"}


def _combined(scores: Any, rules: list[str], threshold: float) -> Any:
    from tsunagari.navigator.weights import LEARNED_CRISIS_VETOED

    rule = np.array([r == "crisis" for r in rules])
    vetoed = np.array([r == "vetoed" for r in rules])
    gated = np.array([r != "gated" for r in rules])
    learned_says = (scores >= threshold) & ~vetoed | (
        scores >= max(threshold, LEARNED_CRISIS_VETOED)
    )
    return rule | (learned_says & gated)


def combined_threshold(
    scores: Any, labels: Any, rules: list[str], recall: float, lookalikes: int
) -> float:
    """The learned threshold: the highest at which rules and learned together reach ``recall``,
    unless that would raise the alarm for more than ORDINARY_FALSE_ALARMS of ordinary
    sentences; then the lowest that stays within that budget (the most recall it allows)."""
    positive = labels > 0
    ordinary = ~positive
    ordinary[:lookalikes] = False
    best = 0.99
    for threshold in np.arange(0.99, 0.04, -0.01):
        flagged = _combined(scores, rules, float(threshold))
        if (flagged & ordinary).sum() > ORDINARY_FALSE_ALARMS * max(ordinary.sum(), 1):
            break
        best = float(round(threshold, 2))
        if (flagged & positive).sum() >= recall * positive.sum():
            break
    return best


def combined_figures(
    scores: Any, labels: Any, rules: list[str], threshold: float, lookalikes: int
) -> dict[str, float]:
    """Recall; false alarms among look-alikes (the crisis file) and among ordinary texts."""
    flagged = _combined(scores, rules, threshold)
    positive = labels > 0
    lookalike = np.zeros(len(labels), dtype=bool)
    lookalike[:lookalikes] = True
    ordinary = ~lookalike & ~positive
    rules_only = np.array([r == "crisis" for r in rules])
    return {
        "recall": round(float((flagged & positive).sum() / max(positive.sum(), 1)), 3),
        "rules_only_recall": round(
            float((rules_only & positive).sum() / max(positive.sum(), 1)), 3
        ),
        "false_alarms_lookalikes": round(
            float((flagged & lookalike & ~positive).sum() / max((lookalike & ~positive).sum(), 1)),
            3,
        ),
        "false_alarms_ordinary": round(
            float((flagged & ordinary).sum() / max(ordinary.sum(), 1)), 4
        ),
        "rules_only_false_alarms_lookalikes": round(
            float(
                (rules_only & lookalike & ~positive).sum() / max((lookalike & ~positive).sum(), 1)
            ),
            3,
        ),
    }


LOOKALIKE_RATES = (0.02, 0.05, 0.10, 0.20)


def recall_at_lookalike_rates(
    scores: Any, labels: Any, lookalikes: int, rates: tuple[float, ...] = LOOKALIKE_RATES
) -> dict[str, float]:
    """The model alone: crisis recall when the threshold lets through at most ``rate`` of the
    look-alike sentences (grief, news, hyperbole, negation, the past, other meanings of 死).
    The fairest way to compare two encoders: the same false-alarm budget for both."""
    positive = labels > 0
    lookalike = np.zeros(len(labels), dtype=bool)
    lookalike[:lookalikes] = True
    negatives = np.sort(scores[lookalike & ~positive])[::-1]
    out: dict[str, float] = {}
    for rate in rates:
        allowed = int(np.floor(rate * len(negatives)))
        threshold = negatives[allowed] if allowed < len(negatives) else -1.0
        caught = (scores > threshold) & positive
        out[f"recall_at_{round(rate * 100)}pct"] = round(
            float(caught.sum() / max(positive.sum(), 1)), 3
        )
    return out


def threshold_for_recall(scores: Any, labels: Any, recall: float) -> float:
    positives = np.sort(scores[labels > 0])
    if len(positives) == 0:
        return 0.5
    index = int(np.floor((1 - recall) * len(positives)))
    return float(positives[min(index, len(positives) - 1)])


# ------------------------------------------------------------------ datasets


def _sentences(text: str) -> list[str]:
    return [s.text for s in split(clean(text).text)] or [text]


def crisis_rows(corpus: Corpus) -> tuple[list[str], Any, list[int]]:
    """Sentence-head examples: each short text whole, long texts' sentences as negatives only
    when the text holds no crisis."""
    texts, labels, groups = [], [], []
    for i, row in enumerate(corpus.crisis):
        texts.append(row["text"])
        labels.append(1.0 if row["crisis"] else 0.0)
        groups.append(i)
    base = len(corpus.crisis)
    for i, row in enumerate(corpus.crisis_long):
        if row.get("crisis"):
            continue
        for sentence in _sentences(row["text"]):
            texts.append(sentence)
            labels.append(0.0)
            groups.append(base + i)
    base += len(corpus.crisis_long)
    for i, row in enumerate(corpus.needs + corpus.urgent):
        if CRISIS_NEED in row.get("needs", []):
            continue
        pieces = _sentences(row["text"])
        for piece in pieces if len(pieces) > 1 else [row["text"]]:
            texts.append(piece)
            labels.append(0.0)
            groups.append(base + i)
    return texts, np.array(labels)[:, None], groups


def urgent_rows(corpus: Corpus) -> tuple[list[str], Any, list[int]]:
    texts, labels, groups = [], [], []
    rows = corpus.urgent + [r for r in corpus.needs] + [r for r in corpus.crisis]
    for i, row in enumerate(rows):
        vector = [1.0 if code in row.get("urgent", []) else 0.0 for code in SITUATION_CODES]
        texts.append(row["text"])
        labels.append(vector)
        groups.append(i)
    return texts, np.array(labels), groups


def need_rows(corpus: Corpus) -> tuple[list[str], Any, list[int]]:
    """Needs-head examples: each text with its needs (the main need weighs most)."""
    texts, labels, groups = [], [], []
    rows = corpus.needs + corpus.urgent + corpus.crisis_long
    rows += [dict(r, needs=[CRISIS_NEED, "mental"]) for r in corpus.crisis if r["crisis"]]
    for i, row in enumerate(rows):
        needs = row.get("needs") or []
        if not needs:
            continue
        vector = [0.0] * len(NEED_CODES)
        for rank, code in enumerate(needs):
            vector[NEED_CODES.index(code)] = 1.0 if rank == 0 else 0.7
        texts.append(row["text"])
        labels.append(vector)
        groups.append(i)
    return texts, np.array(labels), groups


def embed_texts(texts: list[str], encode: Callable[[list[str]], Any]) -> Any:
    """A text's vector is the mean of its sentences' vectors, as :func:`learned.read` does."""
    pieces: list[str] = []
    owner: list[int] = []
    for i, text in enumerate(texts):
        for sentence in _sentences(text):
            pieces.append(sentence)
            owner.append(i)
    vectors = encode(pieces)
    out = np.zeros((len(texts), vectors.shape[1]))
    np.add.at(out, np.array(owner), vectors)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return out / norms


# ------------------------------------------------------------------ figures


def crisis_figures(scores: Any, labels: Any, threshold: float) -> dict[str, float]:
    positive = labels > 0
    caught = (scores >= threshold) & positive
    alarms = (scores >= threshold) & ~positive
    return {
        "recall": round(float(caught.sum() / max(positive.sum(), 1)), 3),
        "false_alarm_rate": round(float(alarms.sum() / max((~positive).sum(), 1)), 4),
        "positives": int(positive.sum()),
        "negatives": int((~positive).sum()),
    }


def need_figures(scores: Any, labels: Any) -> dict[str, float]:
    main = labels.argmax(axis=1)
    top = scores.argmax(axis=1)
    acceptable = labels[np.arange(len(top)), top] > 0
    return {
        "top_is_main": round(float((top == main).mean()), 3),
        "top_is_listed": round(float(acceptable.mean()), 3),
        "texts": len(labels),
    }


def long_text_figures(
    corpus: Corpus, head: tuple[Any, Any], threshold: float, encode: Callable[[list[str]], Any]
) -> dict[str, float]:
    """Long texts: caught when any sentence scores above the threshold."""
    if not corpus.crisis_long:
        return {}
    w, b = head
    caught = alarms = positives = negatives = 0
    encode([s for row in corpus.crisis_long for s in _sentences(row["text"])])  # one batch
    for row in corpus.crisis_long:
        scores = predict(encode(_sentences(row["text"])), w, b)[:, 0]
        hit = bool((scores >= threshold).any())
        if row.get("crisis"):
            positives += 1
            caught += hit
        else:
            negatives += 1
            alarms += hit
    return {
        "recall": round(caught / max(positives, 1), 3),
        "false_alarm_rate": round(alarms / max(negatives, 1), 3),
        "positives": positives,
        "negatives": negatives,
    }


def cached(
    encode: Callable[[list[str]], Any], store: Path | None = None
) -> Callable[[list[str]], Any]:
    """``encode`` with each distinct text encoded once per run (the heads share sentences);
    with ``store`` (``--cache FILE``) the vectors are also kept on disk between runs."""
    memo: dict[str, Any] = {}
    if store is not None and store.exists():
        saved = np.load(store, allow_pickle=False)
        memo.update(zip((str(t) for t in saved["texts"]), saved["vectors"], strict=True))

    def run(texts: list[str]) -> Any:
        missing = list(dict.fromkeys(t for t in texts if t not in memo))
        for start in range(0, len(missing), 256):
            batch = missing[start : start + 256]
            for text, vector in zip(batch, encode(batch), strict=True):
                memo[text] = vector
        return np.array([memo[t] for t in texts])

    def save() -> None:
        if store is not None:
            np.savez(store, texts=np.array(list(memo)), vectors=np.array(list(memo.values())))

    run.save = save  # type: ignore[attr-defined]
    return run


def train(
    *,
    encoder: str = "use+ngram",
    save: bool = True,
    out: Callable[[str], None] = print,
    cache: Path | None = None,
) -> dict[str, Any]:
    corpus = load_corpus()
    encode = cached(ENCODERS[encoder], cache)
    report: dict[str, Any] = {
        "encoder": encoder,
        "corpus": corpus.digest(),
        "corpus_rows": {
            "crisis": len(corpus.crisis),
            "crisis_long": len(corpus.crisis_long),
            "needs": len(corpus.needs),
            "urgent": len(corpus.urgent),
        },
        "seed": SEED,
        "folds": FOLDS,
        "trained": timezone.localdate().isoformat(),
    }
    out(f"corpus {report['corpus']}: {report['corpus_rows']}")

    texts, y, groups = crisis_rows(corpus)
    out(f"crisis head: {len(texts)} sentences")
    x = encode(texts)
    oof = out_of_fold(x, y, np.array(groups))
    rules = [rule_verdict(text) for text in texts]
    threshold = combined_threshold(oof[:, 0], y[:, 0], rules, CRISIS_RECALL, len(corpus.crisis))
    crisis_w, crisis_b = fit(x, y)
    report["crisis"] = crisis_figures(oof[:, 0], y[:, 0], threshold) | {
        "threshold": round(threshold, 4)
    }
    report["crisis_combined"] = combined_figures(
        oof[:, 0], y[:, 0], rules, threshold, len(corpus.crisis)
    )
    out(f"crisis, rules and learned combined (k-fold): {report['crisis_combined']}")
    report["crisis_model_alone"] = recall_at_lookalike_rates(oof[:, 0], y[:, 0], len(corpus.crisis))
    out(
        f"crisis, model alone, recall at look-alike false-alarm rates: {report['crisis_model_alone']}"
    )
    report["crisis_long"] = long_text_figures(corpus, (crisis_w, crisis_b), threshold, encode)
    out(f"crisis (k-fold, sentence): {report['crisis']}")
    out(f"crisis (long texts, model trained on all): {report['crisis_long']}")

    texts, y, groups = urgent_rows(corpus)
    out(f"urgent head: {len(texts)} texts")
    x = encode(texts)
    oof = out_of_fold(x, y, np.array(groups))
    thresholds = np.array(
        [threshold_for_recall(oof[:, j], y[:, j], URGENT_RECALL) for j in range(y.shape[1])]
    )
    urgent_w, urgent_b = fit(x, y)
    report["urgent"] = {
        code: crisis_figures(oof[:, j], y[:, j], float(thresholds[j]))
        | {"threshold": round(float(thresholds[j]), 4)}
        for j, code in enumerate(SITUATION_CODES)
    }
    for code, figures in report["urgent"].items():
        out(f"urgent {code} (k-fold): {figures}")

    texts, y, groups = need_rows(corpus)
    out(f"needs head: {len(texts)} texts")
    x = embed_texts(texts, encode)
    binary = (y > 0).astype(float)
    oof = out_of_fold(x, binary, np.array(groups))
    needs_w, needs_b = fit(x, binary)
    report["needs"] = need_figures(oof, y)
    out(f"needs (k-fold): {report['needs']}")

    encode.save()  # type: ignore[attr-defined]
    if save:
        learned.MODEL_DIR.mkdir(exist_ok=True)
        np.savez_compressed(
            learned.HEADS_FILE,
            crisis_labels=np.array(["crisis"]),
            crisis_weights=crisis_w.astype(np.float32),
            crisis_bias=crisis_b.astype(np.float32),
            crisis_thresholds=np.array([threshold], dtype=np.float32),
            urgent_labels=np.array(SITUATION_CODES),
            urgent_weights=urgent_w.astype(np.float32),
            urgent_bias=urgent_b.astype(np.float32),
            urgent_thresholds=thresholds.astype(np.float32),
            needs_labels=np.array(NEED_CODES),
            needs_weights=needs_w.astype(np.float32),
            needs_bias=needs_b.astype(np.float32),
            needs_thresholds=np.full(len(NEED_CODES), 0.5, dtype=np.float32),
        )
        learned.HEADS_META.write_text(
            json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        learned.heads.cache_clear()
    return report
