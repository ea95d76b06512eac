"""One JSON line per request; nothing a person wrote ever reaches the log."""

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from tsunagari.ops.logs import JsonFormatter

WORRY = "夫に殴られて家を出たい山田花子です099-9999-9999"


@pytest.fixture
def log_output() -> Iterator[io.StringIO]:
    """What the configured handlers would write, from the real LOGGING setting."""
    buffer = io.StringIO()
    handlers = {
        *logging.getLogger("tsunagari.request").handlers,
        *logging.getLogger().handlers,
    }
    streams = [
        (h, h.setStream(buffer))
        for h in handlers
        if isinstance(h, logging.StreamHandler) and isinstance(h.formatter, JsonFormatter)
    ]
    assert streams, "LOGGING has no stream handler"
    yield buffer
    for handler, old in streams:
        handler.setStream(old)  # type: ignore[type-var]


def lines(buffer: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in buffer.getvalue().splitlines() if line.strip()]


@pytest.mark.django_db
def test_it_writes_one_json_line_with_route_status_and_time(
    client: Client, log_output: io.StringIO
) -> None:
    client.get("/healthz")
    [line] = lines(log_output)
    assert line["method"] == "GET"
    assert line["route"] == "ops:healthz"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float)
    assert "path" not in line


@pytest.mark.django_db
def test_it_never_logs_what_a_person_asked_the_navigator(
    client: Client, log_output: io.StringIO
) -> None:
    post = client.post("/navi/", {"q": WORRY, "ward": "sakai"})
    get = client.get("/navi/", {"q": WORRY})
    missing = client.get("/navi/" + "山田花子/", {"q": WORRY})
    assert post.status_code == 200 and get.status_code == 200
    assert missing.status_code == 404
    output = log_output.getvalue()
    for fragment in (WORRY, "山田", "090-1234", "%E5%A4%AB", "q="):
        assert fragment not in output
    routes = [(line["method"], line["route"], line["status"]) for line in lines(log_output)]
    assert routes == [
        ("POST", "navigator:answer", 200),
        ("GET", "navigator:answer", 200),
        ("GET", "-", 404),
    ]


@pytest.mark.django_db
def test_it_logs_a_server_error_as_one_line_without_the_query(
    client: Client, log_output: io.StringIO, monkeypatch: Any
) -> None:
    from tsunagari.navigator import views

    def broken(params: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "_compute_answer", broken)
    client.raise_request_exception = False
    response = client.get("/navi/", {"q": WORRY + "（二度目）"})  # not in the answer cache
    assert response.status_code == 500
    output = log_output.getvalue()
    assert "山田" not in output and "q=" not in output
    assert all(line.startswith("{") for line in output.splitlines())
    assert lines(log_output)[-1]["status"] == 500
