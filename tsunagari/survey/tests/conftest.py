"""sara (staff) comes from tsunagari/conftest.py; signed_in from the partners fixtures."""

from typing import Any

import pytest

from tsunagari.partners.tests.conftest import signed_in
from tsunagari.survey.models import Wave

__all__ = ["signed_in", "answer_row"]


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def wave(db: None) -> Wave:
    return Wave.objects.create(name="（テスト）令和8年度市民アンケート", status="open")


def answer_row(**extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "age_band": "70-79",
        "sex": "female",
        "ward": "kita",
        "household": "alone",
        "lonely_1": 3,
        "lonely_2": 2,
        "lonely_3": 3,
        "direct": 4,
    }
    row.update(extra)
    return row
