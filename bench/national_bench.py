"""`make bench-national`: the navigator on a synthetic national directory. Prints figures;
it is not a timed test (decision 0030).

Two directories are made in a folder under /tmp (the developer's database is never used):
the seed directory plus 20,000 synthetic services of one city (as `make bench`), and the
seed directory plus a synthetic national directory (`generate_directory --municipalities
1741 --services 500000`). For each, in a fresh process that plays one worker:

- the full build of the index, and the resident memory of the process before and after;
- recommend() p50/p95 when the question names a municipality (Sakai on the city
  directory, a different synthetic municipality each call on the national one);
- one listing changed: the time to apply it as a delta, in this worker (the signal) and
  as another worker does (from the change log), against a full rebuild.

The national figures are printed beside the city ones, as ratios of the city run in the
same invocation, and beside a fixed reference computation timed in each process, so a
loaded machine shows as a slower reference rather than as a slower navigator.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
sys.path.insert(0, str(ROOT / "bench"))
from recommend_bench import QUERIES  # noqa: E402

SAKAI = "271403"


def env_for(db: Path, workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{db}",
        VAR_DIR=str(workdir),
        DJANGO_SETTINGS_MODULE="tsunagari.settings",
        DEBUG=os.environ.get("DEBUG", "true"),
        PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'bench'}",
        # The synthetic services belong to demo organisations: shown only in demo mode.
        DEMO_MODE="true",
        REDIS_URL="",  # one worker's own cache: the figures are the index's, not Redis's
    )
    return env


def manage(env: dict[str, str], *args: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def reference_ms() -> float:
    """A fixed computation (numpy and plain Python, like one ranking), median of 15 runs."""
    import numpy as np

    rng = np.random.default_rng(7)
    matrix = rng.random((20_000, 40))
    vector = rng.random(40)
    timings = []
    for _ in range(15):
        start = time.perf_counter()
        scores = matrix @ vector
        np.argpartition(-scores, 30)[:30]
        sorted(str(n) for n in range(20_000))
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * share) - 1)]


def inprocess(rounds: int, changes: int) -> dict[str, float]:
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # no log of every query (DEBUG=true is only for the settings check)
    from tsunagari.directory.models import Service
    from tsunagari.navigator import index as navigator_index
    from tsunagari.navigator.index import directory_index, invalidate
    from tsunagari.navigator.models import IndexChange
    from tsunagari.navigator.recommend import Preferences, rank, recommend
    from tsunagari.navigator.text import understand, warm_up

    reference = reference_ms()
    warm_up()
    before = rss_mb()
    codes = sorted(
        set(Service.objects.public().values_list("municipality", flat=True).distinct())
        - {"", "270008"}
    )
    national = len(codes) > 10
    pool = [c for c in codes if not c.endswith("0008")] if national else [SAKAI]
    rng = random.Random(2026)  # noqa: S311 - not for security
    asked = [rng.choice(pool) for _ in range(rounds * len(QUERIES))]
    understood = {q: understand(q) for q in QUERIES}
    # The first question naming each municipality reads its partitions (cold) …
    cold = []
    for code in dict.fromkeys(asked):
        start = time.perf_counter()
        rank(understood[QUERIES[0]].needs, Preferences(municipality=code))
        cold.append((time.perf_counter() - start) * 1000)
    warm_rss = rss_mb()
    # … later ones find them read (warm): ranking alone, and the whole recommend().
    timings, whole = [], []
    for n, code in enumerate(asked):
        q = QUERIES[n % len(QUERIES)]
        start = time.perf_counter()
        rank(understood[q].needs, Preferences(municipality=code))
        timings.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        recommend(q, municipality=code)
        whole.append((time.perf_counter() - start) * 1000)
    index = directory_index()
    scope_sizes = [sum(len(p) for p in index.scope(c)) for c in list(dict.fromkeys(asked))[:50]]

    # One listing changes: applied as a delta in this worker (signal) …
    ids = list(
        Service.objects.public()
        .filter(municipality__in=list(dict.fromkeys(asked)))
        .order_by("id")
        .values_list("id", flat=True)[:changes]
    )
    generation = directory_index().generation
    local, remote, saves = [], [], []
    for n, service_id in enumerate(ids):
        service = Service.objects.get(pk=service_id)
        service.name = f"{service.name}（改{n}）"
        start = time.perf_counter()
        service.save()
        saves.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        directory_index()
        local.append((time.perf_counter() - start) * 1000)
        if not any(x.id == str(service_id) and x.name == service.name for x in _rows(service)):
            raise SystemExit("a change did not reach the index")
    # … and as another worker gets it: no signal, a line in the change log.
    navigator_index.CHECK_SECONDS = 0.0
    directory_index()
    for n, service_id in enumerate(ids):
        Service.objects.filter(pk=service_id).update(description=f"ベンチマークの変更 {n}")
        IndexChange.objects.create(service_id=service_id)
        start = time.perf_counter()
        directory_index()
        remote.append((time.perf_counter() - start) * 1000)
    navigator_index.CHECK_SECONDS = 5.0
    if directory_index().generation != generation:
        raise SystemExit("a delta rebuilt the index")
    # A full rebuild: a new index with every partition read again.
    invalidate()
    start = time.perf_counter()
    directory_index().load_all()
    rebuild_s = time.perf_counter() - start
    return {
        "services": len(directory_index()),
        "partitions": len(directory_index().partitions),
        "asked": len(set(asked)),
        "scope_median": statistics.median(scope_sizes),
        "calls": len(timings),
        "cold_p50_ms": statistics.median(cold),
        "cold_p95_ms": percentile(cold, 0.95),
        "p50_ms": statistics.median(timings),
        "p95_ms": percentile(timings, 0.95),
        "whole_p50_ms": statistics.median(whole),
        "whole_p95_ms": percentile(whole, 0.95),
        "rebuild_s": rebuild_s,
        "rss_before_mb": before,
        "rss_warm_mb": warm_rss,
        "rss_all_mb": rss_mb(),
        "save_ms": statistics.median(saves),
        "delta_local_ms": statistics.median(local),
        "delta_remote_ms": statistics.median(remote),
        "delta_remote_max_ms": max(remote),
        "reference_ms": reference,
    }


def _rows(service: object) -> list:  # type: ignore[type-arg]
    """The listings of the service's partition in this worker's index."""
    from tsunagari.navigator.index import directory_index

    part = directory_index().partitions.get(service.municipality)  # type: ignore[attr-defined]
    return part.alive() if part else []


def run_inprocess(db: Path, workdir: Path, rounds: int, changes: int) -> dict[str, float]:
    out = subprocess.run(
        [PYTHON, __file__, "--inprocess", "--rounds", str(rounds), "--changes", str(changes)],
        env=env_for(db, workdir),
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description="Navigator benchmark, national directory")
    parser.add_argument("--inprocess", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--changes", type=int, default=10)
    parser.add_argument("--city-services", type=int, default=20000)
    parser.add_argument("--services", type=int, default=500000)
    parser.add_argument("--municipalities", type=int, default=1741)
    parser.add_argument(
        "--national-db",
        type=Path,
        help="an SQLite file already holding the national directory (copied, then migrated)",
    )
    args = parser.parse_args()
    if args.inprocess:
        print(json.dumps(inprocess(args.rounds, args.changes)))
        return 0

    workdir = Path(tempfile.mkdtemp(prefix="tsunagari-bench-national-"))
    try:
        seed_db, city_db, national_db = (
            workdir / "seed.sqlite3",
            workdir / "city.sqlite3",
            workdir / "national.sqlite3",
        )
        env = env_for(seed_db, workdir)
        print(f"bench folder: {workdir}", flush=True)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_directory")
        shutil.copy(seed_db, city_db)
        shutil.copy(seed_db, national_db)
        city_gen = manage(
            env_for(city_db, workdir), "generate_directory", "--services", str(args.city_services)
        )
        if args.national_db:
            shutil.copy(args.national_db, national_db)
            manage(env_for(national_db, workdir), "migrate", "--noinput", "-v0")
            national_gen = float("nan")
        else:
            national_gen = manage(
                env_for(national_db, workdir),
                "generate_directory",
                "--services",
                str(args.services),
                "--municipalities",
                str(args.municipalities),
            )
        print(
            f"generate_directory: {args.city_services} city services in {city_gen:.0f} s; "
            f"{args.services} services in {args.municipalities} municipalities in "
            f"{national_gen:.0f} s (SQLite, bulk inserts)",
            flush=True,
        )
        city = run_inprocess(city_db, workdir, args.rounds, args.changes)
        national = run_inprocess(national_db, workdir, args.rounds, args.changes)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    rows = [
        ("public listings in the index", "services", "{:.0f}"),
        ("partitions (municipalities, prefectures, national)", "partitions", "{:.0f}"),
        ("municipalities asked about", "asked", "{:.0f}"),
        ("listings scored per question (median)", "scope_median", "{:.0f}"),
        ("ranking naming a municipality, p50 ms", "p50_ms", "{:.2f}"),
        ("ranking naming a municipality, p95 ms (goal <= 30)", "p95_ms", "{:.2f}"),
        ("whole recommend() incl. reading the text, p50 ms", "whole_p50_ms", "{:.2f}"),
        ("whole recommend() incl. reading the text, p95 ms", "whole_p95_ms", "{:.2f}"),
        ("first question for a municipality (reads it), p50", "cold_p50_ms", "{:.1f}"),
        ("first question for a municipality (reads it), p95", "cold_p95_ms", "{:.1f}"),
        ("full rebuild (every partition read), s", "rebuild_s", "{:.1f}"),
        ("one change applied as a delta, this worker, ms", "delta_local_ms", "{:.2f}"),
        ("one change applied as a delta, from the log, ms", "delta_remote_ms", "{:.2f}"),
        ("  slowest delta from the log, ms", "delta_remote_max_ms", "{:.2f}"),
        ("saving the listing (incl. its log line), ms", "save_ms", "{:.2f}"),
        ("resident memory before the index, MB", "rss_before_mb", "{:.0f}"),
        ("resident memory per worker, asked-about partitions, MB", "rss_warm_mb", "{:.0f}"),
        ("resident memory per worker, every partition read, MB", "rss_all_mb", "{:.0f}"),
        ("reference computation, ms (machine load)", "reference_ms", "{:.2f}"),
    ]
    print(f"{'':52} {'city':>10} {'national':>10} {'ratio':>8}")
    for label, key, fmt in rows:
        ratio = national[key] / city[key] if city[key] else float("nan")
        print(
            f"{label:52} {fmt.format(city[key]):>10} {fmt.format(national[key]):>10} {ratio:>7.2f}x"
        )
    for name, run in (("city", city), ("national", national)):
        print(
            f"{name}: p95 = {run['p95_ms'] / run['reference_ms']:.2f} reference units; "
            f"rebuild / delta from the log = {run['rebuild_s'] * 1000 / run['delta_remote_ms']:.0f}x"
        )
    print(
        f"{city['calls']:.0f} calls each; load average {os.getloadavg()[0]:.1f} on 2 cores "
        "(a shared machine: other sessions' work skews every figure)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
