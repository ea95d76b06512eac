"""The certificate PDF, made with fpdf2 (pure Python) and a Japanese font from Debian."""

from pathlib import Path

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext
from fpdf import FPDF

from tsunagari.core import ruby
from tsunagari.supporters.models import Supporter


def _(message: str) -> str:
    """A message for the PDF: やさしい日本語's reading marks are not printed (core.ruby)."""
    return ruby.strip(gettext(message))


class FontMissing(RuntimeError):
    pass


def font_path() -> Path:
    return Path(settings.CERTIFICATE_FONT)


def certificate_pdf(supporter: Supporter) -> bytes:
    font = font_path()
    if not font.exists():
        raise FontMissing(str(font))
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_title(_("つながりサポーター修了証"))
    pdf.add_page()
    pdf.add_font("jp", fname=str(font))
    pdf.set_draw_color(31, 95, 168)
    pdf.set_line_width(1.5)
    pdf.rect(12, 12, 273, 186)
    pdf.set_y(38)
    pdf.set_font("jp", size=30)
    pdf.cell(0, 16, _("つながりサポーター修了証"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(12)
    pdf.set_font("jp", size=24)
    pdf.cell(
        0,
        14,
        _("%(name)s さん") % {"name": supporter.name},
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(10)
    pdf.set_font("jp", size=14)
    pdf.set_x(40)
    pdf.multi_cell(
        217,
        9,
        _(
            "あなたは、つながりサポーター講座を修了されました。まわりの人の小さな変化に気づき、"
            "話を聴き、相談先や地域の居場所へつなぐ、つながりの輪の一員です。"
        ),
        align="C",
    )
    pdf.ln(14)
    pdf.set_font("jp", size=12)
    issued = date_format(supporter.registered_on, "DATE_FORMAT")
    pdf.cell(
        0,
        8,
        _("修了証の番号: %(number)s") % {"number": supporter.number},
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.cell(
        0, 8, _("発行日: %(date)s") % {"date": issued}, align="C", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.cell(
        0, 8, _("つながり 堺市の孤独・孤立対策のサイト"), align="C", new_x="LMARGIN", new_y="NEXT"
    )
    return bytes(pdf.output())
