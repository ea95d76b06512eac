"""Who may see and act on a referral. Outsiders get 404: they cannot learn it exists.

The sending organisation's people see it and may withdraw it; the receiving
organisation's people act on it — or, when it is relayed (the receiver is not a
member), platform staff do. Staff see no other referral.
"""

from typing import Any

from django.http import Http404, HttpRequest

from tsunagari.partners.access import is_platform_staff, organizations_for
from tsunagari.referrals.models import Referral


def get_referral_for_user(request: HttpRequest, pk: Any) -> Referral:
    try:
        return (
            Referral.objects.visible_to(request.user)
            .select_related("service", "to_organization", "from_organization", "sent_by")
            .get(pk=pk)
        )
    except (Referral.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def is_receiver(user: Any, referral: Referral) -> bool:
    if referral.relayed:
        return is_platform_staff(user)
    return organizations_for(user).filter(pk=referral.to_organization_id).exists()


def is_sender(user: Any, referral: Referral) -> bool:
    if referral.from_organization_id is None:
        return False
    return organizations_for(user).filter(pk=referral.from_organization_id).exists()
