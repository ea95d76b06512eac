"""The settings file is safe by default: DEBUG is off unless switched on, and no key means no start."""

import os
import subprocess
import sys

from django.conf import settings

PROBE = "from django.conf import settings; print(settings.DEBUG)"


def _settings_in_child(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY")}
    clean.update(env, DJANGO_SETTINGS_MODULE="tsunagari.settings")
    return subprocess.run(  # noqa: S603 — our own interpreter, fixed arguments
        [sys.executable, "-c", "import django; django.setup(); " + PROBE],
        env=clean,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
        timeout=60,
    )


def test_it_keeps_debug_off_when_nobody_switches_it_on() -> None:
    result = _settings_in_child(SECRET_KEY="a-real-secret-for-this-test-only-0123456789")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off() -> None:
    result = _settings_in_child()
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_it_switches_debug_on_only_when_asked() -> None:
    result = _settings_in_child(DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
