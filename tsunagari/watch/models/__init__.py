"""見守り: the businesses of the watch network and the concerns they report.

Import from here: ``from tsunagari.watch.models import Report``.
"""

from tsunagari.watch.models.business import BusinessStatus, WatchBusiness
from tsunagari.watch.models.report import (
    ActionKind,
    Outcome,
    Report,
    ReportAction,
    ReportStatus,
    Routing,
)

__all__ = [
    "ActionKind",
    "BusinessStatus",
    "Outcome",
    "Report",
    "ReportAction",
    "ReportStatus",
    "Routing",
    "WatchBusiness",
]
