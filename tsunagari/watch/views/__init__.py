"""Views of the watch network: the businesses' public pages (reached by the links on their
QR card), the centres' pages, and the secretariat's."""

from tsunagari.watch.views.centre import centre_home, report_detail, report_reveal
from tsunagari.watch.views.public import about, card, join, join_thanks, report_form, status
from tsunagari.watch.views.staff import figures, staff_business, staff_card, staff_home

__all__ = [
    "about",
    "card",
    "centre_home",
    "figures",
    "join",
    "join_thanks",
    "report_detail",
    "report_form",
    "report_reveal",
    "staff_business",
    "staff_card",
    "staff_home",
    "status",
]
