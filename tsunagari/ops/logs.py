"""One JSON object per log line, for log collectors.

Request lines (from :class:`tsunagari.ops.middleware.RequestLogMiddleware`) carry only
the fields listed in :data:`REQUEST_FIELDS`: the method, the route's name (never the
path or the query string, which may hold what a person wrote), the status and the time.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

REQUEST_FIELDS = ("method", "route", "status", "duration_ms")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for name in REQUEST_FIELDS:
            if hasattr(record, name):
                data[name] = getattr(record, name)
        if record.exc_info:
            data["exc"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False)
