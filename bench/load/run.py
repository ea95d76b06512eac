"""`make load`: how many people the 2-core default deployment serves.

For each database (PostgreSQL on 127.0.0.1, then the embedded SQLite), in a throwaway
database: migrate, load the seed data, prepare members (prepare.py), start gunicorn as the
README deploys it (2 sync workers, DEBUG off, behind a "proxy"), and the mail sender beside
it; then run the locust scenario (locustfile.py) headless for each step of simultaneous
users and print requests per second, p50/p95/p99, errors and where the knee is.

Bounded: loopback only, LOAD_STEP_SECONDS per step (default 30), at most
LOAD_MAX_REQUESTS requests per step, stepping stops once a step is past the knee.
A benchmark, not a test: `make test` never runs it.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
PORT = int(os.environ.get("LOAD_PORT", "8131"))
STEPS = [int(n) for n in os.environ.get("LOAD_STEPS", "2,4,8,12,16,24,32,48").split(",")]
STEP_SECONDS = int(os.environ.get("LOAD_STEP_SECONDS", "30"))
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "20000"))
P95_GOAL_MS = 500.0
PG_ADMIN = os.environ.get("LOAD_PG_ADMIN", "postgres://postgres@127.0.0.1:5432/postgres")
PG_DB = "tsunagari_load"


@dataclass
class Step:
    users: int
    requests: int
    failures: int
    rps: float
    p50: float
    p95: float
    p99: float
    server_errors: int
    # the machine's 1-minute load average at the end (other work shares the cores)
    load: float = 0.0
    # gunicorn's CPU time per request: what the load costs the server itself
    cpu_ms: float = 0.0

    @property
    def ok(self) -> bool:
        return self.p95 < P95_GOAL_MS and self.failures == 0


def target_env(kind: str, work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "PROMETHEUS_"))}
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        VAR_DIR=str(work),
        MEDIA_ROOT=str(work / "uploads"),
        STATIC_ROOT=str(work / "static"),
        DEMO_MODE="true",  # the fictional demo gatherings give the calendar something to show
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(work / "mail"),
        REQUEST_LOG="false",  # the JSON lines would cost the load generator's CPU in this terminal
        DJANGO_SETTINGS_MODULE="tsunagari.settings",
        PYTHONPATH=str(ROOT),
    )
    if kind == "postgresql":
        base = PG_ADMIN.rsplit("/", 1)[0]
        env["DATABASE_URL"] = f"{base}/{PG_DB}"
        env["DB_CONN_MAX_AGE"] = "60"
    else:
        env["DATABASE_URL"] = f"sqlite:///{work / 'load.sqlite3'}"
    return env


def run(env: dict[str, str], *args: str, quiet: bool = True) -> None:
    subprocess.run(
        args,
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def prepare(kind: str, env: dict[str, str], work: Path) -> Path:
    if kind == "postgresql":
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {PG_DB}")
    python = str(BIN / "python")
    run(env, python, "manage.py", "migrate", "--noinput")
    run(env, python, "manage.py", "load_seed")
    run(env, python, "manage.py", "collectstatic", "--noinput")
    data = work / "load-data.json"
    run(env, python, str(HERE / "prepare.py"), str(data), quiet=False)
    return data


def wait_ready(base: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/readyz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not become ready")


def worker_cpu_seconds(master: int) -> float:
    """User + system CPU of gunicorn's master and workers (the workers come and go)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(stat.parent.name), int(fields[1])
        if pid == master or ppid == master:
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def step(
    users: int, data: Path, work: Path, seconds: int = STEP_SECONDS, tag: str = "", master: int = 0
) -> Step:
    prefix = work / f"step-{users}{tag}"
    cpu_before = worker_cpu_seconds(master) if master else 0.0
    env = dict(os.environ)
    env.update(
        LOAD_DATA=str(data),
        LOAD_MAX_REQUESTS=str(MAX_REQUESTS),
        LOAD_HOST_HEADER=f"127.0.0.1:{PORT}",
        PYTHONPATH=str(HERE),
    )
    subprocess.run(
        [
            str(BIN / "locust"),
            "-f",
            str(HERE / "locustfile.py"),
            "--headless",
            "--host",
            f"http://127.0.0.1:{PORT}",
            "-u",
            str(users),
            "-r",
            str(max(1, users // 3)),
            "--run-time",
            f"{seconds}s",
            "--stop-timeout",
            "5",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        env=env,
        cwd=HERE,
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        total = next(row for row in csv.DictReader(handle) if row["Name"] == "Aggregated")
    server_errors = 0
    failures_file = Path(f"{prefix}_failures.csv")
    if failures_file.exists():
        with failures_file.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if "50" in row["Error"]:
                    server_errors += int(row["Occurrences"])
    return Step(
        users=users,
        requests=int(total["Request Count"]),
        failures=int(total["Failure Count"]),
        rps=float(total["Requests/s"]),
        p50=float(total["50%"]),
        p95=float(total["95%"]),
        p99=float(total["99%"]),
        server_errors=server_errors,
        load=os.getloadavg()[0],
        cpu_ms=(worker_cpu_seconds(master) - cpu_before)
        * 1000
        / max(int(total["Request Count"]), 1)
        if master
        else 0.0,
    )


def measure(kind: str, root: Path) -> list[Step]:
    work = root / kind
    work.mkdir(parents=True)
    env = target_env(kind, work)
    print(f"\n== {kind}: preparing a throwaway database", flush=True)
    data = prepare(kind, env, work)
    gunicorn = subprocess.Popen(
        [str(BIN / "gunicorn"), "tsunagari.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{PORT}"],
        env=env,
        cwd=ROOT,
        stderr=(work / "gunicorn.log").open("w"),
    )
    sender = subprocess.Popen(
        [str(BIN / "python"), "manage.py", "send_outbox", "--loop"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=(work / "send_outbox.log").open("w"),
    )
    steps: list[Step] = []
    try:
        wait_ready(f"http://127.0.0.1:{PORT}")
        step(4, data, work, seconds=15, tag="-warm-up")  # both workers past their first answers
        print(
            f"{'users':>6} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'requests':>9} {'errors':>7} {'5xx':>5} {'load':>5} {'cpu ms/req':>10}"
        )
        for users in STEPS:
            result = step(users, data, work, master=gunicorn.pid)
            steps.append(result)
            print(
                f"{result.users:>6} {result.rps:>7.1f} {result.p50:>7.0f} {result.p95:>7.0f} "
                f"{result.p99:>7.0f} {result.requests:>9} {result.failures:>7} {result.server_errors:>5}"
                f" {result.load:>5.1f} {result.cpu_ms:>10.0f}",
                flush=True,
            )
            if result.p95 > 4 * P95_GOAL_MS or result.failures > result.requests * 0.05:
                break  # well past the knee
    finally:
        for process in (sender, gunicorn):
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
    costs = [s.cpu_ms for s in steps if s.cpu_ms]
    if costs:
        cost = sorted(costs)[len(costs) // 2]
        print(
            f"{kind}: the server spends {cost:.0f} ms of CPU per request (median of the steps): "
            f"2 cores to itself would serve about {2000 / cost:.0f} requests/s"
        )
    good = [s for s in steps if s.ok]
    # The knee: the first step past the largest good one (a slow first step is warm-up noise).
    best = max((s.users for s in good), default=0)
    bad = next((s for s in steps if not s.ok and s.users > best), None)
    good = [s for s in good if s.users == best]
    if good:
        print(
            f"{kind}: {good[-1].users} simultaneous users with p95 < {P95_GOAL_MS:.0f} ms and no errors",
            end="",
        )
    else:
        print(
            f"{kind}: not even {steps[0].users} users with p95 < {P95_GOAL_MS:.0f} ms and no errors",
            end="",
        )
    if bad is not None:
        why = f"p95 {bad.p95:.0f} ms" if bad.p95 >= P95_GOAL_MS else f"{bad.failures} errors"
        print(f"; the knee is at {bad.users} users ({why})")
    else:
        print("; no knee within the steps")
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=("postgresql", "sqlite"), help="one database only")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    (ROOT / "var").mkdir(exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix="load-", dir=ROOT / "var"))
    results = {}
    try:
        for kind in ("postgresql", "sqlite"):
            if args.only and kind != args.only:
                continue
            results[kind] = [asdict(s) for s in measure(kind, root)]
    finally:
        if os.environ.get("LOAD_KEEP") != "1":
            shutil.rmtree(root, ignore_errors=True)
        else:
            print(f"kept {root}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
