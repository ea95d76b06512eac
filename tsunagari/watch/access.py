"""Who may see a watch report: the centre it is routed to, the ward's 基幹型 centre once the
report has escalated to it, and platform staff. Anyone else gets 404."""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from tsunagari.accounts.models import Role
from tsunagari.directory.models import Organization
from tsunagari.partners.access import is_platform_staff, organizations_for
from tsunagari.partners.models import MemberStatus
from tsunagari.watch.models import Report, WatchBusiness


def reports_for(user: Any) -> QuerySet[Report]:
    reports = Report.objects.select_related("business", "centre", "kikan")
    if is_platform_staff(user):
        return reports
    centres = organizations_for(user)
    return reports.filter(
        Q(centre__in=centres) | Q(kikan__in=centres, escalated_at__isnull=False)
    ).distinct()


def get_report_for_user(request: HttpRequest, pk: Any) -> Report:
    try:
        return reports_for(request.user).get(pk=pk)
    except (Report.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def centre_recipients(centre: Organization | None) -> list[str]:
    """Where a centre's mail goes: its contact person and everyone acting for it on the platform.
    Empty when the centre is not an approved member: the secretariat then relays by phone."""
    member = getattr(centre, "member", None) if centre is not None else None
    if member is None or member.status != MemberStatus.APPROVED:
        return []
    emails = [member.contact_email.lower()] if member.contact_email else []
    for email in Role.objects.filter(organization=centre, user__is_active=True).values_list(
        "user__email", flat=True
    ):
        if email and email.lower() not in emails:
            emails.append(email.lower())
    return emails


def get_business_for_staff(pk: Any) -> WatchBusiness:
    try:
        return WatchBusiness.objects.get(pk=pk)
    except (WatchBusiness.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
