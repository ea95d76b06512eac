"""Drill: kill -9 a gunicorn worker while people are saving gatherings.

A gathering is saved with its change history in one transaction (several rows). Three
signed-in members keep creating gatherings while a worker is killed with SIGKILL four
times. Afterwards: every creation that was answered "saved" (302) must be in the database
with its whole history, and no gathering may have half its history (the ones in flight
are either whole or absent). Prints what was lost. Throwaway database under var/.
"""

from __future__ import annotations

import collections
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "load"))
from run import BIN, ROOT, run, target_env, wait_ready  # noqa: E402

PORT = int(os.environ.get("DRILL_PORT", "8133"))
BASE = f"http://127.0.0.1:{PORT}"
KILLS = 4
FORM = {
    "kind": "cafe",
    "description": "（訓練）架空のつどい",
    "recurrence": "monthly_nth",
    "weekday": "TH",
    "week_of_month": "3",
    "starts_on": "2026-12-01",
    "start_time": "13:30",
    "end_time": "15:00",
    "ward": "naka",
    "place_name": "（訓練）○○会館",
    "address_text": "（訓練）中区○○町",
    "cost": "無料",
    "accessibility": "段差なし",
    "joining": "just_come",
}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def client(email: str, password: str, totp_key: str = "") -> requests.Session:
    session = requests.Session()
    session.headers.update(
        {
            "X-Forwarded-Proto": "https",
            "Referer": f"https://127.0.0.1:{PORT}/",
            "Origin": f"https://127.0.0.1:{PORT}",
        }
    )
    page = session.get(BASE + "/accounts/login/", timeout=30)
    token = CSRF.search(page.text).group(1)  # type: ignore[union-attr]
    for cookie in session.cookies:
        cookie.secure = False
    answer = session.post(
        BASE + "/accounts/login/",
        {"username": email, "password": password, "csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=30,
    )
    if answer.status_code != 302:
        raise SystemExit(f"sign-in failed: {answer.status_code}")
    for cookie in session.cookies:
        cookie.secure = False
    step = answer.headers.get("Location", "")
    if "/accounts/two-factor/" in step and totp_key:  # role holders: the second step
        from django_otp.oath import totp

        page = session.get(BASE + step if step.startswith("/") else step, timeout=30)
        token = CSRF.search(page.text).group(1)  # type: ignore[union-attr]
        for cookie in session.cookies:
            cookie.secure = False
        verified = session.post(
            page.url,
            {"token": f"{totp(bytes.fromhex(totp_key)):06d}", "csrfmiddlewaretoken": token},
            allow_redirects=False,
            timeout=30,
        )
        if verified.status_code != 302 or "/two-factor/" in verified.headers.get("Location", ""):
            raise SystemExit(f"second sign-in step failed: {verified.status_code}")
        for cookie in session.cookies:
            cookie.secure = False
    return session


def workers(master: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            found.append(int(stat.parent.name))
    return found


def main() -> None:
    (ROOT / "var").mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="drill-", dir=ROOT / "var"))
    env = target_env(os.environ.get("DRILL_DB", "sqlite"), work)
    if env["DATABASE_URL"].startswith("postgres"):
        import psycopg
        from run import PG_ADMIN

        env["DATABASE_URL"] = PG_ADMIN.rsplit("/", 1)[0] + "/tsunagari_drill"
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS tsunagari_drill WITH (FORCE)")
            conn.execute("CREATE DATABASE tsunagari_drill")
    env["LOAD_MEMBERS"] = "3"
    python = str(BIN / "python")
    run(env, python, "manage.py", "migrate", "--noinput")
    run(env, python, "manage.py", "collectstatic", "--noinput")
    data_file = work / "data.json"
    run(env, python, str(HERE.parent / "load" / "prepare.py"), str(data_file))
    import json

    data = json.loads(data_file.read_text())
    gunicorn = subprocess.Popen(
        [str(BIN / "gunicorn"), "tsunagari.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{PORT}"],
        env=env,
        cwd=ROOT,
        stderr=(work / "gunicorn.log").open("w"),
    )
    outcomes: dict[str, str] = {}
    stop = threading.Event()
    try:
        wait_ready(BASE)
        os.environ.update({k: v for k, v in env.items() if k in ("DATABASE_URL", "VAR_DIR")})
        keys = data.get("totp_keys", {})
        sessions = [client(e, data["password"], keys.get(e, "")) for e in data["members"]]
        org = _org_of(env)

        def writer(n: int, session: requests.Session) -> None:
            count = 0
            while not stop.is_set():
                count += 1
                title = f"（訓練）つどい {n}-{count}"
                try:
                    page = session.get(f"{BASE}/events/manage/{org}/new/", timeout=30)
                    token = CSRF.search(page.text).group(1)  # type: ignore[union-attr]
                    for cookie in session.cookies:
                        cookie.secure = False  # the proxy's https, this loopback hop
                    answer = session.post(
                        f"{BASE}/events/manage/{org}/new/",
                        {**FORM, "title": title, "csrfmiddlewaretoken": token},
                        allow_redirects=False,
                        timeout=30,
                    )
                    outcomes[title] = (
                        "saved" if answer.status_code == 302 else f"answered {answer.status_code}"
                    )
                except (requests.RequestException, AttributeError) as exc:
                    outcomes[title] = f"in flight ({type(exc).__name__})"

        threads = [threading.Thread(target=writer, args=(n, s)) for n, s in enumerate(sessions)]
        for thread in threads:
            thread.start()
        time.sleep(3)
        for _ in range(KILLS):
            victims = workers(gunicorn.pid)
            if victims:
                os.kill(victims[0], signal.SIGKILL)
            time.sleep(2.5)
        time.sleep(3)
        stop.set()
        for thread in threads:
            thread.join()
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
    report(env, outcomes)


def _org_of(env: dict[str, str]) -> str:
    code = (
        "import django; django.setup(); from tsunagari.directory.models import Organization; "
        "print(Organization.objects.get(name='（負荷試験）架空の団体').pk)"
    )
    return subprocess.run(
        [str(BIN / "python"), "-c", code],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def stored_gatherings(env: dict[str, str]) -> dict[str, int]:
    """Title → history rows of every drill gathering the database holds (one subprocess)."""
    code = (
        "import django, json; django.setup()\n"
        "from tsunagari.gatherings.models import Gathering\n"
        "print(json.dumps({g.title: g.history().count() for g in "
        "Gathering.objects.filter(title__startswith='（訓練）')}))"
    )
    done = subprocess.run(
        [str(BIN / "python"), "-c", code],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(done.stdout))


def report(env: dict[str, str], outcomes: dict[str, str]) -> None:
    stored = stored_gatherings(env)
    whole = collections.Counter(stored.values()).most_common(1)[0][0] if stored else 0
    saved = [t for t, o in outcomes.items() if o == "saved"]
    flight = [t for t, o in outcomes.items() if o != "saved"]
    lost = [t for t in saved if t not in stored]
    half = [t for t, n in stored.items() if n != whole]
    committed_in_flight = [t for t in flight if t in stored]
    print(
        f"kill -9 of a gunicorn worker ×{KILLS} during {len(outcomes)} saves ({env['DATABASE_URL'].split(':')[0]}):"
    )
    print(f"  answered 'saved': {len(saved)}; of these missing afterwards: {len(lost)}")
    print(
        f"  cut off in flight or refused: {len(flight)} ({collections.Counter(o.split(' (')[0] for o in outcomes.values() if o != 'saved')}); "
        f"of these committed whole: {len(committed_in_flight)}, the rest not at all"
    )
    print(f"  gatherings with half their history (of {whole} rows each): {len(half)}")
    print(
        "  lost: "
        + ("nothing" if not lost and not half else f"{len(lost)} saved, {len(half)} half-written")
    )
    if lost or half or not saved:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
