"""Workflows of the platform that span several records and send mail.

Each runs in one transaction: the change and the mail it causes are written
together (the outbox sends the mail later), so nothing is half-done.
"""

from typing import Any

from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from tsunagari.accounts.models import Invitation, Role, RoleKind, User
from tsunagari.core.links import absolute_url
from tsunagari.directory.models import Organization
from tsunagari.gatherings.models import Gathering, GatheringState
from tsunagari.outbox.models import Message
from tsunagari.partners.models import (
    Attendance,
    ContactRequest,
    Member,
    MemberStatus,
    Notice,
    Offer,
    Partnership,
    Posting,
    PostingKind,
    Request,
)

TITLE_LENGTH = Offer._meta.get_field("title").max_length or 100


def _mail(template: str, *, to: str, context: dict[str, Any], reply_to: str = "") -> Message:
    text = render_to_string(f"partners/mail/{template}.txt", context).strip()
    subject, _sep, body = text.partition("\n")
    return Message.queue(
        to=to, subject=subject.strip(), body=body.strip() + "\n", reply_to=reply_to
    )


def organization_recipients(organization: Organization) -> list[str]:
    """Where mail for an organisation goes: its contact person and its admins."""
    emails: list[str] = []
    member = getattr(organization, "member", None)
    if member is not None and member.contact_email:
        emails.append(member.contact_email.lower())
    for email in Role.objects.filter(organization=organization, kind=RoleKind.ADMIN).values_list(
        "user__email", flat=True
    ):
        if email and email.lower() not in emails:
            emails.append(email.lower())
    return emails


def staff_emails() -> list[str]:
    return list(
        User.objects.filter(is_staff=True, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )


@transaction.atomic
def member_apply(
    *,
    name: str,
    sector: str,
    description: str,
    needs: list[str],
    wards: list[str],
    website: str,
    contact_name: str,
    contact_email: str,
    contact_public: bool,
    can_offer: str,
    looking_for: str,
) -> Member:
    organization = Organization.objects.create(name=name, description=description, website=website)
    member = Member.objects.create(
        organization=organization,
        sector=sector,
        needs=needs,
        wards=wards,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_public=contact_public,
        can_offer=can_offer,
        looking_for=looking_for,
    )
    Invitation.objects.create(organization=organization, email=contact_email, kind=RoleKind.ADMIN)
    _mail("application_received", to=contact_email, context={"member": member})
    review = absolute_url(reverse("partners:staff_application", args=[member.pk]))
    for email in staff_emails():
        _mail("application_for_staff", to=email, context={"member": member, "url": review})
    return member


def invitation_send(*, invitation: Invitation, message: str = "") -> Message:
    token = invitation.issue()
    link = absolute_url(reverse("accounts:invitation", args=[token]))
    return _mail(
        "invitation",
        to=invitation.email,
        context={"invitation": invitation, "link": link, "message": message},
    )


def _posting_from_application(model: type[Posting], member: Member, text: str, by: Any) -> None:
    """What the applicant typed becomes an open posting: its first line is the title."""
    text = text.strip()
    if not text:
        return
    title = text.splitlines()[0].strip()
    if len(title) > TITLE_LENGTH:
        title = title[: TITLE_LENGTH - 1] + "…"
    model.objects.create(  # type: ignore[attr-defined]
        organization=member.organization,
        kind=PostingKind.OTHER,
        title=title,
        description=text if text != title else "",
        needs=member.needs,
        wards=member.wards,
        created_by=by if getattr(by, "pk", None) else None,
    )


@transaction.atomic
def member_approve(*, member: Member, by: Any, message: str = "") -> Invitation:
    """Approve, turn the offers and needs typed at sign-up into board postings, send the invitation."""
    member.approve(by=by)
    _posting_from_application(Offer, member, member.can_offer, by)
    _posting_from_application(Request, member, member.looking_for, by)
    invitation = (
        Invitation.objects.filter(
            organization=member.organization, kind=RoleKind.ADMIN, accepted_at__isnull=True
        )
        .order_by("-created_at")
        .first()
    )
    if invitation is None:
        invitation = Invitation.objects.create(
            organization=member.organization,
            email=member.contact_email,
            kind=RoleKind.ADMIN,
            invited_by=by,
        )
    invitation_send(invitation=invitation, message=message)
    return invitation


ANSWER_SALT = "tsunagari.partners.answer"
ANSWER_MAX_AGE = 60 * 60 * 24 * 30  # thirty days to answer


def answer_token(member: Member) -> str:
    return signing.dumps({"member": member.pk}, salt=ANSWER_SALT)


def member_from_answer_token(token: str) -> Member | None:
    """The application behind an answer link, or None if the link is forged, broken or expired."""
    try:
        payload = signing.loads(token, salt=ANSWER_SALT, max_age=ANSWER_MAX_AGE)
        return Member.objects.select_related("organization").get(pk=payload["member"])
    except (signing.BadSignature, Member.DoesNotExist, KeyError, TypeError, ValueError):
        return None


@transaction.atomic
def member_ask_back(*, member: Member, by: Any, message: str) -> None:
    member.ask_back(by=by, message=message)
    link = absolute_url(reverse("partners:application_answer", args=[answer_token(member)]))
    _mail(
        "application_asked_back",
        to=member.contact_email,
        context={"member": member, "message": message, "link": link},
        reply_to=by.email,
    )


@transaction.atomic
def member_answer(*, member: Member, text: str) -> None:
    """The applicant answered on the page: back to the staff's queue, and staff are told."""
    member.answer(text=text)
    review = absolute_url(reverse("partners:staff_application", args=[member.pk]))
    for email in staff_emails():
        _mail("application_answered", to=email, context={"member": member, "url": review})


@transaction.atomic
def member_leave(*, member: Member, by: Any) -> int:
    """The organisation leaves: approved → left, and its public gatherings are withdrawn.

    Returns how many gatherings were withdrawn. Their history names who did it.
    """
    member.leave(by=by)
    withdrawn = 0
    for gathering in Gathering.objects.filter(
        organization=member.organization,
        state__in=[GatheringState.PUBLISHED, GatheringState.PAUSED],
    ):
        gathering.withdraw(by=by)
        withdrawn += 1
    return withdrawn


@transaction.atomic
def member_decline(*, member: Member, by: Any, message: str) -> None:
    member.decline(by=by)
    _mail(
        "application_declined",
        to=member.contact_email,
        context={"member": member, "message": message},
        reply_to=by.email,
    )


@transaction.atomic
def invitation_create(*, organization: Organization, email: str, kind: str, by: Any) -> Invitation:
    invitation = Invitation.objects.create(
        organization=organization, email=email, kind=kind, invited_by=by
    )
    invitation_send(invitation=invitation)
    return invitation


@transaction.atomic
def contact_request_send(
    *,
    from_organization: Organization,
    to_organization: Organization,
    sender: Any,
    message: str,
    offer: Offer | None = None,
    request: Request | None = None,
) -> ContactRequest:
    contact = ContactRequest.objects.create(
        from_organization=from_organization,
        to_organization=to_organization,
        sender=sender,
        message=message,
        offer=offer,
        request=request,
    )
    link = absolute_url(reverse("partners:contacts"))
    for email in organization_recipients(to_organization):
        _mail(
            "contact_request",
            to=email,
            context={"contact": contact, "link": link},
            reply_to=sender.email,
        )
    return contact


@transaction.atomic
def contact_request_accept(*, contact: ContactRequest, by: Any) -> Partnership:
    partnership = contact.accept(by=by)
    recipients = organization_recipients(contact.from_organization)
    if (
        contact.sender is not None
        and contact.sender.email
        and contact.sender.email.lower() not in recipients
    ):
        recipients.append(contact.sender.email)
    for email in recipients:
        _mail("contact_accepted", to=email, context={"contact": contact}, reply_to=by.email)
    return partnership


@transaction.atomic
def contact_request_decline(*, contact: ContactRequest, by: Any) -> None:
    contact.decline(by=by)


@transaction.atomic
def notice_post(*, notice: Notice, by: Any) -> int:
    """Save a notice and mail every organisation it reaches; returns how many mails were queued."""
    notice.created_by = by
    notice.save()
    link = absolute_url(reverse("partners:notice_detail", args=[notice.pk]))
    sent: set[str] = set()
    for member in notice.audience().select_related("organization"):
        for email in organization_recipients(member.organization):
            if email not in sent:
                sent.add(email)
                _mail(
                    "notice", to=email, context={"notice": notice, "link": link}, reply_to=by.email
                )
    for email in Role.objects.filter(organization__member__in=notice.audience()).values_list(
        "user__email", flat=True
    ):
        if email and email.lower() not in sent:
            sent.add(email.lower())
            _mail("notice", to=email, context={"notice": notice, "link": link}, reply_to=by.email)
    return len(sent)


@transaction.atomic
def attendance_answer(
    *, notice: Notice, organization: Organization, answer: str, people: int, by: Any
) -> Attendance:
    attendance, _created = Attendance.objects.update_or_create(
        notice=notice,
        organization=organization,
        defaults={"answer": answer, "people": people, "answered_by": by},
    )
    return attendance


def pending_applications() -> Any:
    return Member.objects.filter(
        status__in=[MemberStatus.APPLIED, MemberStatus.ASKED_BACK]
    ).select_related("organization")
