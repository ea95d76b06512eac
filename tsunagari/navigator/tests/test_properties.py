"""Property-based tests: whatever a person types, the API and the forms never fail."""

import json
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tsunagari.navigator.text import MAX_CHARS

pytestmark = pytest.mark.django_db

NASTY = st.sampled_from(
    [
        "",
        " ",
        "\x00\x01\x1f\x7f",
        "<script>alert('x')</script>",
        '"><img src=x onerror=alert(1)>',
        "'; DROP TABLE directory_service; --",
        "1 OR 1=1",
        "死にたい" * 3000,
        "😭😭😭 さみしい 🫠",
        "ＤＶ　ｶﾀｶﾅ　ﾃｽﾄ",
        "借金 debt 债务 빚 nợ dívida",
        "\u202e\u200b\ufeff",
        "a" * 10_000,
        "\ud800",
    ]
)
TEXT = st.one_of(
    NASTY,
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=0, max_size=80),
    st.builds(lambda a, b: a + b, NASTY, st.text(max_size=40)),
)
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _safe(value: str) -> str:
    # The test client encodes parameters as UTF-8; lone surrogates cannot be sent by a browser.
    return value.encode("utf-8", "replace").decode("utf-8")


@SETTINGS
@given(
    q=TEXT,
    ward=st.one_of(
        st.just(""), st.sampled_from(["堺区", "kita", "東京", "<b>"]), st.text(max_size=10)
    ),
)
def test_it_never_fails_on_the_api(client: Client, q: str, ward: str) -> None:
    response = client.get("/api/v1/recommend", {"q": _safe(q), "ward": _safe(ward)})
    assert response.status_code in (200, 400)
    data = json.loads(response.content)
    if response.status_code == 400:
        assert data["error"]
        return
    assert len(data["q"]) <= MAX_CHARS
    assert len(data["services"]) <= 10
    if len(_safe(q).strip()) > MAX_CHARS + 50:
        assert "notice" in data


@SETTINGS
@given(q=TEXT)
def test_it_never_fails_on_the_answer_page_and_escapes_what_was_typed(
    client: Client, q: str
) -> None:
    q = _safe(q)
    response = client.get("/navi/", {"q": q})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
    assert "<img src=x" not in html


@SETTINGS
@given(
    params=st.dictionaries(
        st.sampled_from(["who", "age", "need", "first", "how", "when", "ward", "s", "q"]),
        st.one_of(TEXT, st.lists(st.sampled_from(["money", "work", "x", "<i>", ""]), max_size=4)),
        max_size=6,
    )
)
def test_it_never_fails_on_guided_mode_or_guided_answers(
    client: Client, params: dict[str, Any]
) -> None:
    clean = {
        k: ([_safe(v) for v in value] if isinstance(value, list) else _safe(value))
        for k, value in params.items()
    }
    for path in ("/navi/guided/", "/navi/"):
        response = client.get(path, clean)
        assert response.status_code in (200, 400), (path, clean)
        assert "<i>" not in response.content.decode().split("<main", 1)[1]
