"""`make bench`: how fast the navigator answers. Prints figures; it is not a timed test.

1. recommend() latency in-process, p50/p95, on the seed directory (load_directory)
   and on the seed directory plus 20,000 synthetic services (generate_directory).
2. The answer page under gunicorn with 2 workers against a trivial view on the same
   server, as a throughput ratio (loopback only, a bounded number of requests), with
   every question new as well as repeated.
3. The first answer a fresh worker gives (the models load when the worker starts, in
   wsgi.py, not on the first visitor) and each worker's resident memory.
4. Long texts (about 1,900 characters) read sentence by sentence, in-process.

Everything lives in its own folder under /tmp; the developer's database is never used.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
QUERIES = [
    "話す相手がいなくてさみしい",
    "借金で首が回らへん",
    "死にたい",
    "母子家庭で仕事がなく子どもは不登校",
    "夫を亡くしてから誰とも話していない",
    "息子がずっと家から出ない",
    "父が認知症かもしれない",
    "パートナーから暴力をふるわれる",
    "I don't speak Japanese. Where can I get help?",
    "財布が空っぽで明日の食事もない",  # no thesaurus word: sentence meaning is asked
    "nobody ever calls me",
    "台風で家が浸水した",
    "職場でいやがらせを受けている",
    "お酒がやめられない",
    "しゃっきんがある",
    "ひとり親で仕事と子育てが大変",
    "障害があって働く場所を探している",
    "眠れへんし、しんどい",
]
LONG_TEXT = (
    "仕事を辞めてから半年がたちました。毎朝同じ時間に目が覚めても、行くところがありません。"
    "貯金は少しずつ減っていて、家賃の引き落としの日が近づくたびに胸が苦しくなります。"
    "実家の母には心配をかけたくなくて、元気にしていると電話で嘘をついています。"
) * 9
PORT = int(os.environ.get("BENCH_PORT", "8102"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "600"))  # per target
CONCURRENCY = 4
TIME_LIMIT = 90.0  # seconds per target, whatever happens


def env_for(db: Path, workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{db}",
        VAR_DIR=str(workdir),
        DJANGO_SETTINGS_MODULE="tsunagari.settings",
        PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'bench'}",
        # The synthetic services belong to a demo organisation: shown only in demo mode.
        DEMO_MODE="true",
    )
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )


# ------------------------------------------------------------------ in-process


def inprocess(rounds: int) -> dict[str, float]:
    import django

    django.setup()
    from tsunagari.directory.models import Service
    from tsunagari.navigator.recommend import recommend
    from tsunagari.navigator.text import warm_up

    warm_up()
    # One untimed round: builds the directory index and the per-ward base scores,
    # as a running server has done long before.
    for q in QUERIES:
        for ward in ("", "sakai", "kita"):
            recommend(q, ward=ward)
    timings = []
    for n in range(rounds):
        for i, q in enumerate(QUERIES):
            ward = ["", "sakai", "kita"][(n + i) % 3]
            start = time.perf_counter()
            recommend(q, ward=ward)
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    # Every question new: nothing the readers or the answer cache saw before (a different
    # number at the end of each), as for real visitors.
    fresh = []
    for n in range(rounds):
        for i, q in enumerate(QUERIES):
            start = time.perf_counter()
            recommend(f"{q} {n * 1000 + i}回目")
            fresh.append((time.perf_counter() - start) * 1000)
    fresh.sort()
    steps = _fresh_steps(rounds)
    long_timings = []
    for n in range(max(3, rounds // 4)):
        start = time.perf_counter()
        recommend(LONG_TEXT + str(n))
        long_timings.append((time.perf_counter() - start) * 1000)
    long_timings.sort()
    return {
        "services": Service.objects.public().count(),
        "calls": len(timings),
        "p50_ms": statistics.median(timings),
        "p95_ms": timings[int(len(timings) * 0.95) - 1],
        "fresh_p50_ms": statistics.median(fresh),
        "fresh_p95_ms": fresh[int(len(fresh) * 0.95) - 1],
        **steps,
        "long_chars": len(LONG_TEXT),
        "long_p50_ms": statistics.median(long_timings),
        "long_max_ms": long_timings[-1],
    }


def _fresh_steps(rounds: int) -> dict[str, float]:
    """Where a new question's time goes, step by step (medians, ms): the word rules (clean,
    sentences, Sudachi tokens, lexicon, scope), the learned reader (encoder and heads, all
    sentences in one batch) and the ranking with the rest of recommend()."""
    from tsunagari.navigator import learned
    from tsunagari.navigator.recommend import recommend
    from tsunagari.navigator.sentences import split
    from tsunagari.navigator.text import understand
    from tsunagari.navigator.tokens import clean

    rules, reader, whole, total = [], [], [], []
    for n in range(rounds):
        for i, q in enumerate(QUERIES):
            text = f"{q} {n * 1000 + i}番"  # new to every cache, as in the fresh figures
            start = time.perf_counter()
            understand(text + "a", learned_reader=False)
            rules.append((time.perf_counter() - start) * 1000)
            sentences = [s.text for s in split(clean(text + "b").text)]
            start = time.perf_counter()
            learned.read(sentences)
            reader.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            understand(text + "c")
            whole.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            recommend(text + "d")
            total.append((time.perf_counter() - start) * 1000)
    return {
        "step_rules_ms": statistics.median(rules),
        "step_reader_ms": statistics.median(reader),
        "step_reader_p95_ms": sorted(reader)[int(len(reader) * 0.95) - 1],
        "step_rank_ms": max(0.0, statistics.median(total) - statistics.median(whole)),
        "step_total_ms": statistics.median(total),
    }


def run_inprocess(db: Path, workdir: Path, rounds: int) -> dict[str, float]:
    out = subprocess.run(
        [PYTHON, __file__, "--inprocess", "--rounds", str(rounds)],
        env=env_for(db, workdir),
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------ HTTP


def hammer(urls: list[str], total: int) -> tuple[float, int, int]:
    """GET the URLs round-robin from a few threads; (requests per second, ok, errors)."""
    counter = {"next": 0, "ok": 0, "errors": 0}
    lock = threading.Lock()
    deadline = time.monotonic() + TIME_LIMIT

    def worker() -> None:
        while time.monotonic() < deadline:
            with lock:
                n = counter["next"]
                if n >= total:
                    return
                counter["next"] += 1
            try:
                with urllib.request.urlopen(urls[n % len(urls)], timeout=30) as response:  # noqa: S310 - loopback only
                    response.read()
                    ok = response.status == 200
            except Exception:  # noqa: BLE001 - counted, reported
                ok = False
            with lock:
                counter["ok" if ok else "errors"] += 1

    threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    done = counter["ok"] + counter["errors"]
    return done / elapsed, counter["ok"], counter["errors"]


def run_http(db: Path, workdir: Path) -> dict[str, float]:
    env = env_for(db, workdir)
    env.update(
        DJANGO_SETTINGS_MODULE="bench_settings",
        DEBUG="false",
        SECRET_KEY="bench-only-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1",
        STATIC_ROOT=str(workdir / "static"),
        SECURE_SSL_REDIRECT="false",
        LOG_LEVEL="ERROR",
    )
    subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"],
        env=env,
        check=True,
        cwd=ROOT,
    )
    gunicorn = shutil.which("gunicorn", path=str(Path(PYTHON).parent)) or "gunicorn"
    server = subprocess.Popen(
        [
            gunicorn,
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
            "tsunagari.wsgi:application",
        ],
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{PORT}"
    started = time.perf_counter()
    try:
        time.sleep(1.0)
        if server.poll() is not None:
            raise SystemExit(f"gunicorn did not start (is port {PORT} in use? set BENCH_PORT)")
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/bench/trivial", timeout=2).read()  # noqa: S310
                break
            except Exception:  # noqa: BLE001
                time.sleep(0.2)
        ready = time.perf_counter() - started
        first = _timed_get(
            base + "/navi/?" + urllib.parse.urlencode({"q": "はじめての質問です 眠れない"})
        )
        second = _timed_get(
            base + "/navi/?" + urllib.parse.urlencode({"q": "二つめの質問です 仕事がない"})
        )
        rss = _worker_rss_mb(server.pid)
        trivial = [base + "/bench/trivial"]
        answers = [base + "/navi/?" + urllib.parse.urlencode({"q": q}) for q in QUERIES]
        hammer(trivial + answers, 60)  # warm both workers
        trivial_rps, trivial_ok, trivial_err = hammer(trivial, REQUESTS)
        answer_rps, answer_ok, answer_err = hammer(answers, REQUESTS)
        # Every question new (a number added), so no rendered answer can be reused:
        # what a page costs when the per-process answer cache does not help.
        fresh = [
            base + "/navi/?" + urllib.parse.urlencode({"q": f"{QUERIES[i % len(QUERIES)]} {i}"})
            for i in range(REQUESTS)
        ]
        fresh_rps, _fresh_ok, fresh_err = hammer(fresh, REQUESTS)
        # The site's shell alone (base template, crisis strip, language form, no answer):
        # the floor any page of the site pays, for comparison.
        shell_rps, _shell_ok, shell_err = hammer([base + "/navi/"], REQUESTS)
    finally:
        server.terminate()
        server.wait(timeout=20)
    return {
        "trivial_rps": trivial_rps,
        "answer_rps": answer_rps,
        "ratio": answer_rps / trivial_rps if trivial_rps else 0.0,
        "shell_rps": shell_rps,
        "fresh_rps": fresh_rps,
        "errors": trivial_err + answer_err + shell_err + fresh_err,
        "ok": trivial_ok + answer_ok,
        "ready_s": ready,
        "first_ms": first,
        "second_ms": second,
        "rss_mb": rss,
    }


def _timed_get(url: str) -> float:
    start = time.perf_counter()
    urllib.request.urlopen(url, timeout=60).read()  # noqa: S310 - loopback only
    return (time.perf_counter() - start) * 1000


def _worker_rss_mb(parent: int) -> list[float]:
    """Resident memory of each gunicorn worker (children of the master), in MB."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(parent):
            sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
    return sorted(sizes)


def main() -> int:
    parser = argparse.ArgumentParser(description="Navigator benchmark")
    parser.add_argument("--inprocess", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--services", type=int, default=20000)
    args = parser.parse_args()
    if args.inprocess:
        print(json.dumps(inprocess(args.rounds)))
        return 0

    workdir = Path(tempfile.mkdtemp(prefix="tsunagari-bench-"))
    try:
        seed_db, big_db = workdir / "seed.sqlite3", workdir / "big.sqlite3"
        env = env_for(seed_db, workdir)
        print(f"bench folder: {workdir}")
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_directory")
        shutil.copy(seed_db, big_db)
        manage(env_for(big_db, workdir), "generate_directory", "--services", str(args.services))

        seed = run_inprocess(seed_db, workdir, args.rounds)
        big = run_inprocess(big_db, workdir, args.rounds)
        print(
            f"recommend in-process, questions asked before, seed directory ({seed['services']} services, {seed['calls']} calls): "
            f"p50 {seed['p50_ms']:.2f} ms, p95 {seed['p95_ms']:.2f} ms"
        )
        print(
            f"recommend in-process, questions asked before, synthetic directory ({big['services']} services, {big['calls']} calls): "
            f"p50 {big['p50_ms']:.2f} ms, p95 {big['p95_ms']:.2f} ms (target p95 <= 30 ms)"
        )
        http = run_http(seed_db, workdir)
        print(
            f"gunicorn -w 2, {REQUESTS} requests each, {CONCURRENCY} clients: trivial view {http['trivial_rps']:.1f} req/s, "
            f"answer page {http['answer_rps']:.1f} req/s, ratio {http['ratio'] * 100:.0f}% "
            f"(target >= 50%), errors {http['errors']}"
        )
        print(
            f"answer page with every question new (no cached answer reused): "
            f"{http['fresh_rps']:.1f} req/s, {http['fresh_rps'] / http['trivial_rps'] * 100:.0f}% of the trivial view"
        )
        print(
            f"fresh worker: serving {http['ready_s']:.1f} s after start; first answer {http['first_ms']:.0f} ms, "
            f"second {http['second_ms']:.0f} ms (models load at start-up in wsgi.py)"
        )
        print("resident memory per worker: " + ", ".join(f"{mb:.0f} MB" for mb in http["rss_mb"]))
        print(
            f"recommend in-process, every question new (seed): p50 {seed['fresh_p50_ms']:.1f} ms, "
            f"p95 {seed['fresh_p95_ms']:.1f} ms (target p95 <= 30 ms)"
        )
        print(
            f"new question, step by step (seed, medians): word rules {seed['step_rules_ms']:.1f} ms, "
            f"learned reader {seed['step_reader_ms']:.1f} ms (p95 {seed['step_reader_p95_ms']:.1f}), "
            f"ranking and the rest {seed['step_rank_ms']:.1f} ms; recommend() {seed['step_total_ms']:.1f} ms"
        )
        print(
            f"long text in-process ({seed['long_chars']} chars, read sentence by sentence): "
            f"p50 {seed['long_p50_ms']:.0f} ms, max {seed['long_max_ms']:.0f} ms"
        )
        print(
            f"for comparison, the navigator page with no question (site shell only): "
            f"{http['shell_rps']:.1f} req/s, {http['shell_rps'] / http['trivial_rps'] * 100:.0f}% of the trivial view"
        )
        print(
            f"load average while measuring: {os.getloadavg()[0]:.1f} (2 cores; other work on the machine skews these)"
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
