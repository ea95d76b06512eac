"""Score the navigator: ``python -m tsunagari.navigator.evaluate FILE [FILE …] [--long FILE]``.

Each line is ``{"q": ..., "expect": [need codes], "crisis": bool, "urgent": bool}``.
Prints, per file, need@1 (top need is expected), need@3, service@3 (one of the
first three services is tagged with an expected need), callable@3 (one of the
first three is a desk with a sourced way to reach it), crisis recall, crisis
false alarms and urgent recall; then one summary line per file.

``--long FILE`` adds the long-text check: ordinary texts of that file (no
crisis) are joined into texts of about 1,900 characters and each crisis text of
the file is placed at the start, in the middle and at the end; every one must
be caught, and the ordinary texts alone must not raise the alarm. The texts are
read from the file at run time and never stored (they are other people's words).

Services come from the seed directory, loaded by ``load_directory`` into a
throwaway in-memory SQLite database, so the figures do not depend on whatever
is in the developer's database and ``make eval`` works on a fresh clone.
Use ``--verbose`` to list every miss.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class Scores:
    total: int = 0
    need1: int = 0
    need3: int = 0
    service3: int = 0
    crisis_total: int = 0
    crisis_caught: int = 0
    false_alarms: int = 0
    callable3: int = 0
    urgent_total: int = 0
    urgent_caught: int = 0
    urgent_false: int = 0

    def lines(self, services_loaded: int) -> list[str]:
        def ratio(n: int, d: int) -> str:
            return f"{n / d:.3f} ({n}/{d})" if d else "n/a"

        return [
            f"questions:           {self.total}",
            f"directory services:  {services_loaded}",
            f"need@1:              {ratio(self.need1, self.total)}",
            f"need@3:              {ratio(self.need3, self.total)}",
            f"service@3:           {ratio(self.service3, self.total)}",
            f"callable@3:          {ratio(self.callable3, self.total)}",
            f"crisis recall:       {ratio(self.crisis_caught, self.crisis_total)}",
            f"crisis false alarms: {self.false_alarms}",
            f"urgent recall:       {ratio(self.urgent_caught, self.urgent_total)}",
            f"urgent on others:    {self.urgent_false}",
        ]

    def summary(self, name: str) -> str:
        def pct(n: int, d: int) -> str:
            return f"{100 * n / d:.1f}%" if d else "n/a"

        return (
            f"{name}: need@1 {pct(self.need1, self.total)}, service@3 {pct(self.service3, self.total)}, "
            f"callable@3 {pct(self.callable3, self.total)}, crisis {self.crisis_caught}/{self.crisis_total}, "
            f"false alarms {self.false_alarms}/{self.total - self.crisis_total}, "
            f"urgent {self.urgent_caught}/{self.urgent_total}, "
            f"urgent panels on other texts {self.urgent_false} (n={self.total})"
        )


def score(rows: list[dict[str, Any]], *, verbose: bool = False, out: Any = sys.stdout) -> Scores:
    from tsunagari.navigator.recommend import recommend

    result = Scores()
    for row in rows:
        expect = set(row.get("expect") or [])
        answer = recommend(row["q"], ward=row.get("ward"))
        codes = [n.code for n in answer.needs]
        result.total += 1
        hit1 = bool(codes[:1]) and codes[0] in expect
        hit3 = bool(set(codes[:3]) & expect)
        service3 = any(set(s.needs) & expect for s in answer.services[:3])
        result.need1 += hit1
        result.need3 += hit3
        result.service3 += service3
        result.callable3 += any(s.callable for s in answer.services[:3])
        if row.get("crisis"):
            result.crisis_total += 1
            result.crisis_caught += answer.crisis
        elif answer.crisis:
            result.false_alarms += 1
        if row.get("urgent"):
            result.urgent_total += 1
            result.urgent_caught += bool(answer.urgent)
        elif answer.urgent and not row.get("crisis"):
            result.urgent_false += 1
        wrong_crisis = bool(row.get("crisis")) != answer.crisis
        if verbose and (not hit1 or not service3 or wrong_crisis):
            names = [s.name for s in answer.services[:3]]
            print(
                f"MISS {row['q']!r} expect={sorted(expect)} crisis={row.get('crisis')} "
                f"-> needs={codes[:3]} crisis={answer.crisis} services={names}",
                file=out,
            )
    return result


def _setup_django() -> None:
    # A private in-memory database: the developer's data is never touched.
    os.environ["DATABASE_URL"] = "sqlite://:memory:"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsunagari.settings")
    import django

    django.setup()


def _load_directory() -> int:
    from io import StringIO

    from django.core.management import call_command, get_commands

    from tsunagari.directory.models import Service

    call_command("migrate", verbosity=0, interactive=False)
    if "load_directory" in get_commands():
        call_command("load_directory", stdout=StringIO(), stderr=StringIO())
    else:
        print("load_directory is not installed: service@3 has no directory to use", file=sys.stderr)
    return Service.objects.public().count()


def _rows(path: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


LONG_CHARS = 1900


def long_texts(
    rows: list[dict[str, Any]], seed: int = 7
) -> tuple[list[str], list[tuple[str, str]]]:
    """Ordinary texts of about LONG_CHARS, and (position, text) with a crisis text placed in them."""
    import random

    ordinary = [r["q"] for r in rows if not r.get("crisis")]
    crises = [r["q"] for r in rows if r.get("crisis")]
    rng = random.Random(seed)  # noqa: S311 - a fixed shuffle for the check, not a secret
    fillers: list[str] = []
    for _ in range(max(3, len(crises))):
        rng.shuffle(ordinary)
        text = ""
        for piece in ordinary:
            if len(text) + len(piece) > LONG_CHARS:
                break
            text += piece + ("" if piece.endswith(("。", "？", "！", "?", "!")) else "。")
        fillers.append(text)
    placed = []
    for i, crisis in enumerate(crises):
        filler = fillers[i % len(fillers)]
        middle = filler.find("。", len(filler) // 2) + 1
        sentence = crisis if crisis.endswith("。") else crisis + "。"
        placed.append(("start", sentence + filler))
        placed.append(("middle", filler[:middle] + sentence + filler[middle:]))
        placed.append(("end", filler + sentence))
    return fillers, placed


def score_long(rows: list[dict[str, Any]], *, verbose: bool = False, out: Any = sys.stdout) -> str:
    from tsunagari.navigator.recommend import recommend

    fillers, placed = long_texts(rows)
    caught: dict[str, list[int]] = {"start": [0, 0], "middle": [0, 0], "end": [0, 0]}
    for position, text in placed:
        hit = recommend(text).crisis
        caught[position][0] += hit
        caught[position][1] += 1
        if verbose and not hit:
            print(f"MISS long/{position} ({len(text)} chars)", file=out)
    alarms = sum(recommend(text).crisis for text in fillers)
    parts = ", ".join(f"{pos} {n}/{d}" for pos, (n, d) in caught.items())
    size = round(sum(len(t) for t in fillers) / len(fillers))
    return f"long texts (~{size} chars): crisis caught {parts}; false alarms {alarms}/{len(fillers)} ordinary long texts"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", type=Path, nargs="+")
    parser.add_argument("--long", type=Path, help="the file to build the long-text check from")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args(argv)
    _setup_django()
    loaded = _load_directory()
    summaries = []
    for path in args.paths:
        if not path.exists():
            print(f"{path}: not found, skipped", file=sys.stderr)
            continue
        result = score(_rows(path), verbose=args.verbose)
        print(f"== {path.name}")
        print("\n".join(result.lines(loaded)))
        summaries.append(result.summary(path.name))
    if args.long and args.long.exists():
        summaries.append(score_long(_rows(args.long), verbose=args.verbose))
    print("\n".join(summaries))
    return 0


if __name__ == "__main__":
    sys.exit(main())
