"""Workflows of the watch network that span several records and send mail.

Each runs in one transaction: the change, its history line and the mail it causes are
written together (the outbox sends later), so nothing is half-done. Mail never carries the
place or the details of a report, only a link to the centre's page, which needs two-factor
sign-in.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from tsunagari.core.crisis import sourced_line
from tsunagari.core.links import absolute_url
from tsunagari.council.models import Case, CouncilMember
from tsunagari.council.services import case_open_from
from tsunagari.directory.models import Organization
from tsunagari.outbox.models import Message
from tsunagari.partners.services import staff_emails
from tsunagari.sensitive.models import AccessRecord
from tsunagari.watch.access import centre_recipients
from tsunagari.watch.deadlines import add_working_minutes
from tsunagari.watch.models import (
    ActionKind,
    BusinessStatus,
    Report,
    ReportAction,
    ReportStatus,
    Routing,
    WatchBusiness,
)
from tsunagari.watch.tables import centre_for_place, kikan_centres

STATUS_SALT = "tsunagari.watch.status"


def _mail(template: str, *, to: list[str], context: dict[str, Any]) -> list[Message]:
    text = render_to_string(f"watch/mail/{template}.txt", context).strip()
    subject, _sep, body = text.partition("\n")
    return [
        Message.queue(to=address, subject=subject.strip(), body=body.strip() + "\n")
        for address in dict.fromkeys(to)
    ]


# --- businesses -------------------------------------------------------------------------


@transaction.atomic
def business_apply(
    *, name: str, kind: str, ward: str, contact_name: str, contact_email: str, contact_phone: str
) -> WatchBusiness:
    business = WatchBusiness.objects.create(
        name=name,
        kind=kind,
        ward=ward,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
    )
    _mail("business_received", to=[contact_email], context={"business": business})
    review = absolute_url(reverse("watch:staff_business", args=[business.pk]))
    _mail("business_for_staff", to=staff_emails(), context={"business": business, "url": review})
    return business


@transaction.atomic
def business_approve(*, business: WatchBusiness, by: Any) -> str:
    """Approve and mail the contact person the link to the card page; returns that link."""
    business.approve(by=by)
    return business_send_card(business=business)


def business_send_card(*, business: WatchBusiness) -> str:
    token = business.issue_card_token()
    link = absolute_url(reverse("watch:card", args=[token]))
    _mail(
        "business_approved",
        to=[business.contact_email],
        context={"business": business, "link": link},
    )
    return link


@transaction.atomic
def business_decide(*, business: WatchBusiness, action: str, by: Any) -> None:
    """decline / suspend / resume / withdraw / renew (a new QR code) — one staff decision."""
    if action == "renew":
        business.renew_report_token()
        business_send_card(business=business)
        return
    transitions = {
        "decline": business.decline,
        "suspend": business.suspend,
        "resume": business.resume,
        "withdraw": business.withdraw,
    }
    transitions[action](by=by)
    if action == "decline":
        _mail("business_declined", to=[business.contact_email], context={"business": business})


# --- routing ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    centre: Organization | None
    kikan: Organization | None
    town: str
    routing: str


def _organization(name: str | None) -> Organization | None:
    return Organization.objects.filter(name=name).first() if name else None


def route_report(*, ward: str, place: str) -> Route:
    """The area table's centre for the 町名 in the place, else the ward's 基幹型 centre.

    A centre named in the tables but missing from the directory is skipped, never guessed;
    with no centre at all, platform staff relay the report."""
    kikan = _organization(kikan_centres().get(ward))
    match = centre_for_place(ward, place)
    town = match[0] if match else ""
    centre = _organization(match[1]) if match else None
    if centre is not None:
        return Route(centre, kikan, town, Routing.AREA)
    if kikan is not None:
        return Route(kikan, kikan, town, Routing.WARD)
    return Route(None, None, town, Routing.STAFF)


# --- reports ----------------------------------------------------------------------------


def status_token(report: Report) -> str:
    return signing.dumps(str(report.pk), salt=STATUS_SALT, compress=True)


def report_from_status_token(token: str) -> tuple[Report | None, str]:
    """(report, "") for a good link, (None, "expired") or (None, "invalid") otherwise."""
    max_age = settings.WATCH_STATUS_LINK_DAYS * 24 * 60 * 60
    try:
        pk = signing.loads(token, salt=STATUS_SALT, max_age=max_age)
    except signing.SignatureExpired:
        return None, "expired"
    except signing.BadSignature:
        return None, "invalid"
    try:
        report = Report.objects.select_related("centre").get(pk=uuid.UUID(str(pk)))
    except (Report.DoesNotExist, ValueError):
        return None, "invalid"
    return report, ""


def _action(report: Report, kind: str, *, by: Any = None, at: datetime, note: str = "") -> None:
    action = ReportAction(report=report, kind=kind, at=at, by=by, centre=report.centre)
    action.note = note
    action.save()
    if by is not None:
        AccessRecord.log_change(actor=by, obj=report, action="状態変更", detail=str(action))


def _report_link(report: Report) -> str:
    return absolute_url(reverse("watch:report_detail", args=[report.pk]))


def _notify_centre(report: Report, template: str) -> None:
    """Mail the responsible centre; when nobody there is on the platform, staff relay it."""
    context = {"report": report, "url": _report_link(report)}
    recipients = centre_recipients(report.centre)
    if recipients:
        _mail(template, to=recipients, context=context)
    else:
        # The centre's number for the phone call, only as a sourced file states it.
        line = sourced_line(report.centre.name) if report.centre is not None else None
        _mail("report_relay", to=staff_emails(), context={**context, "line": line})


def report_submit(
    *,
    business: WatchBusiness,
    idempotency_key: uuid.UUID,
    kind: str,
    place: str,
    details: str,
    noticed_on: date,
    immediate_danger: bool,
    ward: str,
    now: datetime | None = None,
) -> tuple[Report, bool]:
    """Record a report once per form (a double tap returns the first); route it and mail.

    Returns (report, created)."""
    existing = Report.objects.filter(business=business, idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing, False
    if business.status != BusinessStatus.APPROVED:
        raise ValueError("this business cannot report")
    now = now or timezone.now()
    route = route_report(ward=ward, place=place)
    try:
        with transaction.atomic():
            report = Report(
                business=business,
                idempotency_key=idempotency_key,
                kind=kind,
                noticed_on=noticed_on,
                immediate_danger=immediate_danger,
                ward=ward,
                town=route.town,
                routing=route.routing,
                first_centre=route.centre,
                centre=route.centre,
                kikan=route.kikan,
                received_at=now,
                ack_due_at=add_working_minutes(now, settings.WATCH_ACK_MINUTES),
            )
            report.place = place
            report.details = details
            report.save()
            _action(report, ActionKind.RECEIVED, at=now)
            _notify_centre(report, "report_new")
    except IntegrityError:
        # Two taps raced past the check above; the first one's report stands.
        return Report.objects.get(business=business, idempotency_key=idempotency_key), False
    return report, True


@transaction.atomic
def report_acknowledge(*, report: Report, by: Any, now: datetime | None = None) -> None:
    now = now or timezone.now()
    report.acknowledge(by=by, at=now)
    _action(report, ActionKind.ACKNOWLEDGED, by=by, at=now)


@transaction.atomic
def report_record(*, report: Report, by: Any, note: str, now: datetime | None = None) -> None:
    if report.status != ReportStatus.ACKNOWLEDGED:
        from tsunagari.core.transitions import InvalidTransition

        raise InvalidTransition(f"{report.status}: record")
    _action(report, ActionKind.NOTE, by=by, at=now or timezone.now(), note=note)


@transaction.atomic
def report_transfer(
    *, report: Report, to: Organization, by: Any, note: str, now: datetime | None = None
) -> None:
    """The place is another centre's: it gets the report with a fresh deadline, and is mailed."""
    now = now or timezone.now()
    report.transfer(to=to, due=add_working_minutes(now, settings.WATCH_ACK_MINUTES))
    _action(report, ActionKind.TRANSFERRED, by=by, at=now, note=note)
    _notify_centre(report, "report_new")


@transaction.atomic
def report_close(
    *, report: Report, by: Any, outcome: str, note: str, now: datetime | None = None
) -> None:
    now = now or timezone.now()
    report.close(outcome=outcome, at=now)
    _action(report, ActionKind.CLOSED, by=by, at=now, note=note)


@transaction.atomic
def report_to_council(*, report: Report, by: CouncilMember, now: datetime | None = None) -> Case:
    """The centre takes the report to the regional council: a council case opens from it,
    listing the member who asked; the report stays the centre's to handle and close.

    ``by`` is the current, pledged council membership of the person handling the report
    (the view checks both). Locked, so two clicks open one case."""
    now = now or timezone.now()
    locked = Report.objects.select_for_update().get(pk=report.pk)
    locked.escalate_to_council(at=now)
    _action(locked, ActionKind.COUNCIL, by=by.user, at=now)
    report.council_at = locked.council_at
    return case_open_from(source=locked, by=by)


def watch_escalate_overdue(*, now: datetime | None = None) -> int:
    """Tell the ward's 基幹型 centre and platform staff about every report still unacknowledged
    after its deadline. Idempotent: a report escalates once, however often this runs (the task
    engine runs it; until then ``manage.py watch_escalate``). Returns how many escalated now."""
    now = now or timezone.now()
    count = 0
    due = Report.objects.filter(
        status=ReportStatus.RECEIVED, escalated_at__isnull=True, ack_due_at__lte=now
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            report = (
                Report.objects.select_for_update()
                .filter(pk=pk, status=ReportStatus.RECEIVED, escalated_at__isnull=True)
                .first()
            )
            if report is None:
                continue
            report.mark_escalated(at=now)
            _action(report, ActionKind.ESCALATED, at=now)
            context = {"report": report, "url": _report_link(report)}
            to = staff_emails()
            if report.kikan is not None and report.kikan != report.centre:
                to = centre_recipients(report.kikan) + to
            _mail("report_escalated", to=to, context=context)
            count += 1
    return count
