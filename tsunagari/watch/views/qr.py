"""The QR code of a business's report form, as inline SVG (no image library needed)."""

import qrcode
import qrcode.image.svg
from django.urls import reverse

from tsunagari.core.links import absolute_url
from tsunagari.watch.models import WatchBusiness


def report_url(business: WatchBusiness) -> str:
    return absolute_url(reverse("watch:report", args=[business.report_token]))


def qr_svg(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    svg: str = image.to_string(encoding="unicode")
    return svg[svg.find("<svg") :]
