"""Score the navigator on an evaluation file: ``python -m tsunagari.navigator.evaluate FILE``.

Each line is ``{"q": ..., "expect": [need codes], "crisis": bool}``. Prints
need@1 (top need is expected), need@3 (an expected need among the first
three), service@3 (one of the first three services is tagged with an expected
need), crisis recall and crisis false alarms.

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

    def lines(self, services_loaded: int) -> list[str]:
        def ratio(n: int, d: int) -> str:
            return f"{n / d:.3f} ({n}/{d})" if d else "n/a"

        return [
            f"questions:           {self.total}",
            f"directory services:  {services_loaded}",
            f"need@1:              {ratio(self.need1, self.total)}",
            f"need@3:              {ratio(self.need3, self.total)}",
            f"service@3:           {ratio(self.service3, self.total)}",
            f"crisis recall:       {ratio(self.crisis_caught, self.crisis_total)}",
            f"crisis false alarms: {self.false_alarms}",
        ]


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
        if row.get("crisis"):
            result.crisis_total += 1
            result.crisis_caught += answer.crisis
        elif answer.crisis:
            result.false_alarms += 1
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args(argv)
    rows = [
        json.loads(line)
        for line in args.path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    _setup_django()
    loaded = _load_directory()
    result = score(rows, verbose=args.verbose)
    print("\n".join(result.lines(loaded)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
