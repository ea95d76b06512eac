"""Object-level access for the platform: which organisations a person may act for.

Views call these helpers; someone else's object answers 404 (not 403), so
outsiders cannot even learn that it exists.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from tsunagari.accounts.models import RoleKind
from tsunagari.core.access import is_platform_staff
from tsunagari.directory.models import Organization
from tsunagari.partners.models import MemberStatus

__all__ = [
    "get_organization_for_user",
    "is_platform_staff",
    "organizations_for",
    "require_membership",
]


def organizations_for(user: Any, *, admin: bool = False) -> QuerySet[Organization]:
    """Approved member organisations the user acts for (as admin only, if asked)."""
    if not user.is_authenticated:
        return Organization.objects.none()
    roles = user.roles.all()
    if admin:
        roles = roles.filter(kind=RoleKind.ADMIN)
    return Organization.objects.filter(
        pk__in=roles.values("organization"), member__status=MemberStatus.APPROVED
    )


def get_organization_for_user(
    request: HttpRequest, pk: Any, *, admin: bool = False
) -> Organization:
    try:
        return organizations_for(request.user, admin=admin).get(pk=pk)
    except (Organization.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def require_membership(request: HttpRequest) -> None:
    """Pages for members of the platform: people of an approved member, and staff."""
    if not is_platform_staff(request.user) and not organizations_for(request.user).exists():
        raise PermissionDenied
