"""How long a wave of 10,000 answers takes to compute (raking + weighted shares with intervals).

Prints figures; it is not a timed test. Baseline in the same run: reading the same
answers from the database and counting unweighted shares in plain Python, which
every results page has to do anyway. The ratio says what weighting and
design-based intervals cost on top.

Uses a throwaway SQLite database under /tmp; the developer's database is never used.
    .venv/bin/python bench/survey_bench.py [--answers 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--answers", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="survey-bench-")
    os.environ.pop("DATABASE_URL", None)
    os.environ["VAR_DIR"] = tmp
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsunagari.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    from tsunagari.survey.demo import load_demo_wave
    from tsunagari.survey.results import (
        ANSWER_FIELDS,
        _in_margins,
        answers_frame,
        compute,
        rake,
        wave_margins,
    )
    from tsunagari.survey.scoring import DIRECT_AT_LEAST_SOMETIMES, ucla_score

    wave = load_demo_wave(args.answers)

    def baseline() -> None:
        rows = list(wave.responses.values(*ANSWER_FIELDS))
        answered = [r for r in rows if r["direct"] is not None]
        _ = sum(r["direct"] in DIRECT_AT_LEAST_SOMETIMES for r in answered) / len(answered)
        by_ward: dict[str, list[int]] = {}
        for r in rows:
            score = ucla_score([r["lonely_1"], r["lonely_2"], r["lonely_3"]])
            by_ward.setdefault(r["ward"], []).append(score or 0)

    def full() -> None:
        result = compute(wave)
        if result.status != "weighted":
            raise SystemExit(f"the demo wave did not weight: {result.status}")

    def rake_only() -> None:
        frame = answers_frame(wave.responses.values(*ANSWER_FIELDS))
        margins = wave_margins(wave)
        rake(_in_margins(frame, margins), margins)

    def timed(fn) -> float:
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    full()  # warm up (imports, first queries)
    base = timed(baseline)
    raking = timed(rake_only)
    whole = timed(full)
    result = compute(wave)
    overall = result.overall("direct_any")
    print(f"survey wave: {args.answers:,} synthetic answers, median of {args.repeat} runs")
    print(f"  baseline (read + unweighted counts in Python): {base * 1000:8.1f} ms")
    print(f"  read + rake to age×sex×ward margins:          {raking * 1000:8.1f} ms")
    print(f"  full results (rake + 8 indicators × 3 groupings with 95% CI): {whole * 1000:8.1f} ms")
    print(f"  ratio full / baseline: {whole / base:.1f}×")
    if overall:
        print(
            f"  (synthetic) weighted 'at least sometimes lonely': {overall.percent_estimate}% [{overall.percent_lower}–{overall.percent_upper}]"
        )


if __name__ == "__main__":
    main()
