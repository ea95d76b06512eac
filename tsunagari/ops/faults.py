"""Pages for faults of the machine, not of the code.

- The database is unreachable (restarting, failing over): 503 with Retry-After. Django
  closes the broken connection when the request ends, and CONN_HEALTH_CHECKS replaces a
  stale persistent one before the next request uses it.
- The disk is full while saving an upload: 507, saying that nothing was saved. The view's
  transaction has rolled back and :class:`tsunagari.ops.storage.AtomicFileSystemStorage`
  has removed its temporary file.

Anything else is a bug and gets the 500 page.
"""

from __future__ import annotations

import errno
import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger("tsunagari.faults")

DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})


def fault_response(exception: BaseException | None) -> HttpResponse | None:
    if isinstance(exception, OperationalError | InterfaceError):
        logger.error("database unavailable: %s", type(exception).__name__)
        response = HttpResponse(render_to_string("ops/503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    if isinstance(exception, OSError) and exception.errno in DISK_FULL:
        logger.error("disk full while saving a file")
        return HttpResponse(render_to_string("ops/507.html"), status=507)
    return None
