"""How long the printed handbook takes to build for the seed data, and how big it is.

Prints figures; it is not a timed test. Goals (issue 11): under 30 s and under 5 MB for
the whole-city edition of the seed data. Baseline in the same run: reading the same
listings from the database and rendering the handbook's HTML, which any printable page
has to do anyway; the ratio says what laying out the pages and writing the PDF cost on
top. Wall time and CPU time both, because a shared machine's load changes wall time.

Uses a throwaway SQLite database under /tmp; the developer's database is never used.
    .venv/bin/python bench/handbook_bench.py [--ward 堺区] [--repeat 3]
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
    parser.add_argument("--ward", default="")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="handbook-bench-")
    os.environ.pop("DATABASE_URL", None)
    os.environ["VAR_DIR"] = tmp
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsunagari.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.template.loader import render_to_string
    from django.utils import translation

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_seed", stdout=quiet)

    from pypdf import PdfReader

    from tsunagari.handbook.edition import build_edition, parse_ward
    from tsunagari.handbook.posters import poster_pdf
    from tsunagari.handbook.printing import handbook_pdf
    from tsunagari.handbook.venues import find_venue

    ward = parse_ward(args.ward)
    translation.activate("ja")

    def baseline() -> None:
        edition = build_edition(ward=ward)
        render_to_string("handbook/pdf/handbook.html", {"edition": edition, "fonts": {}})

    def timed(fn) -> tuple[float, float, object]:
        walls, cpus, result = [], [], None
        for _ in range(args.repeat):
            wall, cpu = time.perf_counter(), time.process_time()
            result = fn()
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        return statistics.median(walls), statistics.median(cpus), result

    baseline()  # warm up (Sudachi, URL resolver, first queries)
    base_wall, base_cpu, _ = timed(baseline)
    wall, cpu, pdf = timed(lambda: handbook_pdf(ward=ward))
    if not isinstance(pdf, bytes):
        raise SystemExit("no PDF")
    pages = len(PdfReader(__import__("io").BytesIO(pdf)).pages)
    poster_wall, poster_cpu, _ = timed(lambda: poster_pdf(venue=find_venue("図書館"), size="A4"))
    edition = f"{args.ward} edition" if ward else "whole-city edition"
    print(f"handbook, seed data, {edition}, median of {args.repeat} runs")
    print(
        f"  baseline (read the directory + render the HTML): {base_wall:6.2f} s wall, {base_cpu:6.2f} s CPU"
    )
    print(
        f"  full build (+ layout + PDF with subset fonts):   {wall:6.2f} s wall, {cpu:6.2f} s CPU  (goal < 30 s)"
    )
    print(f"  ratio full / baseline (CPU): {cpu / base_cpu:.1f}×")
    print(f"  PDF: {pages} pages, {len(pdf) / 1024 / 1024:.2f} MB  (goal < 5 MB)")
    print(f"  poster (図書館, A4): {poster_wall:6.2f} s wall, {poster_cpu:6.2f} s CPU")


if __name__ == "__main__":
    main()
