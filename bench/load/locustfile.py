"""The load scenario: citizens reading and asking, members signing in and editing.

Run by ``bench/load/run.py`` (``make load``), headless, against 127.0.0.1 only. The mix,
per simulated person (each waits 1–3 s between pages, a quick reader):

- Visitor (9 in 10): home, need pages, a new question to the navigator (POST from the form,
  sometimes ?q= or the JSON API), service pages, the calendar, a gathering, the feeds,
  the HSDS API when the site has one.
- Member (1 in 10): signs in once (the real password hasher), then the dashboard, the
  board and an edit of one of the organisation's postings.

The server sits behind a TLS proxy in production; the scenario says so with
X-Forwarded-Proto, and keeps the Secure cookies Django then sets.
"""

from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path
from typing import Any

from locust import HttpUser, between, events, task
from questions import Questions

DATA = json.loads(Path(os.environ["LOAD_DATA"]).read_text(encoding="utf-8"))
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "20000"))
HOST_HEADER = os.environ.get("LOAD_HOST_HEADER", "127.0.0.1")
PROXY = {"X-Forwarded-Proto": "https"}
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

_seen = {"requests": 0}


@events.request.add_listener
def _bound(**_: Any) -> None:
    """Never more than LOAD_MAX_REQUESTS requests in one run, whatever the time limit."""
    _seen["requests"] += 1
    if _seen["requests"] == MAX_REQUESTS:
        runner = getattr(events, "_runner", None)
        if runner is not None:
            runner.quit()


@events.init.add_listener
def _keep_runner(environment: Any, **_: Any) -> None:
    events._runner = environment.runner  # type: ignore[attr-defined]


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.client.headers.update(
            {
                **PROXY,
                "Origin": f"https://{HOST_HEADER}",
                "Referer": f"https://{HOST_HEADER}/",
                "Accept-Language": "ja",
            }
        )
        self.rng = random.Random()
        self.questions = Questions(self.rng.randrange(1 << 30))

    def get(self, path: str, **kwargs: Any) -> Any:
        return self._kept(self.client.get(path, **kwargs))

    def post(self, path: str, data: dict[str, Any], **kwargs: Any) -> Any:
        return self._kept(self.client.post(path, data, **kwargs))

    def _kept(self, response: Any) -> Any:
        # Behind the proxy the site is https and its cookies are Secure; this hop is the
        # loopback between proxy and gunicorn, so keep sending them.
        for cookie in self.client.cookies:
            cookie.secure = False
        return response

    def csrf(self, path: str, name: str) -> str:
        page = self.get(path, name=name)
        found = CSRF_INPUT.search(page.text)
        return found.group(1) if found else self.client.cookies.get("csrftoken", "")


class Visitor(Person):
    weight = 9

    @task(3)
    def home(self) -> None:
        self.get("/", name="home")

    @task(2)
    def need(self) -> None:
        self.get(f"/needs/{self.rng.choice(DATA['needs'])}/", name="need")

    @task(3)
    def ask(self) -> None:
        token = self.csrf("/navi/", "navigator form")
        self.post(
            "/navi/",
            {"q": self.questions.next(), "ward": "", "csrfmiddlewaretoken": token},
            name="navigator POST",
        )

    @task(1)
    def ask_by_address(self) -> None:
        self.get("/navi/", params={"q": self.questions.next()}, name="navigator ?q=")

    @task(1)
    def api(self) -> None:
        self.get("/api/v1/recommend", params={"q": self.questions.next()}, name="api")

    @task(3)
    def service(self) -> None:
        if DATA["services"]:
            self.get(f"/services/{self.rng.choice(DATA['services'])}/", name="service")

    @task(1)
    def calendar(self) -> None:
        self.get("/events/", name="calendar")
        if DATA["gatherings"]:
            self.get(f"/events/{self.rng.choice(DATA['gatherings'])}/", name="gathering")

    @task(1)
    def feeds(self) -> None:
        self.get("/events.ics", name="events.ics")
        self.get("/partners/news/feed/", name="news feed")

    @task(1)
    def hsds(self) -> None:
        if DATA.get("hsds"):
            self.get(DATA["hsds"], name="hsds")


class Member(Person):
    weight = 1

    def on_start(self) -> None:
        super().on_start()
        token = self.csrf("/accounts/login/", "sign-in form")
        email = self.rng.choice(DATA["members"])
        with self.client.post(
            "/accounts/login/",
            {"username": email, "password": DATA["password"], "csrfmiddlewaretoken": token},
            name="sign in",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"not signed in: {response.status_code}")
            step = response.headers.get("Location", "")
        self._kept(None)
        key = DATA.get("totp_keys", {}).get(email)
        if "/accounts/two-factor/verify/" in step and key:
            # Everyone with a role has a second step (decision 0024); prepare.py gave each
            # member a device. Two people on one account in the same 30 s: the code is refused.
            from django_otp.oath import totp

            token = self.csrf(step, "second step form")
            with self.client.post(
                step,
                {"token": f"{totp(bytes.fromhex(key)):06d}", "csrfmiddlewaretoken": token},
                name="second step",
                allow_redirects=False,
                catch_response=True,
            ) as response:
                if response.status_code != 302 or "/two-factor/" in response.headers.get(
                    "Location", ""
                ):
                    response.failure(f"second step refused: {response.status_code}")
            self._kept(None)

    @task(2)
    def dashboard(self) -> None:
        self.get("/partners/home/", name="member home")

    @task(2)
    def board(self) -> None:
        self.get("/partners/board/", name="board")

    @task(1)
    def edit(self) -> None:
        pk = self.rng.choice(DATA["postings"])
        path = f"/partners/board/offer/{pk}/edit/"
        token = self.csrf(path, "posting edit form")
        with self.client.post(
            path,
            {
                "kind": "venue",
                "title": f"（負荷試験）申し出 {pk}",
                "description": f"編集 {self.rng.randrange(10**6)}",
                "needs": ["connection"],
                "wards": ["sakai"],
                "csrfmiddlewaretoken": token,
            },
            name="posting edit",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:  # saved → redirect to the posting
                response.failure(f"edit not saved: {response.status_code}")
        self._kept(None)
