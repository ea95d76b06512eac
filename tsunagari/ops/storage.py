"""Uploads written whole or not at all.

Django's FileSystemStorage writes straight into the final name: when the disk fills
half-way, a truncated file stays behind under a name nothing points to (the database
row was rolled back). This storage writes to a hidden temporary file in the same
folder, flushes it to disk and renames it into place; on any error the temporary file is
removed and the error goes on (an ENOSPC becomes the 507 page of
:class:`tsunagari.ops.middleware.FaultPageMiddleware`).
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

from django.core.files.storage import FileSystemStorage


class AtomicFileSystemStorage(FileSystemStorage):
    def _save(self, name: str, content: Any) -> str:
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(directory, exist_ok=True)
        while True:
            fd, temporary = tempfile.mkstemp(prefix=".upload-", dir=directory)
            try:
                with os.fdopen(fd, "wb") as handle:
                    content.seek(0) if hasattr(content, "seek") else None
                    for chunk in content.chunks():
                        handle.write(chunk if isinstance(chunk, bytes) else chunk.encode())
                    handle.flush()
                    os.fsync(handle.fileno())
                if self.file_permissions_mode is not None:
                    os.chmod(temporary, self.file_permissions_mode)
                # link, not replace: never overwrite a file of the same name
                try:
                    os.link(temporary, full_path)
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = self.path(name)
                    continue
                return str(name).replace("\\", "/")
            finally:
                if os.path.exists(temporary):
                    os.unlink(temporary)
