"""Request counts and latency for Prometheus (prometheus-client, docs/decisions/0031).

Labels are the route's name, the method and the status — a bounded set, never a path.
Under gunicorn each worker writes its figures to PROMETHEUS_MULTIPROC_DIR and the
metrics page adds them up.
"""

from __future__ import annotations

import os

from prometheus_client import (
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

REQUESTS = Counter(
    "tsunagari_requests",
    "HTTP requests answered, by route name, method and status.",
    ["route", "method", "status"],
)
LATENCY = Histogram(
    "tsunagari_request_duration_seconds",
    "Time to answer an HTTP request, by route name.",
    ["route"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)


def observe(*, route: str, method: str, status: int, seconds: float) -> None:
    REQUESTS.labels(route=route, method=method, status=str(status)).inc()
    LATENCY.labels(route=route).observe(seconds)


def exposition() -> bytes:
    """The text format Prometheus reads, for this process or all of gunicorn's workers."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry)
    return generate_latest(REGISTRY)
