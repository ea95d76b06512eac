"""Signals the directory sends beyond Django's own.

``listings_changed`` is sent after rows were written without ``save()`` (bulk inserts of
terms or schedules, a whole synthetic directory): ``service_ids`` names the listings, or
is ``None`` when anything may have changed. The navigator's index listens (decision 0030).
"""

from django.dispatch import Signal

listings_changed = Signal()  # kwargs: service_ids (list of ids, or None for everything)
