"""Uploaded logos: checked by what the bytes are, not by the name or the browser's claim.

Only raster images are accepted (no SVG: it can carry scripts). The stored name
is random, with the extension of the detected type, under MEDIA_ROOT (outside the
web root); the file is served only through :func:`tsunagari.partners.views.logo`.
"""

import uuid

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

MAX_LOGO_BYTES = 500 * 1024
LOGO_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}
CONTENT_TYPES = {ext: mime for mime, ext in LOGO_TYPES.items()}


def check_logo(upload: UploadedFile) -> UploadedFile:
    if upload.size is None or upload.size > MAX_LOGO_BYTES:
        raise ValidationError(
            _("ロゴは500KBまでです。小さくしてからもう一度お選びください。"), code="too_big"
        )
    upload.seek(0)
    head = upload.read(262)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in LOGO_TYPES:
        raise ValidationError(
            _(
                "ロゴは PNG・JPEG・WebP の画像にしてください。このファイルは画像として読めませんでした。"
            ),
            code="bad_type",
        )
    upload.name = f"{uuid.uuid4().hex}.{LOGO_TYPES[kind.mime]}"
    return upload
