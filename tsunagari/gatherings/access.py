"""Object-level access to gatherings: someone else's gathering answers 404."""

from typing import Any

from django.http import Http404, HttpRequest

from tsunagari.core.access import is_platform_staff
from tsunagari.gatherings.models import Gathering, GatheringQuerySet
from tsunagari.partners.access import organizations_for


def gatherings_for(user: Any) -> GatheringQuerySet:
    """Gatherings of the approved member organisations the user acts for."""
    return Gathering.objects.filter(organization__in=organizations_for(user))


def get_gathering_for_user(request: HttpRequest, pk: Any, *, kept: bool = False) -> Gathering:
    """The user's organisation's gathering; ``kept`` leaves deleted ones out (404)."""
    gatherings = gatherings_for(request.user)
    if kept:
        gatherings = gatherings.kept()
    try:
        return gatherings.select_related("organization").get(pk=pk)
    except (Gathering.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def get_gathering_for_owner_or_staff(request: HttpRequest, pk: Any) -> Gathering:
    """The history is for the organiser and platform staff; everyone else gets 404."""
    if is_platform_staff(request.user):
        try:
            return Gathering.objects.select_related("organization").get(pk=pk)
        except (Gathering.DoesNotExist, ValueError) as exc:
            raise Http404 from exc
    return get_gathering_for_user(request, pk)
