"""Shared test fixtures: the named people of every role (from :mod:`tsunagari.testing`, the one
fixture module), fresh counters, and a real browser."""

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

# The named people of every test, from the one fixture module (explicit names, no ``*``).
from tsunagari.testing import (  # noqa: F401 — pytest fixtures, used by name
    _fast_passwords,
    alice,
    bob,
    charlie,
    org_a,
    org_b,
    password,
    plain_user,
    root,
    sara,
)

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls
# made by the test itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(autouse=True)
def _plain_static_storage(settings: Any) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _japanese_between_tests() -> Iterator[None]:
    """A request in another language leaves that language active in the thread (the locale
    middleware activates it and nothing deactivates it); each test starts in Japanese, so
    that labels computed outside a request do not depend on the test that ran before."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_counters() -> None:
    """Throttles and tallies count in Django's cache: each test starts from zero."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed (make browser installs it)")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="ja-JP", viewport={"width": 375, "height": 740})
    page = context.new_page()
    yield page
    context.close()


def axe_violations(
    page: Any, *, impacts: tuple[str, ...] = ("serious", "critical")
) -> list[dict[str, Any]]:
    """Run axe-core (wcag2a + wcag2aa) on the open page; return the violations of those impacts."""
    # Evaluated through the browser's debugging protocol, not as a <script> tag: the site's
    # Content-Security-Policy (rightly) refuses inline scripts, and the test runs under it.
    page.evaluate("source => { (0, eval)(source); }", AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})"
    )
    return [v for v in result["violations"] if v.get("impact") in impacts]


def describe_violations(violations: list[dict[str, Any]]) -> str:
    return json.dumps(
        [
            {
                "id": v["id"],
                "impact": v["impact"],
                "nodes": [n["html"][:120] for n in v["nodes"][:3]],
            }
            for v in violations
        ],
        ensure_ascii=False,
        indent=1,
    )


def sign_in_with_code(page: Any, live_server: Any, user: Any, secret: str, next_path: str) -> None:
    """Sign in through the real pages: the password, then a code from a registered authenticator
    (every role that can change what the public sees uses two factors, decision 0024)."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    page.goto(f"{live_server.url}/accounts/login/?next={next_path}")
    page.fill("#id_username", user.username)
    page.fill("#id_password", secret)
    page.get_by_role("button", name="ログインする").click()
    page.wait_for_url("**/accounts/two-factor/verify/**")
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    page.fill("#id_token", f"{totp.token():06d}")
    page.get_by_role("button", name="確認する").click()
    page.wait_for_url(f"**{next_path}")
