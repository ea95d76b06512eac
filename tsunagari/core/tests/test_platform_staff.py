"""Who is platform staff is said in one place (User.is_platform_staff), and everything asks it."""

import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser

from tsunagari.core.access import is_platform_staff

SOURCE = Path(settings.BASE_DIR) / "tsunagari"
THE_ONE_PLACE = SOURCE / "accounts" / "models.py"
# Any way of deciding staff by hand: `is_staff or …`, `… or user.is_superuser`, `is_active and user.is_staff`.
HAND_WRITTEN = re.compile(r"is_staff\s+or|or\s+\w+\.is_superuser|is_active\s+and\s+\w+\.is_staff")


def test_it_decides_platform_staff_in_one_place_only() -> None:
    offenders = [
        f"{path.relative_to(SOURCE)}:{number}"
        for path in SOURCE.rglob("*.py")
        if path != THE_ONE_PLACE and "tests" not in path.parts and "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if HAND_WRITTEN.search(line)
    ]
    templates = [
        f"{path.relative_to(SOURCE)}"
        for path in SOURCE.rglob("*.html")
        if "user.is_staff" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
    assert templates == []


def test_it_counts_staff_and_system_admins_and_nobody_else(
    sara: Any, root: Any, plain_user: Any
) -> None:
    assert is_platform_staff(sara)
    assert is_platform_staff(root)
    assert not is_platform_staff(plain_user)
    assert not is_platform_staff(AnonymousUser())
    sara.is_active = False
    assert not is_platform_staff(sara)
