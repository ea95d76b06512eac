"""The handbook as a PDF: one function the command, the site and the benchmark share."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from tsunagari.handbook.edition import Edition, build_edition, parse_language, parse_ward
from tsunagari.handbook.pdf import render_pdf


def handbook_title(edition: Edition) -> str:
    if edition.ward:
        return _("お悩みハンドブック（%(ward)s版）") % {"ward": edition.ward_label}
    return _("お悩みハンドブック（堺市全域版）")


def handbook_pdf(*, ward: str = "", language: str = "") -> bytes:
    """The PDF of one edition. ``ward`` and ``language`` are checked (:class:`EditionError`)."""
    ward = parse_ward(ward)
    language = parse_language(language)
    with translation.override(language):
        edition = build_edition(ward=ward, language=language)
        return render_pdf(
            "handbook/pdf/handbook.html",
            {"edition": edition, "site_url": settings.SITE_URL},
            title=handbook_title(edition),
        )


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it: never a half-written PDF."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
