from collections.abc import Iterator

import pytest

from tsunagari.navigator.index import invalidate


@pytest.fixture(autouse=True)
def _fresh_directory_index() -> Iterator[None]:
    """Each test sees its own directory rows (rollbacks send no signals)."""
    invalidate()
    yield
    invalidate()
