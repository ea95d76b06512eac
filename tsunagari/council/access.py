"""Who may see the council's cases: listed, current, pledged members — nobody else.

Everyone else gets 404, never 403: a former member's old link, a city staff member
who is not on the council, or a member not listed on the case learn nothing, not
even that the case exists. Being platform staff or a system administrator grants
nothing here (docs/decisions/0026).
"""

from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone

from tsunagari.council.models import Case, CouncilMember


def active_membership(user: Any) -> CouncilMember | None:
    """The user's council membership that counts today (term running, pledge signed)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        CouncilMember.objects.active(timezone.localdate())
        .filter(user=user)
        .select_related("body", "user")
        .order_by("starts_on")
        .first()
    )


def get_member_for_user(request: HttpRequest) -> CouncilMember:
    member = active_membership(request.user)
    if member is None:
        raise Http404
    return member


def cases_for(member: CouncilMember) -> Any:
    """Cases that list this member: the same user's every current membership counts."""
    current = CouncilMember.objects.active(timezone.localdate()).filter(user_id=member.user_id)
    return Case.objects.filter(listings__member__in=current).distinct()


def get_case_for_user(request: HttpRequest, pk: Any) -> tuple[CouncilMember, Case]:
    member = get_member_for_user(request)
    try:
        case = cases_for(member).select_related("opened_by__user", "opened_by__body").get(pk=pk)
    except (Case.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    return member, case
