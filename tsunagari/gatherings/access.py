"""Object-level access to gatherings: someone else's gathering answers 404."""

from typing import Any

from django.http import Http404, HttpRequest

from tsunagari.gatherings.models import Gathering, GatheringQuerySet
from tsunagari.partners.access import organizations_for


def gatherings_for(user: Any) -> GatheringQuerySet:
    """Gatherings of the approved member organisations the user acts for."""
    return Gathering.objects.filter(organization__in=organizations_for(user))


def get_gathering_for_user(request: HttpRequest, pk: Any) -> Gathering:
    try:
        return gatherings_for(request.user).select_related("organization").get(pk=pk)
    except (Gathering.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
