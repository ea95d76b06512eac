"""Gatherings and places to belong (居場所・つどい): the gathering, its meetings and cancelled meetings."""

from tsunagari.gatherings.models.gathering import (
    CONNECTION_NEED,
    HISTORY_TYPE,
    SERVICE_STATUS_FOR,
    TOKYO,
    VISIBLE_STATES,
    Gathering,
    GatheringKind,
    GatheringQuerySet,
    GatheringState,
    Joining,
    Recurrence,
    Weekday,
    WeekOfMonth,
)
from tsunagari.gatherings.models.sessions import Cancellation, Session

__all__ = [
    "CONNECTION_NEED",
    "HISTORY_TYPE",
    "SERVICE_STATUS_FOR",
    "TOKYO",
    "VISIBLE_STATES",
    "Gathering",
    "GatheringKind",
    "GatheringQuerySet",
    "GatheringState",
    "Joining",
    "Recurrence",
    "WeekOfMonth",
    "Weekday",
    "Cancellation",
    "Session",
]
