"""HTML → PDF with WeasyPrint (docs/decisions/0037), with Japanese fonts from Debian.

The fonts are files of the Debian packages the Makefile's ``fonts`` target installs:
BIZ UD (made for readability) first, Noto Sans CJK as the fallback for what BIZ UD
lacks. WeasyPrint embeds only the glyphs a PDF uses (subsets). A missing BIZ UD
font stops the build with a message that says how to install it, rather than
printing a handbook in a wrong typeface or with empty boxes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from tsunagari.core import ruby


class FontMissing(RuntimeError):
    pass


FONT_FILES = {
    "regular": "bizud-gothic/BIZUDPGothic-Regular.ttf",
    "bold": "bizud-gothic/BIZUDPGothic-Bold.ttf",
    "mincho": "bizud-mincho/BIZUDPMincho-Regular.ttf",
}


def font_files() -> dict[str, Path]:
    root = Path(settings.HANDBOOK_FONT_DIR)
    return {name: root / relative for name, relative in FONT_FILES.items()}


def check_fonts() -> dict[str, Path]:
    files = font_files()
    missing = [str(path) for name, path in files.items() if name != "mincho" and not path.exists()]
    if missing:
        raise FontMissing(
            _("日本語フォントがありません（%(files)s）。make fonts で入れてください。")
            % {"files": ", ".join(missing)}
        )
    return files


def render_pdf(template: str, context: dict[str, Any], *, title: str) -> bytes:
    """Render a template to PDF bytes. The template gets ``fonts`` (file URLs) in its context."""
    import weasyprint

    files = check_fonts()
    fonts = {name: path.as_uri() for name, path in files.items() if path.exists()}
    rendered = render_to_string(template, {**context, "fonts": fonts, "pdf_title": title})
    html = ruby.strip(rendered)  # やさしい日本語's reading marks are not printed (core.ruby)
    document = weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR))
    pdf = document.write_pdf()
    assert pdf is not None  # noqa: S101 - write_pdf returns bytes when no target is given
    return pdf
