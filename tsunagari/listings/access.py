"""Object-level access to listings: someone else's listing answers 404.

A gathering's mirror Service is kept by the gathering, never edited here.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from tsunagari.accounts.models import RoleKind
from tsunagari.core.access import is_platform_staff
from tsunagari.directory.models import Organization, Service
from tsunagari.partners.access import organizations_for
from tsunagari.partners.models import MemberStatus


def listings_for(user: Any) -> QuerySet[Service]:
    """Listings of the approved member organisations the user acts for."""
    return Service.objects.filter(organization__in=organizations_for(user), gathering__isnull=True)


def get_listing_for_user(request: HttpRequest, pk: Any) -> Service:
    try:
        return listings_for(request.user).select_related("organization").get(pk=pk)
    except (Service.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def get_listing_for_owner_or_staff(request: HttpRequest, pk: Any) -> Service:
    """The history is shown to the owner and to platform staff; everyone else gets 404."""
    if is_platform_staff(request.user):
        try:
            return Service.objects.select_related("organization").get(pk=pk)
        except (Service.DoesNotExist, ValueError) as exc:
            raise Http404 from exc
    return get_listing_for_user(request, pk)


def owner_emails(organization: Organization) -> list[str]:
    """Who answers for an organisation's listings: its admins, else its members, else its contact person.

    Only approved member organisations are owners: we never mail an organisation whose
    listing came from a public source and who never joined the platform.
    """
    member = getattr(organization, "member", None)
    if member is None or member.status != MemberStatus.APPROVED:
        return []
    roles = organization.roles.filter(user__is_active=True).exclude(user__email="")
    emails = sorted(roles.filter(kind=RoleKind.ADMIN).values_list("user__email", flat=True))
    if not emails:
        emails = sorted(roles.values_list("user__email", flat=True))
    if not emails and member.contact_email:
        emails = [member.contact_email]
    return emails
