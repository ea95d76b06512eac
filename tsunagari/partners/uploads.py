"""Uploaded logos: checked by what the bytes are, not by the name or the browser's claim.

Only raster images are accepted (no SVG: it can carry scripts). The dimensions are read
from the header before anything is decoded, so a small file that claims a huge picture
(a decompression bomb) is refused; what is kept is a fresh encoding by Pillow of the
pixels alone, so metadata (EXIF with GPS, text chunks) and anything hidden after the
image never reach the disk. The stored name is random, with the extension of the
detected type, under MEDIA_ROOT (outside the web root); the file is served only
through :func:`tsunagari.partners.views.logo`, and a replaced file is deleted.
"""

import io
import uuid
import warnings
from typing import Any

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

MAX_LOGO_BYTES = 500 * 1024
MAX_LOGO_SIDE = 2000  # pixels; a logo on a member's page is shown at most a few hundred wide
LOGO_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}
CONTENT_TYPES = {ext: mime for mime, ext in LOGO_TYPES.items()}
PILLOW_FORMATS = {"png": "PNG", "jpg": "JPEG", "webp": "WEBP"}

UNREADABLE = _(
    "ロゴは PNG・JPEG・WebP の画像にしてください。このファイルは画像として読めませんでした。"
)


TOO_LARGE = _("ロゴは縦横2000ピクセルまでです。小さくしてからもう一度お選びください。")


def _re_encode(upload: UploadedFile, ext: str) -> bytes:
    upload.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(upload) as image:
                width, height = image.size  # from the header: nothing decoded yet
                if width > MAX_LOGO_SIDE or height > MAX_LOGO_SIDE:
                    raise ValidationError(TOO_LARGE, code="too_large")
                image.load()
                picture = ImageOps.exif_transpose(image)
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise ValidationError(TOO_LARGE, code="too_large") from exc
        except (OSError, ValueError, SyntaxError) as exc:
            raise ValidationError(UNREADABLE, code="bad_type") from exc
    if ext == "jpg" and picture.mode not in ("RGB", "L"):
        picture = picture.convert("RGB")
    elif picture.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        picture = picture.convert("RGBA")
    out = io.BytesIO()
    picture.save(out, PILLOW_FORMATS[ext])  # no exif=, no pnginfo=: pixels only
    return out.getvalue()


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
        raise ValidationError(UNREADABLE, code="bad_type")
    ext = LOGO_TYPES[kind.mime]
    return SimpleUploadedFile(f"{uuid.uuid4().hex}.{ext}", _re_encode(upload, ext), kind.mime)


def delete_replaced_logo(field_file: Any, old_name: str) -> None:
    """Once the change is committed, delete the file a new logo (or clearing it) replaced."""
    if not old_name or old_name == (field_file.name or ""):
        return
    storage = field_file.storage
    transaction.on_commit(lambda: storage.delete(old_name))
