"""Referral workflows: sending, moving, withdrawing, and the deadline rounds.

Each runs in one transaction: the change, its history line, its access record and
the mail it causes are written together (the outbox sends the mail later). Mails
carry the reference, the service and a link — never the person's details, which
are read on the site behind two-factor sign-in.

The deadline rounds (:func:`referrals_send_reminders`, :func:`referrals_escalate_overdue`)
are idempotent: each referral is reminded once and escalated once, however often
the task engine (or ``manage.py referral_deadlines``) runs them.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagari.core.links import absolute_url
from tsunagari.council.models import Case, CouncilMember
from tsunagari.council.services import case_open_from
from tsunagari.directory.models import Organization, Service
from tsunagari.outbox.models import Message
from tsunagari.partners.models import MemberStatus
from tsunagari.partners.services import organization_recipients, staff_emails
from tsunagari.referrals.deadlines import add_working_days
from tsunagari.referrals.models import (
    Consent,
    EventKind,
    Referral,
    ReferralEvent,
    ReferralStatus,
    SharedItem,
    Source,
    match_key,
)
from tsunagari.sensitive.models import AccessRecord


class DuplicateReferral(Exception):
    """The same person is already referred to this service and it is still open."""

    def __init__(self, existing: Referral) -> None:
        super().__init__(existing.reference)
        self.existing = existing


def _mail(template: str, *, to: list[str], referral: Referral, **context: Any) -> None:
    link = absolute_url(reverse("referrals:detail", args=[referral.pk]))
    text = render_to_string(
        f"referrals/mail/{template}.txt", {"referral": referral, "link": link, **context}
    ).strip()
    subject, _sep, body = text.partition("\n")
    for address in dict.fromkeys(to):
        Message.queue(to=address, subject=subject.strip(), body=body.strip() + "\n")


def is_member(organization: Organization | None) -> bool:
    member = getattr(organization, "member", None)
    return member is not None and member.status == MemberStatus.APPROVED


def receiver_emails(referral: Referral) -> list[str]:
    """Who acts on a referral: the receiving organisation, or platform staff when relayed."""
    if referral.relayed:
        return staff_emails()
    return organization_recipients(referral.to_organization)


def sender_emails(referral: Referral) -> list[str]:
    if referral.from_organization is None:
        return []
    emails = organization_recipients(referral.from_organization)
    if referral.sent_by is not None and referral.sent_by.email:
        emails.insert(0, referral.sent_by.email.lower())
    return list(dict.fromkeys(emails))


def _schedule(referral: Referral) -> None:
    days = settings.REFERRAL_ACK_WORKING_DAYS
    before = min(settings.REFERRAL_REMIND_WORKING_DAYS, days)
    referral.ack_due_at = add_working_days(referral.sent_at, days)
    referral.remind_at = add_working_days(referral.sent_at, days - before)


def _save_new(referral: Referral) -> None:
    """Save, turning the database's one-open-referral rule into DuplicateReferral."""
    if referral.match_key:
        existing = (
            Referral.objects.open()
            .filter(service=referral.service, match_key=referral.match_key)
            .first()
        )
        if existing is not None:
            raise DuplicateReferral(existing)
    try:
        with transaction.atomic():
            referral.save(force_insert=True)
    except IntegrityError:
        existing = (
            Referral.objects.open()
            .filter(service=referral.service, match_key=referral.match_key)
            .first()
        )
        if existing is None:
            raise
        raise DuplicateReferral(existing) from None


@transaction.atomic
def referral_send(
    *,
    sender: Any,
    from_organization: Organization,
    service: Service,
    person_name: str,
    contact_how: str,
    contact_when: str = "",
    language: str = "ja",
    needs: list[str] | None = None,
    urgency: str = "normal",
    note: str = "",
    consent_method: str,
    consent_given_on: date,
    shared: list[str],
    previous: Referral | None = None,
) -> Referral:
    """A member organisation refers a person with their consent. Mails the receiver (or
    staff, who relay it). With ``previous``, that referral ends as ほかへつないだ, linked."""
    relayed = not is_member(service.organization)
    referral = Referral(
        source=Source.MEMBER,
        service=service,
        to_organization=service.organization,
        relayed=relayed,
        from_organization=from_organization,
        sent_by=sender,
        person_name=person_name,
        contact_how=contact_how,
        contact_when=contact_when,
        language=language,
        needs=needs or [],
        urgency=urgency,
        note=note if SharedItem.NOTE in shared else "",
        match_key=match_key(name=person_name, contact=contact_how),
    )
    _schedule(referral)
    _save_new(referral)
    given_at = timezone.make_aware(datetime.combine(consent_given_on, datetime.min.time()))
    Consent.objects.create(
        referral=referral,
        shared=shared,
        shared_with=_shared_with(referral),
        method=consent_method,
        given_at=given_at,
        recorded_by=sender,
    )
    ReferralEvent.objects.create(referral=referral, kind=EventKind.SENT, actor=sender)
    AccessRecord.log_change(actor=sender, obj=referral, action="作成", detail="送った")
    _mail("received", to=receiver_emails(referral), referral=referral)
    if previous is not None:
        previous = Referral.objects.select_for_update().get(pk=previous.pk)
        previous.end(
            ReferralStatus.REFERRED_ON,
            by=sender,
            reason=_("%(service)s（%(reference)s）へつなぎました。")
            % {"service": service.name, "reference": referral.reference},
            next_referral=referral,
        )
        _mail("outcome", to=sender_emails(previous), referral=previous)
    return referral


def _shared_with(referral: Referral) -> str:
    if referral.relayed:
        return _("%(organization)s（つながり事務局が取り次ぎ）") % {
            "organization": referral.to_organization.name
        }
    return referral.to_organization.name


@dataclass
class SelfReferral:
    referral: Referral
    token: str


@transaction.atomic
def referral_self_send(
    *,
    service: Service,
    person_name: str,
    contact_how: str,
    contact_when: str,
    language: str,
    navigator_text: str,
    submission_key: str,
) -> SelfReferral:
    """A person asks a desk to contact them from the navigator's answer. No account: they get
    a reference code and a secret status link. Only what they chose is attached."""
    shared = [SharedItem.NAME, SharedItem.CONTACT]
    if navigator_text.strip():
        shared.append(SharedItem.NAVIGATOR_TEXT)
    referral = Referral(
        source=Source.SELF,
        service=service,
        to_organization=service.organization,
        relayed=not is_member(service.organization),
        person_name=person_name,
        contact_how=contact_how,
        contact_when=contact_when,
        language=language,
        navigator_text=navigator_text.strip(),
        match_key=match_key(name=person_name, contact=contact_how),
        submission_key=submission_key,
    )
    token = referral.issue_status_token(valid_days=settings.REFERRAL_STATUS_LINK_DAYS)
    _schedule(referral)
    _save_new(referral)
    Consent.objects.create(
        referral=referral,
        shared=shared,
        shared_with=_shared_with(referral),
        method="online",
        given_at=referral.sent_at,
    )
    ReferralEvent.objects.create(referral=referral, kind=EventKind.SENT)
    AccessRecord.log_change(actor=None, obj=referral, action="作成", detail="本人から")
    _mail("received", to=receiver_emails(referral), referral=referral)
    return SelfReferral(referral, token)


# Moves the sender hears about by mail; the others show on the referral's page.
MAILED_TO_SENDER = {
    ReferralStatus.ACKNOWLEDGED,
    *ReferralStatus.endings(),
    ReferralStatus.CONNECTED,
}


@transaction.atomic
def referral_move(*, referral: Referral, to: str, by: Any, reason: str = "") -> Referral:
    """The receiving side records a step (受けた, 連絡がついた, 支援につながった) or an ending."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    referral.move(to, by=by, reason=reason)
    if to in MAILED_TO_SENDER:
        _mail("outcome", to=sender_emails(referral), referral=referral)
    return referral


@transaction.atomic
def referral_to_council(*, referral: Referral, by: CouncilMember) -> Case:
    """The receiving side takes the referral to the regional council: a council case opens
    from it, listing the member who asked. ``by`` is that person's current, pledged council
    membership (the view checks it). Locked, so two clicks open one case."""
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    locked.escalate_to_council(by=by.user)
    return case_open_from(source=locked, by=by)


@transaction.atomic
def referral_withdraw(*, referral: Referral, by: Any, reason: str) -> Referral:
    """The sender takes back an unfinished referral; the receiver is told."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    referral.withdraw(by=by, reason=reason)
    _mail("withdrawn", to=receiver_emails(referral), referral=referral)
    return referral


@transaction.atomic
def referral_withdraw_consent(*, referral: Referral, by: Any, reason: str = "") -> Referral:
    """The person takes back their consent: details erased, the fact kept, both sides told."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    was_open = referral.is_open
    referral.withdraw_consent(by=by, reason=reason)
    if was_open:
        _mail("withdrawn", to=receiver_emails(referral), referral=referral)
    if referral.from_organization is not None:
        _mail("outcome", to=sender_emails(referral), referral=referral)
    return referral


def _due(now: datetime | None) -> datetime:
    return now or timezone.now()


def referrals_send_reminders(*, now: datetime | None = None) -> int:
    """Remind the receiver of every referral not acknowledged by its reminder time. Once each."""
    now = _due(now)
    count = 0
    candidates = Referral.objects.filter(
        status=ReferralStatus.SENT, remind_at__lte=now, reminded_at__isnull=True
    ).values_list("pk", flat=True)
    for pk in list(candidates):
        with transaction.atomic():
            # Claim the row: a second round (or a second worker) finds it taken.
            if not Referral.objects.filter(
                pk=pk, status=ReferralStatus.SENT, reminded_at__isnull=True
            ).update(reminded_at=now):
                continue
            referral = Referral.objects.select_related("service", "to_organization").get(pk=pk)
            ReferralEvent.objects.create(referral=referral, kind=EventKind.REMINDED, at=now)
            _mail("reminder", to=receiver_emails(referral), referral=referral)
            count += 1
    return count


def referrals_escalate_overdue(*, now: datetime | None = None) -> int:
    """Tell platform staff about every referral still not acknowledged after its deadline.
    Once each. The mail names the service and organisations, never the person."""
    now = _due(now)
    count = 0
    candidates = Referral.objects.filter(
        status=ReferralStatus.SENT, ack_due_at__lte=now, escalated_at__isnull=True
    ).values_list("pk", flat=True)
    for pk in list(candidates):
        with transaction.atomic():
            if not Referral.objects.filter(
                pk=pk, status=ReferralStatus.SENT, escalated_at__isnull=True
            ).update(escalated_at=now):
                continue
            referral = Referral.objects.select_related("service", "to_organization").get(pk=pk)
            ReferralEvent.objects.create(referral=referral, kind=EventKind.ESCALATED, at=now)
            _mail("escalated", to=staff_emails(), referral=referral)
            count += 1
    return count


@dataclass
class Round:
    reminded: int
    escalated: int


def referrals_run_deadlines(*, now: datetime | None = None) -> Round:
    now = _due(now)
    return Round(
        reminded=referrals_send_reminders(now=now), escalated=referrals_escalate_overdue(now=now)
    )
