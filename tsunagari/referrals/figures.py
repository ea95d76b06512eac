"""Public figures per receiving service: how soon it answers, how often it takes a person on.

Shown only once a service has at least REFERRAL_FIGURES_MINIMUM referrals (not counting
ones the sender withdrew before any answer): fewer would say more about single people
than about the service. Computed in Python over the few fields needed, the same on
SQLite and PostgreSQL.
"""

from dataclasses import dataclass
from statistics import median

from django.conf import settings

from tsunagari.directory.models import Service
from tsunagari.referrals.models import Referral, ReferralStatus

REFUSED = {ReferralStatus.NOT_ELIGIBLE, ReferralStatus.NO_CAPACITY}


@dataclass(frozen=True)
class ServiceFigures:
    service_id: str
    service_name: str
    organization_name: str
    referrals: int
    median_hours_to_acknowledge: float | None
    share_accepted: float | None  # of those answered: acknowledged and not refused


def public_figures(minimum: int | None = None) -> list[ServiceFigures]:
    minimum = settings.REFERRAL_FIGURES_MINIMUM if minimum is None else minimum
    rows = (
        Referral.objects.filter(service__in=Service.objects.public())
        .exclude(status=ReferralStatus.WITHDRAWN, acknowledged_at__isnull=True)
        .values_list("service_id", "status", "sent_at", "acknowledged_at")
    )
    by_service: dict[str, list[tuple[str, object, object]]] = {}
    for service_id, status, sent_at, acknowledged_at in rows:
        by_service.setdefault(str(service_id), []).append((status, sent_at, acknowledged_at))
    counted = {pk: items for pk, items in by_service.items() if len(items) >= minimum}
    names = {
        str(s.pk): s for s in Service.objects.filter(pk__in=counted).select_related("organization")
    }
    figures = []
    for pk, items in counted.items():
        hours = [
            (ack - sent).total_seconds() / 3600  # type: ignore[operator]
            for _status, sent, ack in items
            if ack is not None
        ]
        answered = [(s, a) for s, _sent, a in items if a is not None or s in REFUSED]
        accepted = [1 for s, a in answered if a is not None and s not in REFUSED]
        service = names[pk]
        figures.append(
            ServiceFigures(
                service_id=pk,
                service_name=service.name,
                organization_name=service.organization.name,
                referrals=len(items),
                median_hours_to_acknowledge=round(median(hours), 1) if hours else None,
                share_accepted=round(len(accepted) / len(answered), 2) if answered else None,
            )
        )
    return sorted(figures, key=lambda f: f.service_name)
