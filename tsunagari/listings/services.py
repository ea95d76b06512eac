"""Workflows on listings: create, edit, review, confirm. Each writes its history in the same transaction."""

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagari.directory.models import (
    Attribute,
    Organization,
    ReviewStatus,
    Service,
    TaxonomyTerm,
    months_before,
)
from tsunagari.directory.needs import NEEDS_BY_CODE
from tsunagari.listings.access import owner_emails
from tsunagari.listings.models import (
    ASK_AGAIN_AFTER_DAYS,
    CONFIRM_AFTER_MONTHS,
    ChangeAction,
    ConfirmationRequest,
    ListingChange,
    who,
)
from tsunagari.outbox.models import Message
from tsunagari.translations.forms import TranslationChange, TranslationFormSet

# The fields an owner keeps. Everything else (review state, verification, organisation) is not theirs.
EDITABLE_FIELDS = [
    "name",
    "description",
    "eligibility_description",
    "fees_description",
    "application_process",
    "url",
]
NEEDS_FIELD = "need_codes"
CONFIRM_SALT = "tsunagari.listings.confirm"
CONFIRM_TOKEN_MAX_AGE = 60 * 60 * 24 * 60  # sixty days to click


def _record(
    service: Service,
    *,
    action: str,
    field: str,
    before: Any,
    after: Any,
    by: Any = None,
    by_email: str = "",
) -> ListingChange:
    return ListingChange.record(
        resource_type="service",
        resource_id=service.pk,
        action=action,
        field=field,
        before=before,
        after=after,
        by=by,
        by_email=by_email,
    )


def need_codes_of(service: Service) -> list[str]:
    return sorted(
        service.attributes.filter(taxonomy_term__taxonomy="need").values_list(
            "taxonomy_term__code", flat=True
        )
    )


def _set_need_codes(service: Service, codes: list[str]) -> None:
    service.attributes.filter(taxonomy_term__taxonomy="need").exclude(
        taxonomy_term__code__in=codes
    ).delete()
    for code in codes:
        term, _created = TaxonomyTerm.objects.get_or_create(
            taxonomy="need", code=code, defaults={"name": str(NEEDS_BY_CODE[code].label)}
        )
        Attribute.objects.get_or_create(service=service, taxonomy_term=term)


def _mail_owners(service: Service, *, subject: str, template: str, context: dict[str, Any]) -> None:
    body = render_to_string(
        template, {"service": service, "site_url": settings.SITE_URL, **context}
    )
    for email in owner_emails(service.organization):
        Message.queue(to=email, subject=subject, body=body)


def listing_create(
    *, organization: Organization, data: dict[str, Any], need_codes: list[str], by: Any
) -> Service:
    """A member's new listing: it waits for staff review before anyone sees it."""
    with transaction.atomic():
        service = Service(organization=organization, review_status=ReviewStatus.PENDING)
        for field in EDITABLE_FIELDS:
            setattr(service, field, data.get(field, ""))
        service.source_name = _("%(organization)sが入力") % {"organization": organization.name}
        service.source_date = timezone.localdate().isoformat()
        service.save()
        _set_need_codes(service, need_codes)
        for field in EDITABLE_FIELDS:
            if getattr(service, field):
                _record(
                    service,
                    action=ChangeAction.CREATE,
                    field=field,
                    before="",
                    after=getattr(service, field),
                    by=by,
                )
        _record(
            service,
            action=ChangeAction.CREATE,
            field=NEEDS_FIELD,
            before="",
            after=",".join(sorted(need_codes)),
            by=by,
        )
    return service


def listing_update(
    *, service: Service, data: dict[str, Any], need_codes: list[str], by: Any
) -> list[ListingChange]:
    """An owner's edit. Published listings stay published (see docs/decisions); a sent-back one goes back to review."""
    changes: list[ListingChange] = []
    with transaction.atomic():
        service = Service.objects.select_for_update().get(pk=service.pk)
        changed_fields = []
        for field in EDITABLE_FIELDS:
            before, after = getattr(service, field), data.get(field, "")
            if before != after:
                setattr(service, field, after)
                changed_fields.append(field)
                changes.append(
                    _record(
                        service,
                        action=ChangeAction.UPDATE,
                        field=field,
                        before=before,
                        after=after,
                        by=by,
                    )
                )
        before_codes = need_codes_of(service)
        if before_codes != sorted(need_codes):
            _set_need_codes(service, need_codes)
            changes.append(
                _record(
                    service,
                    action=ChangeAction.UPDATE,
                    field=NEEDS_FIELD,
                    before=",".join(before_codes),
                    after=",".join(sorted(need_codes)),
                    by=by,
                )
            )
        if changed_fields:
            service.save(update_fields=[*changed_fields, "updated_at"])
        if changes:
            _resubmit_if_sent_back(service, by=by)
    return changes


def listing_translations_save(
    *, service: Service, formset: TranslationFormSet, by: Any
) -> list[TranslationChange]:
    """An owner's translations of their listing, kept like their edits (decision 0005):
    each changed field and language goes to the history and the staff's list of recent
    edits, and a sent-back listing goes back to review."""
    with transaction.atomic():
        service = Service.objects.select_for_update().get(pk=service.pk)
        changes = formset.save_and_tell()
        for change in changes:
            _record(
                service,
                action=ChangeAction.UPDATE,
                field=change.history_field,
                before=change.before,
                after=change.after,
                by=by,
            )
        if changes:
            _resubmit_if_sent_back(service, by=by)
    return changes


def _resubmit_if_sent_back(service: Service, *, by: Any) -> None:
    """An owner's change answers staff's send-back: the listing waits for review again."""
    if service.review_status == ReviewStatus.REJECTED:
        _transition(service, move=service.resubmit_review, action=ChangeAction.RESUBMIT, by=by)


def _transition(service: Service, *, move: Any, action: str, by: Any) -> None:
    """Make one of the model's review moves and write it to the history."""
    before = move()
    _record(
        service,
        action=action,
        field="review_status",
        before=before,
        after=service.review_status,
        by=by,
    )


def listing_approve(*, service: Service, by: Any) -> None:
    """Staff accept a pending listing: pending → published. The owner wrote it just now, so it counts as checked."""
    with transaction.atomic():
        service = Service.objects.select_for_update().get(pk=service.pk)
        _transition(service, move=service.approve_review, action=ChangeAction.APPROVE, by=by)
        before = service.assured_date
        service.mark_verified(by_email=who(by))
        _record(
            service,
            action=ChangeAction.APPROVE,
            field="assured_date",
            before=before,
            after=service.assured_date,
            by=by,
        )
        _mail_owners(
            service,
            subject=_("「%(name)s」を公開しました") % {"name": service.name},
            template="listings/mail/approved.txt",
            context={},
        )


def listing_send_back(*, service: Service, by: Any, message: str) -> None:
    """Staff ask the owner to correct a pending listing: pending → rejected, with a message."""
    if not message.strip():
        raise ValueError("a send-back needs a message")
    with transaction.atomic():
        service = Service.objects.select_for_update().get(pk=service.pk)
        _transition(service, move=service.send_back_review, action=ChangeAction.SEND_BACK, by=by)
        _record(
            service,
            action=ChangeAction.SEND_BACK,
            field="review_message",
            before="",
            after=message,
            by=by,
        )
        _mail_owners(
            service,
            subject=_("「%(name)s」について事務局から確認のお願いがあります")
            % {"name": service.name},
            template="listings/mail/sent_back.txt",
            context={"message": message},
        )


def last_send_back_message(service: Service) -> str:
    change = (
        ListingChange.for_service(service)
        .filter(last_action_type=ChangeAction.SEND_BACK, field_name="review_message")
        .first()
    )
    return change.replacement_value if change else ""


def listing_confirm(*, request: ConfirmationRequest, today: date | None = None) -> None:
    """The owner clicked 「この内容で正しい」: set assured_date and close the request."""
    with transaction.atomic():
        service = Service.objects.select_for_update().get(pk=request.service_id)
        before = service.assured_date
        by_email = request.sent_to.split(",")[0].strip()
        service.mark_verified(by_email=by_email, today=today)
        _record(
            service,
            action=ChangeAction.CONFIRM,
            field="assured_date",
            before=before,
            after=service.assured_date,
            by_email=by_email,
        )
        request.confirmed_at = timezone.now()
        request.save(update_fields=["confirmed_at"])


def confirmation_token(request: ConfirmationRequest) -> str:
    return signing.dumps({"request": request.pk}, salt=CONFIRM_SALT)


def confirmation_from_token(token: str) -> ConfirmationRequest | None:
    """The request behind a link, or None if the link is forged, broken or expired."""
    try:
        payload = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_TOKEN_MAX_AGE)
        return ConfirmationRequest.objects.select_related("service__organization").get(
            pk=payload["request"]
        )
    except (
        signing.BadSignature,
        ConfirmationRequest.DoesNotExist,
        KeyError,
        TypeError,
        ValueError,
    ):
        return None


def services_due_for_confirmation(*, today: date) -> list[Service]:
    cutoff = months_before(today, CONFIRM_AFTER_MONTHS)
    recently = timezone.now() - timedelta(days=ASK_AGAIN_AFTER_DAYS)
    candidates = (
        Service.objects.public()
        .filter(gathering__isnull=True)
        .filter(Q(assured_date__isnull=True) | Q(assured_date__lt=cutoff))
        .exclude(confirmation_requests__sent_at__gte=recently)
        .select_related("organization")
        .order_by("organization__name", "name")
    )
    return [service for service in candidates if owner_emails(service.organization)]


def confirmation_requests_send(*, today: date | None = None) -> int:
    """Ask each due listing's owner, once, to confirm or correct it. Returns how many listings were asked."""
    today = today or timezone.localdate()
    asked = 0
    for service in services_due_for_confirmation(today=today):
        emails = owner_emails(service.organization)
        with transaction.atomic():
            request = ConfirmationRequest.objects.create(service=service, sent_to=",".join(emails))
            link = settings.SITE_URL.rstrip("/") + reverse(
                "listings:confirm", args=[confirmation_token(request)]
            )
            _mail_owners(
                service,
                subject=_("「%(name)s」の掲載内容は今も正しいですか") % {"name": service.name},
                template="listings/mail/confirm_request.txt",
                context={"link": link},
            )
        asked += 1
    return asked
