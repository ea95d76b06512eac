from collections.abc import Iterator
from typing import Any

import pytest

from tsunagari.navigator.index import invalidate


@pytest.fixture(autouse=True)
def _fresh_directory_index() -> Iterator[None]:
    """Each test sees its own directory rows (rollbacks send no signals)."""
    invalidate()
    yield
    invalidate()


@pytest.fixture(autouse=True)
def _count_every_answer_at_once(settings: Any) -> None:
    settings.NAVIGATOR_TALLY_FLUSH_SECONDS = 0
