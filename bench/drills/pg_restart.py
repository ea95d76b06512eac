"""Drill: PostgreSQL restarted while people use the site.

gunicorn (2 workers, persistent connections: DB_CONN_MAX_AGE=60) and ``run_worker`` run
against a throwaway PostgreSQL database; visitors load pages and three signed-in members
keep saving gatherings (a gathering and its history in one transaction) while the
machine's PostgreSQL cluster is restarted once with
``pg_ctlcluster --skip-systemctl-redirect <version> main restart``.

It prints, and checks: what each request got while the database was away (the Japanese
503 page, never a 500 or a traceback), how long the site took to answer normally again
on its own (no restart of gunicorn or the worker), and whether anything answered "saved"
is missing or half-written afterwards. Exit status 1 if any of that fails.

The cluster is shared with other sessions on this machine: the restart takes seconds,
happens once per run, and the drill waits for ``pg_isready`` before it goes on. Set
PG_RESTART_DRILL=skip to leave it out of ``make drill`` (=dry: the same traffic, no restart).
"""

from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "load"))
sys.path.insert(0, str(HERE))
from kill_worker import BASE, CSRF, FORM, PORT, _org_of, client, stored_gatherings  # noqa: E402
from run import BIN, PG_ADMIN, ROOT, run, target_env, wait_ready  # noqa: E402

DB = "tsunagari_drill_pg"
PAGE_503 = "ただいま一時的にご利用いただけません"
BEFORE, AFTER = 4.0, 10.0  # seconds of traffic before the restart and after it is back


def cluster_version() -> str:
    return sorted(os.listdir("/etc/postgresql"))[-1]


def pg_ready() -> bool:
    return subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode == 0


class Log:
    """Every request's (start time, what, outcome), from all threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.rows: list[tuple[float, str, str]] = []

    def add(self, at: float, what: str, outcome: str) -> None:
        with self.lock:
            self.rows.append((at, what, outcome))


def outcome_of(response: requests.Response, ok: set[int]) -> str:
    body = response.text
    if "Traceback" in body:
        return f"{response.status_code} traceback"
    if response.status_code in ok:
        return "ok"
    if response.status_code == 503 and PAGE_503 in body and response.headers.get("Retry-After"):
        return "503 page"
    return f"{response.status_code} other"


def main() -> None:
    if os.environ.get("PG_RESTART_DRILL") == "skip":
        print("PostgreSQL restart drill: skipped (PG_RESTART_DRILL=skip)")
        return
    import psycopg

    (ROOT / "var").mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="drill-pg-", dir=ROOT / "var"))
    env = target_env("postgresql", work)
    env["DATABASE_URL"] = PG_ADMIN.rsplit("/", 1)[0] + f"/{DB}"
    env["LOAD_MEMBERS"] = "3"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB}")
    python = str(BIN / "python")
    run(env, python, "manage.py", "migrate", "--noinput")
    run(env, python, "manage.py", "load_seed")
    run(env, python, "manage.py", "collectstatic", "--noinput")
    data_file = work / "data.json"
    run(env, python, str(HERE.parent / "load" / "prepare.py"), str(data_file))
    data = json.loads(data_file.read_text())

    logs = {name: (work / f"{name}.log").open("w") for name in ("gunicorn", "worker")}
    gunicorn = subprocess.Popen(
        [str(BIN / "gunicorn"), "tsunagari.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{PORT}"],
        env=env,
        cwd=ROOT,
        stdout=logs["gunicorn"],
        stderr=subprocess.STDOUT,
    )
    worker = subprocess.Popen(
        [python, "manage.py", "run_worker", "--interval", "0.5", "-v", "0"],
        env=env,
        cwd=ROOT,
        stdout=logs["worker"],
        stderr=subprocess.STDOUT,
    )
    log = Log()
    outcomes: dict[str, str] = {}
    stop = threading.Event()
    t0 = time.monotonic()
    restart_window = (0.0, 0.0)
    try:
        wait_ready(BASE)
        keys = data.get("totp_keys", {})
        sessions = [client(e, data["password"], keys.get(e, "")) for e in data["members"]]
        org = _org_of(env)

        def writer(n: int, session: requests.Session) -> None:
            count = 0
            while not stop.is_set():
                count += 1
                title = f"（訓練）つどい {n}-{count}"
                at = time.monotonic() - t0
                try:
                    page = session.get(f"{BASE}/events/manage/{org}/new/", timeout=30)
                    found = CSRF.search(page.text)
                    if page.status_code != 200 or found is None:
                        log.add(at, "form", outcome_of(page, {200}))
                        time.sleep(0.2)
                        continue
                    for cookie in session.cookies:
                        cookie.secure = False  # the proxy's https, this loopback hop
                    answer = session.post(
                        f"{BASE}/events/manage/{org}/new/",
                        {**FORM, "title": title, "csrfmiddlewaretoken": found.group(1)},
                        allow_redirects=False,
                        timeout=30,
                    )
                    result = outcome_of(answer, {302})
                    if result == "ok" and "/accounts/" in answer.headers.get("Location", ""):
                        result = "302 to sign-in"  # not saved: the session was not accepted
                    log.add(at, "save", result)
                    outcomes[title] = "saved" if result == "ok" else result
                except requests.RequestException as exc:
                    log.add(at, "save", f"no answer ({type(exc).__name__})")
                    outcomes[title] = "in flight"

        def visitor() -> None:
            session = requests.Session()
            while not stop.is_set():
                for path in ("/", "/accounts/login/"):
                    at = time.monotonic() - t0
                    try:
                        response = session.get(BASE + path, timeout=30)
                        log.add(at, "page", outcome_of(response, {200}))
                    except requests.RequestException as exc:
                        log.add(at, "page", f"no answer ({type(exc).__name__})")
                time.sleep(0.05)

        threads = [threading.Thread(target=writer, args=(n, s)) for n, s in enumerate(sessions)]
        threads += [threading.Thread(target=visitor) for _ in range(2)]
        for thread in threads:
            thread.start()
        time.sleep(BEFORE)
        started = time.monotonic() - t0
        command = ["pg_ctlcluster", "--skip-systemctl-redirect", cluster_version(), "main"]
        if os.environ.get("PG_RESTART_DRILL") != "dry":  # dry: the same traffic, no restart
            subprocess.run([*command, "restart"], check=True)
        while not pg_ready():
            time.sleep(0.1)
        restart_window = (started, time.monotonic() - t0)
        time.sleep(AFTER)
        stop.set()
        for thread in threads:
            thread.join()
    finally:
        stop.set()
        if not pg_ready():  # never leave the shared cluster stopped
            subprocess.run(
                ["pg_ctlcluster", "--skip-systemctl-redirect", cluster_version(), "main", "start"],
                check=False,
            )
        worker_alive = worker.poll() is None
        for process in (gunicorn, worker):
            process.terminate()
        for process in (gunicorn, worker):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    report(env, log, outcomes, restart_window, worker_alive, work)


def report(
    env: dict[str, str],
    log: Log,
    outcomes: dict[str, str],
    window: tuple[float, float],
    worker_alive: bool,
    work: Path,
) -> None:
    start, back = window
    rows = sorted(log.rows)
    before = [o for at, _w, o in rows if at < start]
    during = [o for at, _w, o in rows if start <= at < back]
    after = [(at, o) for at, _w, o in rows if at >= back]
    failed_after = [at for at, o in after if o != "ok"]
    recovered_at = max(failed_after) if failed_after else back
    # Anything but a normal answer or the 503 page: a 500, a traceback, no answer at all.
    bad = [o for _at, _w, o in rows if o not in ("ok", "503 page")]
    stored = stored_gatherings(env)
    whole = collections.Counter(stored.values()).most_common(1)[0][0] if stored else 0
    saved = [t for t, o in outcomes.items() if o == "saved"]
    lost = [t for t in saved if t not in stored]
    half = [t for t, n in stored.items() if n != whole]
    unsaid = [t for t, o in outcomes.items() if o != "saved" and t in stored]
    worker_errors = (work / "worker.log").read_text().count("database error")
    print(f"PostgreSQL restarted while {len(rows)} requests ran (gunicorn 2 workers, run_worker):")
    print(f"  restart took {back - start:.1f} s (until pg_isready)")
    print(f"  before: {dict(collections.Counter(before))}")
    print(f"  while it restarted: {dict(collections.Counter(during))}")
    print(f"  after it was back: {dict(collections.Counter(o for _at, o in after))}")
    print(
        f"  answering normally again {max(0.0, recovered_at - back):.1f} s after PostgreSQL was"
        f" back, by itself; other answers (500, traceback, none): {len(bad)}"
    )
    print(
        f"  saves answered 'saved': {len(saved)}, of these missing: {len(lost)}; "
        f"with half their history: {len(half)}; committed but not answered 'saved': {len(unsaid)}"
    )
    print(
        f"  task worker: {'still running' if worker_alive else 'DIED'}, "
        f"rounds ended by a database error: {worker_errors}"
    )
    tail = [o for at, o in after if at > back + AFTER - 3]
    ok = (
        not bad
        and not lost
        and not half
        and saved
        and worker_alive
        and tail
        and all(o == "ok" for o in tail)
    )
    print("  lost: " + ("nothing" if ok else "SEE ABOVE"))
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
